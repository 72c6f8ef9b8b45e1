import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Every list endpoint runs the same number of SQL statements whatever its page size: lines,
/// allocations and attendees are read for the whole page at once, never per record (DESIGN §8).
@Suite("List statements")
struct ListStatementsTests {
    @Test("every list endpoint of the API document: the same statements for 1 and for 3 records", arguments: TestWorld.engines)
    func everyList(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: at least three records of every kind, documents with two lines each
        let eur = Currency("EUR")!
        let lines = [QuoteInput.Line(description: "One", quantity: Micros("1")!, unitPrice: Micros("10")!),
                     QuoteInput.Line(description: "Two", quantity: Micros("2")!, unitPrice: Micros("5")!)]
        for index in 0..<3 {
            let account = try await world.makeAccount("Lister \(index)")
            _ = try await world.makeContact("Lister \(index)", account: account.id)
            _ = try await world.makeLead("Lead \(index)")
            let deal = try await world.makeOpportunity(account: account.id)
            _ = try await QuoteService(world.env).create(QuoteInput(opportunityId: deal.id, currency: eur, lines: lines), by: world.admin)
            let order = try await OrderService(world.env).create(.init(accountId: account.id, currency: eur, lines: lines), by: world.admin)
            _ = try await OrderService(world.env).confirm(order.id, by: world.admin)
            _ = try await InvoiceService(world.env).invoice(order: order.id, parts: nil, paymentTermId: nil, by: world.admin)
            _ = try await PaymentService(world.env).record(.init(accountId: account.id, amount: Money("5.00", currency: eur)!, mode: .cash),
                                                           by: world.admin)
            _ = try await ActivityService(world.env).create(.init(kind: .task, subject: "Task \(index)",
                                                                  regarding: Regarding(.account, account.id.uuid)), by: world.admin)
        }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let document = try await api.call(.get, "/api/v1/openapi.json", token: token).json
            let paths = document["paths"] as? [String: [String: Any]] ?? [:]
            // when: each list that pages with `limit` and needs no other parameter
            var checked: [String] = []
            for (path, item) in paths.sorted(by: { $0.key < $1.key }) where !path.contains("{") {
                guard let get = item["get"] as? [String: Any] else { continue }
                let parameters = get["parameters"] as? [[String: Any]] ?? []
                guard parameters.contains(where: { $0["name"] as? String == "limit" }),
                      !parameters.contains(where: { $0["required"] as? Bool == true }) else { continue }
                var counts: [Int] = [], sizes: [Int] = []
                for limit in [1, 3] {
                    var size = 0
                    let counter = try await StatementCounter.counting {
                        size = try await api.call(.get, "/api/v1\(path)?limit=\(limit)", token: token).items.count
                    }
                    counts.append(counter.count)
                    sizes.append(size)
                }
                // then
                #expect(counts[0] == counts[1], "\(path): \(counts) statements for \(sizes) records")
                if sizes[1] >= 2 { checked.append(path) }
            }
            #expect(checked.count >= 9, "lists with records: \(checked)")
            for list in ["/accounts", "/contacts", "/leads", "/opportunities", "/quotes", "/orders", "/invoices", "/payments", "/activities"] {
                #expect(checked.contains(list), "\(list) was not checked with several records")
            }
        }
    }
}

@Suite("Settings per request")
struct SettingsPerRequestTests {
    @Test("a request reads the settings once: the quote page's shell, its sections and accepting a quote over the API", arguments: TestWorld.engines)
    func once(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Settings Buyer")
        let deal = try await world.makeOpportunity(account: account.id)
        let quote = try await QuoteService(world.env).create(QuoteInput(opportunityId: deal.id, lines: []), by: world.admin)
        _ = try await QuoteService(world.env).send(quote.id, by: world.admin)
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            var status = 0
            let accept = try await StatementCounter.counting {
                status = try await api.call(.post, "/api/v1/quotes/\(quote.id)/accept", token: token).status
            }
            #expect(status == 200)
            #expect(accept.log.filter { $0.sql.contains("FROM settings") }.count == 1)
            let read = try await StatementCounter.counting {
                status = try await api.call(.get, "/api/v1/quotes/\(quote.id)", token: token).status
            }
            #expect(status == 200)
            #expect(read.log.filter { $0.sql.contains("FROM settings") }.count <= 1)
        }
    }
}
