import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// The outside probe's access findings 4 and 14: finance reads what it bills (every customer's
/// accounts, orders, invoices and payments, and the activities on them) and nothing else of
/// another team; managers see the outbox and undo bank matches only for records they can read.
@Suite("Role scopes over the API")
struct RoleScopeAPITests {
    @Test("finance reads billing records of every team but not another team's pipeline or its activities", arguments: TestWorld.engines)
    func finance(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: finance in team One; a seller in team Two with a lead, an account, a deal, a quote and an order
        let one = try await world.makeTeam("One"), two = try await world.makeTeam("Two")
        let finance = try await world.makeUser(.finance, team: one)
        let seller = try await world.makeUser(.sales, team: two)
        let account = try await world.makeAccount("Far customer", by: seller)
        let lead = try await world.makeLead(by: seller)
        let deal = try await world.makeOpportunity(account: account.id, by: seller)
        let quote = try await QuoteService(world.env).create(QuoteInput(opportunityId: deal.id), by: seller)
        let line = QuoteInput.Line(description: "Pump", quantity: Micros("1")!, unitPrice: Micros("100")!)
        let order = try await OrderService(world.env).create(.init(accountId: account.id, lines: [line]), by: seller)
        _ = try await OrderService(world.env).confirm(order.id, by: seller)
        _ = try await ActivityService(world.env).create(.init(kind: .task, subject: "Secret pipeline note",
                                                              regarding: Regarding(.opportunity, deal.id.uuid)), by: seller)
        let token = try await world.token(for: finance)
        try await world.withAPI { api in
            // then: the pipeline of another team stays hidden, its timeline too
            #expect(try await api.call(.get, "/api/v1/opportunities/\(deal.id)", token: token).status == 404)
            let timeline = try await api.call(.get, "/api/v1/activities/regarding/opportunity/\(deal.id)", token: token)
            #expect(timeline.status == 404)
            #expect(!timeline.text.contains("Secret pipeline note"))
            for (type, id) in [("lead", lead.id.uuid), ("opportunity", deal.id.uuid), ("quote", quote.id.uuid)] {
                let created = try await api.call(.post, "/api/v1/activities", token: token, json: [
                    "type": "task", "subject": "Nosy", "regarding": ["type": type, "id": id.uuidString.lowercased()]])
                #expect(created.status == 422, "regarding \(type)")
            }
            // and the billing records are read and billed consistently
            #expect(try await api.call(.get, "/api/v1/accounts/\(account.id)", token: token).status == 200)
            #expect(try await api.call(.get, "/api/v1/orders/\(order.id)", token: token).status == 200)
            let invoice = try await api.call(.post, "/api/v1/orders/\(order.id)/invoice", token: token)
            #expect(invoice.status == 201)
            #expect(try await api.call(.get, "/api/v1/orders/\(order.id)/invoices", token: token).status == 200)
            let dunning = try await api.call(.post, "/api/v1/activities", token: token, json: [
                "type": "phoneCall", "subject": "Payment reminder", "regarding": ["type": "account", "id": account.id.string]])
            #expect(dunning.status == 201)
            // but another team's records are not changed by finance
            #expect(try await api.call(.patch, "/api/v1/accounts/\(account.id)", token: token, json: ["industry": "X", "version": 1]).status == 403)
            #expect(try await api.call(.post, "/api/v1/orders/\(order.id)/cancel", token: token).status == 403)
        }
    }

    @Test("a manager sees the outbox of their teams' records only", arguments: TestWorld.engines)
    func outbox(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let one = try await world.makeTeam("One"), two = try await world.makeTeam("Two")
        let manager = try await world.makeUser(.manager, team: one)
        let mine = try await world.makeUser(.sales, team: one), theirs = try await world.makeUser(.sales, team: two)
        for (owner, name) in [(mine, "Near"), (theirs, "Far")] {
            let account = try await world.makeAccount("\(name) buyer", by: owner)
            let invoice = try await InvoiceService(world.env).create(
                .init(accountId: account.id, currency: Currency("EUR")!,
                      lines: [.init(description: "\(name) work", quantity: Micros("1")!, unitPrice: Micros("10")!)]), by: owner)
            let now = world.env.clock.now()
            try await world.env.store.write { session in
                try await session.insertEmail(OutboxEmail(id: world.env.ids.next(), to: "\(name.lowercased())@example.com", subject: "\(name) invoice",
                                                           body: "", status: .queued, attempts: 0, nextAttemptAt: now, createdAt: now,
                                                           relatedEntity: "invoice", relatedId: invoice.id.uuid))
            }
        }
        let token = try await world.token(for: manager)
        try await world.withAPI { api in
            let subjects = try await api.call(.get, "/api/v1/outbox", token: token).items.compactMap { $0["subject"] as? String }
            #expect(subjects == ["Near invoice"])
        }
    }
}
