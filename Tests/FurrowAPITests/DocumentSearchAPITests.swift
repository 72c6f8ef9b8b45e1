import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Documents in the global search")
struct DocumentSearchAPITests {
    @Test("quotes, orders, invoices and payments are found by number and by customer name, also those saved before the search knew them",
          arguments: TestWorld.engines)
    func documents(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        let account = try await world.makeAccount("Hotel Miramar")
        let boiler = try await world.makeProduct("Condensing boiler 45 kW")
        let list = try await world.makePriceList([boiler.id: "4200.00"])
        let deal = try await world.makeOpportunity(account: account.id)
        try await world.withAPI { api in
            // given a quote, its order, an issued invoice and a payment
            let quote = try await api.call(.post, "/api/v1/quotes", token: token, json: [
                "opportunityId": deal.id.string, "priceListId": list.id.string, "validUntil": "2026-12-31",
                "lines": [["productId": boiler.id.string, "quantity": "1"]]])
            let quoteId = try #require(quote.string("id"))
            _ = try await api.call(.post, "/api/v1/quotes/\(quoteId)/send", token: token)
            _ = try await api.call(.post, "/api/v1/quotes/\(quoteId)/accept", token: token)
            let order = try await api.call(.post, "/api/v1/quotes/\(quoteId)/convert", token: token)
            let orderId = try #require(order.string("id"))
            _ = try await api.call(.post, "/api/v1/orders/\(orderId)/confirm", token: token)
            let invoice = try await api.call(.post, "/api/v1/orders/\(orderId)/invoice", token: token)
            let invoiceId = try #require(invoice.string("id"))
            let issued = try await api.call(.post, "/api/v1/invoices/\(invoiceId)/issue", token: token)
            let payment = try await api.call(.post, "/api/v1/payments", token: token, json: [
                "accountId": account.id.string, "date": "2026-11-18", "amount": "100.00", "currency": "EUR", "mode": "cheque"])
            let numbers = [("quote", quoteId, try #require(quote.string("number"))), ("order", orderId, try #require(order.string("number"))),
                           ("invoice", invoiceId, try #require(issued.string("number"))),
                           ("payment", try #require(payment.string("id")), try #require(payment.string("number")))]

            func check(_ when: String) async throws {
                for (type, id, number) in numbers {
                    // when
                    let found = try await api.call(.get, "/api/v1/search?q=\(number)", token: token)
                    // then
                    #expect(found.items.first?["type"] as? String == type, "\(when): \(number)")
                    #expect(found.items.first?["id"] as? String == id, "\(when): \(number)")
                    #expect(found.items.first?["title"] as? String == number, "\(when): \(number)")
                    #expect(found.items.first?["subtitle"] as? String == "Hotel Miramar", "\(when): \(number)")
                }
                let byCustomer = try await api.call(.get, "/api/v1/search?q=miramar", token: token)
                #expect(Set(byCustomer.items.compactMap { $0["type"] as? String }) == ["account", "quote", "order", "invoice", "payment"], "\(when)")
            }
            try await check("saved now")

            // a database from before: the documents have no entries until the migration runs
            try await world.execute("DELETE FROM search_entries WHERE kind IN ('quote', 'order', 'invoice', 'payment')")
            try await world.execute("DELETE FROM schema_migrations WHERE version = 13")
            #expect(try await api.call(.get, "/api/v1/search?q=\(numbers[2].2)", token: token).items.isEmpty)
            try await Migrator(world.store).migrate()
            try await check("migrated")
        }
    }

    @Test("finance finds every customer's invoices and payments; a sales user only their own", arguments: TestWorld.engines)
    func visibility(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let finance = try await world.makeUser(.finance)
        let sales = try await world.makeUser(.sales)
        let account = try await world.makeAccount("Hotel Miramar")
        let admin = try await world.token(for: world.admin)
        try await world.withAPI { api in
            // given a payment owned by the administrator
            let payment = try await api.call(.post, "/api/v1/payments", token: admin, json: [
                "accountId": account.id.string, "date": "2026-11-18", "amount": "100.00", "currency": "EUR", "mode": "cheque"])
            let number = try #require(payment.string("number"))
            // when / then
            let byFinance = try await api.call(.get, "/api/v1/search?q=\(number)", token: try await world.token(for: finance))
            #expect(byFinance.items.map { $0["title"] as? String } == [number])
            let bySales = try await api.call(.get, "/api/v1/search?q=\(number)", token: try await world.token(for: sales))
            #expect(bySales.items.isEmpty)
        }
    }
}
