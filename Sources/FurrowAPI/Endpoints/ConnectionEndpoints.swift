import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `ConnectionRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension ConnectionRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/connections", "createConnection", tag: "Connections", "Connect two parties",
                 body: .json("ConnectionCreate"),
                 answers: [.created("Connection", location: "/api/v1/connections/{id}"), .unauthorized, .writeForbidden("The caller's role cannot change either party")],
                 bodyErrors: true,
                 use: ConnectionRoutes.create),
        Endpoint(.get, "/connections", "listConnections", tag: "Connections", "List a party's connections",
                 description: "The connections of one party whose other party the caller may also see, in one page. No other parameters are accepted.",
                 parameters: [Endpoint.Parameter("partyType", in: .query, required: true, nil, .ref("PartyType")), Endpoint.Parameter("partyId", in: .query, required: true, nil, .uuid())],
                 answers: [.ok("ConnectionPage"), .problem(400, [.invalidQuery], detail: "partyType or partyId is missing or invalid, or another parameter was sent"), .unauthorized, .problem(404, detail: "The party does not exist or the caller may not see it")],
                 use: ConnectionRoutes.list),
        Endpoint(.get, "/connections/{id}", "getConnection", tag: "Connections", "Get a connection",
                 parameters: [.id],
                 answers: [.ok("Connection"), .unauthorized, .problem(404)],
                 use: ConnectionRoutes.get),
        Endpoint(.delete, "/connections/{id}", "deleteConnection", tag: "Connections", "Delete a connection",
                 parameters: [.id],
                 answers: [.noContent, .unauthorized, .writeForbidden("The caller's role cannot change either party"), .problem(404)],
                 use: ConnectionRoutes.delete),
    ]
}
