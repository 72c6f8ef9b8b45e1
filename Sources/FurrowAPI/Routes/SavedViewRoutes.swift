import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The caller's saved views of a list and their team's (issue 22).
struct SavedViewRoutes: RouteSet {
    let env: CoreEnvironment

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        for (key, _) in request.uri.queryParameters where key != "list" {
            throw Problem.invalidQuery("Unknown parameter '\(key)': the saved views take only `list`.")
        }
        let list = request.uri.queryParameters["list"].map(String.init) ?? ""
        guard SavedViewService.lists.contains(list) else {
            throw Problem.invalidQuery("`list` is one of \(SavedViewService.lists.joined(separator: ", ")).")
        }
        let views = try await SavedViewService(env).list(list, by: principal)
        return try .json(Page(items: views.map { SavedViewDTO($0, caller: principal) }, nextCursor: nil))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["list", "name", "query", "shared"])
        body.require("list")
        body.require("name")
        let list = body.string("list"), name = body.string("name"), query = body.string("query"), shared = body.bool("shared")
        try body.check()
        let view = try await SavedViewService(env).create(list: list, name: name, query: query, shared: shared ?? false, by: principal)
        return try .json(SavedViewDTO(view, caller: principal), status: .created)
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try await SavedViewService(env).delete(try context.id(SavedView.self), by: principal)
        return .noContent
    }
}

struct SavedViewDTO: Encodable {
    let id: String, list: String, name: String, query: String, link: String, shared: Bool, mine: Bool, ownerId: String, createdAt: String

    init(_ view: SavedView, caller: Principal) {
        id = view.id.string
        list = view.list
        name = view.name
        query = view.query
        link = "/\(view.list)" + (view.query.isEmpty ? "" : "?" + view.query)
        shared = view.teamId != nil
        mine = view.ownerId == caller.userId
        ownerId = view.ownerId.string
        createdAt = Timestamp.string(view.createdAt)
    }
}
