import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

/// Imports written in short batches, invisible until settled (`M0011StagedImports`).
extension SQLSession {
    func beginStagedImport(_ id: UUID, kind: String, at time: Date) async throws {
        let stamp = Timestamp.string(time)
        try await run("""
            INSERT INTO staged_imports (id, kind, started_at, heartbeat_at)
            VALUES (\(bind: UUIDText.lowercase(id)), \(bind: kind), \(bind: stamp), \(bind: stamp))
            """)
    }

    func touchStagedImport(_ id: UUID, at time: Date) async throws {
        try await run("UPDATE staged_imports SET heartbeat_at = \(bind: Timestamp.string(time)) WHERE id = \(bind: UUIDText.lowercase(id))")
    }

    func insertStagedContacts(_ contacts: [Contact], entries: [SearchEntry], importId: UUID) async throws {
        try await insertContacts(contacts, importId: importId)
        try await insertEntries(entries, replacing: false, importId: importId)
    }

    func settleStagedImport(_ id: UUID) async throws -> Bool {
        !(try await rows("DELETE FROM staged_imports WHERE id = \(bind: UUIDText.lowercase(id)) RETURNING id")).isEmpty
    }

    /// Deletes what unsettled imports wrote (their contacts and search entries) and returns their
    /// ids with the number of rows each had written. Their `contact.create` audit entries stay:
    /// the trail is append-only, and the use case records the discard beside them.
    func discardStagedImports(touchedBefore time: Date?, id: UUID?) async throws -> [(id: UUID, rows: Int)] {
        var condition: SQLQueryString = "1 = 1"
        if let time { condition = "heartbeat_at < \(bind: Timestamp.string(time))" }
        if let id { condition = "id = \(bind: UUIDText.lowercase(id))" }
        let ids = try await rows("SELECT id FROM staged_imports WHERE \(condition)").map { try $0.string("id") }
        var discarded: [(id: UUID, rows: Int)] = []
        for importId in ids {
            let count = try await rows("SELECT COUNT(*) AS n FROM contacts WHERE import_id = \(bind: importId)").first?.int("n") ?? 0
            try await run("DELETE FROM search_entries WHERE import_id = \(bind: importId)")
            try await run("DELETE FROM contacts WHERE import_id = \(bind: importId)")
            try await run("DELETE FROM staged_imports WHERE id = \(bind: importId)")
            if let uuid = UUID(uuidString: importId) { discarded.append((uuid, count)) }
        }
        return discarded
    }
}
