import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `SavedViewRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension SavedViewRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/saved-views", "listSavedViews", tag: "Saved views", "A list's saved views",
                 description: "The caller's own views of the list and those shared with their team (a manager's: with the teams they manage), by name, in one page.",
                 parameters: [Endpoint.Parameter("list", in: .query, required: true, "The list: \(SavedViewService.lists.joined(separator: ", ")).",
                                        .values(SavedViewService.lists))],
                 answers: [.ok("SavedViewPage"), .problem(400, [.invalidQuery]), .unauthorized],
                 use: SavedViewRoutes.list),
        Endpoint(.post, "/saved-views", "createSavedView", tag: "Saved views", "Save a view of a list",
                 description: "The list's query string as the web page has it (filters, `q`, `sort`, `columns`; a page `cursor` is dropped), under a name of the caller's not taken yet for that list. `shared: true` shows it to the caller's team.",
                 body: .json("SavedViewCreate"),
                 answers: [.created("SavedView", location: nil), .unauthorized, .writeForbidden()],
                 bodyErrors: true,
                 use: SavedViewRoutes.create),
        Endpoint(.delete, "/saved-views/{id}", "deleteSavedView", tag: "Saved views", "Delete a saved view",
                 description: "Its owner or an administrator; for anyone else it is not found.",
                 parameters: [.id],
                 answers: [.noContent, .unauthorized, .writeForbidden(), .problem(404)],
                 use: SavedViewRoutes.delete),
    ]
}

extension Components {
    static let savedViewSchemas: [(name: String, schema: Schema)] = [
        ("SavedView", .object("A list's view saved by name.", required: ["id", "list", "name", "query", "link", "shared", "mine", "ownerId", "createdAt"], [
            "id": .uuid(),
            "list": .values(SavedViewService.lists),
            "name": .string(maxLength: 60),
            "query": .string("The list's query string, without `?`.", examples: ["status=inProgress&sort=-estimatedRevenue"]),
            "link": .string("The web page of the view.", examples: ["/opportunities?status=inProgress"]),
            "shared": .boolean("Shown to the owner's team too."),
            "mine": .boolean("Whether the caller keeps it (and may delete it)."),
            "ownerId": .uuid(),
            "createdAt": .timestamp(),
        ])),
        ("SavedViewCreate", .object("A view to keep. Unknown fields are refused (422).", required: ["list", "name"], closed: true, [
            "list": .values(SavedViewService.lists),
            "name": .string("Not one of the caller's views of the list yet (compared without case).", minLength: 1, maxLength: 60),
            "query": .string("The list's query string (at most 2000 characters); empty: the list as it comes.", nullable: true, pattern: ListDocs.noNul, maxLength: 2000),
            "shared": .boolean("Show it to the caller's team (default false).", nullable: true),
        ])),
        ("SavedViewPage", .page("SavedView", "A list's saved views (one page).")),
    ]
}
