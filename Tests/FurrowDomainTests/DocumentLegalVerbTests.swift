import Foundation
import FurrowDomain
import Testing

/// The verbs quotes, invoices and sales orders allow in each state, and the quote's reading on a
/// day: one rule per record, walked over every state the pages and use cases meet.
@Suite("Legal verbs: quotes, invoices, sales orders")
struct DocumentLegalVerbTests {
    static let owner = Ownership(ownerId: User.ID(UUID()), teamId: nil)
    static let eur = Currency("EUR")!
    static let line = QuoteLine(productId: nil, description: "Pump", quantity: Micros("2")!, unitPrice: Micros("100")!)
    static let today = Day("2026-02-01")!

    static func quote(_ status: QuoteStatus, validUntil: Day?) -> Quote {
        Quote(id: Quote.ID(UUID()), number: "Q-2026-00001", revision: 1, name: "Pumps", status: status, accountId: nil, contactId: nil,
              opportunityId: Opportunity.ID(UUID()), leadId: nil, priceListId: nil, currency: eur, date: Day("2026-01-02")!, validUntil: validUntil,
              comments: nil, terms: nil, lines: [line], ownership: owner, createdAt: Date(), updatedAt: Date())
    }

    /// A quote's state: its status, whether its validity ended before today, whether an order was made from it.
    struct QuoteRow: Sendable, CustomTestStringConvertible {
        let status: QuoteStatus, past: Bool, converted: Bool, legal: Set<Quote.Verb>
        var testDescription: String { "\(status)\(past ? ", past its validity" : "")\(converted ? ", converted" : "")" }
    }

    static let quoteTable: [QuoteRow] = [
        QuoteRow(status: .draft, past: false, converted: false, legal: [.edit, .getProducts, .send]),
        QuoteRow(status: .draft, past: true, converted: false, legal: [.edit, .getProducts, .send]),
        QuoteRow(status: .sent, past: false, converted: false, legal: [.negotiate, .accept, .reject, .revise]),
        QuoteRow(status: .sent, past: true, converted: false, legal: [.reject, .revise]),
        QuoteRow(status: .negotiation, past: false, converted: false, legal: [.accept, .reject, .revise]),
        QuoteRow(status: .negotiation, past: true, converted: false, legal: [.reject, .revise]),
        QuoteRow(status: .accepted, past: false, converted: false, legal: [.convert]),
        QuoteRow(status: .accepted, past: true, converted: false, legal: [.convert]),
        QuoteRow(status: .accepted, past: false, converted: true, legal: []),
        QuoteRow(status: .rejected, past: false, converted: false, legal: []),
        QuoteRow(status: .revised, past: false, converted: false, legal: []),
    ]

    @Test("a quote's legal verbs by status, validity and conversion", arguments: quoteTable)
    func quoteVerbs(row: QuoteRow) {
        // given
        let quote = Self.quote(row.status, validUntil: Day(row.past ? "2026-01-31" : "2026-02-01"))
        // when
        let legal = quote.legalVerbs(on: Self.today, converted: row.converted)
        // then
        #expect(legal == row.legal)
        for verb in QuoteStatus.Verb.allCases where QuoteStatus.transitions[row.status]?[verb] == nil {
            #expect(!legal.contains(Quote.Verb(verb)), "\(verb) is not in the transition table")
        }
    }

    static let quoteRefusals: [(QuoteStatus, Day?, Bool, Quote.Verb, QuoteError)] = [
        (.sent, Day("2026-01-31"), false, .accept, .expired), (.negotiation, Day("2026-01-31"), false, .negotiate, .expired),
        (.sent, nil, false, .edit, .notDraft), (.draft, nil, false, .accept, .notSent), (.accepted, nil, false, .reject, .closed),
        (.sent, nil, false, .convert, .notAccepted), (.accepted, nil, true, .convert, .alreadyConverted),
    ]

