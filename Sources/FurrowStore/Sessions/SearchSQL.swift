import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

/// Full-text fragment search: FTS5 with the trigram tokenizer on SQLite, a pg_trgm GIN index on
/// PostgreSQL. Words shorter than three characters cannot use a trigram index; a query made only
/// of such words falls back to a title prefix.
enum SearchSQL {
    /// Up to this many matches a global search ranks and sorts them all; beyond it, it walks
    /// the title indexes instead (the same order, found another way).
    static let candidateLimit = 2_000

    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init).filter { $0.count >= 3 }.prefix(8).map { $0 }
    }

    /// A sub-select of matching search-entry ids of one kind (or all kinds when nil).
    static func matchingIDs(_ text: String, kind: SearchEntry.Kind?, engine: Engine) -> SQLQueryString {
        matchingIDs(text, where: kind.map { "e.kind = \(bind: $0.rawValue)" } ?? "1 = 1", limit: nil, engine: engine)
    }

    /// Matching entries (`columns` of `e`) that also meet `condition` (on `e`), at most `limit` of
    /// them when given: the index lookup stops once it has found that many.
    static func matchingIDs(_ text: String, where condition: SQLQueryString, limit: Int?, engine: Engine,
                            columns: String = "e.id") -> SQLQueryString {
        let cap: SQLQueryString = limit.map { " LIMIT \(literal: $0)" } ?? ""
        let select = SQLQueryString("SELECT \(columns) FROM ")
        let words = words(text)
        if words.isEmpty {
            return select + "search_entries e WHERE \(condition) AND LOWER(e.title) LIKE \(bind: escapeLike(text.lowercased()) + "%") ESCAPE '\\'" + cap
        }
        switch engine {
        case .sqlite:
            let match = words.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ")
            return select + "search_fts f JOIN search_entries e ON e.rowid = f.rowid WHERE search_fts MATCH \(bind: match) AND \(condition)" + cap
        case .postgres:
            let likes = words.map { word -> SQLQueryString in "e.body ILIKE \(bind: "%" + escapeLike(word) + "%") ESCAPE '\\'" }
            return select + "search_entries e WHERE " + likes.joined(separator: " AND ") + " AND \(condition)" + cap
        }
    }

    /// The match of `matchingIDs` as a plain condition on `e.body` (for a walk of another index).
    static func bodyHolds(_ text: String) -> SQLQueryString {
        let words = words(text)
        if words.isEmpty { return "LOWER(e.title) LIKE \(bind: escapeLike(text.lowercased()) + "%") ESCAPE '\\'" }
        return words.map { word -> SQLQueryString in "e.body LIKE \(bind: "%" + escapeLike(word) + "%") ESCAPE '\\'" }
            .joined(separator: " AND ")
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}

extension SQLSession {
    /// Adds or replaces one record's entry: one statement (an upsert; on SQLite the update
    /// trigger moves the full-text row).
    func index(_ entry: SearchEntry) async throws {
        try await insertEntries([entry], replacing: true)
    }

    func indexNew(_ entries: [SearchEntry]) async throws {
        try await insertEntries(entries, replacing: false)
    }

    func insertEntries(_ entries: [SearchEntry], replacing: Bool, importId: UUID? = nil) async throws {
        guard !entries.isEmpty else { return }
        let importText = importId.map(UUIDText.lowercase)
        let values = entries.map { entry -> SQLQueryString in
            """
            (\(bind: UUIDText.lowercase(entry.id)), \(bind: entry.kind.rawValue), \(bind: entry.title), \(bind: entry.subtitle),
             \(bind: entry.text.lowercased()), \(bind: entry.ownership.ownerId.string), \(bind: entry.ownership.teamId?.string), \(bind: importText))
            """
        }
        let upsert: SQLQueryString = replacing ? SQLQueryString(Self.upsertSearchEntry) : ""
        try await run("INSERT INTO search_entries (id, kind, title, subtitle, body, owner_id, team_id, import_id) VALUES \(values.joined(separator: ", "))\(upsert)")
    }

    static let upsertSearchEntry = " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, "
        + "subtitle = excluded.subtitle, body = excluded.body, owner_id = excluded.owner_id, team_id = excluded.team_id"

    func unindex(id: UUID) async throws {
        try await run("DELETE FROM search_entries WHERE id = \(bind: UUIDText.lowercase(id))")
    }

