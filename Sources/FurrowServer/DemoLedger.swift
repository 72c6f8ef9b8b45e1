import Foundation
import FurrowCore
import FurrowDomain

/// The demo company's receivables: the tractor order invoiced and part paid, an engineer's
/// invoice a month overdue, an old one long overdue, one paid in full, and a bank statement
/// waiting to be reconciled.
enum DemoLedger {
    static func load(_ env: CoreEnvironment, order: SalesOrder, people: [String: Principal], accounts: [String: Account], admin: Principal) async throws {
        let invoices = InvoiceService(env), payments = PaymentService(env)
        let fin = people["fin@demo.furrow.test"]!
        let gbp = Currency("GBP")!
        let today = Day(Timestamp.day(env.clock.now(), in: TimeZone(identifier: "Europe/London")!))!
        let net15 = PaymentTerm.ID(UUID(uuidString: "8d000000-0000-4000-8000-000000000002")!)
        let onReceipt = PaymentTerm.ID(UUID(uuidString: "8d000000-0000-4000-8000-000000000001")!)

        let tractor = try await invoices.invoice(order: order.id, parts: nil, paymentTermId: InvoiceService.net30, by: fin)
        let issued = try await invoices.issue(tractor.id, on: today.adding(days: -10), by: fin)
        _ = try await payments.record(.init(accountId: issued.accountId, date: today.adding(days: -3), amount: Money("20000.00", currency: gbp)!,
                                            mode: .bankTransfer, reference: "Deposit \(issued.number ?? "")",
                                            allocations: [Allocation(invoiceId: issued.id, amount: Money("20000.00", currency: gbp)!)]), by: fin)

        func scratch(_ account: String, _ description: String, _ quantity: String, _ price: String, term: PaymentTerm.ID, daysAgo: Int) async throws -> Invoice {
            let draft = try await invoices.create(.init(accountId: accounts[account]!.id, currency: gbp, paymentTermId: term,
                                                        lines: [.init(description: description, quantity: Micros(quantity)!, unitPrice: Micros(price))]), by: fin)
            return try await invoices.issue(draft.id, on: today.adding(days: -daysAgo), by: fin)
        }
        let engineer = try await scratch("Greenway Farms", "Field engineer, day rate", "3", "640.00", term: net15, daysAgo: 50)
        _ = try await scratch("Harbour Logistics", "Sensor recalibration", "1", "890.00", term: onReceipt, daysAgo: 100)
        let paid = try await scratch("Solent Marine", "Annual inspection", "1", "1450.00", term: net15, daysAgo: 40)
        _ = try await payments.record(.init(accountId: paid.accountId, date: today.adding(days: -30), amount: Money("1450.00", currency: gbp)!,
                                            mode: .card, reference: "Card ending 4242",
                                            allocations: [Allocation(invoiceId: paid.id, amount: Money("1450.00", currency: gbp)!)]), by: fin)

        let csv = """
            date,amount,reference,counterparty
            \(today.adding(days: -3)),20000.00,Deposit \(issued.number ?? ""),Acme Field Services
            \(today.adding(days: -1)),1920.00,Payment \(engineer.number ?? ""),Greenway Farms
            \(today.adding(days: -1)),-18.50,Account fee,Bank
            \(today),250.00,Unknown transfer 55-1,J. Smith

            """
        _ = try await ReconciliationService(env).importStatement(.csv(csv, profileId: nil, currency: gbp), name: "Current account, this week", by: fin)
    }
}
