import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Seed 002's order to cash: an approved quotation becomes an order, confirmed, delivered and
/// invoiced; a part payment is entered, the bank statement brings the rest, reconciliation
/// settles the invoice.
@Suite("Scenarios: order to cash")
struct OrderToCashScenarioTests {
    @Test("quotation approved → order confirmed → delivery tracked → invoice → part payment → statement → reconciled → paid",
          arguments: TestWorld.engines)
    func orderToCash(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        let account = try await world.makeAccount("Hotel Miramar")
        let contact = try await world.makeContact("Ortega", account: account.id, email: "compras@miramar.example")
        let boiler = try await world.makeProduct("Condensing boiler 45 kW")
        let list = try await world.makePriceList([boiler.id: "4200.00"])
        let deal = try await world.makeOpportunity(account: account.id)
        try await world.withAPI { api in
            // given an approved quotation (rule 36)
            let quote = try await api.call(.post, "/api/v1/quotes", token: token, json: [
                "opportunityId": deal.id.string, "contactId": contact.id.string, "priceListId": list.id.string, "validUntil": "2026-12-31",
                "lines": [["productId": boiler.id.string, "quantity": "2"]]])
            let quoteId = try #require(quote.string("id"))
            _ = try await api.call(.post, "/api/v1/quotes/\(quoteId)/send", token: token)
            #expect(try await api.call(.post, "/api/v1/quotes/\(quoteId)/accept", token: token).string("status") == "accepted")

            // one click makes the order; the customer approves it (rule 38); delivery is tracked (rule 39)
            let order = try await api.call(.post, "/api/v1/quotes/\(quoteId)/convert", token: token)
            let orderId = try #require(order.string("id"))
            #expect(try await api.call(.post, "/api/v1/orders/\(orderId)/confirm", token: token).string("status") == "confirmed")
            #expect(try await api.call(.post, "/api/v1/orders/\(orderId)/tracking", token: token,
                                       json: ["status": "delivered", "note": "Both units on site"]).string("status") == "delivered")

            // the invoice is reviewed and issued (rule 37)
            let invoice = try await api.call(.post, "/api/v1/orders/\(orderId)/invoice", token: token)
            #expect(invoice.string("total") == "8400.00")
            let invoiceId = try #require(invoice.string("id"))
            let issued = try await api.call(.post, "/api/v1/invoices/\(invoiceId)/issue", token: token, json: ["email": true])
            let number = try #require(issued.string("number"))
            #expect(issued.string("dueDate") == "2026-12-18")

            // a part payment against the invoice with mode, amount and date (rules 44–45)
            _ = try await api.call(.post, "/api/v1/payments", token: token, json: [
                "accountId": account.id.string, "date": "2026-11-18", "amount": "3000.00", "currency": "EUR", "mode": "cheque",
                "reference": "Cheque 0042", "allocations": [["invoiceId": invoiceId, "amount": "3000.00"]]])
            let part = try await api.call(.get, "/api/v1/invoices/\(invoiceId)", token: token)
            #expect(part.string("status") == "partiallyPaid")
            let receivables = try await api.call(.get, "/api/v1/receivables", token: token)
            #expect((receivables.json["totals"] as? [[String: Any]])?.first?["balance"] as? String == "5400.00")   // rule 46

