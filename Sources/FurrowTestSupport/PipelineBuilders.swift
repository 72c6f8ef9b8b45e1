import Foundation
import FurrowCore
import FurrowDomain

extension TestWorld {
    public func stage(_ name: String) async throws -> Stage {
        guard let stage = try await CatalogService(env).stages().first(where: { $0.name == name }) else { throw CoreError.notFound("stage \(name)") }
        return stage
    }

    public func kind(_ name: String) async throws -> OpportunityKind {
        guard let kind = try await CatalogService(env).kinds().first(where: { $0.name == name }) else { throw CoreError.notFound("kind \(name)") }
        return kind
    }

    public func reason(_ kind: Reason.Kind, _ name: String? = nil) async throws -> Reason {
        let reasons = try await CatalogService(env).reasons(kind)
        guard let reason = name.map({ name in reasons.first { $0.name == name } }) ?? reasons.first else {
            throw CoreError.notFound("reason")
        }
        return reason
    }

    public func makeLead(_ topic: String = "Lead \(UUID().uuidString.prefix(6))", company: String? = "Prospect Ltd",
                         lastName: String? = "Prospect", email: String? = nil, by owner: Principal? = nil) async throws -> Lead {
        try await LeadService(env).create(LeadFields(topic: topic, firstName: "Pat", lastName: lastName, companyName: company, email: email),
                                          by: owner ?? admin)
    }

    public func makeOpportunity(_ name: String = "Deal \(UUID().uuidString.prefix(6))", kind: String = "Standard sale",
                                revenue: String? = "1000.00", account: Account.ID? = nil, by owner: Principal? = nil) async throws -> Opportunity {
        let eur = Currency("EUR")!
        let fields = OpportunityFields(name: name, accountId: account, estimatedRevenue: revenue.flatMap { Money($0, currency: eur) }, currency: eur)
        return try await OpportunityService(env).create(OpportunityInput(fields: fields, kindId: try await self.kind(kind).id), by: owner ?? admin)
    }
}
