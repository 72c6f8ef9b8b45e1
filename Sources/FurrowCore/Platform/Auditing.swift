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

/// Reads the audit trail of a record the caller may see (SPEC §0).
public struct AuditService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public func entries(entity: String, id: UUID, by principal: Principal) async throws -> [AuditEntry] {
        try await env.store.read { session in
            let ownership: Ownership?
            switch entity {
            case "account": ownership = try await session.account(id: Account.ID(id))?.ownership
            case "contact": ownership = try await session.contact(id: Contact.ID(id))?.ownership
            case "lead": ownership = try await session.lead(id: Lead.ID(id))?.ownership
            case "opportunity": ownership = try await session.opportunity(id: Opportunity.ID(id))?.ownership
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
