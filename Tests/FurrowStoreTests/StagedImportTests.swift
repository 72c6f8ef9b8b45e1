import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import SQLKit
import Testing

/// A large import writes in short transactions that no one sees until it settles, so other
/// users' writes go on meanwhile (the outside probe's finding 12), and it stays all or nothing.
@Suite("Staged imports")
struct StagedImportTests {
    @Test("other users write while an import runs, and see none of its rows until it has settled", arguments: TestWorld.engines)
    func writesGoOn(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: a 20,000-row file (20 write transactions)
        var rows = ["lastName,email"]
        for index in 0..<20_000 { rows.append("Staged\(index),staged\(index)@example.com") }
        let file = try ImportAndPlanTests.write(rows.joined(separator: "\n") + "\n")
        let env = world.env, admin = world.admin
        // when: another user creates accounts, one after another, while the import runs
        let importing = Task { try await ContactImport(env, by: admin).run(file: file) }
        var during: [Int] = []
        while during.count < 200 {
            _ = try await AccountService(env).create(AccountFields(name: "Meanwhile \(during.count)"), allowDuplicate: true, by: admin)
            let seen = try await ContactService(env).list(ListQuery(limit: 5, text: "staged"), by: admin).count
            during.append(seen)
            if seen > 0 { break }
        }
        let outcome = try await importing.value
        // then: writes went through before the import settled, and its rows appeared all at once
        #expect(outcome.imported == 20_000)
        #expect(during.count > 1 && during.first == 0, "\(during.count) writes before the import settled")
        let afterwards = try await ContactService(env).list(ListQuery(limit: 5, text: "staged"), by: admin).count
        #expect(afterwards == 5)
        #expect(try await SearchService(env).search("Staged1999", types: [.contact], by: admin).count >= 1)
    }

    @Test("a staged import is invisible everywhere and discarded whole when its process stopped", arguments: TestWorld.engines)
    func discarded(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let env = world.env, admin = world.admin
        // given: an import that wrote one contact and stopped (its rows as the import writes them)
        let importId = env.ids.next(), contactId = Contact.ID(env.ids.next())
        let now = Timestamp.string(env.clock.now())
        try await world.store.withDatabase { db in
            let id = contactId.string, batch = importId.uuidString.lowercased()
            try await db.raw("INSERT INTO staged_imports (id, kind, started_at, heartbeat_at) VALUES (\(bind: batch), 'contacts', \(bind: now), \(bind: now))").run()
            try await db.raw("""
                INSERT INTO contacts (id, last_name, name_key, email, email_key, owner_id, version, created_at, updated_at, import_id)
                VALUES (\(bind: id), 'Ghost', 'ghost', 'ghost@example.com', 'ghost@example.com', \(bind: admin.userId.string), 1, \(bind: now), \(bind: now), \(bind: batch))
                """).run()
            try await db.raw("""
                INSERT INTO search_entries (id, kind, title, subtitle, body, owner_id, import_id)
                VALUES (\(bind: id), 'contact', 'Ghost', '', 'ghost ghost@example.com', \(bind: admin.userId.string), \(bind: batch))
                """).run()
        }
        let keys = try ContactFields(lastName: "Ghost", email: "ghost@example.com").validated().duplicateKeys
        // then: no one sees it, nor counts it as a duplicate
        #expect(try await env.store.read { try await $0.contact(id: contactId) } == nil)
        #expect(try await SearchService(env).search("Ghost", types: [.contact], by: admin).isEmpty)
        #expect(try await env.store.read { try await $0.contactDuplicates(among: [keys], visibleTo: admin) }.first?.isEmpty == true)
        // when: it is found stale
        world.clock.advance(by: ContactImport.staleAfter + 1)
        #expect(try await ContactImport.discard(env, touchedBefore: env.clock.now().addingTimeInterval(-ContactImport.staleAfter)) == 1)
        // then: its rows are gone, and the trail says so
        let left = try await world.store.withDatabase { db in
            try await db.raw("SELECT COUNT(*) AS n FROM contacts WHERE import_id IS NOT NULL").first()?.decode(column: "n", as: Int.self)
        }
        #expect(left == 0)
        let discards = try await env.store.read { try await $0.auditEntries(entity: "import", id: importId) }
        #expect(discards.map(\.action) == ["import.discard"])
        #expect(try await ContactImport.discard(env, touchedBefore: env.clock.now()) == 0)
    }
}
