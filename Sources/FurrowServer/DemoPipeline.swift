import Foundation
import FurrowCore
import FurrowDomain

/// The demo company's leads and opportunities: some fresh, some qualified, deals at every
/// stage of both seeded processes, one won and one lost.
enum DemoPipeline {
    static func load(_ env: CoreEnvironment, people: [String: Principal], accounts: [String: Account], admin: Principal) async throws {
        let sam = people["sam@demo.furrow.test"]!, priya = people["priya@demo.furrow.test"]!, nora = people["nora@demo.furrow.test"]!
        let gbp = Currency("GBP")!
        let catalog = CatalogService(env)
        let channels = try await catalog.channels()
        let website = channels.first { $0.impactType == .other }
        let referral = channels.first { $0.impactType == .account }

        let leads = LeadService(env)
        _ = try await leads.create(LeadFields(topic: "Irrigation controllers for 40 fields", firstName: "Tom", lastName: "Ashby",
                                              companyName: "Ashby Orchards", email: "tom@ashby-orchards.example", phone: "+44 1632 960 411",
                                              requirements: "Wants remote monitoring and a 3-year service plan.",
                                              estimatedValue: Money("18500.00", currency: gbp),
                                              source: LeadSource(channelId: website?.id, text: "Contact form")), by: sam)
        _ = try await leads.create(LeadFields(topic: "Cold-store racking", lastName: "Mills", companyName: "Coastal Cold Chain",
                                              email: "ops@coastal-cold.example", estimatedValue: Money("42000.00", currency: gbp),
                                              source: LeadSource(channelId: referral?.id, refType: .account, refId: accounts["Harbour Logistics"]?.id.uuid)),
                                   by: priya)
        let toQualify = try await leads.create(LeadFields(topic: "Replacement conveyor line", firstName: "Ruth", lastName: "Okafor",
                                                          companyName: "Okafor Packaging", email: "ruth@okafor-pack.example",
                                                          estimatedValue: Money("65000.00", currency: gbp)), by: sam)
        _ = try await leads.qualify(toQualify.id, LeadService.QualifyInput(), by: sam)
        let cold = try await leads.create(LeadFields(topic: "Just browsing", lastName: "Unknown", email: "nobody@example.org"), by: sam)
        _ = try await leads.disqualify(cold.id, reasonId: try await catalog.reasons(.disqualify).first?.id, by: sam)

        let opportunities = OpportunityService(env)
        let kinds = try await catalog.kinds(), stages = try await catalog.stages()
        let standard = kinds.first { $0.name == "Standard sale" }!, quoteDriven = kinds.first { $0.name == "Quote-driven" }!
        func stage(_ name: String) -> Stage.ID { stages.first { $0.name == name }!.id }

        let plan: [(String, String, String, Principal, OpportunityKind, String?)] = [
            ("Acme plant automation", "Acme Manufacturing", "120000.00", sam, standard, "Develop"),
            ("Field service tablets", "Acme Field Services", "14800.00", sam, standard, nil),
            ("Harbour fleet telematics", "Harbour Logistics", "56000.00", priya, standard, "Develop"),
            ("Greenway grain dryer", "Greenway Farms", "23900.00", sam, quoteDriven, "In Negotiation"),
            ("Solent hull sensors", "Solent Marine", "8400.00", priya, quoteDriven, nil),
        ]
        for (name, accountName, amount, owner, kind, target) in plan {
            let account = accounts[accountName]
            let fields = OpportunityFields(name: name, accountId: account?.id, estimatedRevenue: Money(amount, currency: gbp), currency: gbp,
                                           expectedCloseDate: Day(year: 2027, month: name.count % 6 + 1, day: 15))
            var parties: [OpportunityParty] = []
            if let account { parties.append(OpportunityParty(role: .stakeholder, partyType: .account, partyId: account.id.uuid)) }
            let deal = try await opportunities.create(OpportunityInput(fields: fields, kindId: kind.id, parties: parties), by: owner)
            if let target { _ = try await opportunities.advance(deal.id, to: stage(target), by: owner) }
        }
        let won = try await opportunities.create(OpportunityInput(fields: OpportunityFields(
            name: "Acme Holdings service contract", accountId: accounts["Acme Holdings"]?.id,
            estimatedRevenue: Money("30000.00", currency: gbp), currency: gbp), kindId: standard.id), by: nora)
        _ = try await opportunities.close(won.id, won: true, actualRevenue: Money("28500.00", currency: gbp), lostReasonId: nil, by: nora)
        let lost = try await opportunities.create(OpportunityInput(fields: OpportunityFields(
            name: "Solent dock cranes", accountId: accounts["Solent Marine"]?.id,
            estimatedRevenue: Money("210000.00", currency: gbp), currency: gbp), kindId: standard.id), by: priya)
        _ = try await opportunities.close(lost.id, won: false, actualRevenue: nil,
                                          lostReasonId: try await catalog.reasons(.lost).first { $0.name == "Chose a competitor" }?.id, by: priya)
        _ = admin
    }
}
