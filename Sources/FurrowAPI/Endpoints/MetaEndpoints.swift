import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `MetaRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension MetaRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/openapi.json", "getOpenApiDocument", tag: "Meta", "This OpenAPI document",
                 security: [],
                 answers: [Endpoint.Answer(200, "The OpenAPI 3.1 document of the API.", content: [Endpoint.Content("application/json", .object())]), .problem(401, detail: "An Authorization header was sent that is not a valid bearer token")],
                 use: MetaRoutes.document),
    ]
}
