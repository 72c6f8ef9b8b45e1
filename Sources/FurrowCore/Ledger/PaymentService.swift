import Foundation
import FurrowDomain

/// Payments received (SPEC §5; rules 46–47): allocated to open invoices, never beyond an
/// invoice's balance or the payment's amount; the rest is the customer's credit. An invoice's
/// paid amount and status always follow from the allocations standing against it.
public struct PaymentService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public struct Input: Sendable {
        public var accountId: Account.ID
        public var date: Day?
        public var amount: Money
        public var mode: Payment.Mode
        public var reference: String?
        public var allocations: [Allocation]

        public init(accountId: Account.ID, date: Day? = nil, amount: Money, mode: Payment.Mode, reference: String? = nil, allocations: [Allocation] = []) {
            self.accountId = accountId
            self.date = date
            self.amount = amount
            self.mode = mode
            self.reference = reference
            self.allocations = allocations
        }
    }

    public func record(_ input: Input, by principal: Principal) async throws -> Payment {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        return try await env.transaction(by: principal) { transaction in try await record(input, in: transaction) }
    }

    func record(_ input: Input, in transaction: Transaction) async throws -> Payment {
        let session = transaction.session, principal = transaction.principal
        var check = Validator()
        let reference = check.text("reference", input.reference, maxLength: 200)
        if input.amount.minorUnits <= 0 { check.add("amount", "must be more than 0") }
        try check.check()
        guard let account = try await session.account(id: input.accountId), principal.ledger.canSee(account.ownership) else {
            throw ValidationError([FieldError("accountId", "is not an account you can see")])
        }
        let now = env.clock.now()
        let today = try await session.today(env)
        let date = input.date ?? today
        let serial = try await session.nextDocumentNumber(kind: "payment", year: Int(date.description.prefix(4)) ?? 2000)
        var payment = Payment(id: env.newID(), number: String(format: "PAY-%@-%05d", String(date.description.prefix(4)), serial),
                              accountId: account.id, date: date, amount: input.amount, mode: input.mode, reference: reference,
                              ownership: account.ownership, createdAt: now)
        let invoices = try await lockedInvoices(input.allocations, session, principal)
        try payment.check(input.allocations, against: invoices)
        payment.allocations = merged(input.allocations)
        try await transaction.create(payment)
        try await refresh(Set(payment.allocations.map(\.invoiceId)), in: transaction)
        return payment
    }

    /// Allocates more of a payment's unallocated amount (customer credit) to open invoices.
    public func allocate(_ id: Payment.ID, _ allocations: [Allocation], by principal: Principal) async throws -> Payment {
        try await env.transaction(by: principal) { transaction in
            var payment = try await transaction.loadChangeable(Payment.self, id, locked: true)
            guard !allocations.isEmpty else { throw ValidationError([FieldError("allocations", "is required")]) }
            let invoices = try await lockedInvoices(allocations, transaction.session, principal)
            try payment.check(allocations, against: invoices)
            let before = payment
            payment.allocations = merged(payment.allocations + allocations)
            try await transaction.save(&payment, over: before, action: "allocate")
            try await refresh(Set(allocations.map(\.invoiceId)), in: transaction)
            return payment
        }
    }

    /// Reverses a payment (a bounced cheque, a wrong entry): its allocations no longer count,
    /// its invoices are open again and a statement line matched to it is unmatched.
    public func reverse(_ id: Payment.ID, by principal: Principal) async throws -> Payment {
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            var payment = try await transaction.loadChangeable(Payment.self, id, locked: true)
            guard payment.status == .posted else { throw LedgerError.paymentReversed }
            let before = payment
            payment.status = .reversed
            payment.reversedOn = try await session.today(env)
            try await transaction.save(&payment, over: before, action: "reverse")
            if let line = try await session.line(matchedTo: id) { try await session.matchLine(line, to: nil) }
            try await refresh(Set(payment.allocations.map(\.invoiceId)), in: transaction)
            return payment
        }
    }

    public func get(_ id: Payment.ID, by principal: Principal) async throws -> Payment {
        try await env.store.read { session in try await session.visiblePayment(id, principal) }
    }

    public func list(_ query: ListQuery, by principal: Principal) async throws -> [Payment] {
        try await env.store.read { session in try await session.payments(query, visibleTo: principal.ledger) }
    }

    /// An account's open invoices, oldest due first: what a new payment is suggested against.
    public func openInvoices(account id: Account.ID, currency: Currency?, by principal: Principal) async throws -> [Invoice] {
        try await env.store.read { session in
            guard let account = try await session.account(id: id), principal.ledger.canSee(account.ownership) else { throw CoreError.notFound("account") }
            return try await session.openInvoices(ofAccount: id, currency: currency)
        }
    }

    /// Suggests allocations of an amount over open invoices, the oldest due first.
    public static func oldestFirst(_ amount: Money, over invoices: [Invoice]) -> [Allocation] {
        var left = amount.minorUnits
        var result: [Allocation] = []
        for invoice in invoices.sorted(by: { ($0.dueDate ?? Day(ordinal: 0), $0.number ?? "") < ($1.dueDate ?? Day(ordinal: 0), $1.number ?? "") })
        where left > 0 && invoice.currency == amount.currency && invoice.balance.minorUnits > 0 {
            let part = min(left, invoice.balance.minorUnits)
            result.append(Allocation(invoiceId: invoice.id, amount: Money(minorUnits: part, currency: amount.currency)))
            left -= part
        }
        return result
    }

    private func merged(_ allocations: [Allocation]) -> [Allocation] {
        var order: [Invoice.ID] = [], sums: [Invoice.ID: Money] = [:]
        for allocation in allocations {
            if let sum = sums[allocation.invoiceId] {
                sums[allocation.invoiceId] = Money.sum([sum, allocation.amount], currency: sum.currency)
            } else {
                order.append(allocation.invoiceId)
                sums[allocation.invoiceId] = allocation.amount
            }
        }
        return order.map { Allocation(invoiceId: $0, amount: sums[$0]!) }
    }

    /// The invoices allocations name, read with their rows held so two payments cannot
    /// overdraw one invoice at once.
    private func lockedInvoices(_ allocations: [Allocation], _ session: any StoreSession, _ principal: Principal) async throws -> [Invoice.ID: Invoice] {
        var invoices: [Invoice.ID: Invoice] = [:]
        for id in Set(allocations.map(\.invoiceId)).sorted(by: { $0.string < $1.string }) {
            guard let invoice = try await session.invoice(id: id, locked: true), principal.ledger.canSee(invoice.ownership) else {
                throw ValidationError([FieldError("allocations", "invoice \(id) is not an invoice you can see")])
            }
            invoices[id] = invoice
        }
        return invoices
    }

    /// Sets each invoice's paid amount and status from the allocations standing against it.
    func refresh(_ ids: Set<Invoice.ID>, in transaction: Transaction) async throws {
        let session = transaction.session
        for id in ids.sorted(by: { $0.string < $1.string }) {
            guard let invoice = try await session.invoice(id: id, locked: true) else { continue }
            var paid = invoice
            paid.apply(paid: Money(minorUnits: try await session.amountAllocated(to: id), currency: invoice.currency))
            try await transaction.save(&paid, over: invoice, action: "payment")
        }
    }
}

extension Payment {
    var auditValues: [String: String] {
        var values = ["number": number, "accountId": accountId.string, "date": date.description, "amount": amount.decimalString,
                      "currency": amount.currency.code, "mode": mode.rawValue, "status": status.rawValue,
                      "allocated": allocated.decimalString,
                      "allocations": allocations.map { "\($0.invoiceId):\($0.amount.decimalString)" }.joined(separator: ",")]
        values["reference"] = reference
        values["reversedOn"] = reversedOn?.description
        return values
    }
}

extension StoreSession {
    func visiblePayment(_ id: Payment.ID, _ principal: Principal) async throws -> Payment {
        guard let payment = try await payment(id: id, locked: false), principal.ledger.canSee(payment.ownership) else { throw CoreError.notFound("payment") }
        return payment
    }
}

extension StoreSession {
    /// Today in the company's time zone.
    func today(_ env: CoreEnvironment) async throws -> Day {
        Settings(try await settings()).today(env.clock.now())
    }
}
