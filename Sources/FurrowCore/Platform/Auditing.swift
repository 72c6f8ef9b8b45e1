import Foundation
import FurrowDomain

extension StoreSession {
    /// Appends one audit entry in the current transaction; a change with no field changes
    /// (other than create and delete) writes nothing.
    func audit(_ env: CoreEnvironment, entity: String, id: UUID, action: String, actor: User.ID?,
               changes: [FieldChange]) async throws {
        try await appendAudit(AuditEntry(id: env.ids.next(), entity: entity, entityId: id, action: "\(entity).\(action)",
                                         actorId: actor, at: env.clock.now(), changes: changes))
    }
}

extension StoreSession {
    /// One `update` entry per record a merge re-pointed from `from` to `to`.
    func auditMoves(_ env: CoreEnvironment, children: [UUID], entity: String, field: String, from: UUID, to: UUID,
                    actor: User.ID) async throws {
        for child in children {
            try await audit(env, entity: entity, id: child, action: "update", actor: actor,
                            changes: [FieldChange(field: field, old: UUIDText.lowercase(from), new: UUIDText.lowercase(to))])
        }
    }

    /// One `update` entry per business record a merge re-pointed.
    func auditBusinessMoves(_ env: CoreEnvironment, _ moved: [(entity: String, id: UUID)], field: String, from: UUID, to: UUID,
                            actor: User.ID) async throws {
        for (entity, id) in moved {
            try await audit(env, entity: entity, id: id, action: "update", actor: actor,
                            changes: [FieldChange(field: field, old: UUIDText.lowercase(from), new: UUIDText.lowercase(to))])
        }
    }

    /// Connections a merge moved: re-pointed ones are updates; ones that would join the survivor to itself are deleted.
    func auditMovedConnections(_ env: CoreEnvironment, _ connections: [Connection], from: UUID, to: UUID, actor: User.ID) async throws {
        let old = UUIDText.lowercase(from), new = UUIDText.lowercase(to)
        for connection in connections {
            let joinsSurvivor = connection.fromId == to || connection.toId == to
            let field = connection.fromId == from ? "fromId" : "toId"
            try await audit(env, entity: "connection", id: connection.id.uuid, action: joinsSurvivor ? "delete" : "update", actor: actor,
                            changes: [FieldChange(field: field, old: old, new: joinsSurvivor ? nil : new)])
        }
    }
}

/// Reads the audit trail of a record the caller may see (SPEC §0).
public struct AuditService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    /// The entity names the trail records: every kernel record type, and the catalog,
    /// bank and administration rows edited by their own services.
    public static let entities: Set<String> = Set(RecordTypes.all.map { $0.entity }).union(otherEntities.keys)

    /// Who reads the trail of rows that are not kernel records (a connection's: administrators).
    static let otherEntities: [String: @Sendable (Principal) -> Bool] = [
        "price-list": { _ in true }, "tax-rate": { _ in true }, "channel": { _ in true }, "reason": { _ in true },
        "stage": { _ in true }, "opportunity-kind": { _ in true },
        "bank-statement": { $0.canReconcile }, "statement-profile": { $0.canReconcile },
        "team": { $0.isAdmin }, "settings": { $0.isAdmin }, "connection": { $0.isAdmin }, "api-token": { $0.isAdmin }, "webhook": { $0.isAdmin },
    ]

    public func entries(entity: String, id: UUID, by principal: Principal) async throws -> [AuditEntry] {
        try await env.store.read { session in
            let visible: Bool
            if let type = RecordTypes.named(entity) {
                // a deleted record's trail: administrators
                visible = try await type.access(of: id, in: session).map { $0.visible(to: principal) } ?? principal.isAdmin
            } else {
                visible = Self.otherEntities[entity]?(principal) ?? principal.isAdmin
            }
            guard visible else { throw CoreError.notFound(entity) }
            return try await session.auditEntries(entity: entity, id: id)
        }
    }
}
