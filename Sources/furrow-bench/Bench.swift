import ArgumentParser
import Foundation
import FurrowCore
import FurrowServer
import FurrowStore
import Logging
import SQLKit

@main
struct FurrowBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "furrow-bench",
        abstract: "Generates a deterministic data set, drives the real server over HTTP and prints latency per hot path.",
        subcommands: [Run.self, Serve.self],
        defaultSubcommand: Run.self
    )
}

enum BenchError: Error, CustomStringConvertible {
    case failed(String)
    case http(String)
    case closed
    case unexpected(Int, String)

    var description: String {
        switch self {
        case .failed(let text), .http(let text): text
        case .closed: "the connection was closed"
        case .unexpected(let status, let text): "HTTP \(status) from \(text)"
        }
    }
}

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Generate (or reuse) the data set and measure the hot paths.")

    @Option(help: "Data set size: 10k, 100k, 1m or a number of contacts (default 100k; 5k with --smoke).") var scale: String?
    @Option(help: "An SQLite path or a postgres:// URL. SQLite default: .build/bench/furrow-bench-SCALE.sqlite, kept and reused.")
    var database: String?
    @Option(help: "Concurrent HTTP clients.") var clients = 16
    @Option(help: "Seconds per hot path.") var seconds = 10.0
    @Flag(help: "A quick run that asserts every hot path answers correctly; exits non-zero otherwise.") var smoke = false
    @Flag(help: "Run the duplicate check on every generated account and contact (slow).") var duplicateCheck = false
    @Option(help: "Measure only the paths whose names start with one of these, comma-separated (e.g. \"trivial,list\"); \"import\" is the import.")
    var only: String?
    @Option(help: "Rows in the import path (default: a tenth of the scale; 1,000 with --smoke).") var importRows: Int?

    func run() async throws {
        let text = (scale ?? (smoke ? "5k" : "100k")).lowercased()
        guard let size = Self.parseScale(text), size >= 1000 else { throw ValidationError("--scale must be 10k, 100k, 1m or a number ≥ 1000") }
        let set = DataSet(scale: size)
        let work = try Workspace(database: database, scale: text, smoke: smoke)
        defer { work.cleanUp() }
        say("furrow-bench: scale \(text) (\(set.contacts) contacts, \(set.accounts) accounts, \(set.leads) leads, \(set.opportunities) opportunities, \(set.quotes) quotes) on \(work.engineName)")

        let prefixes = (only ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var report = Report()
        let prepared = try await work.prepare(set, duplicateCheck: duplicateCheck, quiet: smoke)
        report.facts += prepared.facts
        let server = try ChildServer(database: work.runDatabase, logDirectory: work.directory)
        try server.start()
        report.facts.append(("cold start to healthy /healthz", String(format: "%.0f ms", server.coldStart * 1000)))
        say("server on 127.0.0.1:\(server.port), healthy after \(Int(server.coldStart * 1000)) ms (log: \(server.logPath))")
        do {
            let fixtures = try Fixtures.load(port: server.port, smoke: smoke, kindCounts: prepared.kindCounts)
            var configured = Driver(port: server.port, tokens: fixtures.tokens, seconds: seconds, smoke: smoke)
            configured.only = prefixes
            let driver = configured
            report.results = try await onThread { try HotPaths(driver: driver, fixtures: fixtures, clients: clients, smoke: smoke).run() }
            report.facts.append(("server peak RSS (VmHWM)", server.peakRSS.map { String(format: "%.0f MiB", $0) } ?? "unknown"))
            server.stop()
        } catch {
            server.stop()
            throw error
        }
        var distributionRate: Double?
        if prefixes.isEmpty || prefixes.contains(where: { "campaign".hasPrefix($0) }) {
            let campaign = await CampaignPath.run(work: work, set: set, smoke: smoke)
            distributionRate = campaign.rate
            report.results += campaign.results
            report.facts += campaign.facts
            report.references += campaign.references
        }
        if prefixes.isEmpty || prefixes.contains(where: { "import accounts".hasPrefix($0) }) {
            let accounts = await AccountImportPath.run(work: work, rows: importRows ?? (smoke ? 1000 : set.scale))
            report.results += accounts.results
            report.facts += accounts.facts
            report.references += accounts.references
            report.ratios += accounts.ratios
        }
        if !prefixes.isEmpty && !prefixes.contains(where: { "import contacts".hasPrefix($0) }) {
            report.results.removeAll(where: \.skipped)
            report.computeRatios(reportSQL: nil, boardSQL: nil)
            say("\n" + report.text)
            if smoke { try Self.verify(report) }
            return
        }
        let importResult = await ImportPath.run(work: work, set: set, smoke: smoke, rows: importRows)
        report.results.append(importResult.result)
        report.results.append(importResult.writer)
        report.facts += importResult.facts
        let references = await References(work: work, csv: importResult.referenceCSV, rows: importResult.rows).measure()
        report.references += references.lines
        report.computeRatios(reportSQL: references.reportMedian, boardSQL: references.boardMedian, commitRate: references.commitRate)
        if let rate = importResult.rate, let sqlRate = references.importRate {
            report.ratios.append(("import rate / \(work.isPostgres ? "psql \\copy" : "sqlite3 .import") rate (into an empty table)",
                                  String(format: "%.3f — goal ≥ 0.25 (target 0.5): %@", rate / sqlRate, rate / sqlRate >= 0.25 ? "met" : "MISSED")))
        }
        if let rate = distributionRate, let sqlRate = references.importRate {
            report.ratios.append(("distribution members/s / \(work.isPostgres ? "psql \\copy" : "sqlite3 .import") rows/s (a reference, not a goal: "
                                  + "a member is a delivery row, an outbox email and their index entries)", String(format: "%.3f", rate / sqlRate)))
        }
        if let rate = importResult.rate, let sqlRate = references.importRateSameDatabase {
            report.ratios.append(("import rate / \(work.isPostgres ? "psql \\copy" : "sqlite3 .import") rate (into the same database)",
                                  String(format: "%.3f — goal ≥ 0.25 (target 0.5): %@", rate / sqlRate, rate / sqlRate >= 0.25 ? "met" : "MISSED")))
        }
        say("\n" + report.text)
        if smoke { try Self.verify(report) }
    }

    static func parseScale(_ text: String) -> Int? {
        if text.hasSuffix("k") { return Int(text.dropLast()).map { $0 * 1000 } }
        if text.hasSuffix("m") { return Int(text.dropLast()).map { $0 * 1_000_000 } }
        return Int(text)
    }

    /// A smoke run fails on any error or failed check, and on a path that measured nothing.
    static func verify(_ report: Report) throws {
        var problems: [String] = []
        for result in report.results where !result.skipped {
            if result.errors > 0 { problems.append("\(result.name): \(result.errors) errors — \(result.note ?? "")") }
            if result.latencies.isEmpty && result.rows == nil { problems.append("\(result.name): no successful request") }
        }
        guard problems.isEmpty else {
            say("SMOKE FAILED:\n" + problems.map { "  - \($0)" }.joined(separator: "\n"))
            throw ExitCode(1)
        }
        say("smoke: every hot path answered correctly (\(report.results.filter(\.skipped).count) skipped)")
    }
}

/// The hidden command the bench starts as its child: the real server on loopback.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server for the bench (internal).", shouldDisplay: false)
    @Option var database: String
    @Option var port: Int

    func run() async throws {
        var logger = Logger(label: "furrow-bench.server")
        logger.logLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["FURROW_LOG_LEVEL"] ?? "warning") ?? .warning
        try await FurrowServer.run(ServerConfiguration(host: "127.0.0.1", port: port, database: database), logger: logger)
    }
}

/// A line of progress, written at once even when the output is a pipe.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
