import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

/// Saved views of lists (`M0031SavedViews`).
extension SQLSession {
    func insertSavedView(_ view: SavedView) async throws {
        try await run("""
            INSERT INTO saved_views (id, owner_id, shared_team_id, list, name, query, created_at)
            VALUES (\(bind: view.id.string), \(bind: view.ownerId.string), \(bind: view.teamId?.string), \(bind: view.list), \(bind: view.name),
                    \(bind: view.query), \(bind: Timestamp.string(view.createdAt)))
            """)
    }

    func savedViews(list: String, owner: User.ID, teams: [Team.ID]) async throws -> [SavedView] {
        let shared: SQLQueryString = teams.isEmpty ? "" : " OR shared_team_id IN (\(binds: teams.map(\.string).sorted()))"
        return try await rows("""
            SELECT * FROM saved_views WHERE list = \(bind: list) AND (owner_id = \(bind: owner.string)\(shared)) ORDER BY name, created_at
            """).map(savedViewRecord)
    }

    func savedView(id: SavedView.ID) async throws -> SavedView? {
        try await rows("SELECT * FROM saved_views WHERE id = \(bind: id.string)").first.map(savedViewRecord)
    }

    func deleteSavedView(id: SavedView.ID) async throws {
        try await run("DELETE FROM saved_views WHERE id = \(bind: id.string)")
    }

    private func savedViewRecord(_ row: any SQLRow) throws -> SavedView {
        SavedView(id: try row.id("id"), ownerId: try row.id("owner_id"), teamId: try row.optional("shared_team_id").flatMap(Team.ID.init),
                  list: try row.string("list"), name: try row.string("name"), query: try row.string("query"), createdAt: try row.date("created_at"))
    }
}
