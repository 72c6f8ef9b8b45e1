import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Quotes over the API")
struct QuoteAPITests {
    @Test("a quote for an account gets a number, exact totals and an automatic quote-driven opportunity", arguments: TestWorld.engines)
    func create(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Buyer Co")
        let standard = try await world.taxRate("Standard 20 %")
        let drill = try await world.makeProduct("Rotary drill", taxRateId: standard.id)
        let list = try await world.makePriceList([drill.id: "199.99"])
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let quote = try await api.call(.post, "/api/v1/quotes", token: token, json: [
                "accountId": account.id.string, "priceListId": list.id.string, "name": "Drills for Buyer Co", "validUntil": "2026-12-31",
                "lines": [["productId": drill.id.string, "quantity": "3", "discountPercent": "10"],
                          ["description": "Installation", "quantity": "1.5", "unitPrice": "80.00"]],
            ])
            #expect(quote.status == 201)
            #expect(quote.string("number") == "Q-2026-00001")
            #expect(quote.string("status") == "draft")
            #expect(quote.json["revision"] as? Int == 1)
            // 3 × 199.99 = 599.97, −10 % = 539.97(3) → 539.97; tax 20 % = 107.994 → 107.99; write-in 120.00 untaxed
            #expect(quote.string("subtotal") == "659.97")
            #expect(quote.string("discountTotal") == "60.00")
            #expect(quote.string("taxTotal") == "107.99")
            #expect(quote.string("total") == "767.96")
            let opportunity = try await api.call(.get, "/api/v1/opportunities/\(quote.string("opportunityId") ?? "")", token: token)
            #expect(opportunity.string("name") == "Drills for Buyer Co")
            #expect(opportunity.string("kindId") == (try await world.kind("Quote-driven")).id.string)
            #expect(opportunity.string("accountId") == account.id.string)
            let second = try await api.call(.post, "/api/v1/quotes", token: token, json: ["opportunityId": opportunity.string("id") ?? "", "lines": []])
            #expect(second.string("number") == "Q-2026-00002")
        }
    }

    @Test("product lines need a valid price list; write-ins do not", arguments: TestWorld.engines)
    func priceLists(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Lister")
        let widget = try await world.makeProduct("Widget"), other = try await world.makeProduct("Gadget")
        let old = try await world.makePriceList([widget.id: "5.00"], from: Day(year: 2025, month: 1, day: 1), to: Day(year: 2025, month: 12, day: 31))
        let current = try await world.makePriceList([widget.id: "6.00"])
        let dollars = try await world.makePriceList([widget.id: "7.00"], currency: "USD")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            func quote(_ body: [String: Any]) async throws -> API.Reply {
                try await api.call(.post, "/api/v1/quotes", token: token, json: body.merging(["accountId": account.id.string]) { a, _ in a })
            }
            #expect(try await quote(["lines": [["productId": widget.id.string, "quantity": "1"]]]).type == "price-list-required")
            #expect(try await quote(["priceListId": old.id.string, "lines": [["productId": widget.id.string, "quantity": "1"]]]).type == "price-list-not-valid")
            #expect(try await quote(["priceListId": current.id.string, "lines": [["productId": other.id.string, "quantity": "1"]]]).type == "product-not-on-price-list")
            #expect(try await quote(["priceListId": dollars.id.string, "currency": "EUR", "lines": []]).type == "currency-mismatch")
            let writeIn = try await quote(["lines": [["description": "Consulting", "quantity": "2", "unitPrice": "150"]]])
            #expect(writeIn.string("total") == "300.00")
            let bad = try await quote(["lines": [["description": "Nothing", "quantity": "0", "unitPrice": "1"], ["quantity": "1", "unitPrice": "x"]]])
            #expect(bad.status == 422)
        }
    }

    @Test("send → negotiate → accept wins the opportunity at the quote total and sells serialised items", arguments: TestWorld.engines)
    func accept(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Fleet buyer")
        let van = try await world.makeProduct("Delivery van", serialNumber: "VIN-0001")
        let list = try await world.makePriceList([van.id: "32000.00"])
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let first = try await api.call(.post, "/api/v1/quotes", token: token, json: [
                "accountId": account.id.string, "priceListId": list.id.string, "lines": [["productId": van.id.string, "quantity": "1"]]])
            let id = try #require(first.string("id")), opportunityId = try #require(first.string("opportunityId"))
            let rival = try await api.call(.post, "/api/v1/quotes", token: token, json: ["opportunityId": opportunityId, "lines": []])
            #expect(try await api.call(.post, "/api/v1/quotes/\(id)/accept", token: token).type == "quote-not-sent")
            let sent = try await api.call(.post, "/api/v1/quotes/\(id)/send", token: token)
            #expect(sent.string("status") == "sent")
            let opportunity = try await api.call(.get, "/api/v1/opportunities/\(opportunityId)", token: token)
            #expect(opportunity.string("stageId") == (try await world.stage("In Negotiation")).id.string)
            #expect(try await api.call(.patch, "/api/v1/quotes/\(id)", token: token, json: ["name": "Edited", "version": 2]).type == "quote-not-draft")
            #expect(try await api.call(.post, "/api/v1/quotes/\(id)/send", token: token).type == "quote-not-draft")
            #expect(try await api.call(.post, "/api/v1/opportunities/\(opportunityId)/close", token: token, json: ["outcome": "won"]).type == "open-quotes")
            #expect(try await api.call(.post, "/api/v1/quotes/\(id)/negotiate", token: token).string("status") == "negotiation")
            let accepted = try await api.call(.post, "/api/v1/quotes/\(id)/accept", token: token)
            #expect(accepted.string("status") == "accepted")
            let won = try await api.call(.get, "/api/v1/opportunities/\(opportunityId)", token: token)
            #expect(won.string("status") == "won")
            #expect(won.string("actualRevenue") == "32000.00")
            let sold = try await api.call(.get, "/api/v1/products/\(van.id)", token: token)
            #expect(sold.string("status") == "sold")
            #expect(sold.string("deactivationDate") == "2026-11-18")
            #expect(try await api.call(.get, "/api/v1/quotes/\(rival.string("id") ?? "")", token: token).string("status") == "rejected")
            #expect(try await api.call(.post, "/api/v1/quotes/\(id)/reject", token: token).type == "quote-closed")
            let another = try await api.call(.post, "/api/v1/quotes", token: token, json: ["opportunityId": opportunityId, "lines": []])
            #expect(another.type == "opportunity-closed")
        }
    }

    @Test("rejecting the last open quote loses the opportunity; revising keeps the number", arguments: TestWorld.engines)
    func rejectAndRevise(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Haggler")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let quote = try await api.call(.post, "/api/v1/quotes", token: token, json: [
                "accountId": account.id.string, "validUntil": "2026-11-30", "lines": [["description": "Audit", "quantity": "1", "unitPrice": "900"]]])
            let id = try #require(quote.string("id")), opportunityId = try #require(quote.string("opportunityId"))
            _ = try await api.call(.post, "/api/v1/quotes/\(id)/send", token: token)
            let revised = try await api.call(.post, "/api/v1/quotes/\(id)/revise", token: token)
            #expect(revised.status == 201)
            #expect(revised.string("number") == quote.string("number"))
            #expect(revised.json["revision"] as? Int == 2)
            #expect(revised.string("status") == "draft")
            #expect(try await api.call(.get, "/api/v1/quotes/\(id)", token: token).string("status") == "revised")
            let newId = try #require(revised.string("id"))
            let edited = try await api.call(.patch, "/api/v1/quotes/\(newId)", token: token, json: [
                "version": 1, "lines": [["description": "Audit", "quantity": "1", "unitPrice": "850"]]])
            #expect(edited.string("total") == "850.00", "\(edited.text)")
            let resent = try await api.call(.post, "/api/v1/quotes/\(newId)/send", token: token)
            #expect(resent.string("status") == "sent", "\(resent.text)")
            world.clock.advance(by: 20 * 86400)
            #expect(try await api.call(.get, "/api/v1/quotes/\(newId)", token: token).string("status") == "expired")
            #expect(try await api.call(.post, "/api/v1/quotes/\(newId)/accept", token: token).type == "quote-expired")
            let rejected = try await api.call(.post, "/api/v1/quotes/\(newId)/reject", token: token)
            #expect(rejected.string("status") == "rejected")
            let lost = try await api.call(.get, "/api/v1/opportunities/\(opportunityId)", token: token)
            #expect(lost.string("status") == "lost")
            #expect(lost.string("lostReasonId") == (try await world.reason(.lost, "Quote rejected")).id.string)
            let all = try await api.call(.get, "/api/v1/opportunities/\(opportunityId)/quotes", token: token)
            #expect(all.items.compactMap { $0["revision"] as? Int } == [1, 2])
            let found = try await api.call(.get, "/api/v1/quotes?q=\(quote.string("number") ?? "")", token: token)
            #expect(found.items.count == 2)
            #expect(try await api.call(.get, "/api/v1/quotes?q=no-such-quote", token: token).items.isEmpty)
        }
    }

    @Test("8 writers × 100 numbers are gap-free and distinct", arguments: TestWorld.engines)
    func numbering(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let numbers = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var mine: [Int] = []
                    for _ in 0..<100 {
                        mine.append(try await world.store.write { try await $0.nextDocumentNumber(kind: "quote", year: 2026) })
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        #expect(numbers.sorted() == Array(1...800))
        // a rolled-back document gives its number back
        struct Abandoned: Error {}
        await #expect(throws: Abandoned.self) {
            try await world.store.write { session in
                _ = try await session.nextDocumentNumber(kind: "quote", year: 2026)
                throw Abandoned()
            }
        }
        #expect(try await world.store.write { try await $0.nextDocumentNumber(kind: "quote", year: 2026) } == 801)
        #expect(try await world.store.write { try await $0.nextDocumentNumber(kind: "quote", year: 2027) } == 1)
    }

    @Test("8 parallel creators × 100 quotes get 800 distinct, gap-free numbers", arguments: TestWorld.engines)
    func parallelQuotes(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Busy buyer")
        let numbers = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var mine: [String] = []
                    for _ in 0..<100 {
                        mine.append(try await QuoteService(world.env).create(QuoteInput(accountId: account.id), by: world.admin).number)
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(numbers.sorted() == (1...800).map { String(format: "Q-2026-%05d", $0) })
    }
}

