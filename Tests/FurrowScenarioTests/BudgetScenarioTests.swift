import Foundation
import FurrowStore
import FurrowTestSupport
import Testing

/// Seed 000's budget flow: a lead gets a budget, the budget opens an opportunity, sending it moves
/// the opportunity to negotiation, confirming it wins the deal and sells the vehicle.
@Suite("Scenarios: budgets")
struct BudgetScenarioTests {
    @Test("lead → budget → automatic opportunity → send → confirm → vehicle sold", arguments: TestWorld.engines)
    func vehicleSale(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        let vehicle = try await world.makeProduct("Van L2H2 2.0 diesel, white", shortName: "Van L2H2", serialNumber: "WV1ZZZ7HZNH000123")
        let list = try await world.makePriceList([vehicle.id: "38900.00"])
        try await world.withAPI { api in
            // given: the admin calls them budgets and names opportunities after the products' short names (rules 15–16)
            _ = try await api.call(.patch, "/api/v1/settings", token: token, json: ["quoteWord": "Budget", "useProductShortNames": true])
            let lead = try await api.call(.post, "/api/v1/leads", token: token, json: [
                "topic": "Needs a van for deliveries", "firstName": "José", "lastName": "Núñez", "email": "jose@panaderia.example"])
            let leadId = try #require(lead.string("id"))

            // when: a budget is created from the lead (rule 1), with the vehicle from the catalog (rule 2)
            let budget = try await api.call(.post, "/api/v1/quotes", token: token, json: [
                "leadId": leadId, "priceListId": list.id.string, "validUntil": "2026-12-15",
                "comments": "Includes registration", "lines": [["productId": vehicle.id.string, "quantity": "1"]]])
            #expect(budget.status == 201)
            let budgetId = try #require(budget.string("id")), opportunityId = try #require(budget.string("opportunityId"))

            // then an opportunity follows it up (rule 3), named after the short name, in stage New (rule 5)
            let opportunity = try await api.call(.get, "/api/v1/opportunities/\(opportunityId)", token: token)
            #expect(opportunity.string("name") == "Van L2H2")
            #expect(opportunity.string("stageId") == (try await world.stage("New")).id.string)
            #expect(budget.string("leadId") == leadId)

            // sending it moves the opportunity to In Negotiation (rule 5)
            _ = try await api.call(.post, "/api/v1/quotes/\(budgetId)/send", token: token)
            #expect(try await api.call(.get, "/api/v1/opportunities/\(opportunityId)", token: token).string("stageId")
                    == (try await world.stage("In Negotiation")).id.string)

            // confirming it wins the opportunity (rule 9) and sells the vehicle today (rule 10)
            let confirmed = try await api.call(.post, "/api/v1/quotes/\(budgetId)/accept", token: token)
            #expect(confirmed.string("status") == "accepted")
            let won = try await api.call(.get, "/api/v1/opportunities/\(opportunityId)", token: token)
            #expect(won.string("status") == "won")
            #expect(won.string("actualRevenue") == "38900.00")
            let van = try await api.call(.get, "/api/v1/products/\(vehicle.id)", token: token)
            #expect(van.string("status") == "sold")
            #expect(van.string("deactivationDate") == "2026-11-18")

            // and a sold vehicle cannot be offered again
            let again = try await api.call(.post, "/api/v1/quotes", token: token, json: [
                "leadId": leadId, "priceListId": list.id.string, "lines": [["productId": vehicle.id.string, "quantity": "1"]]])
            #expect(again.status == 422)
            let trail = try await api.call(.get, "/api/v1/audit?entity=quote&id=\(budgetId)", token: token)
            #expect(trail.items.compactMap { $0["action"] as? String } == ["quote.create", "quote.send", "quote.accept"])
        }
    }
}
