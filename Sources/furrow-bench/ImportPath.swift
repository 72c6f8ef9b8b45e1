import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import SQLKit

/// The import hot path: S/10 contacts from a generated CSV through `ContactImport` (validation,
/// duplicate check, search index, audit, one transaction), in this process after the server
/// stopped. Writes the same rows as full table rows for the `sqlite3 .import` / `\copy` reference.
enum ImportPath {
    struct Outcome {
        var result: PathResult
        var facts: [(String, String)] = []
        var rate: Double?
        var referenceCSV: String?
        var rows = 0
        /// Another user's account creates while the import runs: how long its writes wait.
        var writer = PathResult(name: "create account during the import", clients: 1)
    }

    static func run(work: Workspace, set: DataSet, smoke: Bool, rows requested: Int? = nil) async -> Outcome {
        let rows = requested ?? (smoke ? 1000 : set.scale / 10)
        var outcome = Outcome(result: PathResult(name: "import contacts (Core)", clients: 1))
        outcome.rows = rows
        do {
            let store = try await SQLStore.open(work.runDatabase, logger: work.logger)
            do {
                try await measure(store, work: work, rows: rows, into: &outcome)
                await store.close()
            } catch {
                await store.close()
                throw error
            }
        } catch {
            outcome.result.errors += 1
            outcome.result.rows = 0
            outcome.result.note = "failed: \(error)"
        }
        return outcome
    }

    static func measure(_ store: SQLStore, work: Workspace, rows: Int, into outcome: inout Outcome) async throws {
        let env = CoreEnvironment(store: store)
        guard let admin = try await UserService(env).listAsSystem().first(where: { $0.email == DataSet.adminEmail }) else {
            throw BenchError.failed("no bench administrator in the database")
        }
        let principal = Principal(userId: admin.id, role: .admin, teamId: nil)
        let accounts = try await store.withDatabase { db in
            try await db.raw("SELECT id FROM accounts ORDER BY id LIMIT 1000").all().map { try $0.decode(column: "id", as: String.self) }
        }
        let csv = work.directory + "/contacts.csv", full = work.directory + "/contacts-rows.csv"
        try writeFiles(csv: csv, full: full, rows: rows, accounts: accounts, ownerId: admin.id.string)
        outcome.referenceCSV = full

        let before = memory("VmRSS") ?? 0
        let peak = PeakMemory(before)
        let started = Date()
        let writer = Task { try await Self.write(env, by: principal) }
        let result = try await ContactImport(env, by: principal).run(file: URL(fileURLWithPath: csv)) { _ in peak.sample() }
        let elapsed = Date().timeIntervalSince(started)
        writer.cancel()
        outcome.writer.latencies = try await writer.value
        outcome.writer.seconds = elapsed
        if let worst = outcome.writer.latencies.max() {
            outcome.writer.note = String(format: "%d creates while %d rows were imported; the longest waited %.0f ms",
                                         outcome.writer.latencies.count, rows, worst)
        }
        peak.sample()
        outcome.result.rows = result.imported
        outcome.result.rowsPerSecond = Double(result.imported) / elapsed
        outcome.rate = result.imported > 0 ? Double(result.imported) / elapsed : nil
        outcome.result.note = String(format: "%d rows in %.2f s, memory growth %.0f MiB", result.imported, elapsed, peak.growth)
        if result.errorCount > 0 || result.imported != rows {
            outcome.result.errors += max(1, result.errorCount)
            let first = result.errors.first.map { "line \($0.line) \($0.field): \($0.message)" } ?? ""
            outcome.result.note = "imported \(result.imported) of \(rows), \(result.errorCount) row errors; first: \(first)"
        }
        outcome.facts.append(("import memory growth (bench process RSS)", String(format: "%.0f MiB for %d rows", peak.growth, rows)))
    }

    /// One account create every 20 ms until cancelled; the latency of each, in milliseconds.
    static func write(_ env: CoreEnvironment, by principal: Principal) async throws -> [Double] {
        var latencies: [Double] = []
        let service = AccountService(env)
        while !Task.isCancelled {
            let began = Date()
            do {
                _ = try await service.create(AccountFields(name: "Bench writer \(latencies.count)"), allowDuplicate: true, by: principal)
            } catch where Task.isCancelled {
                break  // stopped mid-create when the import ended: PostgreSQL's client gives up the statement
            }
            latencies.append(Date().timeIntervalSince(began) * 1000)
            try? await Task.sleep(for: .milliseconds(20))
        }
        return latencies
    }

    /// The `contacts` columns of the reference rows (the staged import's own column is left empty).
    static let referenceColumns = "id,first_name,last_name,name_key,email,email_key,phone,phone_key,mobile,title,account_id,owner_id,team_id,"
        + "version,created_at,updated_at"

    /// The import CSV (header-named columns) and the same contacts as full `contacts` rows.
    static func writeFiles(csv: String, full: String, rows: Int, accounts: [String], ownerId: String) throws {
        let run = String(UInt64(Date().timeIntervalSince1970) % 1_000_000)
        var text = "firstName,lastName,email,phone,title,accountId\n"
        var table = referenceColumns + "\n"
        text.reserveCapacity(rows * 100)
        table.reserveCapacity(rows * 220)
        let now = Timestamp.string(Date())
        var ids = SeededRandom(seed: DataSet.seed ^ 0x1A90)
        for index in 0..<rows {
            var random = DataSet.record(7, index)
            // The surname carries the run and row, so no imported name repeats a stored one (at 1M
            // the generated names alone do: 68 first names × 11,040 surnames).
            let first = random.pick(Names.firstNames), last = Names.surname(&random) + "-" + run + String(index, radix: 36)
            let email = "\(Names.slug(first)).\(Names.slug(last)).\(run)x\(index)@import.example"
            let phone = "+1 555 \(run) \(String(format: "%07d", index))"
            let title = random.pick(Names.titles)
            let account = index % 2 == 0 && !accounts.isEmpty ? accounts[index / 2 % accounts.count] : ""
            text += "\(first),\(last),\(email),\(phone),\(title),\(account)\n"
            let fields = ContactFields(firstName: first, lastName: last, email: email, phone: phone, title: title,
                                       accountId: Account.ID(account))
            let keys = fields.duplicateKeys
            table += "\(ids.uuid().uuidString.lowercased()),\(first),\(last),\(keys.name),\(email),\(keys.email ?? ""),\(phone),"
                + "\(keys.phone ?? ""),,\(title),\(account),\(ownerId),,1,\(now),\(now)\n"
        }
        try text.write(toFile: csv, atomically: false, encoding: .utf8)
        try table.write(toFile: full, atomically: false, encoding: .utf8)
    }

    static func memory(_ field: String) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            return (line.split(separator: " ").compactMap { Double($0) }.first ?? 0) / 1024
        }
        return nil
    }
}

/// The largest resident set seen while the import runs, sampled from its progress callback.
// unchecked: the peak is only touched under `lock`
final class PeakMemory: @unchecked Sendable {
    private let lock = NSLock()
    private let before: Double
    private var peak: Double

    init(_ before: Double) {
        self.before = before
        peak = before
    }

    func sample() {
        let now = ImportPath.memory("VmRSS") ?? 0
        lock.lock()
        peak = max(peak, now)
        lock.unlock()
    }

    var growth: Double { peak - before }
}
