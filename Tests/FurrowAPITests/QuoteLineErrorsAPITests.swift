import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Quote lines: every error at once")
struct QuoteLineErrorsAPITests {
    @Test("a product that is not one, a write-in without a price and a discount of 150 come back in one answer", arguments: TestWorld.engines)
    func allAtOnce(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        let boiler = try await world.makeProduct("Boiler")
        let list = try await world.makePriceList([boiler.id: "100.00"])
        let deal = try await world.makeOpportunity()
        try await world.withAPI { api in
            // when
            let reply = try await api.call(.post, "/api/v1/quotes", token: token, json: [
                "opportunityId": deal.id.string, "priceListId": list.id.string,
                "lines": [["productId": UUID().uuidString.lowercased(), "quantity": "1"],
                          ["description": "Survey", "quantity": "1"],
                          ["description": "Fitting", "quantity": "1", "unitPrice": "50", "discountPercent": "150"],
                          ["productId": boiler.id.string, "quantity": "0"]]])
            // then
            #expect(reply.status == 422)
            #expect(reply.fieldErrors.map(\.field) == ["lines[0].productId", "lines[1].unitPrice", "lines[2].discountPercent", "lines[3].quantity"])
        }
    }
}