    @Test("a refused quote verb names the use case's error", arguments: quoteRefusals.indices)
    func quoteRefusal(index: Int) {
        let (status, validUntil, converted, verb, error) = Self.quoteRefusals[index]
        #expect(throws: error, "\(status) \(verb)") { try Self.quote(status, validUntil: validUntil).check(verb, on: Self.today, converted: converted) }
    }

    @Test("a quote reads expired only when sent or negotiated past its validity", arguments: QuoteStatus.allCases)
    func reading(status: QuoteStatus) {
        let open = status == .sent || status == .negotiation
        #expect(Self.quote(status, validUntil: Day("2026-01-31")).reading(on: Day("2026-02-01")!) == (open ? .expired : QuoteReading(status)))
        #expect(Self.quote(status, validUntil: Day("2026-01-31")).reading(on: Day("2026-01-31")!) == QuoteReading(status))
        #expect(Self.quote(status, validUntil: nil).reading(on: Day("2099-12-31")!) == QuoteReading(status))
        #expect(QuoteReading(status).rawValue == status.rawValue, "a stored status reads as its own word")
    }

    /// An invoice's state: kind, status and whether it has lines.
    struct InvoiceRow: Sendable, CustomTestStringConvertible {
        let kind: Invoice.Kind, status: InvoiceStatus, hasLines: Bool, legal: Set<Invoice.Verb>
        var testDescription: String { "\(kind) \(status)\(hasLines ? "" : " without lines")" }
    }

    static let invoiceTable: [InvoiceRow] = [
        InvoiceRow(kind: .invoice, status: .draft, hasLines: true, legal: [.edit, .delete, .issue]),
        InvoiceRow(kind: .invoice, status: .draft, hasLines: false, legal: [.edit, .delete]),
        InvoiceRow(kind: .invoice, status: .issued, hasLines: true, legal: [.send, .credit, .recordPayment]),
        InvoiceRow(kind: .invoice, status: .partiallyPaid, hasLines: true, legal: [.send, .credit, .recordPayment]),
        InvoiceRow(kind: .invoice, status: .paid, hasLines: true, legal: [.send, .credit]),
        InvoiceRow(kind: .invoice, status: .cancelled, hasLines: true, legal: [.send]),
        InvoiceRow(kind: .creditNote, status: .draft, hasLines: true, legal: [.edit, .delete, .issue]),
        InvoiceRow(kind: .creditNote, status: .issued, hasLines: true, legal: [.send]),
    ]

    @Test("an invoice's legal verbs by kind, status and lines", arguments: invoiceTable)
    func invoiceVerbs(row: InvoiceRow) {
        let invoice = Invoice(id: Invoice.ID(UUID()), kind: row.kind, status: row.status, orderId: nil, accountId: Account.ID(UUID()),
                              contactId: nil, opportunityId: nil, currency: Self.eur, lines: row.hasLines ? [InvoiceLine(Self.line)] : [],
                              paymentTermId: nil, ownership: Self.owner, createdAt: Date(), updatedAt: Date())
        #expect(invoice.legalVerbs() == row.legal)
    }

    @Test("a refused invoice verb names the use case's error")
    func invoiceRefusals() {
        let draft = Invoice(id: Invoice.ID(UUID()), orderId: nil, accountId: Account.ID(UUID()), contactId: nil, opportunityId: nil,
                            currency: Self.eur, lines: [], paymentTermId: nil, ownership: Self.owner, createdAt: Date(), updatedAt: Date())
        var paid = draft
        paid.status = .paid
        #expect(throws: InvoiceError.noLines) { try draft.check(.issue) }
        #expect(throws: InvoiceError.notIssued) { try draft.check(.send) }
        #expect(throws: InvoiceError.notIssued) { try draft.check(.credit) }
        #expect(throws: InvoiceError.notDraft) { try paid.check(.edit) }
        #expect(throws: InvoiceError.notOpen) { try paid.check(.recordPayment) }
    }

    /// An order's state: status, lines, an account to bill, and whether something is left to invoice.
    struct OrderRow: Sendable, CustomTestStringConvertible {
        let status: OrderStatus, hasLines: Bool, hasAccount: Bool, left: Bool, legal: Set<SalesOrder.Verb>
        var testDescription: String {
            "\(status)\(hasLines ? "" : " without lines")\(hasAccount ? "" : " without account")\(left ? "" : ", all invoiced")"
        }
    }

