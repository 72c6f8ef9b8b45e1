import Foundation
import FurrowDomain

/// Connections between any two parties (SPEC §1, rule 54). A connection is visible when both
/// of its parties are; creating or deleting one needs the right to change the first party.
public struct ConnectionService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public func create(fromType: PartyType, fromId: UUID, toType: PartyType, toId: UUID, role: String?,
                       by principal: Principal) async throws -> Connection {
        let role = try Connection.validate(fromType: fromType, fromId: fromId, toType: toType, toId: toId, role: role)
        return try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            guard let from = try await session.ownership(of: fromType, fromId), principal.canSee(from) else {
                throw ValidationError([FieldError("fromId", "is not a record you can see")])
            }
            guard let to = try await session.ownership(of: toType, toId), principal.canSee(to) else {
                throw ValidationError([FieldError("toId", "is not a record you can see")])
            }
            guard principal.canChange(from) || principal.canChange(to) else {
                throw CoreError.forbidden("your role cannot change records")
            }
            let connection = Connection(id: env.newID(), fromType: fromType, fromId: fromId, toType: toType, toId: toId,
                                        role: role, createdAt: env.clock.now())
            try await session.insertConnection(connection)
            transaction.audit("connection", connection.id.uuid, "create", AuditDiff.changes(from: [:], to: connection.auditValues))
            return connection
        }
    }

    public func list(of partyId: UUID, type: PartyType, by principal: Principal) async throws -> [Connection] {
        try await env.store.read { session in
            guard let party = try await session.ownership(of: type, partyId), principal.reads(type, party) else {
                throw CoreError.notFound(type.rawValue)
            }
            var visible: [Connection] = []
            for connection in try await session.connections(of: partyId) {
                let otherIsFrom = connection.toId == partyId && connection.toType == type
                let otherType = otherIsFrom ? connection.fromType : connection.toType
                let otherId = otherIsFrom ? connection.fromId : connection.toId
                if let other = try await session.ownership(of: otherType, otherId), principal.reads(otherType, other) {
                    visible.append(connection)
                }
            }
            return visible
        }
    }

    public func get(_ id: Connection.ID, by principal: Principal) async throws -> Connection {
        try await env.store.read { session in try await session.visibleConnection(id, principal) }
    }

    public func delete(_ id: Connection.ID, by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            let connection = try await session.visibleConnection(id, principal)
            let from = try await session.ownership(of: connection.fromType, connection.fromId)
            let to = try await session.ownership(of: connection.toType, connection.toId)
            guard [from, to].compactMap({ $0 }).contains(where: principal.canChange) else {
                throw CoreError.forbidden("your role cannot change records")
            }
            try await session.deleteConnection(id: id)
            transaction.audit("connection", id.uuid, "delete", AuditDiff.changes(from: connection.auditValues, to: [:]))
        }
    }
}

extension Connection {
    var auditValues: [String: String] {
        ["fromType": fromType.rawValue, "fromId": UUIDText.lowercase(fromId),
         "toType": toType.rawValue, "toId": UUIDText.lowercase(toId), "role": role]
    }
}

extension Principal {
    /// Whether the principal reads a party, by the role table's rule for its kind (`reading`).
    func reads(_ type: PartyType, _ ownership: Ownership) -> Bool {
        reading(type == .account ? .account : .contact).canSee(ownership)
    }
}

extension StoreSession {
    func ownership(of type: PartyType, _ id: UUID) async throws -> Ownership? {
        switch type {
        case .account: try await account(id: Account.ID(id))?.ownership
        case .contact: try await contact(id: Contact.ID(id))?.ownership
        }
    }

    func visibleConnection(_ id: Connection.ID, _ principal: Principal) async throws -> Connection {
        guard let connection = try await connection(id: id),
              let from = try await ownership(of: connection.fromType, connection.fromId), principal.reads(connection.fromType, from),
              let to = try await ownership(of: connection.toType, connection.toId), principal.reads(connection.toType, to)
        else { throw CoreError.notFound("connection") }
        return connection
    }
}
