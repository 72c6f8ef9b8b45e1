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

    /// The entity names the trail records.
    public static let entities: Set<String> = ["account", "contact", "connection", "user", "team", "settings", "lead", "opportunity",
                                               "channel", "reason", "stage", "opportunity-kind", "activity", "quote", "product",
                                               "price-list", "tax-rate", "order", "invoice", "payment",
                                               "bank-statement", "statement-profile"]

    public func entries(entity: String, id: UUID, by principal: Principal) async throws -> [AuditEntry] {
        try await env.store.read { session in
            let ownership: Ownership?
            switch entity {
            case "account": ownership = try await session.account(id: Account.ID(id)).map { principal.ledger.canSee($0.ownership) ? principal.selfOwned : $0.ownership }
            case "contact": ownership = try await session.contact(id: Contact.ID(id))?.ownership
            case "lead": ownership = try await session.lead(id: Lead.ID(id))?.ownership
            case "opportunity": ownership = try await session.opportunity(id: Opportunity.ID(id))?.ownership
            case "activity": ownership = try await session.activity(id: Activity.ID(id))?.ownership
            case "quote": ownership = try await session.quote(id: Quote.ID(id))?.ownership
            case "order": ownership = try await session.order(id: SalesOrder.ID(id)).map { principal.ledger.canSee($0.ownership) ? principal.selfOwned : $0.ownership }
            case "invoice": ownership = try await session.invoice(id: Invoice.ID(id), locked: false).map { principal.ledger.canSee($0.ownership) ? principal.selfOwned : $0.ownership }
            case "payment": ownership = try await session.payment(id: Payment.ID(id), locked: false).map { principal.ledger.canSee($0.ownership) ? principal.selfOwned : $0.ownership }
            case "bank-statement", "statement-profile": ownership = principal.canReconcile ? principal.selfOwned : nil
            case "product", "price-list", "tax-rate": ownership = principal.selfOwned
            case "channel", "reason", "stage", "opportunity-kind":
                ownership = Ownership(ownerId: principal.userId, teamId: nil)
            case "user", "team", "settings":
                ownership = principal.isAdmin ? Ownership(ownerId: principal.userId, teamId: nil) : nil
            default: ownership = nil
            }
            let deletedVisible = ownership == nil && principal.isAdmin
            guard deletedVisible || (ownership.map(principal.canSee) ?? false) else {
                throw CoreError.notFound(entity)
            }
            return try await session.auditEntries(entity: entity, id: id)
        }
    }
}