    static let orderTable: [OrderRow] = [
        OrderRow(status: .draft, hasLines: true, hasAccount: true, left: true, legal: [.confirm, .cancel]),
        OrderRow(status: .draft, hasLines: false, hasAccount: true, left: false, legal: [.cancel]),
        OrderRow(status: .confirmed, hasLines: true, hasAccount: true, left: true, legal: [.fulfil, .deliver, .install, .cancel, .invoice]),
        OrderRow(status: .confirmed, hasLines: true, hasAccount: true, left: false, legal: [.fulfil, .deliver, .install, .cancel]),
        OrderRow(status: .confirmed, hasLines: true, hasAccount: false, left: true, legal: [.fulfil, .deliver, .install, .cancel]),
        OrderRow(status: .inFulfilment, hasLines: true, hasAccount: true, left: true, legal: [.deliver, .install, .cancel, .invoice]),
        OrderRow(status: .delivered, hasLines: true, hasAccount: true, left: true, legal: [.invoice]),
        OrderRow(status: .installed, hasLines: true, hasAccount: true, left: false, legal: []),
        OrderRow(status: .cancelled, hasLines: true, hasAccount: true, left: true, legal: []),
    ]

    static func order(_ status: OrderStatus, hasLines: Bool = true, hasAccount: Bool = true) -> SalesOrder {
        SalesOrder(id: SalesOrder.ID(UUID()), number: "SO-2026-00001", status: status, quoteId: nil, opportunityId: nil,
                   accountId: hasAccount ? Account.ID(UUID()) : nil, contactId: nil, currency: eur, lines: hasLines ? [line] : [],
                   ownership: owner, createdAt: Date(), updatedAt: Date())
    }

    @Test("a sales order's legal verbs by status, lines, account and what is left to invoice", arguments: orderTable)
    func orderVerbs(row: OrderRow) {
        // given
        let order = Self.order(row.status, hasLines: row.hasLines, hasAccount: row.hasAccount)
        let uninvoiced = order.lines.map { row.left ? $0.quantity : Micros(value: 0) }
        // when
        let legal = order.legalVerbs(uninvoiced: uninvoiced)
        // then
        #expect(legal == row.legal)
        for verb in OrderStatus.Verb.allCases where OrderStatus.transitions[row.status]?[verb] == nil {
            #expect(!legal.contains(SalesOrder.Verb(verb)), "\(verb) is not in the transition table")
        }
    }

    @Test("what an order has left to invoice counts only invoices that stand")
    func uninvoiced() throws {
        // given an order of 2 and invoices for 1 (standing), 1 (cancelled) and a credit note
        let order = Self.order(.confirmed)
        func invoice(_ kind: Invoice.Kind, _ status: InvoiceStatus) -> Invoice {
            var line = Self.line
            line.quantity = Micros("1")!
            return Invoice(id: Invoice.ID(UUID()), kind: kind, status: status, orderId: order.id, accountId: order.accountId!, contactId: nil,
                           opportunityId: nil, currency: Self.eur, lines: [InvoiceLine(line, orderLine: 1)], paymentTermId: nil,
                           ownership: Self.owner, createdAt: Date(), updatedAt: Date())
        }
        // when
        let invoiced = order.invoicedQuantities([invoice(.invoice, .issued), invoice(.invoice, .cancelled), invoice(.creditNote, .issued)])
        // then
        #expect(invoiced == [Micros("1")!])
        #expect(order.uninvoicedQuantities(invoiced) == [Micros("1")!])
        #expect(order.uninvoicedQuantities([Micros("3")!]) == [Micros(value: 0)], "never less than nothing")
        #expect(throws: InvoiceError.orderNotInvoiceable) { try Self.order(.draft).billedAccount() }
        #expect(throws: InvoiceError.orderNotInvoiceable) { try Self.order(.confirmed, hasAccount: false).billedAccount() }
    }
}
