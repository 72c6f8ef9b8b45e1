import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    func insertConnection(_ connection: Connection) async throws {
        try await run("""
            INSERT INTO connections (id, from_type, from_id, to_type, to_id, role, created_at)
            VALUES (\(bind: connection.id.string), \(bind: connection.fromType.rawValue), \(bind: connection.fromId.uuidString.lowercased()),
                    \(bind: connection.toType.rawValue), \(bind: connection.toId.uuidString.lowercased()), \(bind: connection.role),
                    \(bind: Timestamp.string(connection.createdAt)))
            """)
    }

    func connection(id: Connection.ID) async throws -> Connection? {
        try await rows("SELECT * FROM connections WHERE id = \(bind: id.string)").first.map(connectionRecord)
    }

    func connections(of partyId: UUID) async throws -> [Connection] {
        let id = partyId.uuidString.lowercased()
        return try await rows("""
            SELECT * FROM connections WHERE from_id = \(bind: id) OR to_id = \(bind: id) ORDER BY created_at, id
            """).map(connectionRecord)
    }

    func deleteConnection(id: Connection.ID) async throws {
        try await run("DELETE FROM connections WHERE id = \(bind: id.string)")
    }

    func deleteConnections(of partyId: UUID) async throws {
        let id = partyId.uuidString.lowercased()
        try await run("DELETE FROM connections WHERE from_id = \(bind: id) OR to_id = \(bind: id)")
    }

    /// Re-points connections of a merged record; a connection that would join the survivor to
    /// itself is dropped.
    func moveConnections(from: UUID, to: UUID) async throws {
        let old = from.uuidString.lowercased(), new = to.uuidString.lowercased()
        try await run("""
            DELETE FROM connections WHERE (from_id = \(bind: old) AND to_id = \(bind: new)) OR (from_id = \(bind: new) AND to_id = \(bind: old))
            """)
        try await run("UPDATE connections SET from_id = \(bind: new) WHERE from_id = \(bind: old)")
        try await run("UPDATE connections SET to_id = \(bind: new) WHERE to_id = \(bind: old)")
    }

    func businessReferences(to party: PartyType, id: UUID) async throws -> [String: Int] {
        let key = id.uuidString.lowercased()
        let tables: [(String, String)] = party == .account
            ? [("opportunities", "account_id"), ("quotes", "account_id"), ("sales orders", "account_id"), ("qualified leads", "qualified_account_id")]
            : [("opportunities", "contact_id"), ("quotes", "contact_id"), ("sales orders", "contact_id"), ("qualified leads", "qualified_contact_id")]
        var found: [String: Int] = [:]
        for (name, column) in tables {
            let table = name == "sales orders" ? "sales_orders" : name == "qualified leads" ? "leads" : name
            let n = try await count("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: column) = \(bind: key)")
            if n > 0 { found[name] = n }
        }
        return found
    }

    private func connectionRecord(_ row: any SQLRow) throws -> Connection {
        Connection(id: try row.id("id"),
                   fromType: PartyType(rawValue: try row.string("from_type")) ?? .account,
                   fromId: UUID(uuidString: try row.string("from_id")) ?? UUID(),
                   toType: PartyType(rawValue: try row.string("to_type")) ?? .account,
                   toId: UUID(uuidString: try row.string("to_id")) ?? UUID(),
                   role: try row.string("role"), createdAt: try row.date("created_at"))
    }
}
