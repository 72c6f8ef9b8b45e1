import Foundation
import FurrowCore
import Logging
import Metrics
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteKit
import SQLiteNIO

/// Which database engine a store talks to; the few statements that differ branch on it.
public enum Engine: String, Sendable { case sqlite, postgres }

/// The store over SQLite (one writer connection, several readers, WAL) or PostgreSQL (a pooled
/// `PostgresClient`). `write` bodies run in one transaction; SQLite writers are serialised,
/// which is how SQLite works anyway, so no write ever waits on `SQLITE_BUSY`.
public final class SQLStore: Store, Sendable {
    public let engine: Engine

    /// Every table whose rows carry `owner_id` and `team_id`: when a user moves to another team,
    /// each of their records follows (a store test holds this list to the schema).
    public static let ownedTables = ["accounts", "contacts", "leads", "opportunities", "activities", "quotes", "sales_orders",
                                     "invoices", "payments", "search_entries", "amc_contracts", "marketing_lists", "campaigns",
                                     "campaign_activities", "campaign_responses", "sales_literature"]
    let logger: Logger
    private let sqlite: SQLitePool?
    private let groupCommit: GroupCommit?
    private let postgres: PostgresClient?
    private let postgresTask: Task<Void, Never>?
    /// Time from asking for a connection to the end of the read or transaction, waiting included.
    private let readTimer: Metrics.Timer
    private let writeTimer: Metrics.Timer

