import Foundation
import FurrowDomain

/// What the people working an activity may know of the record it regards (defects 6): a
/// technician sent to another team's customer sees whom the visit is for and how to reach them,
/// without being able to open or change the record. Everyone else sees what visibility allows.
public struct RegardingCard: Sendable, Equatable {
    public let name: String
    public let phone: String?
    public let email: String?
    /// Whether the caller may open the record itself.
    public let canOpen: Bool
}

extension ActivityService {
    /// The card of an activity's regarding record, or nil when there is none or the caller may
    /// neither see the record nor works the activity (its owner or an invited attendee).
    public func regardingCard(of activity: Activity, by principal: Principal) async throws -> RegardingCard? {
        guard let regarding = activity.regarding else { return nil }
        return try await env.store.read { session in
            guard let owner = try await session.ownership(of: regarding) else { return nil }
            let canOpen = principal.reading(regarding.kind).canSee(owner)
            let works = activity.ownership.ownerId == principal.userId || activity.invites(principal.userId)
            guard canOpen || works else { return nil }
            let (name, phone, email) = try await Self.summary(of: regarding, in: session)
            return RegardingCard(name: name, phone: phone, email: email, canOpen: canOpen)
        }
    }

    static func summary(of regarding: Regarding, in session: any StoreSession) async throws -> (String, String?, String?) {
        let id = regarding.id
        switch regarding.kind {
        case .account:
            let account = try await session.account(id: Account.ID(id))
            return (account?.fields.name ?? "", account?.fields.phone, account?.fields.email)
        case .contact:
            let contact = try await session.contact(id: Contact.ID(id))
            return (contact?.fields.fullName ?? "", contact?.fields.phone ?? contact?.fields.mobile, contact?.fields.email)
        case .lead:
            let lead = try await session.lead(id: Lead.ID(id))
            return (lead.map { [$0.fields.personName, $0.fields.companyName].compactMap { $0 }.joined(separator: ", ") } ?? "",
                    lead?.fields.phone, lead?.fields.email)
        case .opportunity:
            let opportunity = try await session.opportunity(id: Opportunity.ID(id))
            let account = try await opportunity?.fields.accountId.asyncMap { try await session.account(id: $0) } ?? nil
            let name = [opportunity?.fields.name, account?.fields.name].compactMap { $0 }.joined(separator: " · ")
            return (name, account?.fields.phone, account?.fields.email)
        case .quote:
            let quote = try await session.quote(id: Quote.ID(id))
            return (quote.map { "\($0.number) \($0.name)" } ?? "", nil, nil)
        case .order:
            return (try await session.order(id: SalesOrder.ID(id))?.number ?? "", nil, nil)
        case .contract:
            let contract = try await session.contract(id: MaintenanceContract.ID(id), locked: false)
            let account = try await contract.asyncMap { try await session.account(id: $0.accountId) } ?? nil
            return ([contract?.number ?? "Draft contract", account?.fields.name].compactMap { $0 }.joined(separator: " · "),
                    account?.fields.phone, account?.fields.email)
        case .campaign:
            return (try await session.campaign(id: Campaign.ID(id), locked: false)?.name ?? "", nil, nil)
        case .invoice:
            return (try await session.invoice(id: Invoice.ID(id), locked: false).map { $0.number ?? "Draft invoice" } ?? "", nil, nil)
        }
    }
}
