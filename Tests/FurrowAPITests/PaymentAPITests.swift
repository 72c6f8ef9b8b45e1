import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Issues an invoice from scratch for `amount` (no tax) on an account and returns its id.
func issuedInvoice(_ api: API, token: String, account: Account.ID, amount: String, issueDate: String = "2026-11-18",
                   term: String = "8d000000-0000-4000-8000-000000000003", currency: String = "EUR") async throws -> String {
    let draft = try await api.call(.post, "/api/v1/invoices", token: token, json: [
        "accountId": account.string, "currency": currency, "paymentTermId": term,
        "lines": [["description": "Service", "quantity": "1", "unitPrice": amount]]])
    let id = try #require(draft.string("id"))
    #expect(try await api.call(.post, "/api/v1/invoices/\(id)/issue", token: token, json: ["issueDate": issueDate]).string("status") == "issued")
    return id
}

@Suite("Payments and receivables over the API")
struct PaymentAPITests {
    @Test("allocations settle invoices in part and in full; over-allocation and currency mismatch are refused; credit is allocated later; reversal reopens",
          arguments: TestWorld.engines)
    func allocations(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Payer GmbH")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let a = try await issuedInvoice(api, token: token, account: account.id, amount: "1000.00")
            let b = try await issuedInvoice(api, token: token, account: account.id, amount: "250.00")
            let usd = try await issuedInvoice(api, token: token, account: account.id, amount: "10.00", currency: "USD")
            func pay(_ amount: String, _ allocations: [[String: String]], currency: String = "EUR") async throws -> API.Reply {
                try await api.call(.post, "/api/v1/payments", token: token, json: [
                    "accountId": account.id.string, "date": "2026-11-20", "amount": amount, "currency": currency, "mode": "bankTransfer",
                    "reference": "Transfer", "allocations": allocations])
            }
            let tooMuch = try await pay("300.00", [["invoiceId": a, "amount": "200.00"], ["invoiceId": b, "amount": "100.01"]])
            #expect(tooMuch.status == 422)
            #expect(tooMuch.type == "over-allocation")
            #expect(try await pay("300.00", [["invoiceId": b, "amount": "250.01"]]).type == "over-allocation")
            #expect(try await pay("10.00", [["invoiceId": usd, "amount": "10.00"]]).type == "currency-mismatch")
            #expect(try await pay("0", []).status == 422)
            #expect(try await pay("5.001", []).status == 422)
            #expect(try await api.call(.get, "/api/v1/payments", token: token).items.isEmpty)

            let part = try await pay("400.00", [["invoiceId": a, "amount": "400.00"]])
            #expect(part.status == 201)
            #expect(part.string("number") == "PAY-2026-00001")
            var invoice = try await api.call(.get, "/api/v1/invoices/\(a)", token: token)
            #expect(invoice.string("status") == "partiallyPaid")
            #expect(invoice.string("amountPaid") == "400.00")
            #expect(invoice.string("balance") == "600.00")

            // 700 received: 600 settles A, 100 stays as credit, later put on B
            let more = try await pay("700.00", [["invoiceId": a, "amount": "600.00"]])
            #expect(more.string("unallocated") == "100.00")
            invoice = try await api.call(.get, "/api/v1/invoices/\(a)", token: token)
            #expect(invoice.string("status") == "paid")
            #expect(invoice.string("balance") == "0.00")
            let moreId = try #require(more.string("id"))
            #expect(try await api.call(.post, "/api/v1/payments/\(moreId)/allocate", token: token,
                                       json: ["allocations": [["invoiceId": b, "amount": "100.01"]]]).type == "over-allocation")
            #expect(try await api.call(.post, "/api/v1/payments/\(moreId)/allocate", token: token,
                                       json: ["allocations": [["invoiceId": a, "amount": "1.00"]]]).type == "invoice-not-open")
            let allocated = try await api.call(.post, "/api/v1/payments/\(moreId)/allocate", token: token,
                                               json: ["allocations": [["invoiceId": b, "amount": "100.00"]]])
            #expect(allocated.string("unallocated") == "0.00")
            #expect(try await api.call(.get, "/api/v1/invoices/\(b)", token: token).string("balance") == "150.00")
            let paidBy = try await api.call(.get, "/api/v1/invoices/\(a)/payments", token: token)
            #expect(paidBy.items.compactMap { $0["allocated"] as? String } == ["400.00", "600.00"])

            // reversing the second payment reopens A and B
            let reversed = try await api.call(.post, "/api/v1/payments/\(moreId)/reverse", token: token)
            #expect(reversed.string("status") == "reversed")
            #expect(reversed.string("unallocated") == "0.00")
            invoice = try await api.call(.get, "/api/v1/invoices/\(a)", token: token)
            #expect(invoice.string("status") == "partiallyPaid")
            #expect(invoice.string("balance") == "600.00")
            #expect(try await api.call(.get, "/api/v1/invoices/\(b)", token: token).string("status") == "issued")
            #expect(try await api.call(.post, "/api/v1/payments/\(moreId)/reverse", token: token).type == "payment-reversed")
            #expect(try await api.call(.post, "/api/v1/payments/\(moreId)/allocate", token: token,
                                       json: ["allocations": [["invoiceId": b, "amount": "1.00"]]]).type == "payment-reversed")

            // a credit note on a part-paid invoice releases the payment as credit
            let firstId = try #require(part.string("id"))
            _ = try await api.call(.post, "/api/v1/invoices/\(a)/credit-note", token: token)
            #expect(try await api.call(.get, "/api/v1/payments/\(firstId)", token: token).string("unallocated") == "400.00")
        }
    }

    @Test("receivables age open balances by days past due on the day asked, per account and currency", arguments: TestWorld.engines)
    func ageing(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let north = try await world.makeAccount("North Ltd"), south = try await world.makeAccount("South Ltd")
        let token = try await world.token(for: world.admin)
        let due0 = "8d000000-0000-4000-8000-000000000001"
        try await world.withAPI { api in
            // due on receipt: due date = issue date; asOf 2026-11-18
            _ = try await issuedInvoice(api, token: token, account: north.id, amount: "100.00", issueDate: "2026-11-18", term: due0)   // current
            _ = try await issuedInvoice(api, token: token, account: north.id, amount: "200.00", issueDate: "2026-10-19", term: due0)   // 30 days
            let partly = try await issuedInvoice(api, token: token, account: north.id, amount: "300.00", issueDate: "2026-10-18", term: due0) // 31
            _ = try await issuedInvoice(api, token: token, account: south.id, amount: "400.00", issueDate: "2026-08-20", term: due0)   // 90
            _ = try await issuedInvoice(api, token: token, account: south.id, amount: "500.00", issueDate: "2026-08-19", term: due0)   // 91
            _ = try await issuedInvoice(api, token: token, account: south.id, amount: "70.00", issueDate: "2026-11-01", currency: "USD")
            _ = try await api.call(.post, "/api/v1/payments", token: token, json: [
                "accountId": north.id.string, "date": "2026-11-10", "amount": "120.00", "currency": "EUR", "mode": "cheque",
                "allocations": [["invoiceId": partly, "amount": "100.00"]]])
            let report = try await api.call(.get, "/api/v1/receivables?asOf=2026-11-18", token: token)
            let accounts = try #require(report.json["accounts"] as? [[String: Any]])
            #expect(accounts.map { "\($0["accountName"] ?? "") \($0["currency"] ?? "")" } == ["North Ltd EUR", "South Ltd EUR", "South Ltd USD"])
            let northBuckets = try #require(accounts[0]["buckets"] as? [String: String])
            #expect(northBuckets == ["current": "100.00", "days1to30": "200.00", "days31to60": "200.00", "days61to90": "0.00", "over90": "0.00",
                                     "total": "500.00"])
            #expect(accounts[0]["credit"] as? String == "20.00")
            let southBuckets = try #require(accounts[1]["buckets"] as? [String: String])
            #expect(southBuckets["days61to90"] == "400.00")
            #expect(southBuckets["over90"] == "500.00")
            let totals = try #require(report.json["totals"] as? [[String: Any]])
            #expect(totals.compactMap { $0["currency"] as? String } == ["EUR", "USD"])
            #expect(totals.first?["balance"] as? String == "1400.00")
            #expect(totals.last?["balance"] as? String == "70.00")

            // before the cheque and before the newest invoice
            let earlier = try await api.call(.get, "/api/v1/receivables?asOf=2026-11-09&accountId=\(north.id)", token: token)
            let then = try #require((earlier.json["accounts"] as? [[String: Any]])?.first)
            #expect((then["buckets"] as? [String: String])?["total"] == "500.00")
            #expect((then["invoices"] as? [[String: Any]])?.count == 2)
            #expect(try await api.call(.get, "/api/v1/receivables?asOf=tomorrow", token: token).type == "invalid-query")
        }
    }

    @Test("finance sees every customer's invoices; sales only their own and their team's")
    func ledgerVisibility() async throws {
        let world = try await TestWorld.make(.sqlite)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales, team: try await world.makeTeam("East"))
        let finance = try await world.makeUser(.finance, team: try await world.makeTeam("Accounts"))
        let account = try await world.makeAccount("Admin's customer")
        let adminToken = try await world.token(for: world.admin)
        let sellerToken = try await world.token(for: seller), financeToken = try await world.token(for: finance)
        try await world.withAPI { api in
            let id = try await issuedInvoice(api, token: adminToken, account: account.id, amount: "10.00")
            #expect(try await api.call(.get, "/api/v1/invoices/\(id)", token: sellerToken).status == 404)
            #expect(try await api.call(.get, "/api/v1/invoices/\(id)", token: financeToken).status == 200)
            let paid = try await api.call(.post, "/api/v1/payments", token: financeToken, json: [
                "accountId": account.id.string, "amount": "10.00", "currency": "EUR", "mode": "card", "allocations": [["invoiceId": id, "amount": "10.00"]]])
            #expect(paid.status == 201)
            #expect(try await api.call(.get, "/api/v1/bank-statements", token: sellerToken).status == 403)
            #expect(try await api.call(.get, "/api/v1/bank-statements", token: financeToken).status == 200)
        }
    }
}

@Suite("Receivables buckets")
struct ReceivablesBucketTests {
    @Test("days past due fall in current, 1–30, 31–60, 61–90 and 90+", arguments: [
        (0, "current"), (-5, "current"), (1, "1–30"), (30, "1–30"), (31, "31–60"), (60, "31–60"), (61, "61–90"), (90, "61–90"), (91, "90+"),
    ])
    func bucket(days: Int, name: String) {
        var buckets = ReceivablesService.Buckets()
        buckets.add(7, daysPastDue: days)
        let found = [("current", buckets.current), ("1–30", buckets.days1to30), ("31–60", buckets.days31to60), ("61–90", buckets.days61to90),
                     ("90+", buckets.over90)].filter { $0.1 == 7 }.map(\.0)
        #expect(found == [name])
    }
}
