import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    func insertConnection(_ connection: Connection) async throws {
        try await run("""
            INSERT INTO connections (id, from_type, from_id, to_type, to_id, role, created_at)
            VALUES (\(bind: connection.id.string), \(bind: connection.fromType.rawValue), \(bind: UUIDText.lowercase(connection.fromId)),
                    \(bind: connection.toType.rawValue), \(bind: UUIDText.lowercase(connection.toId)), \(bind: connection.role),
                    \(bind: Timestamp.string(connection.createdAt)))
            """)
    }

    func connection(id: Connection.ID) async throws -> Connection? {
        try await rows("SELECT * FROM connections WHERE id = \(bind: id.string)").first.map(connectionRecord)
    }

    func connections(of partyId: UUID) async throws -> [Connection] {
        let id = UUIDText.lowercase(partyId)
        return try await rows("""
            SELECT * FROM connections WHERE from_id = \(bind: id) OR to_id = \(bind: id) ORDER BY created_at, id
            """).map(connectionRecord)
    }

    func deleteConnection(id: Connection.ID) async throws {
        try await run("DELETE FROM connections WHERE id = \(bind: id.string)")
    }

    func deleteConnections(of partyId: UUID) async throws {
        let id = UUIDText.lowercase(partyId)
        try await run("DELETE FROM connections WHERE from_id = \(bind: id) OR to_id = \(bind: id)")
    }

    /// Re-points connections of a merged record; a connection that would join the survivor to
    /// itself is dropped.
    func moveConnections(from: UUID, to: UUID) async throws {
        let old = UUIDText.lowercase(from), new = UUIDText.lowercase(to)
        try await run("""
            DELETE FROM connections WHERE (from_id = \(bind: old) AND to_id = \(bind: new)) OR (from_id = \(bind: new) AND to_id = \(bind: old))
            """)
        try await run("UPDATE connections SET from_id = \(bind: new) WHERE from_id = \(bind: old)")
        try await run("UPDATE connections SET to_id = \(bind: new) WHERE to_id = \(bind: old)")
    }

    /// The business records that name a party: (what the user calls them, audit entity, table, column).
    static func businessTables(_ party: PartyType) -> [(name: String, entity: String, table: String, column: String)] {
        switch party {
        case .account:
            return [("opportunities", "opportunity", "opportunities", "account_id"), ("quotes", "quote", "quotes", "account_id"),
                    ("sales orders", "order", "sales_orders", "account_id"), ("invoices", "invoice", "invoices", "account_id"),
                    ("payments", "payment", "payments", "account_id"), ("qualified leads", "lead", "leads", "qualified_account_id"),
                    ("budgets", "budget", "budgets", "target_id")]
        case .contact:
            return [("opportunities", "opportunity", "opportunities", "contact_id"), ("quotes", "quote", "quotes", "contact_id"),
                    ("sales orders", "order", "sales_orders", "contact_id"), ("invoices", "invoice", "invoices", "contact_id"),
                    ("qualified leads", "lead", "leads", "qualified_contact_id")]
        }
    }

    func businessReferences(to party: PartyType, id: UUID) async throws -> [String: Int] {
        let key = UUIDText.lowercase(id)
        var found: [String: Int] = [:]
        for (name, _, table, column) in Self.businessTables(party) {
            let n = try await count("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: column) = \(bind: key)")
            if n > 0 { found[name] = n }
        }
        return found
    }

    func moveBusinessReferences(of party: PartyType, from: UUID, to: UUID) async throws -> [(entity: String, id: UUID)] {
        let old = UUIDText.lowercase(from), new = UUIDText.lowercase(to)
        var moved: [(entity: String, id: UUID)] = []
        for (_, entity, table, column) in Self.businessTables(party) {
            let rows = try await rows("""
                UPDATE \(unsafeRaw: table) SET \(unsafeRaw: column) = \(bind: new), version = version + 1
                WHERE \(unsafeRaw: column) = \(bind: old) RETURNING id
                """)
            moved += try rows.compactMap { row in UUIDText.parse(try row.string("id")).map { (entity, $0) } }
        }
        return moved
    }

    private func connectionRecord(_ row: any SQLRow) throws -> Connection {
        Connection(id: try row.id("id"),
                   fromType: try row.status("from_type", PartyType.self),
                   fromId: UUIDText.parse(try row.string("from_id")) ?? UUID(),
                   toType: try row.status("to_type", PartyType.self),
                   toId: UUIDText.parse(try row.string("to_id")) ?? UUID(),
                   role: try row.string("role"), createdAt: try row.date("created_at"))
    }
}
