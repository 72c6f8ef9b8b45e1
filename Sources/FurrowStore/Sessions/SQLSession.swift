import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

/// The store session: every query of the use cases, written once for both engines.
struct SQLSession: StoreSession {
    let db: any SQLDatabase
    let engine: Engine
    /// Whether the session is a write transaction (reads run on a connection of their own).
    let inTransaction: Bool

    init(_ db: any SQLDatabase, engine: Engine, inTransaction: Bool = false) {
        self.db = db
        self.engine = engine
        self.inTransaction = inTransaction
    }

    /// `body` with PostgreSQL's sequential scans off: for queries that must go through an index
    /// whatever the planner guesses of their row count (a read gets a short transaction of its
    /// own for the setting; in a write it lasts to that transaction's end). SQLite: just `body`.
    func indexOnly<T>(_ body: () async throws -> T) async throws -> T {
        guard engine == .postgres else { return try await body() }
        func withSetting() async throws -> T {
            try await run("SET LOCAL enable_seqscan = off")
            return try await body()
        }
        if inTransaction { return try await withSetting() }
        return try await SQLStore.inTransaction(db, begin: "BEGIN READ ONLY") { _ in try await withSetting() }
    }

    func rows(_ query: SQLQueryString) async throws -> [any SQLRow] {
        counted(query)
        return try await db.raw(query).all()
    }

    func run(_ query: SQLQueryString) async throws {
        counted(query)
        try await db.raw(query).run()
    }

    func count(_ query: SQLQueryString) async throws -> Int {
        counted(query)
        return try await db.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    private func counted(_ query: SQLQueryString) {
        guard let counter = StatementCounter.current else { return }
        var serializer = SQLSerializer(database: db)
        query.serialize(to: &serializer)
        counter.add(StatementCounter.Statement(sql: serializer.sql, binds: serializer.binds))
    }

    /// `(owner_id = … OR team_id IN (…))`, or nothing for a principal who sees everything.
    func visibility(_ principal: Principal, prefix: String = "") -> SQLQueryString {
        if principal.seesEverything { return "1 = 1" }
        let teams = principal.visibleTeamIds.map(\.string).sorted()
        if teams.isEmpty { return "\(unsafeRaw: prefix)owner_id = \(bind: principal.userId.string)" }
        return "(\(unsafeRaw: prefix)owner_id = \(bind: principal.userId.string) OR \(unsafeRaw: prefix)team_id IN (\(binds: teams)))"
    }
}

extension SQLRow {
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    /// Nil check, then a plain `String` decode: decoding `String?` goes through the drivers'
    /// generic unwrapping decoder, a measurable cost on every list row.
    func optional(_ column: String) throws -> String? {
        try decodeNil(column: column) ? nil : decode(column: column, as: String.self)
    }
    func int(_ column: String) throws -> Int { try decode(column: column, as: Int.self) }
    func date(_ column: String) throws -> Date {
        let text = try string(column)
        guard let date = Timestamp.date(text) else { throw StoreError.notSupported("bad timestamp \(text)") }
        return date
    }
    /// A stored `YYYY-MM-DD` date; unreadable text is a store error, never read as another day.
    func day(_ column: String) throws -> Day {
        let text = try string(column)
        guard let day = Day(text) else { throw StoreError.notSupported("bad date \(text)") }
        return day
    }
    func optionalDay(_ column: String) throws -> Day? {
        try decodeNil(column: column) ? nil : day(column)
    }
    func id<T>(_ column: String, _: T.Type = T.self) throws -> Identifier<T> {
        let text = try string(column)
        guard let id = Identifier<T>(text) else { throw StoreError.notSupported("bad id \(text)") }
        return id
    }
    func optionalID<T>(_ column: String, _: T.Type = T.self) throws -> Identifier<T>? {
        try optional(column).flatMap(Identifier<T>.init)
    }
    /// A stored status; one the code does not know is a store error, never read as another.
    func status<T: RawRepresentable>(_ column: String, _: T.Type) throws -> T where T.RawValue == String {
        let text = try string(column)
        guard let value = T(rawValue: text) else { throw StoreError.notSupported("unknown \(column) '\(text)'") }
        return value
    }
    func currency(_ column: String) throws -> Currency {
        let text = try string(column)
        guard let value = Currency(text) else { throw StoreError.notSupported("unknown currency '\(text)'") }
        return value
    }
    func ownership() throws -> Ownership {
        Ownership(ownerId: try id("owner_id"), teamId: try optionalID("team_id"))
    }
}
