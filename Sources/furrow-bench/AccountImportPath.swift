import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore

/// The import job path of issue 21: N accounts from a spreadsheet-like CSV (titles of its own,
/// mapped by the suggested mapping) through `ImportJobService` — the upload kept in parts, then the
/// commit in one transaction with the duplicate check of every row — in this process after the
/// server stopped; and, for the reference, the same accounts as full `accounts` rows loaded by
/// `sqlite3 .import` into the same database. Run twice, at a tenth of N and at N, so that the
/// memory growth of both can be compared (flat in the row count).
enum AccountImportPath {
    struct Outcome {
        var results: [PathResult] = []
        var facts: [(String, String)] = []
        var references: [(String, String)] = []
        var ratios: [(String, String)] = []
    }

    static func run(work: Workspace, rows: Int) async -> Outcome {
        var outcome = Outcome()
        do {
            let store = try await SQLStore.open(work.runDatabase, logger: work.logger)
            do {
                let env = CoreEnvironment(store: store)
                guard let admin = try await UserService(env).listAsSystem().first(where: { $0.email == DataSet.adminEmail }) else {
                    throw BenchError.failed("no bench administrator in the database")
                }
                let principal = Principal(userId: admin.id, role: .admin, teamId: nil)
                var rate = 0.0
                for (round, count) in [max(1, rows / 10), rows].enumerated() {
                    var result = PathResult(name: "import accounts job, \(count) rows (Core)", clients: 1)
                    let csv = work.directory + "/accounts-\(round).csv", full = work.directory + "/accounts-rows-\(round).csv"
                    try writeFiles(csv: csv, full: full, rows: count, round: round, ownerId: admin.id.string)
                    let before = ImportPath.memory("VmRSS") ?? 0
                    let peak = PeakMemory(before)
                    let started = Date()
                    let service = ImportJobService(env)
                    let job = try await service.upload(.accounts, fileName: "accounts.csv", parts: ImportJobService.fileParts(csv), by: principal)
                    let uploaded = Date().timeIntervalSince(started)
                    _ = try await service.map(job.id, mapping: ImportType.accounts.suggestedMapping(job.format.columns), duplicates: .skip, saveAs: nil, by: principal)
                    let committing = Date()
                    let done = try await service.commit(job.id, by: principal) { _, _ in peak.sample() }
                    let elapsed = Date().timeIntervalSince(started), commit = Date().timeIntervalSince(committing)
                    peak.sample()
                    let created = done.report?.created ?? 0
                    result.rows = created
                    result.rowsPerSecond = Double(created) / elapsed
                    result.seconds = elapsed
                    result.note = String(format: "upload %.2f s + commit %.2f s, memory growth %.0f MiB", uploaded, commit, peak.growth)
                    if done.status != .done || created != count {
                        result.errors = max(1, done.report?.failed ?? 1)
                        result.note = "\(done.status.rawValue): \(created) of \(count) created; \(done.message ?? done.report?.failedRows.first?.errors.first?.message ?? "")"
                    }
                    outcome.results.append(result)
                    outcome.facts.append(("account import memory growth, \(count) rows", String(format: "%.0f MiB", peak.growth)))
                    if round == 1 { rate = Double(created) / elapsed }
                }
                await store.close()
                if !work.isPostgres, let reference = reference(work: work, rows: rows, ownerId: admin.id.string) {
                    outcome.references.append(("sqlite3 .import of the same \(rows) accounts as full rows into the measured database itself",
                                               String(format: "%.0f rows/s", reference)))
                    outcome.ratios.append(("account import job rate / sqlite3 .import rate (into the same database)",
                                           String(format: "%.3f — goal ≥ 0.25: %@", rate / reference, rate / reference >= 0.25 ? "met" : "MISSED")))
                }
            } catch {
                await store.close()
                throw error
            }
        } catch {
            var failed = PathResult(name: "import accounts job (Core)", clients: 1)
            failed.errors = 1
            failed.rows = 0
            failed.note = "failed: \(error)"
            outcome.results.append(failed)
        }
        return outcome
    }

    /// `.import` of the larger round's rows (as other accounts: new ids and keys) into the run database.
    static func reference(work: Workspace, rows: Int, ownerId: String) -> Double? {
        guard References.available("sqlite3") else { return nil }
        let full = work.directory + "/accounts-rows-ref.csv"
        guard (try? writeFiles(csv: work.directory + "/accounts-ref.csv", full: full, rows: rows, round: 9, ownerId: ownerId)) != nil else { return nil }
        let db = work.runDatabase
        let count = { Int(References.shell("sqlite3 '\(db)' 'SELECT COUNT(*) FROM accounts'").output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 }
        let before = count()
        let started = Date()
        let load = References.shell("sqlite3 '\(db)' 'PRAGMA synchronous=FULL' '.import --csv --skip 1 \(full) accounts'")
        let elapsed = Date().timeIntervalSince(started)
        guard load.status == 0, count() - before == rows else { return nil }
        return Double(rows) / elapsed
    }

    static let referenceColumns = "id,name,name_key,parent_account_id,email,email_key,phone,phone_key,website,domain_key,industry,owner_id,team_id,version,created_at,updated_at"

    /// The import CSV as a spreadsheet has it, and the same accounts as full rows.
    static func writeFiles(csv: String, full: String, rows: Int, round: Int, ownerId: String) throws {
        let run = String(UInt64(Date().timeIntervalSince1970) % 1_000_000) + String(round)
        var text = "Company,E-Mail,Telephone,Web,Sector\n", table = referenceColumns + "\n"
        text.reserveCapacity(rows * 100)
        table.reserveCapacity(rows * 260)
        let now = Timestamp.string(Date())
        var ids = SeededRandom(seed: DataSet.seed ^ 0xACC0 ^ UInt64(round))
        for index in 0..<rows {
            var random = DataSet.record(11, index)
            let name = Names.surname(&random) + " " + random.pick(["Farms", "Dairy", "Holdings", "Agrar", "Estates"]) + " " + run + String(index, radix: 36)
            let slug = "a\(run)x\(index)"
            let email = "office@\(slug).example", phone = "+1 556 \(run) \(String(format: "%07d", index))", website = "www.\(slug).example"
            text += "\(name),\(email),\(phone),\(website),Agriculture\n"
            let keys = AccountFields(name: name, email: email, phone: phone, website: website).duplicateKeys
            table += "\(ids.uuid().uuidString.lowercased()),\(name),\(keys.name),,\(email),\(keys.email ?? ""),\(phone),\(keys.phone ?? ""),"
                + "\(website),\(keys.domain ?? ""),Agriculture,\(ownerId),,1,\(now),\(now)\n"
        }
        try text.write(toFile: csv, atomically: false, encoding: .utf8)
        try table.write(toFile: full, atomically: false, encoding: .utf8)
    }
}
