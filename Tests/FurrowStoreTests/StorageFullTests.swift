import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import SQLKit
import Testing

@Suite("A full database")
struct StorageFullTests {
    @Test("a write with no room left is refused as storage-full, leaves nothing behind, and reads go on; room again, writes go on")
    func full() async throws {
        let world = try await TestWorld.make(.sqlite)
        defer { Task { await world.close() } }
        let pages = try await world.store.withDatabase { db in
            try await db.raw("PRAGMA page_count").first()?.decode(column: "page_count", as: Int.self) ?? 0
        }
        // the writer connection may not grow the file beyond what it has now
        let limit = "PRAGMA max_page_count = \(pages + 2)"
        try await world.store.withDatabase { db in try await db.raw(SQLQueryString(limit)).run() }
        var refused: CoreError? = nil
        var made = 0
        for index in 0..<2000 {
            do {
                _ = try await world.makeAccount("Filler \(index) " + String(repeating: "x", count: 150))
                made += 1
            } catch let error as CoreError {
                refused = error
                break
            }
        }
        #expect(refused == .storageFull)
        let listed = try await AccountService(world.env).list(ListQuery(limit: 200), by: world.admin)
        #expect(listed.count == min(made, 200))
        try await world.store.withDatabase { db in try await db.raw(SQLQueryString("PRAGMA max_page_count = 1000000")).run() }
        _ = try await world.makeAccount("After the space came back")
        let check = try await world.store.withDatabase { db in
            try await db.raw("PRAGMA integrity_check").first()?.decode(column: "integrity_check", as: String.self)
        }
        #expect(check == "ok")
    }
}