            // the bank statement brings the cheque and the transfer of the rest; reconciliation settles it (rule 47)
            let csv = "date,amount,reference,counterparty\n2026-11-19,3000.00,CHEQUE 0042,Hotel Miramar\n"
                + "2026-11-25,5400.00,Pago \(number),Hotel Miramar\n"
            let statement = try await api.call(.post, "/api/v1/bank-statements", token: token, raw: csv, headers: ["Content-Type": "text/csv"])
            let reconciled = try await api.call(.post, "/api/v1/bank-statements/\(statement.string("id") ?? "")/reconcile", token: token)
            #expect(reconciled.json["matched"] as? Int == 1)
            #expect(reconciled.json["paymentsCreated"] as? Int == 1)
            let paid = try await api.call(.get, "/api/v1/invoices/\(invoiceId)", token: token)
            #expect(paid.string("status") == "paid")
            #expect(paid.string("balance") == "0.00")
            let settled = try await api.call(.get, "/api/v1/receivables?asOf=2026-11-30", token: token)
            #expect((settled.json["accounts"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("random payments, allocations and reversals never overdraw an invoice or a payment", arguments: TestWorld.engines)
    func allocationProperty(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Property Co")
        let invoices = InvoiceService(world.env), payments = PaymentService(world.env)
        let eur = Currency("EUR")!
        var ids: [Invoice.ID] = []
        for amount in ["100.00", "250.50", "999.99", "10.01"] {
            let draft = try await invoices.create(.init(accountId: account.id, lines: [.init(productId: nil, description: "Item", quantity: Micros("1")!,
                                                                                             unitPrice: Micros(amount))]), by: world.admin)
            ids.append(try await invoices.issue(draft.id, by: world.admin).id)
        }
        var generator = SplitMix(seed: engine == .sqlite ? 7 : 11)
        var posted: [Payment.ID] = []
        for _ in 0..<120 {
            let roll = generator.next() % 10
            do {
                if roll < 5 || posted.isEmpty {
                    let amount = Money(minorUnits: Int64(generator.next() % 60_000) + 1, currency: eur)
                    var allocations: [Allocation] = []
                    for _ in 0..<(generator.next() % 3) {
                        allocations.append(Allocation(invoiceId: ids[Int(generator.next() % UInt64(ids.count))],
                                                      amount: Money(minorUnits: Int64(generator.next() % 40_000) + 1, currency: eur)))
                    }
                    posted.append(try await payments.record(.init(accountId: account.id, amount: amount, mode: .cash, allocations: allocations),
                                                            by: world.admin).id)
                } else if roll < 8 {
                    let payment = posted[Int(generator.next() % UInt64(posted.count))]
                    _ = try await payments.allocate(payment, [Allocation(invoiceId: ids[Int(generator.next() % UInt64(ids.count))],
                                                                         amount: Money(minorUnits: Int64(generator.next() % 30_000) + 1, currency: eur))],
                                                    by: world.admin)
                } else {
                    _ = try await payments.reverse(posted[Int(generator.next() % UInt64(posted.count))], by: world.admin)
                }
            } catch is LedgerError {
                // refused as the rules say; the invariants below must hold either way
            } catch let error as ValidationError where error.errors.first?.field == "allocations" {
            }
            // invariants after every step
            var allocatedPerInvoice: [Invoice.ID: Int64] = [:]
            for id in posted {
                let payment = try await payments.get(id, by: world.admin)
                #expect(payment.allocated.minorUnits <= payment.amount.minorUnits)
                #expect(payment.allocations.allSatisfy { $0.amount.minorUnits > 0 })
                if payment.status == .posted {
                    for allocation in payment.allocations { allocatedPerInvoice[allocation.invoiceId, default: 0] += allocation.amount.minorUnits }
                }
            }
            for id in ids {
                let invoice = try await invoices.get(id, by: world.admin)
                #expect(invoice.balance.minorUnits >= 0)
                #expect(invoice.amountPaid.minorUnits == allocatedPerInvoice[id] ?? 0)
                #expect(invoice.status == InvoiceStatus.derived(total: invoice.totals.total, paid: invoice.amountPaid))
            }
        }
        #expect(posted.count > 10)
    }
}

/// A small deterministic generator so a failing sequence can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Payments racing for one invoice")
struct AllocationRaceTests {
    @Test("eight payments of 30.00 racing for an invoice of 100.00: exactly three are allocated, the rest refused", arguments: TestWorld.engines)
    func race(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Race Ltd")
        let invoices = InvoiceService(world.env)
        let draft = try await invoices.create(.init(accountId: account.id, lines: [.init(description: "Item", quantity: Micros("1")!,
                                                                                         unitPrice: Micros("100.00"))]), by: world.admin)
        let invoice = try await invoices.issue(draft.id, by: world.admin)
        let eur = Currency("EUR")!
        let env = world.env, admin = world.admin, accountId = account.id
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    do {
                        _ = try await PaymentService(env).record(.init(accountId: accountId, amount: Money(minorUnits: 3_000, currency: eur), mode: .cash,
                                                                       allocations: [Allocation(invoiceId: invoice.id, amount: Money(minorUnits: 3_000, currency: eur))]),
                                                                 by: admin)
                        return true
                    } catch LedgerError.overAllocation {
                        return false
                    } catch {
                        Issue.record("unexpected \(error)")
                        return false
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 3)
        let settled = try await invoices.get(invoice.id, by: world.admin)
        #expect(settled.amountPaid.minorUnits == 9_000)
        #expect(settled.status == .partiallyPaid)
    }
}
