import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Sales orders over the API")
struct OrderLifecycleAPITests {
    @Test("every order status × verb follows the table", arguments: OrderStatus.allCases)
    func table(status: OrderStatus) {
        for verb in OrderStatus.Verb.allCases {
            #expect((try? status.applying(verb)) == OrderStatus.transitions[status]?[verb], "\(status) \(verb)")
        }
    }

    @Test("a direct order is confirmed, tracked to delivery, and refuses illegal moves", arguments: TestWorld.engines)
    func lifecycle(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Direct buyer")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let order = try await api.call(.post, "/api/v1/orders", token: token, json: [
                "accountId": account.id.string, "lines": [["description": "Spare belt", "quantity": "4", "unitPrice": "12.50"]]])
            #expect(order.status == 201)
            #expect(order.string("number") == "SO-2026-00001")
            #expect(order.string("status") == "draft")
            #expect(order.string("total") == "50.00")
            let path = "/api/v1/orders/\(order.string("id") ?? "")"
            #expect(try await api.call(.post, "\(path)/tracking", token: token, json: ["status": "delivered"]).type == "order-illegal-move")
            #expect(try await api.call(.post, "\(path)/confirm", token: token).string("status") == "confirmed")
            #expect(try await api.call(.post, "\(path)/tracking", token: token,
                                       json: ["status": "inFulfilment", "note": "Picked in Leeds"]).string("status") == "inFulfilment")
            let delivered = try await api.call(.post, "\(path)/tracking", token: token,
                                               json: ["status": "delivered", "note": "Signed by J. Smith", "at": "2026-11-20T10:30:00Z"])
            #expect(delivered.string("status") == "delivered")
            #expect(try await api.call(.post, "\(path)/tracking", token: token, json: ["status": "confirmed"]).status == 422)
            #expect(try await api.call(.post, "\(path)/cancel", token: token).type == "order-illegal-move")
            let events = try await api.call(.get, "\(path)/tracking", token: token).items
            #expect(events.compactMap { $0["status"] as? String } == ["confirmed", "inFulfilment", "delivered"])
            #expect(events.last?["at"] as? String == "2026-11-20T10:30:00.000Z")
            #expect(events.last?["note"] as? String == "Signed by J. Smith")
            let audit = try await api.call(.get, "/api/v1/audit?entity=order&id=\(order.string("id") ?? "")", token: token)
            #expect(audit.items.compactMap { $0["action"] as? String } == ["order.create", "order.confirm", "order.fulfil", "order.deliver"])
            let listed = try await api.call(.get, "/api/v1/orders?status=delivered", token: token)
            #expect(listed.items.compactMap { $0["number"] as? String } == ["SO-2026-00001"])
        }
    }

    @Test("a cancelled order stays cancelled; a lost opportunity refuses new orders", arguments: TestWorld.engines)
    func cancel(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Canceller")
        let deal = try await world.makeOpportunity(account: account.id)
        _ = try await OpportunityService(world.env).close(deal.id, won: false, actualRevenue: nil, lostReasonId: try await world.reason(.lost).id,
                                                          by: world.admin)
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let refused = try await api.call(.post, "/api/v1/orders", token: token, json: [
                "accountId": account.id.string, "opportunityId": deal.id.string, "lines": []])
            #expect(refused.type == "opportunity-closed")
            let order = try await api.call(.post, "/api/v1/orders", token: token, json: ["accountId": account.id.string, "lines": []])
            let path = "/api/v1/orders/\(order.string("id") ?? "")"
            #expect(try await api.call(.post, "\(path)/cancel", token: token, json: ["note": "Customer withdrew"]).string("status") == "cancelled")
            #expect(try await api.call(.post, "\(path)/confirm", token: token).type == "order-cancelled")
            #expect(try await api.call(.post, "/api/v1/orders", token: token, json: ["lines": []]).status == 422)
        }
    }
}
