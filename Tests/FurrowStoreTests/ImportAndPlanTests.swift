import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import SQLKit
import Testing

@Suite("Contact import and query plans")
struct ImportAndPlanTests {
    static func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID()).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("a good file is stored in one go with search entries and audit; one bad row and nothing is", arguments: TestWorld.engines)
    func importContacts(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Northwind")
        var rows = ["lastName,firstName,email,accountId,phone"]
        for index in 0..<250 { rows.append("Last\(index),First \(index),p\(index)@example.com,\(index % 2 == 0 ? account.id.string : ""),") }
        let good = try Self.write(rows.joined(separator: "\n") + "\n")
        let progress = ProgressLog()
        let outcome = try await ContactImport(world.env, by: world.admin).run(file: good, progress: { progress.add($0.rows) })
        #expect(outcome.imported == 250 && outcome.errorCount == 0)
        #expect(progress.values.last == 250)
        let list = try await ContactService(world.env).list(ListQuery(limit: 200, filters: [Filter("accountId", .eq, [account.id.string])]), by: world.admin)
        #expect(list.count == 125)
        let found = try await SearchService(world.env).search("Last17", types: [.contact], by: world.admin)
        #expect(found.contains { $0.title.contains("Last17") })
        let audit = try await AuditService(world.env).entries(entity: "contact", id: list[0].id.uuid, by: world.admin)
        #expect(audit.map(\.action) == ["contact.create"])

        // The same file again: every row is now a duplicate, and nothing more is stored.
        let again = try await ContactImport(world.env, by: world.admin).run(file: good)
        #expect(again.imported == 0 && again.errorCount == 250)
        #expect(again.errors.first.map { "\($0.line) \($0.field)" } == "2 row")

        let bad = try Self.write("lastName,email,accountId\nGood,good@example.com,\n,none@example.com,\nBad,not-mail,\nX,x@example.com,\(UUID())\n")
        let rejected = try await ContactImport(world.env, by: world.admin).run(file: bad)
        #expect(rejected.imported == 0)
        #expect(rejected.errors.map { "\($0.line) \($0.field)" } == ["3 lastName", "4 email", "5 accountId"])
        #expect(rejected.errorSummary == "3 errors on 3 of 4 rows")
        // Two errors on each of two rows are four errors on two rows.
        let doubled = try await ContactImport(world.env, by: world.admin).run(
            file: try Self.write("lastName,email,accountId\nFine,fine@example.com,\n,not-mail,\n,bad-mail,\nAlso,also@example.com,\n"))
        #expect(doubled.errorCount == 4 && doubled.rowsWithErrors == 2)
        #expect(doubled.errorSummary == "4 errors on 2 of 4 rows")
        // Rows that duplicate each other within one file are caught too, however far apart.
        var twins = ["lastName,email,phone"]
        for index in 0..<1_200 { twins.append("Twin\(index),twin\(index)@example.com,") }
        twins.append("Late,twin3@example.com,")
        twins.append("Phone,,+44 20 7946 0000")
        twins.append("Phone Again,,+44 (20) 7946-0000")
        let twinOutcome = try await ContactImport(world.env, by: world.admin).run(file: try Self.write(twins.joined(separator: "\n")))
        #expect(twinOutcome.errors.map { "\($0.line) \($0.message)" } == ["1202 looks like a duplicate of Twin3 (email)",
                                                                          "1204 looks like a duplicate of Phone (phone)"])
        let dry = try await ContactImport(world.env, by: world.admin).run(
            file: try Self.write("lastName\nDry\n"), options: ContactImport.Options(dryRun: true))
        #expect(dry.rows == 1 && dry.imported == 0 && dry.errorCount == 0)
        let total = try await ContactService(world.env).list(ListQuery(limit: 200, filters: [Filter("accountId", .eq, [account.id.string])]), by: world.admin)
        #expect(total.count == 125)
        let strays = try await SearchService(world.env).search("Good", types: [.contact], by: world.admin) +
            (try await SearchService(world.env).search("Dry", types: [.contact], by: world.admin))
        #expect(strays.isEmpty)
    }

    @Test("a row holding U+0000 is a row error, not a database failure, and nothing is stored", arguments: TestWorld.engines)
    func importRefusesNUL(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let file = try Self.write("lastName,email\nClean,clean@example.com\nNul\u{0}Name,nul@example.com\n")
        let outcome = try await ContactImport(world.env, by: world.admin).run(file: file)
        #expect(outcome.imported == 0)
        #expect(outcome.errors.map { "\($0.line) \($0.field) \($0.message)" } == ["3 row may not contain the NUL character (U+0000)"])
        let stored = try await ContactService(world.env).list(ListQuery(limit: 10), by: world.admin)
        #expect(stored.isEmpty)
    }

    @Test("search uses the trigram index: no full scan of the search entries in its plan", arguments: TestWorld.engines)
    func searchPlan(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        for index in 0..<40 { _ = try await world.makeAccount("Meridian Freight \(index)") }
        let team = try await world.makeTeam()
        let rep = try await world.makeUser(.sales, team: team)
        let counter = try await StatementCounter.counting {
            let hits = try await SearchService(world.env).search("ridian", by: rep)
            #expect(hits.isEmpty)
            _ = try await SearchService(world.env).search("ridian frei", types: [.account], by: world.admin)
        }
        // Each search counts its matches (up to a cap), then reads its page.
        let searches = counter.log.filter { $0.sql.contains("search_entries") }
        #expect(searches.count == 4)
        // PostgreSQL runs each search with sequential scans off, as the plans below are read.
        let settings = counter.log.filter { $0.sql == "SET LOCAL enable_seqscan = off" }
        #expect(settings.count == (engine == .postgres ? 2 : 0))
        for statement in searches {
            let lines = Lines()
            let column = engine == .postgres ? "QUERY PLAN" : "detail"
            try await world.store.transaction { db in
                if engine == .postgres { try await db.raw("SET LOCAL enable_seqscan = off").run() }
                try await db.execute(sql: PrefixedStatement(engine == .postgres ? "EXPLAIN" : "EXPLAIN QUERY PLAN", statement)) { row in
                    lines.add((try? row.decode(column: column, as: String.self)) ?? "?")
                }
            }
            let plan = lines.values
            #expect(!plan.isEmpty)
            let scans = plan.filter { line in
                // Counting the capped matches read from the index is no scan of the table.
                engine == .postgres ? line.contains("Seq Scan")
                    : line.hasPrefix("SCAN") && !line.contains("VIRTUAL TABLE") && line != "SCAN m"
            }
            #expect(scans.isEmpty, "plan: \(plan.joined(separator: " | "))")
        }
    }

    @Test("signing a user out everywhere finds their credentials by an index, not a scan of every session")
    func credentialsPlan() async throws {
        let world = try await TestWorld.make(.sqlite)
        defer { Task { await world.close() } }
        let lines = Lines()
        try await world.store.transaction { db in
            try await db.execute(sql: SQLRaw("EXPLAIN QUERY PLAN DELETE FROM credentials WHERE user_id = 'someone' AND hash <> 'kept'")) { row in
                lines.add((try? row.decode(column: "detail", as: String.self)) ?? "?")
            }
        }
        #expect(lines.values.contains { $0.contains("INDEX credentials_user") }, "plan: \(lines.values)")
    }
}

// unchecked: the rows are only touched under `lock`
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var rows: [Int] = []
    func add(_ value: Int) { lock.withLock { rows.append(value) } }
    var values: [Int] { lock.withLock { rows } }
}

// unchecked: the lines are only touched under `lock`
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.withLock { lines.append(line) } }
    var values: [String] { lock.withLock { lines } }
}
