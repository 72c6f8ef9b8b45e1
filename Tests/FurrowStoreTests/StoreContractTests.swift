import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// The store's promises, checked on SQLite always and on PostgreSQL in the full run.
@Suite("Store contract")
struct StoreContractTests {
    @Test("migrations are recorded and running them again changes nothing", arguments: TestWorld.engines)
    func migrations(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // when
        let again = try await Migrator(world.store).migrate()
        // then
        #expect(again.isEmpty)
        #expect(try await Migrator(world.store).currentVersion() == Migrator.latestVersion)
        #expect(Migrator.latestVersion >= 2)
    }

    @Test("a saved account reads back field for field", arguments: TestWorld.engines)
    func roundTrip(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given
        let parent = try await world.makeAccount("Parent Ltd")
        let fields = AccountFields(name: "Zoë & Co «Ltd»", parentAccountId: parent.id, email: "zoe@co.example",
                                   phone: "+44 20 1234 5678", website: "https://co.example", industry: "Retail")
        // when
        let created = try await AccountService(world.env).create(fields, by: world.admin)
        let read = try await AccountService(world.env).get(created.id, by: world.admin)
        // then: the same record, read with the names of what it refers to
        var unnamed = read
        unnamed.names = [:]
        #expect(unnamed == created)
        #expect(read.fields == fields)
        #expect(read.names == ["parentAccountName": "Parent Ltd", "ownerName": "Admin"])
    }

    @Test("a stale version does not overwrite a newer change", arguments: TestWorld.engines)
    func optimisticConcurrency(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given
        let account = try await world.makeAccount("Versioned")
        var first = account.fields
        first.industry = "One"
        _ = try await AccountService(world.env).update(account.id, fields: first, expectedVersion: 1, by: world.admin)
        // when / then
        var second = account.fields
        second.industry = "Two"
        await #expect(throws: CoreError.versionConflict(current: 2)) {
            try await AccountService(world.env).update(account.id, fields: second, expectedVersion: 1, by: world.admin)
        }
        #expect(try await AccountService(world.env).get(account.id, by: world.admin).fields.industry == "One")
    }

    @Test("a failing write leaves nothing behind", arguments: TestWorld.engines)
    func rollback(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        struct Boom: Error {}
        // when
        await #expect(throws: Boom.self) {
            try await world.store.write { session in
                try await session.setSetting("companyName", "Half written")
                throw Boom()
            }
        }
        // then
        #expect(try await SettingsService(world.env).current().companyName == Settings.defaults.companyName)
    }

    @Test("keyset pages cover every record once, in order, under inserts", arguments: TestWorld.engines)
    func pagination(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given
        for index in 0..<25 { _ = try await world.makeAccount(String(format: "Name %02d", index % 10)) }
        // when
        var seen: [String] = []
        var query = ListQuery(limit: 7, sort: [SortKey("name", descending: true)])
        while true {
            let page = try await AccountService(world.env).list(query, by: world.admin)
            seen += page.map(\.id.string)
            if page.count < query.limit { break }
            query.after = [page.last!.sortValue("name"), page.last!.id.string]
            _ = try await world.makeAccount("Aaa inserted before the cursor")
        }
        // then
        let all = try await AccountService(world.env).list(ListQuery(limit: 100, sort: [SortKey("name", descending: true)]), by: world.admin)
        let original = all.filter { !$0.fields.name.hasPrefix("Aaa") }
        #expect(seen.count == Set(seen).count)
        #expect(Array(seen.prefix(25)) == original.map(\.id.string))
    }

    @Test("filters combine values with OR and ranges with AND", arguments: TestWorld.engines)
    func filters(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given
        let a = try await world.makeAccount("A")
        let b = try await world.makeAccount("B")
        _ = try await world.makeAccount("C", parent: a.id)
        _ = try await world.makeAccount("D", parent: b.id)
        world.clock.advance(by: 3600)
        _ = try await world.makeAccount("E", parent: b.id)
        // when
        let children = try await AccountService(world.env).list(
            ListQuery(filters: [Filter("parentAccountId", .eq, [a.id.string, b.id.string])]), by: world.admin)
        let late = try await AccountService(world.env).list(
            ListQuery(filters: [Filter("createdAt", .gt, [Timestamp.string(world.clock.now().addingTimeInterval(-60))])]), by: world.admin)
        // then
        #expect(children.map(\.fields.name) == ["C", "D", "E"])
        #expect(late.map(\.fields.name) == ["E"])
    }

    @Test("search finds fragments of names, emails and phone digits", arguments: TestWorld.engines)
    func search(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given
        _ = try await AccountService(world.env).create(AccountFields(name: "Northwind Traders", phone: "+44 20 7946 0958"), by: world.admin)
        _ = try await world.makeContact("Vasquez", firstName: "Rosa", email: "rosa.v@southwind.example")
        // when
        let byName = try await SearchService(world.env).search("thwin", by: world.admin)
        let byEmail = try await SearchService(world.env).search("rosa.v", by: world.admin)
        let byPhone = try await SearchService(world.env).search("79460958", by: world.admin)
        let twoWords = try await SearchService(world.env).search("north traders", by: world.admin)
        // then
        #expect(Set(byName.map(\.title)) == ["Northwind Traders", "Rosa Vasquez"])
        #expect(byEmail.map(\.title) == ["Rosa Vasquez"])
        #expect(byPhone.map(\.title) == ["Northwind Traders"])
        #expect(twoWords.map(\.title) == ["Northwind Traders"])
    }

    @Test("the audit trail refuses updates and deletes", arguments: TestWorld.engines)
    func auditAppendOnly(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        _ = try await world.makeAccount("Audited")
        await #expect(throws: (any Error).self) {
            try await world.store.transaction { db in try await db.raw("UPDATE audit_entries SET action = 'x'").run() }
        }
        await #expect(throws: (any Error).self) {
            try await world.store.transaction { db in try await db.raw("DELETE FROM audit_entries").run() }
        }
    }

    @Test("timestamps keep milliseconds and sort as text")
    func timestamps() throws {
        let date = Date(timeIntervalSince1970: 1_795_000_000.123)
        #expect(Timestamp.string(date) == "2026-11-18T11:06:40.123Z")
        #expect(Timestamp.date("2026-11-18T11:06:40.123Z") == date)
        #expect(Timestamp.date("2026-11-18T11:06:40Z") == Date(timeIntervalSince1970: 1_795_000_000))
        #expect(Timestamp.date("1969-12-31T23:59:59.000Z") == Date(timeIntervalSince1970: -1))
        #expect(Timestamp.date("2026-13-01T00:00:00Z") == nil)
        #expect(Timestamp.string(Date(timeIntervalSince1970: 9)) < Timestamp.string(Date(timeIntervalSince1970: 10)))
    }
}
