import Foundation
import FurrowDomain

/// One CSV import as the web UI, the API and the CLI run it (SPEC §11): the uploaded file (kept in
/// the database in parts, so any server of a cluster can go on with it), what was told from it,
/// the mapping and duplicate policy chosen, and the report of its last dry run or its commit.
/// `uploaded` → `mapped` (a mapping was set) → `running` → `done` or `failed`.
public struct ImportJob: Sendable, Equatable {
    public typealias ID = UUID
    public enum Status: String, Sendable, CaseIterable { case uploaded, mapped, running, done, failed }

    public var id: ID
    public var type: ImportType
    public var fileName: String?
    public var status: Status
    public var format: ImportFormat
    /// Column → field; nil until set.
    public var mapping: [String: String]?
    public var duplicates: ImportRun.Policy
    /// Data rows in the file (blank lines aside).
    public var rowsTotal: Int
    /// Rows done: of a running commit as far as it got, of a done one all of them.
    public var rowsDone = 0
    public var bytes: Int
    /// The last dry run's or the commit's.
    public var report: ImportReport?
    /// Why a commit failed when no row was to blame (the rows' reasons are in the report).
    public var message: String?
    public var userId: User.ID
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?

    public init(id: ID, type: ImportType, fileName: String?, status: Status, format: ImportFormat, mapping: [String: String]?,
                duplicates: ImportRun.Policy, rowsTotal: Int, bytes: Int, report: ImportReport?, message: String?, userId: User.ID,
                createdAt: Date, updatedAt: Date, finishedAt: Date?) {
        self.id = id
        self.type = type
        self.fileName = fileName
        self.status = status
        self.format = format
        self.mapping = mapping
        self.duplicates = duplicates
        self.rowsTotal = rowsTotal
        self.bytes = bytes
        self.report = report
        self.message = message
        self.userId = userId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.finishedAt = finishedAt
    }
}

/// What an import run did, row by row: the counts always, the rows' outcomes up to `rowLimit`
/// (every failed row among them first, up to `failedLimit`).
public struct ImportReport: Sendable, Equatable, Codable {
    public static let rowLimit = 10_000
    public static let failedLimit = 1_000

    public struct Row: Sendable, Equatable, Codable {
        public enum Outcome: String, Sendable, Codable { case created, updated, skipped, failed }
        public let line: Int
        public let outcome: Outcome
        public let recordId: UUID?
        /// What the row names the record by (its name, topic or SKU), to show beside its outcome.
        public let title: String?
        public let errors: [Problem]
        public struct Problem: Sendable, Equatable, Codable {
            public let field: String
            public let message: String
        }

        public init(line: Int, outcome: Outcome, recordId: UUID?, title: String? = nil, errors: [FieldError]) {
            self.line = line
            self.outcome = outcome
            self.recordId = recordId
            self.title = title
            self.errors = errors.map { Problem(field: $0.field, message: $0.message) }
        }
    }

    public var dryRun: Bool
    /// Whether the records were stored (a commit with no failed row).
    public var stored: Bool = false
    public var rowsRead = 0
    public var created = 0
    public var updated = 0
    public var skipped = 0
    public var failed = 0
    /// Outcomes of the first rows (and of every failed row up to `failedLimit`), by line.
    public var rows: [Row] = []
    /// Whether some rows' outcomes were left out of `rows`.
    public var truncated = false

    public init(dryRun: Bool) { self.dryRun = dryRun }

    public var failedRows: [Row] { rows.filter { $0.outcome == .failed } }

    mutating func add(_ row: Row) {
        rowsRead += 1
        switch row.outcome {
        case .created: created += 1
        case .updated: updated += 1
        case .skipped: skipped += 1
        case .failed: failed += 1
        }
        let keep = row.outcome == .failed ? failed <= Self.failedLimit : rows.count < Self.rowLimit
        if keep { rows.append(row) } else { truncated = true }
    }

    public var summary: String {
        "\(created) created, \(updated) updated, \(skipped) skipped" + (failed > 0 ? ", \(failed) failed" : "")
    }
}

/// A mapping kept by name for files of the same shape (per import type, shared by everyone).
public struct ImportMapping: Sendable, Equatable {
    public var id: UUID
    public var type: ImportType
    public var name: String
    public var mapping: [String: String]
    public var duplicates: ImportRun.Policy
    public var userId: User.ID
    public var updatedAt: Date

    public init(id: UUID, type: ImportType, name: String, mapping: [String: String], duplicates: ImportRun.Policy, userId: User.ID, updatedAt: Date) {
        self.id = id
        self.type = type
        self.name = name
        self.mapping = mapping
        self.duplicates = duplicates
        self.userId = userId
        self.updatedAt = updatedAt
    }
}