    /// Global search in one defined order whatever the number of matches: a title equal to the
    /// text, then titles that start with it, then the other matches; by title (then id) within each.
    func search(_ text: String, types: Set<SearchEntry.Kind>, visibleTo principal: Principal, limit: Int) async throws -> [SearchEntry] {
        let kinds = types.map(\.rawValue).sorted()
        guard !kinds.isEmpty else { return [] }
        // Accounts, orders, invoices and payments are billing records: finance finds every
        // customer's (`Principal.ledger`).
        let ledgerKinds = SearchEntry.Kind.allCases.filter(\.isLedger).map(\.rawValue)
        let visible: SQLQueryString = principal.ledger.seesEverything && !principal.seesEverything
            ? "(e.kind IN (\(binds: ledgerKinds)) OR \(visibility(principal, prefix: "e.")))" : visibility(principal, prefix: "e.")
        let settled: SQLQueryString = "(e.import_id IS NULL OR e.import_id NOT IN (SELECT id FROM staged_imports))"
        let condition: SQLQueryString = "e.kind IN (\(binds: kinds)) AND \(visible) AND \(settled)"
        let columns = "e.id, e.kind, e.title, e.subtitle, e.body, e.owner_id, e.team_id"
        let lowered = text.lowercased()
        let prefix: SQLQueryString = "LOWER(e.title) LIKE \(bind: SearchSQL.escapeLike(lowered) + "%") ESCAPE '\\'"
        let rank: SQLQueryString = "CASE WHEN LOWER(e.title) = \(bind: lowered) THEN 0 WHEN \(prefix) THEN 1 ELSE 2 END"
        // PostgreSQL guesses 1–10% of the entries match any fragment and would rather scan the
        // table; the trigram index costs what the matches do (`indexOnly`).
        return try await indexOnly {
            let counted = try await rows("""
                SELECT COUNT(*) AS n FROM (\(SearchSQL.matchingIDs(text, where: condition, limit: SearchSQL.candidateLimit + 1, engine: engine))) m
                """)
            let matches = try counted.first?.decode(column: "n", as: Int.self) ?? 0
            var found: [any SQLRow]
            if matches <= SearchSQL.candidateLimit {
                // Few enough to rank and sort them all.
                let all = SearchSQL.matchingIDs(text, where: condition, limit: nil, engine: engine, columns: columns)
                found = try await rows("""
                    SELECT e.* FROM (\(all)) e ORDER BY \(rank), e.title, e.id LIMIT \(literal: limit)
                    """)
            } else {
                // A common fragment: sorting every match would cost what the matches do. Titles that
                // start with the text come from the lowered-title index, the rest from a walk of the
                // title index that stops after `limit` matches (which come often, the fragment being common).
                let holds = SearchSQL.bodyHolds(text)
                // SQLite cannot read an index for LIKE on an expression; the same prefix as a range can.
                let range: SQLQueryString = engine == .sqlite
                    ? "LOWER(e.title) >= \(bind: lowered) AND LOWER(e.title) < \(bind: lowered + "\u{10FFFF}") AND " : ""
                found = try await rows("""
                    SELECT \(unsafeRaw: columns) FROM search_entries e WHERE \(range)\(prefix) AND \(holds) AND \(condition)
                    ORDER BY \(rank), e.title, e.id LIMIT \(literal: limit)
                    """)
                if found.count < limit {
                    found += try await rows("""
                        SELECT \(unsafeRaw: columns) FROM search_entries e WHERE NOT (\(prefix)) AND \(holds) AND \(condition)
                        ORDER BY e.title, e.id LIMIT \(literal: limit - found.count)
                        """)
                }
            }
            return found
        }.map { row in
            SearchEntry(kind: try row.status("kind", SearchEntry.Kind.self),
                        id: UUIDText.parse(try row.string("id")) ?? UUID(),
                        title: try row.string("title"), subtitle: try row.string("subtitle"), text: try row.string("body"),
                        ownership: try row.ownership())
        }
    }

    func appendAudit(_ entry: AuditEntry) async throws {
        try await appendAudits([entry])
    }

    func appendAudits(_ entries: [AuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        let encoder = StreamingJSONEncoder()
        let values = try entries.map { entry -> SQLQueryString in
            let changes = String(decoding: try encoder.encode(entry.changes), as: UTF8.self)
            return """
                (\(bind: UUIDText.lowercase(entry.id)), \(bind: entry.entity), \(bind: UUIDText.lowercase(entry.entityId)),
                 \(bind: entry.action), \(bind: entry.actorId?.string), \(bind: Timestamp.string(entry.at)), \(bind: changes), \(bind: entry.via))
                """
        }
        try await run("INSERT INTO audit_entries (id, entity, entity_id, action, actor_id, at, changes, via) VALUES \(values.joined(separator: ", "))")
        // the events these changes make, for the webhooks that want them, in the same transaction
        try await WebhookEvents.record(entries, in: self)
    }

    func auditEntries(entity: String, id: UUID) async throws -> [AuditEntry] {
        try await rows("""
            SELECT * FROM audit_entries WHERE entity = \(bind: entity) AND entity_id = \(bind: UUIDText.lowercase(id)) ORDER BY seq
            """).map { row in
            AuditEntry(id: UUIDText.parse(try row.string("id")) ?? UUID(), entity: try row.string("entity"),
                       entityId: id, action: try row.string("action"), actorId: try row.optionalID("actor_id"),
                       at: try row.date("at"),
                       changes: try JSONDecoder().decode([FieldChange].self, from: Data(try row.string("changes").utf8)),
                       via: try row.optional("via"))
        }
    }
}
