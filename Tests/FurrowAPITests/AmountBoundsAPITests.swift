import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Amounts beyond the documented bounds are 422s naming the field, never a trap, and sums of
/// stored amounts never overflow (the outside probe's crashes 1–3).
@Suite("Amount bounds over the API")
struct AmountBoundsAPITests {
    static let hugeLine: [String: String] = ["description": "x", "quantity": "100000", "unitPrice": "999999999999"]

    @Test("a line beyond the amount range is a 422 on every pricing route, in every currency",
          arguments: TestWorld.engines, ["EUR", "JPY", "KWD"])
    func hugeLines(engine: Engine, currency: String) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Big spender")
        let fields = OpportunityFields(name: "Giant", accountId: account.id, currency: Currency(currency)!)
        let deal = try await OpportunityService(world.env).create(OpportunityInput(fields: fields, kindId: try await world.kind("Standard sale").id),
                                                                  by: world.admin)
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let bodies: [(String, String, [String: Any])] = [
                ("POST", "/api/v1/orders", ["accountId": account.id.string, "currency": currency, "lines": [Self.hugeLine]]),
                ("POST", "/api/v1/quotes", ["opportunityId": deal.id.string, "currency": currency, "lines": [Self.hugeLine]]),
                ("POST", "/api/v1/invoices", ["accountId": account.id.string, "currency": currency, "lines": [Self.hugeLine]]),
                ("PUT", "/api/v1/opportunities/\(deal.id)/lines", ["lines": [Self.hugeLine]]),
            ]
            for (method, path, body) in bodies {
                let answer = try await api.call(method == "PUT" ? .put : .post, path, token: token, json: body)
                #expect(answer.status == 422, "\(method) \(path)")
                #expect(answer.fieldErrors.contains { $0.field == "lines[0].unitPrice" }, "\(method) \(path): \(answer.json)")
            }
            // many lines each inside the range, adding up beyond it
            let many = Array(repeating: ["description": "x", "quantity": "1000", "unitPrice": "999999999"] as [String: Any], count: 9)
            let sum = try await api.call(.post, "/api/v1/orders", token: token, json: ["accountId": account.id.string, "currency": currency, "lines": many])
            #expect(sum.status == 422)
            #expect(sum.fieldErrors.contains { $0.field == "lines" })
            let quantity = try await api.call(.post, "/api/v1/orders", token: token, json: [
                "accountId": account.id.string, "currency": currency,
                "lines": [["description": "x", "quantity": "1000000001", "unitPrice": "0"]]])
            #expect(quantity.fieldErrors.contains { $0.field == "lines[0].quantity" })
            // the largest amount itself is fine
            let largest = try await api.call(.post, "/api/v1/orders", token: token, json: [
                "accountId": account.id.string, "currency": currency,
                "lines": [["description": "x", "quantity": "1", "unitPrice": Bounds.maxAmountText(Currency(currency)!)]]])
            #expect(largest.status == 201)
            #expect(largest.string("total") == Bounds.maxAmountText(Currency(currency)!))
        }
    }

    @Test("an order without lines is never confirmed or invoiced", arguments: TestWorld.engines)
    func emptyOrder(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Empty handed")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let order = try await api.call(.post, "/api/v1/orders", token: token, json: ["accountId": account.id.string, "currency": "EUR", "lines": []])
            #expect(order.status == 201)
            let path = "/api/v1/orders/\(order.string("id") ?? "")"
            #expect(try await api.call(.post, "\(path)/confirm", token: token).type == "order-empty")
            let invoice = try await api.call(.post, "\(path)/invoice", token: token, json: ["lines": [["orderLineId": "1", "quantity": "1"]]])
            #expect(invoice.status == 409 || invoice.status == 422)
            for line in ["0", "-9223372036854775808", "9223372036854775807"] {
                let odd = try await api.call(.post, "\(path)/invoice", token: token, json: ["lines": [["orderLineId": line, "quantity": "1"]]])
                #expect(odd.status == 409 || odd.status == 422, "orderLineId \(line)")
            }
        }
    }

    @Test("receivables sum stored invoices beyond 64 bits without failing", arguments: TestWorld.engines)
    func storedHugeInvoices(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Stored giant")
        let eur = Currency("EUR")!
        // given: two issued invoices stored before the bounds existed, each near Int64's end
        let line = QuoteLine(productId: nil, description: "x", quantity: Micros("10000")!, unitPrice: Micros("999999999999.99")!)
        for number in ["INV-2026-09001", "INV-2026-09002"] {
            let now = world.env.clock.now()
            let invoice = Invoice(id: Invoice.ID(world.env.ids.next()), number: number, status: .issued, orderId: nil, accountId: account.id, contactId: nil,
                                  opportunityId: nil, currency: eur, lines: Array(repeating: InvoiceLine(line), count: 9), paymentTermId: nil,
                                  issueDate: Day("2026-10-01"), dueDate: Day("2026-10-31"), ownership: account.ownership, createdAt: now, updatedAt: now)
            try await world.env.store.write { session in try await session.insertInvoice(invoice) }
        }
        // when
        let report = try await ReceivablesService(world.env).report(asOf: Day("2026-11-20"), by: world.admin)
        // then
        #expect(Money.decimalString(report.totals[eur]?.total ?? 0, currency: eur) == "179999999999998200.00")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let answer = try await api.call(.get, "/api/v1/receivables?asOf=2026-11-20", token: token)
            #expect(answer.status == 200)
            let totals = answer.json["totals"] as? [[String: Any]] ?? []
            #expect(totals.first?["balance"] as? String == "179999999999998200.00")
        }
    }

    @Test("the pipeline report, board and funnel sum 930 of the largest deals", arguments: TestWorld.engines)
    func largestDeals(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let eur = Currency("EUR")!
        let kind = try await world.kind("Standard sale")
        // given: 930 open deals at the largest amount, all at 100 %
        _ = try await Batch(world.env, by: world.admin).run { batch in
            for index in 0..<930 {
                let fields = OpportunityFields(name: "Giant \(index)", estimatedRevenue: Money("999999999999.99", currency: eur), currency: eur)
                _ = try await batch.opportunity(OpportunityInput(fields: fields, kindId: kind.id, probability: 100))
            }
        }
        // when
        let rows = try await ReportService(world.env).pipeline(groupBy: .status, by: world.admin)
        // then
        let open = rows.first { $0.key == "inProgress" }
        #expect(open?.total.decimalString == "929999999999990.70")
        #expect(open?.weightedTotal.decimalString == "929999999999990.70")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let report = try await api.call(.get, "/api/v1/reports/pipeline?groupBy=stage", token: token)
            #expect(report.status == 200)
            #expect(try await api.call(.get, "/api/v1/reports/funnel?kindId=\(kind.id)", token: token).status == 200)
            #expect(try await api.call(.get, "/api/v1/boards/\(kind.id)", token: token).status == 200)
        }
    }
}