    /// Opens `location`: a `postgres://` URL, or a path of an SQLite file (created when missing).
    public static func open(_ location: String, logger: Logger = Logger(label: "furrow.store")) async throws -> SQLStore {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            return try SQLStore(postgresURL: location, logger: logger)
        }
        return try await SQLStore(sqlitePath: location, logger: logger)
    }

    private init(sqlitePath: String, logger: Logger) async throws {
        self.engine = .sqlite
        self.logger = logger
        (readTimer, writeTimer) = Self.timers(.sqlite)
        let pool = try await SQLitePool.open(path: sqlitePath, readers: 4, logger: logger)
        self.sqlite = pool
        self.groupCommit = GroupCommit(pool: pool)
        self.postgres = nil
        self.postgresTask = nil
    }

    private init(postgresURL: String, logger: Logger) throws {
        guard let components = URLComponents(string: postgresURL), let host = components.host else {
            throw StoreError.badLocation(postgresURL)
        }
        let database = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let socket = components.queryItems?.first(where: { $0.name == "host" })?.value
        var configuration: PostgresClient.Configuration
        if let socket, host == "localhost" && socket.hasPrefix("/") {
            configuration = .init(unixSocketPath: socket + "/.s.PGSQL.\(components.port ?? 5432)", username: components.user ?? "postgres",
                                  password: components.password, database: database.isEmpty ? nil : database)
        } else {
            configuration = .init(host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
                                  password: components.password, database: database.isEmpty ? nil : database, tls: .disable)
        }
        configuration.options.maximumConnections = 20
        var background = logger
        background.logLevel = .error
        let client = PostgresClient(configuration: configuration, backgroundLogger: background)
        self.engine = .postgres
        self.logger = logger
        (readTimer, writeTimer) = Self.timers(.postgres)
        self.sqlite = nil
        self.groupCommit = nil
        self.postgres = client
        self.postgresTask = Task { await client.run() }
    }

    static func timers(_ engine: Engine) -> (Metrics.Timer, Metrics.Timer) {
        (Metrics.Timer(label: "furrow_db_read_duration", dimensions: [("engine", engine.rawValue)]),
         Metrics.Timer(label: "furrow_db_transaction_duration", dimensions: [("engine", engine.rawValue)]))
    }

    public func read<T: Sendable>(_ body: @Sendable (any StoreSession) async throws -> T) async throws -> T {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { readTimer.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - started)) }
        if let sqlite {
            return try await sqlite.withReader { connection in
                try await body(SQLSession(connection.sql(), engine: .sqlite))
            }
        }
        return try await postgres!.withConnection { connection in
            try await body(SQLSession(connection.sql(queryLogLevel: nil), engine: .postgres))
        }
    }

    public func write<T: Sendable>(_ body: @Sendable (any StoreSession) async throws -> T) async throws -> T {
        try await transaction { db in try await body(SQLSession(db, engine: self.engine, inTransaction: true)) }
    }

    /// Runs `body` in one transaction on a raw SQL database handle (migrations, bulk work).
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { writeTimer.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - started)) }
        do { return try await rawTransaction(body) } catch { throw Self.storageError(error) ?? error }
    }

    /// A full disk or failing storage as the use cases see it: the write is refused, nothing changed.
    static func storageError(_ error: any Error) -> CoreError? {
        if let error = error as? SQLiteError {
            if case .full = error.reason { return .storageFull }
            return String(describing: error.reason).hasPrefix("ioError") ? .storageUnavailable : nil
        }
        if let error = error as? PSQLError, let state = error.serverInfo?[.sqlState], state.hasPrefix("53") {
            return state == "53100" ? .storageFull : .storageUnavailable
        }
        return nil
    }

    private func rawTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let groupCommit { return try await groupCommit.run(body) }
        return try await postgres!.withConnection { connection in
            // A bulk transaction runs many short batch statements; the planner's parallel workers
            // cost more to start (~15 ms a statement here) than those statements take.
            let setup = BulkWrite.active ? ["SET LOCAL max_parallel_workers_per_gather = 0"] : []
            return try await Self.inTransaction(connection.sql(queryLogLevel: nil), begin: "BEGIN", then: setup, body)
        }
    }

    /// BEGIN, the body, COMMIT; ROLLBACK and the body's own error when it throws.
    static func inTransaction<T>(_ db: any SQLDatabase, begin: String, then setup: [String] = [],
                                         _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await db.raw(SQLQueryString(begin)).run()
        do {
            for statement in setup { try await db.raw(SQLQueryString(statement)).run() }
            let result = try await body(db)
            try await db.raw("COMMIT").run()
            return result
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }

    /// Runs `body` on a raw handle outside any transaction.
    public func withDatabase<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let sqlite {
            return try await sqlite.withWriter { connection in try await body(connection.sql()) }
        }
        return try await postgres!.withConnection { connection in try await body(connection.sql(queryLogLevel: nil)) }
    }

    public func close() async {
        await sqlite?.close()
        postgresTask?.cancel()
        _ = await postgresTask?.value
    }
}

public enum StoreError: Error, CustomStringConvertible {
    case badLocation(String)
    case integrityCheckFailed(String)
    case notSupported(String)

    public var description: String {
        switch self {
        case .badLocation(let text): "cannot open database at \(text)"
        case .integrityCheckFailed(let text): "integrity check failed: \(text)"
        case .notSupported(let text): text
        }
    }
}

extension SQLStore {
    /// Writes a consistent copy of an SQLite database to `path` (`VACUUM INTO`) and checks it
    /// with `PRAGMA integrity_check`. PostgreSQL is backed up with its own tools.
    public func backup(to path: String) async throws {
        guard engine == .sqlite else {
            throw StoreError.notSupported("PostgreSQL databases are backed up with pg_dump or continuous archiving (PITR), not with furrow backup.")
        }
        if FileManager.default.fileExists(atPath: path) { throw StoreError.notSupported("\(path) exists already; choose a new file.") }
        try await withDatabase { db in try await db.raw("VACUUM INTO \(bind: path)").run() }
        let copy = try await SQLStore.open(path, logger: logger)
        let result = try await copy.withDatabase { db in
            try await db.raw("PRAGMA integrity_check").all().map { try $0.decode(column: "integrity_check", as: String.self) }
        }
        await copy.close()
        guard result == ["ok"] else { throw StoreError.integrityCheckFailed(result.joined(separator: "; ")) }
    }
}
