import Foundation
import FurrowDomain

/// A list's view saved by name (issue 22): the list's query string — filters, text search, sort,
/// columns — kept by a user for themselves, or shared with their team.
public struct SavedView: Sendable, Equatable {
    public typealias ID = Identifier<SavedView>
    public var id: ID
    public var ownerId: User.ID
    /// The team it is shared with; nil: its owner's alone.
    public var teamId: Team.ID?
    public var list: String
    public var name: String
    public var query: String
    public var createdAt: Date

    public init(id: ID, ownerId: User.ID, teamId: Team.ID?, list: String, name: String, query: String, createdAt: Date) {
        self.id = id
        self.ownerId = ownerId
        self.teamId = teamId
        self.list = list
        self.name = name
        self.query = query
        self.createdAt = createdAt
    }
}

public protocol SavedViewSession: Sendable {
    func insertSavedView(_ view: SavedView) async throws
    /// The views of a list its owner kept or that are shared with one of the teams.
    func savedViews(list: String, owner: User.ID, teams: [Team.ID]) async throws -> [SavedView]
    func savedView(id: SavedView.ID) async throws -> SavedView?
    func deleteSavedView(id: SavedView.ID) async throws
}

public struct SavedViewService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    /// The lists that keep views: the record lists of the web UI.
    public static let lists = ["accounts", "contacts", "leads", "opportunities", "quotes", "orders", "invoices", "payments", "products"]

    /// One's own views of the list and those shared with one's team (a manager's: with the teams they manage), by name.
    public func list(_ list: String, by principal: Principal) async throws -> [SavedView] {
        guard Self.lists.contains(list) else { throw ValidationError([FieldError("list", "is one of \(Self.lists.joined(separator: ", "))")]) }
        let teams = Array(Set([principal.teamId].compactMap { $0 } + principal.managedTeamIds))
        return try await env.store.read { try await $0.savedViews(list: list, owner: principal.userId, teams: teams) }
            .sorted { ($0.name.lowercased(), $0.createdAt) < ($1.name.lowercased(), $1.createdAt) }
    }

    /// Keeps the query under the name; `shared` shows it to the caller's team too.
    public func create(list: String?, name: String?, query: String?, shared: Bool, by principal: Principal) async throws -> SavedView {
        var check = Validator()
        let listName = list ?? ""
        if !Self.lists.contains(listName) { check.add("list", "is one of \(Self.lists.joined(separator: ", "))") }
        let name = check.text("name", name, required: true, maxLength: 60)
        let query = Self.cleaned(query ?? "")
        if query.count > 2000 { check.add("query", "must be at most 2000 characters") }
        if shared && principal.teamId == nil { check.add("shared", "you are in no team to share it with") }
        try check.check()
        let view = SavedView(id: env.newID(), ownerId: principal.userId, teamId: shared ? principal.teamId : nil, list: listName,
                             name: name ?? "", query: query, createdAt: env.clock.now())
        try await env.store.write { session in
            if try await session.savedViews(list: listName, owner: principal.userId, teams: []).contains(where: {
                $0.ownerId == principal.userId && $0.name.lowercased() == view.name.lowercased()
            }) {
                throw ValidationError([FieldError("name", "you have a view of this list with that name already")])
            }
            try await session.insertSavedView(view)
        }
        return view
    }

    /// Its owner, or an administrator, deletes a view.
    public func delete(_ id: SavedView.ID, by principal: Principal) async throws {
        try await env.store.write { session in
            guard let view = try await session.savedView(id: id), view.ownerId == principal.userId || principal.isAdmin else {
                throw CoreError.notFound("saved view")
            }
            try await session.deleteSavedView(id: id)
        }
    }

    /// The query without a leading `?` and without the page cursor (a view starts at its first page).
    static func cleaned(_ query: String) -> String {
        let text = query.hasPrefix("?") ? String(query.dropFirst()) : query
        return text.split(separator: "&").filter { !$0.hasPrefix("cursor=") && !$0.isEmpty }.joined(separator: "&")
    }
}