@Suite("Orders and product lines")
struct OrderAPITests {
    @Test("only an accepted quote converts, once, into an order with the same lines and totals", arguments: TestWorld.engines)
    func convert(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Orderer")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let quote = try await api.call(.post, "/api/v1/quotes", token: token, json: [
                "accountId": account.id.string, "lines": [["description": "Pump", "quantity": "2", "unitPrice": "410.50",
                                                            "taxRateId": (try await world.taxRate("Reduced 5 %")).id.string]]])
            let id = try #require(quote.string("id"))
            #expect(try await api.call(.post, "/api/v1/quotes/\(id)/convert", token: token).type == "quote-not-accepted")
            _ = try await api.call(.post, "/api/v1/quotes/\(id)/send", token: token)
            _ = try await api.call(.post, "/api/v1/quotes/\(id)/accept", token: token)
            let order = try await api.call(.post, "/api/v1/quotes/\(id)/convert", token: token)
            #expect(order.status == 201)
            #expect(order.string("number") == "SO-2026-00001")
            #expect(order.string("total") == quote.string("total"))
            #expect(order.string("total") == "862.05")
            #expect((order.json["lines"] as? [[String: Any]])?.first?["description"] as? String == "Pump")
            #expect(try await api.call(.post, "/api/v1/quotes/\(id)/convert", token: token).type == "quote-converted")
            #expect(try await api.call(.get, "/api/v1/orders/\(order.string("id") ?? "")", token: token).string("quoteId") == id)
        }
    }

    @Test("opportunity lines need a price list, set a system revenue, and are copied by get-products", arguments: TestWorld.engines)
    func lines(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let saw = try await world.makeProduct("Chainsaw", shortName: "Saw")
        let list = try await world.makePriceList([saw.id: "250.00"])
        let deal = try await world.makeOpportunity(revenue: nil)
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let path = "/api/v1/opportunities/\(deal.id)"
            let refused = try await api.call(.put, "\(path)/lines", token: token, json: ["lines": [["productId": saw.id.string, "quantity": "2"]]])
            #expect(refused.type == "price-list-required")
            let saved = try await api.call(.put, "\(path)/lines", token: token, json: [
                "priceListId": list.id.string, "lines": [["productId": saw.id.string, "quantity": "2"], ["description": "Oil", "quantity": "1", "unitPrice": "9.99"]]])
            #expect(saved.string("subtotal") == "509.99")
            #expect(try await api.call(.get, path, token: token).string("estimatedRevenue") == nil)
            let system = try await api.call(.patch, path, token: token, json: ["revenueMode": "system", "version": 1])
            #expect(system.string("estimatedRevenue") == "509.99")
            let quote = try await api.call(.post, "/api/v1/quotes", token: token, json: ["opportunityId": deal.id.string, "lines": []])
            let copied = try await api.call(.post, "/api/v1/quotes/\(quote.string("id") ?? "")/get-products", token: token,
                                            json: ["fromOpportunityId": deal.id.string])
            #expect((copied.json["lines"] as? [[String: Any]])?.count == 2)
            #expect(copied.string("subtotal") == "509.99")
            #expect(copied.string("priceListId") == list.id.string)
        }
    }
}
