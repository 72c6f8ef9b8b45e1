import Foundation
import FurrowCore
import FurrowStore
import Logging
import SQLKit

/// Where the data set lives: a kept SQLite file (each run works on a copy of it) or a
/// PostgreSQL database (reused in place), and a temporary folder for logs and CSV files.
final class Workspace: Sendable {
    let isPostgres: Bool
    /// The generated database, kept between runs.
    let pristine: String
    /// The database the server runs on: a fresh copy of the SQLite file, or the PostgreSQL database.
    let runDatabase: String
    let directory: String
    let logger: Logger

    var engineName: String { isPostgres ? "PostgreSQL (\(pristine))" : "SQLite (\(pristine))" }

    init(database: String?, scale: String, smoke: Bool) throws {
        var template = Array("/tmp/furrow-bench.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw BenchError.failed("cannot create a temporary folder") }
        directory = String(cString: made)
        var logger = Logger(label: "furrow-bench")
        logger.logLevel = .warning
        self.logger = logger
        if let database, database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
            isPostgres = true
            pristine = database
            runDatabase = database
        } else if let database {
            isPostgres = false
            pristine = database
            runDatabase = database + ".run"
        } else if smoke {
            isPostgres = false
            pristine = directory + "/bench.sqlite"
            runDatabase = pristine
        } else {
            try FileManager.default.createDirectory(atPath: ".build/bench", withIntermediateDirectories: true)
            isPostgres = false
            pristine = FileManager.default.currentDirectoryPath + "/.build/bench/furrow-bench-\(scale).sqlite"
            runDatabase = pristine + ".run"
        }
    }

    static func removeSQLite(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    func cleanUp() {
        if !isPostgres && runDatabase != pristine { Self.removeSQLite(runDatabase) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    struct Prepared {
        var facts: [(String, String)] = []
        var kindCounts: [String: Int] = [:]
    }

    /// Generates the data set unless a complete one for this scale is there already; counts it.
    func prepare(_ set: DataSet, duplicateCheck: Bool, quiet: Bool) async throws -> Prepared {
        var prepared = Prepared()
        let store = try await SQLStore.open(pristine, logger: logger)
        do {
            _ = try await Migrator(store).migrate()
            let env = CoreEnvironment(store: store, ids: SeededIDs(seed: DataSet.seed), passwords: PasswordHasher(cost: 4))
            if let marker = await Marker.read(store) {
                guard marker.scale == set.scale && marker.generator == DataSet.generatorVersion else {
                    throw BenchError.failed("\(pristine) holds the data set of scale \(marker.scale) (generator \(marker.generator)); "
                                            + "delete it or choose another --database")
                }
                say("reusing the generated data set in \(pristine)")
                prepared.facts.append(("data set", "reused (generated earlier by this generator version)"))
            } else {
                guard try await !UserService(env).hasUsers() else {
                    throw BenchError.failed("\(pristine) has users but no complete bench data set (an interrupted generation?); "
                                            + "delete it (or drop and recreate the PostgreSQL database) and run again")
                }
                say("generating the data set (\(duplicateCheck ? "with" : "without") the duplicate check per record)")
                let started = Date()
                var generator = Generator(set: set, env: env, store: store, duplicateCheck: duplicateCheck, quiet: quiet)
                try await generator.run()
                if isPostgres { try await store.withDatabase { db in try await db.raw("ANALYZE").run() } }
                try await Marker.write(store, scale: set.scale)
                let elapsed = Date().timeIntervalSince(started)
                prepared.facts.append(("generation", String(format: "%.0f s; ", elapsed)
                    + generator.rates.map { String(format: "%@ %.0f/s", $0.0, $0.1) }.joined(separator: ", ")))
            }
            try await count(store, into: &prepared)
            await store.close()
        } catch {
            await store.close()
            throw error
        }
        if !isPostgres && runDatabase != pristine {
            Self.removeSQLite(runDatabase)
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: pristine + suffix) {
                try FileManager.default.copyItem(atPath: pristine + suffix, toPath: runDatabase + suffix)
            }
        }
        return prepared
    }

    func count(_ store: SQLStore, into prepared: inout Prepared) async throws {
        let (counts, kinds) = try await store.withDatabase { db -> ([String], [String: Int]) in
            var counts: [String] = []
            for table in ["accounts", "contacts", "leads", "opportunities", "quotes", "quote_lines", "stage_moves", "search_entries", "audit_entries", "activities", "notifications"] {
                let n = try? await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self)
                counts.append("\(table) \(n.map(String.init) ?? "?")")
            }
            var kinds: [String: Int] = [:]
            for row in try await db.raw("SELECT kind_id, COUNT(*) AS n FROM opportunities GROUP BY kind_id").all() {
                kinds[try row.decode(column: "kind_id", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            return (counts, kinds)
        }
        prepared.kindCounts = kinds
        prepared.facts.append(("rows", counts.joined(separator: ", ")))
        if !isPostgres, let size = try? FileManager.default.attributesOfItem(atPath: pristine)[.size] as? Int {
            prepared.facts.append(("database file", String(format: "%.0f MiB", Double(size) / 1_048_576)))
        }
    }
}
