import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// A won deal counts for its actual revenue, and revenue is net of tax (defects 2).
@Suite("Won figures")
struct WonFiguresAPITests {
    @Test("reports, the funnel, the board and the list count a won deal at its actual revenue", arguments: TestWorld.engines)
    func actualRevenue(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: a deal estimated at 1,000.00, won at 800.00
        let deal = try await world.makeOpportunity("Estimated high", revenue: "1000.00")
        _ = try await OpportunityService(world.env).close(deal.id, won: true, actualRevenue: Money("800.00", currency: Currency("EUR")!),
                                                          lostReasonId: nil, by: world.admin)
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            // when / then
            let byStatus = try await api.call(.get, "/api/v1/reports/pipeline?groupBy=status", token: token).items
            #expect(byStatus.first { $0["key"] as? String == "won" }?["total"] as? String == "800.00")
            let funnel = try await api.call(.get, "/api/v1/reports/funnel?kindId=\(deal.kindId)", token: token)
            let won = funnel.json["wonTotals"] as? [[String: Any]] ?? []
            #expect(won.first?["total"] as? String == "800.00")
            let board = try await api.call(.get, "/api/v1/boards/\(deal.kindId)", token: token)
            let columns = board.json["columns"] as? [[String: Any]] ?? []
            let totals = columns.flatMap { $0["totals"] as? [[String: Any]] ?? [] }
            #expect(totals.map { $0["total"] as? String } == ["800.00"])
        }
    }

    @Test("accepting a quote wins the deal at the quote's subtotal after discounts, without tax", arguments: TestWorld.engines)
    func netOfTax(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Taxed buyer")
        let vat = try await ProductService(world.env).createTaxRate(name: "VAT twenty", percent: Micros("20"), by: world.admin)
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            // given: 2 × 100.00 less 10 %, plus 20 % tax: 180.00 net, 216.00 with tax
            let quote = try await api.call(.post, "/api/v1/quotes", token: token, json: [
                "accountId": account.id.string, "currency": "EUR",
                "lines": [["description": "Service", "quantity": "2", "unitPrice": "100.00", "discountPercent": "10", "taxRateId": vat.id.string]]])
            let id = try #require(quote.string("id")), opportunityId = try #require(quote.string("opportunityId"))
            #expect(quote.string("total") == "216.00")
            // when
            _ = try await api.call(.post, "/api/v1/quotes/\(id)/send", token: token)
            let accepted = try await api.call(.post, "/api/v1/quotes/\(id)/accept", token: token)
            #expect(accepted.string("status") == "accepted")
            // then
            let won = try await api.call(.get, "/api/v1/opportunities/\(opportunityId)", token: token)
            #expect(won.string("actualRevenue") == "180.00")
        }
    }
}
