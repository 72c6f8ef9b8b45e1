import Foundation
import FurrowCore
import SQLKit

/// One forward-only schema step. Statements shared by both engines go in `both`; the few that
/// differ (search, sequences, triggers) go in `sqlite` and `postgres`.
struct Migration: Sendable {
    let version: Int
    let name: String
    let both: [String]
    let sqlite: [String]
    let postgres: [String]

    func statements(for engine: Engine) -> [String] {
        both + (engine == .sqlite ? sqlite : postgres)
    }

    static let all: [Migration] = [m0001Backbone, m0002Pipeline, m0003Notifications, m0004Quotes, m0005Orders, m0006Outbox, m0007OrderTracking, m0008Ledger,
                                   m0009Activities, m0010Indexes, m0011StagedImports, m0012SearchOrder,
                                   m0013DocumentSearch, m0014SearchLabels, m0015OpportunityValue, m0016ActivityOrigin,
                                   m0017CredentialOwner, m0018Budgets, m0019Maintenance, m0020RenewalQuote, m0021Campaigns,
                                   m0022CampaignActivities, m0023CampaignResponses, m0024CampaignProducts, m0025SalesLiterature,
                                   m0026ApiTokens, m0027Webhooks, m0028ImportJobs, m0029HomeIndexes,
                                   m0030PasswordLinks, m0031SavedViews, m0032NotesAndFiles,
                                   m0033NumberStyle, m0034AccountBilling, m0035QuoteLinks, m0036DocumentAssets]
}

public struct Migrator: Sendable {
    let store: SQLStore
    public init(_ store: SQLStore) { self.store = store }

    /// Applies every pending migration, each in its own transaction; safe to run from several
    /// processes at once (SQLite serialises writers, PostgreSQL takes an advisory lock).
    @discardableResult
    public func migrate() async throws -> [String] {
        let engine = store.engine
        try await store.withDatabase { db in
            try await db.raw("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)
                """).run()
        }
        var applied: [String] = []
        for migration in Migration.all {
            let ran = try await store.transaction { db in
                if engine == .postgres { try await db.raw("SELECT pg_advisory_xact_lock(7001)").run() }
                let done = try await db.raw("SELECT version FROM schema_migrations WHERE version = \(bind: migration.version)").first()
                if done != nil { return false }
                for statement in migration.statements(for: engine) { try await db.raw(SQLQueryString(statement)).run() }
                try await db.raw("""
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Timestamp.string(Date())))
                    """).run()
                return true
            }
            if ran { applied.append("\(migration.version) \(migration.name)") }
        }
        return applied
    }

    /// The version the newest migration brings the schema to.
    public static var latestVersion: Int { Migration.all.map(\.version).max() ?? 0 }

    public func currentVersion() async throws -> Int {
        try await store.withDatabase { db in
            try await db.raw("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").first()?.decode(column: "v", as: Int.self) ?? 0
        }
    }
}
