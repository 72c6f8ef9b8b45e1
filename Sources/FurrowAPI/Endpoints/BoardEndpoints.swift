import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `BoardRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension BoardRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/boards/{id}", "getBoard", tag: "Opportunities", "Get the pipeline board of an opportunity kind",
                 description: "The kind's opportunities the caller may see, by stage. No other parameters are accepted.",
                 parameters: [.id.described("The opportunity kind's id (a malformed id answers 404)."), Endpoint.Parameter("ownerId", in: .query, "Only opportunities of this owner.", .uuid()), Endpoint.Parameter("hideLost", in: .query, "`true` leaves lost opportunities out.", .boolean(default: false)), Endpoint.Parameter("hideWon", in: .query, "`true` leaves won opportunities out.", .boolean(default: false))],
                 answers: [.ok("Board"), .problem(400, [.invalidQuery], detail: "Unknown parameter, or ownerId, hideLost or hideWon invalid"), .unauthorized, .problem(404, detail: "No opportunity kind has that id")],
                 use: BoardRoutes.board),
    ]
}
