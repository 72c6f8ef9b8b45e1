import Foundation

/// Reference figures on the same data in the same run: the engine's own bulk load of the same
/// contacts (`sqlite3 .import`, `psql \copy`) and the raw SQL of the pipeline-by-stage and board
/// aggregations timed by the engine's CLI (median of 7 runs). Skipped with a note when the CLI
/// is missing.
struct References {
    let work: Workspace
    let csv: String?
    let rows: Int
    static let runs = 7

    struct Figures {
        var lines: [(String, String)] = []
        var importRate: Double?
        /// `.import` into the measured database itself (same rows, same indexes already filled).
        var importRateSameDatabase: Double?
        var reportMedian: Double?
        var boardMedian: Double?
        /// Single-row INSERTs, each its own transaction: the one-commit-per-fsync rate.
        var commitRate: Double?
    }

    static let commits = 300

    /// The pipeline-by-stage aggregation for an admin (no visibility predicate): open deals.
    static let reportSQL = """
        SELECT stage_id, currency, COUNT(*) AS n, SUM(estimated_revenue_minor) AS total,
               SUM(estimated_revenue_minor * probability) AS weighted
        FROM opportunities WHERE status = 'inProgress' GROUP BY stage_id, currency;
        """

    /// The board of one kind for an admin: totals per stage and currency, then 50 cards per stage.
    static func boardSQL(kind: String, stages: [String]) -> String {
        let condition = "kind_id = '\(kind)' AND status IN ('inProgress', 'won', 'lost')"
        var sql = """
            SELECT stage_id, currency, COUNT(*) AS n, SUM(estimated_revenue_minor) AS total,
                   SUM(estimated_revenue_minor * probability) AS weighted
            FROM opportunities WHERE \(condition) GROUP BY stage_id, currency;\n
            """
        for stage in stages {
            sql += "SELECT * FROM opportunities WHERE \(condition) AND stage_id = '\(stage)' ORDER BY COALESCE(estimated_revenue_minor, 0) DESC, id LIMIT 50;\n"
        }
        return sql
    }

    func measure() async -> Figures {
        do {
            return try (work.isPostgres ? postgres() : sqlite())
        } catch {
            return Figures(lines: [("references", "failed: \(error)")])
        }
    }

    static func available(_ tool: String) -> Bool {
        shell("command -v \(tool)").status == 0
    }

