import Foundation
import FurrowDomain

/// Invoices and credit notes (SPEC §5; rules 36–37, 92): made from an order (whole or in part) or
/// from scratch, issued with a gap-free number, then immutable; cancelled only by a credit note.
public struct InvoiceService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    /// The default payment term of a new invoice.
    public static let net30 = PaymentTerm.ID(UUID(uuidString: "8d000000-0000-4000-8000-000000000003")!)

    public struct Input: Sendable {
        public var accountId: Account.ID
        public var contactId: Contact.ID?
        public var priceListId: PriceList.ID?
        public var currency: Currency?
        public var paymentTermId: PaymentTerm.ID?
        public var notes: String?
        public var lines: [QuoteInput.Line]

        public init(accountId: Account.ID, contactId: Contact.ID? = nil, priceListId: PriceList.ID? = nil, currency: Currency? = nil,
                    paymentTermId: PaymentTerm.ID? = nil, notes: String? = nil, lines: [QuoteInput.Line]) {
            self.accountId = accountId
            self.contactId = contactId
            self.priceListId = priceListId
            self.currency = currency
            self.paymentTermId = paymentTermId
            self.notes = notes
            self.lines = lines
        }
    }

    /// Part of an order line to bill: its number (1-based) and a quantity.
    public struct OrderPart: Sendable {
        public var orderLine: Int
        public var quantity: Micros
        public init(orderLine: Int, quantity: Micros) {
            self.orderLine = orderLine
            self.quantity = quantity
        }
    }

    public func paymentTerms() async throws -> [PaymentTerm] {
        try await env.store.read { session in try await session.paymentTerms() }
    }

    /// A new payment term (administrators): a name and the days from issue to due.
    public func createPaymentTerm(name: String?, days: Int?, by principal: Principal) async throws -> PaymentTerm {
        guard principal.isAdmin else { throw CoreError.forbidden("only administrators change the payment terms") }
        var check = Validator()
        let name = check.text("name", name, required: true, maxLength: 60)
        if days == nil || days! < 0 || days! > 365 { check.add("days", "must be a number of days from 0 to 365") }
        try check.check()
        let term = PaymentTerm(id: env.newID(), name: name ?? "", days: days ?? 0)
        return try await env.transaction(by: principal) { transaction in
            if try await transaction.session.paymentTerms().contains(where: { $0.name.lowercased() == term.name.lowercased() }) {
                throw ValidationError([FieldError("name", "is a payment term already")])
            }
            try await transaction.session.insertPaymentTerm(term)
            transaction.audit("payment-term", term.id.uuid, "create", AuditDiff.changes(from: [:], to: ["name": term.name, "days": String(term.days)]))
            return term
        }
    }

    /// A draft invoice for what of the order is not invoiced yet, or for the parts given;
    /// never more than was ordered.
    public func invoice(order id: SalesOrder.ID, parts: [OrderPart]?, paymentTermId: PaymentTerm.ID?, by principal: Principal) async throws -> Invoice {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        return try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            let order = try await transaction.load(SalesOrder.self, id)
            let accountId = try order.billedAccount()
            var remaining = order.uninvoicedQuantities(order.invoicedQuantities(try await session.invoices(ofOrder: id))).map(\.value)
            let wanted = parts ?? remaining.enumerated().filter { $0.element > 0 }.map { OrderPart(orderLine: $0.offset + 1, quantity: Micros(value: $0.element)) }
            guard !wanted.isEmpty else { throw InvoiceError.fullyInvoiced }
            var lines: [InvoiceLine] = []
            for (index, part) in wanted.enumerated() {
                guard part.orderLine >= 1, part.orderLine <= order.lines.count else {
                    throw ValidationError([FieldError("lines[\(index)].orderLineId", "is not a line of this order")])
                }
                guard part.quantity.value > 0 else { throw ValidationError([FieldError("lines[\(index)].quantity", "must be more than 0")]) }
                guard part.quantity.value <= remaining[part.orderLine - 1] else { throw InvoiceError.overInvoiced(line: part.orderLine) }
                remaining[part.orderLine - 1] -= part.quantity.value
                var line = order.lines[part.orderLine - 1]
                line.quantity = part.quantity
                lines.append(InvoiceLine(line, orderLine: part.orderLine))
            }
            let term = try await checkedTerm(paymentTermId, session, customer: try await session.account(id: accountId))
            let now = env.clock.now()
            let invoice = Invoice(id: env.newID(), orderId: id, accountId: accountId, contactId: order.contactId, opportunityId: order.opportunityId,
                                  currency: order.currency, lines: lines, paymentTermId: term,
                                  notes: Self.startingNotes(try await transaction.settings()), ownership: order.ownership,
                                  createdAt: now, updatedAt: now)
            try await transaction.create(invoice)
            return invoice
        }
    }

    /// A draft invoice written from scratch.
    public func create(_ input: Input, by principal: Principal) async throws -> Invoice {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        var check = Validator()
        let notes = check.text("notes", input.notes, maxLength: 2000)
        try check.check()
        return try await env.transaction(by: principal) { transaction in try await draft(input, notes: notes, in: transaction) }
    }

    /// A draft invoice written from scratch inside `transaction` (a maintenance contract's bill too).
    func draft(_ input: Input, notes: String?, in transaction: Transaction) async throws -> Invoice {
        let principal = transaction.principal
        do {
            let session = transaction.session
            guard let account = try await session.account(id: input.accountId), principal.ledger.canSee(account.ownership) else {
                throw ValidationError([FieldError("accountId", "is not an account you can see")])
            }
            try await checkContact(input.contactId, session, principal)
            let settings = try await transaction.settings()
            var currency = input.currency ?? Currency(settings.baseCurrency) ?? Currency("EUR")!
            if let listId = input.priceListId, let list = try await session.priceList(id: listId), input.currency == nil { currency = list.currency }
            let now = env.clock.now()
            let lines = try await session.resolveLines(input.lines, priceListId: input.priceListId, currency: currency, date: settings.today(now))
            let invoice = Invoice(id: env.newID(), orderId: nil, accountId: account.id, contactId: input.contactId, opportunityId: nil,
                                  currency: currency, lines: lines.map { InvoiceLine($0) }, paymentTermId: try await checkedTerm(input.paymentTermId, session, customer: account),
                                  notes: notes ?? Self.startingNotes(settings),
                                  ownership: account.ownership, createdAt: now, updatedAt: now)
            try await transaction.create(invoice)
            return invoice
        }
    }

    public struct Change: Sendable {
        public var contactId: Contact.ID??
        public var paymentTermId: PaymentTerm.ID?
        public var notes: String??
        public var lines: [QuoteInput.Line]?
        public var priceListId: PriceList.ID?
        public init(contactId: Contact.ID?? = nil, paymentTermId: PaymentTerm.ID? = nil, notes: String?? = nil, lines: [QuoteInput.Line]? = nil,
                    priceListId: PriceList.ID? = nil) {
            self.contactId = contactId
            self.paymentTermId = paymentTermId
            self.notes = notes
            self.lines = lines
            self.priceListId = priceListId
        }
    }

    /// Changes a draft; an issued invoice is immutable.
    public func update(_ id: Invoice.ID, _ change: Change, expectedVersion: Int, by principal: Principal) async throws -> Invoice {
        var check = Validator()
        let notes = change.notes.map { check.text("notes", $0, maxLength: 2000) }
        try check.check()
        return try await modify(id, action: "update", expectedVersion: expectedVersion, by: principal) { invoice, session in
            try invoice.check(.edit)
            if let contact = change.contactId { try await checkContact(contact, session, principal); invoice.contactId = contact }
            if let term = change.paymentTermId { invoice.paymentTermId = try await checkedTerm(term, session) }
            if let notes { invoice.notes = notes }
            if let lines = change.lines {
                guard invoice.orderId == nil else {
                    throw ValidationError([FieldError("lines", "lines of an invoice made from an order come from the order")])
                }
                let today = Settings(try await session.settings()).today(env.clock.now())
                invoice.lines = try await session.resolveLines(lines, priceListId: change.priceListId, currency: invoice.currency, date: today)
                    .map { InvoiceLine($0) }
            }
        }
    }

    public func delete(_ id: Invoice.ID, by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in
            let invoice = try await transaction.loadChangeable(Invoice.self, id)
            try invoice.check(.delete)
            try await transaction.delete(invoice)
        }
    }

    /// draft → issued: the next `INV-YYYY-NNNNN`, the issue date (today unless given) and the due
    /// date from the payment terms. Optionally emails the PDF to the invoice's contact.
    public func issue(_ id: Invoice.ID, on date: Day? = nil, email: Bool = false, by principal: Principal) async throws -> Invoice {
        try await modify(id, action: "issue", expectedVersion: nil, by: principal) { invoice, session in
            let today = try await session.today(env)
            let day = date ?? today
            let term = try await invoice.paymentTermId.asyncMap { try await session.paymentTerm(id: $0) } ?? nil
            let serial = try await session.nextDocumentNumber(kind: "invoice", year: Int(day.description.prefix(4)) ?? 2000)
            try invoice.issue(number: String(format: "INV-%@-%05d", String(day.description.prefix(4)), serial), on: day, term: term)
            if email { try await queueEmail(invoice, session) }
        }
    }

    /// Emails an issued invoice's PDF to its contact through the outbox.
    public func send(_ id: Invoice.ID, by principal: Principal) async throws -> Invoice {
        try await env.transaction(by: principal) { transaction in
            let invoice = try await transaction.loadChangeable(Invoice.self, id)
            try invoice.check(.send)
            try await queueEmail(invoice, transaction.session)
            transaction.audit(Invoice.entity, id.uuid, "send", [])
            return invoice
        }
    }

    /// Cancels an issued invoice with a credit note that reverses it in full. Payments
    /// allocated to it are released and stay as the customer's credit.
    public func creditNote(_ id: Invoice.ID, reason: String?, by principal: Principal) async throws -> (creditNote: Invoice, invoice: Invoice) {
        var check = Validator()
        let reason = check.text("reason", reason, maxLength: 1000)
        try check.check()
        return try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            var invoice = try await transaction.loadChangeable(Invoice.self, id, locked: true)
            try invoice.check(.credit)
            let now = env.clock.now()
            let today = try await session.today(env)
            let released = try await session.releaseAllocations(of: id)
            let serial = try await session.nextDocumentNumber(kind: "credit-note", year: Int(today.description.prefix(4)) ?? 2000)
            var note = Invoice(id: env.newID(), kind: .creditNote, orderId: invoice.orderId, accountId: invoice.accountId,
                               contactId: invoice.contactId, opportunityId: invoice.opportunityId, relatedInvoiceId: id, currency: invoice.currency,
                               lines: invoice.lines, paymentTermId: nil, notes: reason, ownership: invoice.ownership, createdAt: now, updatedAt: now)
            try note.issue(number: String(format: "CN-%@-%05d", String(today.description.prefix(4)), serial), on: today, term: nil)
            try await transaction.create(note)
            let before = invoice
            invoice.status = .cancelled
            invoice.cancelledOn = today
            invoice.relatedInvoiceId = note.id
            invoice.amountPaid = Money(minorUnits: 0, currency: invoice.currency)
            let releasedChange = released.isEmpty ? [] : [FieldChange(field: "releasedPayments", old: nil, new: released.map(\.string).joined(separator: ","))]
            try await transaction.save(&invoice, over: before, action: "credit", extra: releasedChange)
            return (note, invoice)
        }
    }

    public func get(_ id: Invoice.ID, by principal: Principal) async throws -> Invoice {
        try await env.store.read { session in try await session.visibleInvoice(id, principal) }
    }

    public func list(_ query: ListQuery, by principal: Principal) async throws -> [Invoice] {
        try await env.store.read { session in try await session.invoices(query, visibleTo: principal.ledger) }
    }

    public func invoices(ofOrder id: SalesOrder.ID, by principal: Principal) async throws -> [Invoice] {
        try await env.store.read { session in
            _ = try await session.visibleOrder(id, principal.ledger)
            return try await session.invoices(ofOrder: id)
        }
    }

    /// The payments allocated to an invoice, with the amount each put on it.
    public func payments(_ id: Invoice.ID, by principal: Principal) async throws -> [(Payment, Money)] {
        try await env.store.read { session in
            _ = try await session.visibleInvoice(id, principal)
            return try await session.payments(allocatedTo: id).map { payment in
                (payment, payment.allocations.first { $0.invoiceId == id }?.amount ?? Money(minorUnits: 0, currency: payment.amount.currency))
            }
        }
    }

    public func pdf(_ id: Invoice.ID, by principal: Principal) async throws -> (Invoice, Data) {
        try await env.store.read { session in
            let invoice = try await session.visibleInvoice(id, principal)
            return (invoice, try await render(invoice, session))
        }
    }

    func render(_ invoice: Invoice, _ session: any StoreSession) async throws -> Data {
        guard let renderer = env.documentRenderer else { throw ValidationError([FieldError("pdf", "documents are not available")]) }
        var settings = Settings(try await session.settings())
        settings.logo = try await DocumentLogo.load(session)
        let customer = try await session.account(id: invoice.accountId).map(DocumentCustomer.init) ?? DocumentCustomer(name: nil)
        let contact = try await invoice.contactId.asyncMap { try await session.contact(id: $0)?.fields.fullName } ?? nil
        let term = try await invoice.paymentTermId.asyncMap { try await session.paymentTerm(id: $0)?.name } ?? nil
        return try renderer.pdf(invoice, settings: settings, customer: customer, contact: contact, term: term)
    }

    private func queueEmail(_ invoice: Invoice, _ session: any StoreSession) async throws {
        guard let contactId = invoice.contactId, let contact = try await session.contact(id: contactId), let address = contact.fields.email else {
            throw ValidationError([FieldError("email", "the invoice needs a contact with an email address")])
        }
        let settings = Settings(try await session.settings())
        let number = invoice.number ?? ""
        let word = invoice.kind == .creditNote ? "Credit note" : "Invoice"
        let body = """
            Dear \(contact.fields.fullName),

            please find attached our \(word.lowercased()) \(number) of \(invoice.issueDate?.description ?? "").
            Total: \(invoice.totals.total.decimalString) \(invoice.currency)\(invoice.dueDate.map { ", due on \($0)" } ?? "").

            Kind regards,
            \(settings.companyName)
            """
        let now = env.clock.now()
        try await session.insertEmail(OutboxEmail(id: env.ids.next(), to: address, subject: "\(word) \(number) from \(settings.companyName)",
                                                  body: body, attachmentName: "\(number).pdf", attachment: try await render(invoice, session),
                                                  nextAttemptAt: now, createdAt: now, relatedEntity: "invoice", relatedId: invoice.id.uuid))
    }

    /// The notes a new invoice starts with (a setting), or none.
    static func startingNotes(_ settings: Settings) -> String? { settings.invoiceNotes.isEmpty ? nil : settings.invoiceNotes }

    /// The term chosen, else the customer's own (while it is active), else Net 30.
    private func checkedTerm(_ id: PaymentTerm.ID?, _ session: any StoreSession, customer: Account? = nil) async throws -> PaymentTerm.ID {
        if id == nil, let own = customer?.fields.paymentTermId, try await session.paymentTerm(id: own)?.active == true { return own }
        let id = id ?? Self.net30
        guard let term = try await session.paymentTerm(id: id), term.active else {
            throw ValidationError([FieldError("paymentTermId", "is not an active payment term")])
        }
        return term.id
    }

    private func checkContact(_ id: Contact.ID?, _ session: any StoreSession, _ principal: Principal) async throws {
        guard let id else { return }
        if try await session.contact(id: id).map({ principal.canSee($0.ownership) }) != true {
            throw ValidationError([FieldError("contactId", "is not a contact you can see")])
        }
    }

    private func modify(_ id: Invoice.ID, action: String, expectedVersion: Int?, by principal: Principal,
                        _ body: @escaping @Sendable (inout Invoice, any StoreSession) async throws -> Void) async throws -> Invoice {
        try await env.transaction(by: principal) { transaction in
            try await transaction.change(Invoice.self, id, action: action, expectedVersion: expectedVersion) { invoice in
                try await body(&invoice, transaction.session)
            }
        }
    }
}

extension Invoice {
    var auditValues: [String: String] {
        var values = ["kind": kind.rawValue, "status": status.rawValue, "currency": currency.code, "total": totals.total.decimalString,
                      "amountPaid": amountPaid.decimalString, "lines": String(lines.count), "accountId": accountId.string,
                      "ownerId": ownership.ownerId.string]
        values["number"] = number
        values["orderId"] = orderId?.string
        values["contactId"] = contactId?.string
        values["paymentTermId"] = paymentTermId?.string
        values["issueDate"] = issueDate?.description
        values["dueDate"] = dueDate?.description
        values["notes"] = notes
        values["relatedInvoiceId"] = relatedInvoiceId?.string
        return values
    }
}

extension StoreSession {
    func visibleInvoice(_ id: Invoice.ID, _ principal: Principal, locked: Bool = false) async throws -> Invoice {
        guard let invoice = try await invoice(id: id, locked: locked), principal.ledger.canSee(invoice.ownership) else { throw CoreError.notFound("invoice") }
        return invoice
    }
}
