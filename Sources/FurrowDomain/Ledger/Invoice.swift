import Foundation

/// An invoice or a credit note (SPEC §5; rules 36–37, 92): lines with their taxes, payment terms and
/// a due date. Numbered when issued, immutable from then on; what is paid is the sum of the
/// payments allocated to it, never a flag.
public struct Invoice: Sendable, Equatable {
    public typealias ID = Identifier<Invoice>
    public enum Kind: String, Sendable, Codable, CaseIterable { case invoice, creditNote }

    public var id: ID
    public var kind: Kind
    /// `INV-2026-00001` (credit notes `CN-…`), given when issued so the series has no gaps.
    public var number: String?
    public var status: InvoiceStatus
    public var orderId: SalesOrder.ID?
    public var accountId: Account.ID { didSet { if accountId != oldValue { names["accountName"] = nil } } }
    public var contactId: Contact.ID? { didSet { if contactId != oldValue { names["contactName"] = nil } } }
    public var opportunityId: Opportunity.ID?
    /// The invoice a credit note reverses, or the credit note that cancelled an invoice.
    public var relatedInvoiceId: ID?
    public var currency: Currency
    public var lines: [InvoiceLine]
    public var paymentTermId: PaymentTerm.ID?
    public var issueDate: Day?
    public var dueDate: Day?
    /// The day a credit note cancelled the invoice.
    public var cancelledOn: Day?
    public var amountPaid: Money
    public var notes: String?
    public var ownership: Ownership { didSet { if ownership.ownerId != oldValue.ownerId { names["ownerName"] = nil } } }
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// The display names of the records it refers to, as read with it (`accountName`, `ownerName`,
    /// …): filled by the store's reads, empty on one built in memory. A name whose reference
    /// changes is dropped rather than left stale; the next read has the new one.
    public var names: [String: String] = [:]

    public init(id: ID, kind: Kind = .invoice, number: String? = nil, status: InvoiceStatus = .draft, orderId: SalesOrder.ID?,
                accountId: Account.ID, contactId: Contact.ID?, opportunityId: Opportunity.ID?, relatedInvoiceId: ID? = nil,
                currency: Currency, lines: [InvoiceLine], paymentTermId: PaymentTerm.ID?, issueDate: Day? = nil, dueDate: Day? = nil, cancelledOn: Day? = nil,
                amountPaid: Money? = nil, notes: String? = nil, ownership: Ownership, version: Int = 1, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.kind = kind
        self.number = number
        self.status = status
        self.orderId = orderId
        self.accountId = accountId
        self.contactId = contactId
        self.opportunityId = opportunityId
        self.relatedInvoiceId = relatedInvoiceId
        self.currency = currency
        self.lines = lines
        self.paymentTermId = paymentTermId
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.cancelledOn = cancelledOn
        self.amountPaid = amountPaid ?? Money(minorUnits: 0, currency: currency)
        self.notes = notes
        self.ownership = ownership
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var totals: DocumentTotals { DocumentTotals(lines.map { $0.line.price(in: currency) }, currency: currency) }

    /// What is still owed: the total less the allocated payments; nothing on drafts, credit
    /// notes and cancelled invoices.
    public var balance: Money {
        guard kind == .invoice, status.isOpen || status == .paid else { return Money(minorUnits: 0, currency: currency) }
        return Money(minorUnits: Int64(clamping: Int128(totals.total.minorUnits) - Int128(amountPaid.minorUnits)), currency: currency)
    }

    public func checkDraft() throws(InvoiceError) {
        guard status == .draft else { throw .notDraft }
    }

    /// Issues a draft: the date, the due date from the terms, the number.
    public mutating func issue(number: String, on date: Day, term: PaymentTerm?) throws(InvoiceError) {
        try check(.issue)
        self.number = number
        issueDate = date
        dueDate = date.adding(days: term?.days ?? 0)
        status = kind == .creditNote ? .issued : InvoiceStatus.derived(total: totals.total, paid: amountPaid)
    }

    /// Applies the sum of the allocations now standing against the invoice.
    public mutating func apply(paid: Money) {
        amountPaid = paid
        if status.isOpen || status == .paid { status = InvoiceStatus.derived(total: totals.total, paid: paid) }
    }
}

/// One invoice line: a priced line, and the order line it bills when it came from an order.
public struct InvoiceLine: Sendable, Equatable {
    public var line: QuoteLine
    /// The order line's number (1-based) this line bills part or all of.
    public var orderLine: Int?

    public init(_ line: QuoteLine, orderLine: Int? = nil) {
        self.line = line
        self.orderLine = orderLine
    }
}

/// draft → issued → partiallyPaid → paid, following the allocations; cancelled only by a credit note.
public enum InvoiceStatus: String, Sendable, Codable, CaseIterable {
    case draft, issued, partiallyPaid, paid, cancelled

    /// Issued and not fully paid: allocations may be made against it.
    public var isOpen: Bool { self == .issued || self == .partiallyPaid }

    public static func derived(total: Money, paid: Money) -> InvoiceStatus {
        if paid.minorUnits <= 0 { return .issued }
        return paid.minorUnits >= total.minorUnits ? .paid : .partiallyPaid
    }
}

/// A payment term of the catalog: the due date is the issue date plus `days` (0: due on receipt).
public struct PaymentTerm: Sendable, Equatable {
    public typealias ID = Identifier<PaymentTerm>
    public var id: ID
    public var name: String
    public var days: Int
    public var active: Bool

    public init(id: ID, name: String, days: Int, active: Bool = true) {
        self.id = id
        self.name = name
        self.days = days
        self.active = active
    }
}

public enum InvoiceError: Error, Sendable, Equatable {
    case notDraft
    case noLines
    case notIssued
    case orderNotInvoiceable
    case fullyInvoiced
    case overInvoiced(line: Int)
    case orderInvoiced
    case notOpen
}