    func sqlite() throws -> Figures {
        var figures = Figures()
        guard Self.available("sqlite3") else { return Figures(lines: [("references", "skipped: no sqlite3 CLI")]) }
        let db = work.runDatabase
        if let csv {
            let reference = work.directory + "/reference.sqlite"
            let schema = Self.shell("sqlite3 '\(db)' '.schema contacts'").output
            try ("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\n" + schema).write(toFile: work.directory + "/schema.sql", atomically: false, encoding: .utf8)
            _ = Self.shell("sqlite3 '\(reference)' < '\(work.directory)/schema.sql'")
            let started = Date()
            let load = Self.shell("sqlite3 '\(reference)' '.import --csv --skip 1 \(csv) contacts'")
            let elapsed = Date().timeIntervalSince(started)
            let count = Int(Self.shell("sqlite3 '\(reference)' 'SELECT COUNT(*) FROM contacts'").output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            if load.status == 0 && count == rows {
                figures.importRate = Double(rows) / elapsed
                figures.lines.append(("sqlite3 .import of the same \(rows) contacts into the contacts schema (its indexes, WAL, synchronous=FULL)",
                                      String(format: "%.0f rows/s (%.2f s)", Double(rows) / elapsed, elapsed)))
            } else {
                figures.lines.append(("sqlite3 .import", "failed (\(count) rows): \(load.output.prefix(300))"))
            }
            // The same rows into the database the import wrote to (a throw-away copy per run): the
            // engine's rate with the same indexes already holding the data set.
            let before = Int(Self.shell("sqlite3 '\(db)' 'SELECT COUNT(*) FROM contacts'").output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            let startedSame = Date()
            let same = Self.shell("sqlite3 '\(db)' 'PRAGMA synchronous=FULL' '.import --csv --skip 1 \(csv) contacts'")
            let elapsedSame = Date().timeIntervalSince(startedSame)
            let after = Int(Self.shell("sqlite3 '\(db)' 'SELECT COUNT(*) FROM contacts'").output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            if same.status == 0 && after - before == rows {
                figures.importRateSameDatabase = Double(rows) / elapsedSame
                figures.lines.append(("sqlite3 .import of the same \(rows) contacts into the measured database itself (\(before) contacts already there)",
                                      String(format: "%.0f rows/s (%.2f s)", Double(rows) / elapsedSame, elapsedSame)))
            }
        }
        let scratch = work.directory + "/commits.sqlite"
        try ("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\nCREATE TABLE t (x INTEGER);\n" + ".timer on\n"
             + "BEGIN; SELECT 1; COMMIT;\n" + String(repeating: "INSERT INTO t VALUES (1);\n", count: Self.commits))
            .write(toFile: work.directory + "/commits.sql", atomically: false, encoding: .utf8)
        let timed = Self.shell("sqlite3 '\(scratch)' < '\(work.directory)/commits.sql'").output
        let commitTimes = timed.split(separator: "\n").filter { $0.hasPrefix("Run Time: real") }
            .compactMap { $0.split(separator: " ").dropFirst(3).first.flatMap { Double($0) } }.suffix(Self.commits)
        if commitTimes.count == Self.commits, case let total = commitTimes.reduce(0, +), total > 0 {
            figures.commitRate = Double(Self.commits) / total
            figures.lines.append(("one INSERT per transaction in sqlite3 (WAL, synchronous=FULL: one fsync each), \(Self.commits) in a row",
                                  String(format: "%.0f commits/s", Double(Self.commits) / total)))
        }
        figures.reportMedian = try timeSQLite(db, Self.reportSQL, statements: 1)
        figures.lines.append(("pipeline by stage, raw SQL in sqlite3 (median of \(Self.runs))", Report.ms(figures.reportMedian ?? .nan) + " ms"))
        let kind = Self.shell("sqlite3 '\(db)' \"SELECT id || ' ' || stage_ids FROM opportunity_kinds WHERE name = 'Standard sale'\"").output
        let (kindId, stages) = Self.parseKind(kind)
        figures.boardMedian = try timeSQLite(db, Self.boardSQL(kind: kindId, stages: stages), statements: stages.count + 1)
        figures.lines.append(("board of Standard sale, raw SQL in sqlite3: totals + \(stages.count) columns of 50 cards (median of \(Self.runs))",
                              Report.ms(figures.boardMedian ?? .nan) + " ms"))
        return figures
    }

    /// `id ["stage",…]` → the kind id and its stage ids.
    static func parseKind(_ text: String) -> (String, [String]) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let space = trimmed.firstIndex(of: " ") else { return (trimmed, []) }
        let json = Data(trimmed[trimmed.index(after: space)...].utf8)
        return (String(trimmed[..<space]), (try? JSONSerialization.jsonObject(with: json) as? [String]) ?? [])
    }

    /// Median wall time in ms of `sql` (`statements` statements) over the runs, from `.timer on`.
    func timeSQLite(_ db: String, _ sql: String, statements: Int) throws -> Double? {
        let script = work.directory + "/timed.sql"
        try (".timer on\n" + String(repeating: sql + "\n", count: Self.runs)).write(toFile: script, atomically: false, encoding: .utf8)
        let output = Self.shell("sqlite3 '\(db)' < '\(script)'").output
        let times = output.split(separator: "\n").filter { $0.hasPrefix("Run Time: real") }.compactMap { line in
            line.split(separator: " ").dropFirst(3).first.flatMap { Double($0) }.map { $0 * 1000 }
        }
        return Self.medianOfGroups(times, size: statements)
    }

    static func medianOfGroups(_ times: [Double], size: Int) -> Double? {
        guard size > 0, times.count >= size else { return nil }
        let sums = stride(from: 0, to: times.count - size + 1, by: size).map { times[$0..<($0 + size)].reduce(0, +) }.sorted()
        return sums[sums.count / 2]
    }

    func postgres() throws -> Figures {
        var figures = Figures()
        guard Self.available("psql") else { return Figures(lines: [("references", "skipped: no psql")]) }
        let url = work.runDatabase
        let psql = "psql '\(url)' -X -q -v ON_ERROR_STOP=1"
        if let csv {
            let script = work.directory + "/copy.sql"
            try """
                DROP TABLE IF EXISTS bench_contacts_reference;
                CREATE TABLE bench_contacts_reference (LIKE contacts INCLUDING ALL);
                \\timing on
                \\copy bench_contacts_reference (\(ImportPath.referenceColumns)) FROM '\(csv)' WITH (FORMAT csv, HEADER true)
                \\timing off
                DROP TABLE bench_contacts_reference;

                """.write(toFile: script, atomically: false, encoding: .utf8)
            let result = Self.shell("\(psql) -f '\(script)'")
            if result.status == 0, let ms = Self.psqlTimes(result.output).first {
                figures.importRate = Double(rows) / (ms / 1000)
                figures.lines.append(("psql \\copy of the same \(rows) contacts into a copy of the contacts table (LIKE … INCLUDING ALL)",
                                      String(format: "%.0f rows/s (%.2f s)", Double(rows) / (ms / 1000), ms / 1000)))
            } else {
                figures.lines.append(("psql \\copy", "failed: \(result.output.prefix(300))"))
            }
            // The same rows into the measured contacts table itself, rolled back (the database is
            // kept between runs): the engine's rate with the data set's indexes already filled.
            let sameScript = work.directory + "/copy-same.sql"
            try "BEGIN;\n\\timing on\n\\copy contacts (\(ImportPath.referenceColumns)) FROM '\(csv)' WITH (FORMAT csv, HEADER true)\n\\timing off\nROLLBACK;\n"
                .write(toFile: sameScript, atomically: false, encoding: .utf8)
            let same = Self.shell("\(psql) -f '\(sameScript)'")
            if same.status == 0, let ms = Self.psqlTimes(same.output).first {
                figures.importRateSameDatabase = Double(rows) / (ms / 1000)
                figures.lines.append(("psql \\copy of the same \(rows) contacts into the measured contacts table itself (rolled back)",
                                      String(format: "%.0f rows/s (%.2f s)", Double(rows) / (ms / 1000), ms / 1000)))
            }
        }
        let commitScript = work.directory + "/commits.sql"
        try ("CREATE TEMP TABLE bench_commits (x integer);\n\\timing on\n" + String(repeating: "INSERT INTO bench_commits VALUES (1);\n", count: Self.commits))
            .write(toFile: commitScript, atomically: false, encoding: .utf8)
        let commitTimes = Self.psqlTimes(Self.shell("\(psql) -f '\(commitScript)'").output)
        if commitTimes.count == Self.commits, case let total = commitTimes.reduce(0, +), total > 0 {
            figures.commitRate = Double(Self.commits) / (total / 1000)
            figures.lines.append(("one INSERT per transaction in psql (synchronous_commit on: one WAL flush each), \(Self.commits) in a row",
                                  String(format: "%.0f commits/s", Double(Self.commits) / (total / 1000))))
        }
        figures.reportMedian = try timePostgres(psql, Self.reportSQL, statements: 1)
        figures.lines.append(("pipeline by stage, raw SQL in psql (median of \(Self.runs))", Report.ms(figures.reportMedian ?? .nan) + " ms"))
        let kind = Self.shell("\(psql) -At -c \"SELECT id || ' ' || stage_ids FROM opportunity_kinds WHERE name = 'Standard sale'\"").output
        let (kindId, stages) = Self.parseKind(kind)
        figures.boardMedian = try timePostgres(psql, Self.boardSQL(kind: kindId, stages: stages), statements: stages.count + 1)
        figures.lines.append(("board of Standard sale, raw SQL in psql: totals + \(stages.count) columns of 50 cards (median of \(Self.runs))",
                              Report.ms(figures.boardMedian ?? .nan) + " ms"))
        return figures
    }

    func timePostgres(_ psql: String, _ sql: String, statements: Int) throws -> Double? {
        let script = work.directory + "/timed.sql"
        try ("\\o /dev/null\n\\timing on\n" + String(repeating: sql + "\n", count: Self.runs)).write(toFile: script, atomically: false, encoding: .utf8)
        return Self.medianOfGroups(Self.psqlTimes(Self.shell("\(psql) -f '\(script)'").output), size: statements)
    }

    /// `Time: 12.345 ms` lines of psql's `\timing`.
    static func psqlTimes(_ output: String) -> [Double] {
        output.split(separator: "\n").filter { $0.hasPrefix("Time: ") }.compactMap { $0.split(separator: " ").dropFirst().first.flatMap { Double($0) } }
    }

    /// Runs a shell command; output (stdout and stderr) goes through a file, so a large output cannot block it.
    static func shell(_ command: String) -> (status: Int32, output: String) {
        let path = NSTemporaryDirectory() + "furrow-bench-\(UUID().uuidString).out"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "(\(command)) >'\(path)' 2>&1"]
        do { try process.run() } catch { return (127, "\(error)") }
        process.waitUntilExit()
        let output = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: path)
        return (process.terminationStatus, output)
    }
}
