import Foundation

/// Money received from a customer (SPEC §5; rules 46–47), allocated to one or more of their
/// invoices. What is not allocated stays as the customer's credit.
public struct Payment: Sendable, Equatable {
    public typealias ID = Identifier<Payment>
    public enum Mode: String, Sendable, Codable, CaseIterable { case cash, bankTransfer, card, cheque, other }
    public enum Status: String, Sendable, Codable, CaseIterable { case posted, reversed }

    public var id: ID
    public var number: String
    public var accountId: Account.ID { didSet { if accountId != oldValue { names["accountName"] = nil } } }
    public var date: Day
    public var amount: Money
    public var mode: Mode
    public var reference: String?
    public var status: Status
    public var allocations: [Allocation]
    public var reversedOn: Day?
    public var ownership: Ownership { didSet { if ownership.ownerId != oldValue.ownerId { names["ownerName"] = nil } } }
    public var version: Int
    public var createdAt: Date
    /// The display names of the records it refers to, as read with it (see `Contact.names`).
    public var names: [String: String] = [:]

    public init(id: ID, number: String, accountId: Account.ID, date: Day, amount: Money, mode: Mode, reference: String?,
                status: Status = .posted, allocations: [Allocation] = [], reversedOn: Day? = nil, ownership: Ownership,
                version: Int = 1, createdAt: Date) {
        self.id = id
        self.number = number
        self.accountId = accountId
        self.date = date
        self.amount = amount
        self.mode = mode
        self.reference = reference
        self.status = status
        self.allocations = allocations
        self.reversedOn = reversedOn
        self.ownership = ownership
        self.version = version
        self.createdAt = createdAt
    }

    public var allocated: Money {
        Money.sum(allocations.map(\.amount), currency: amount.currency)
    }

    /// The customer credit this payment still holds.
    public var unallocated: Money {
        status == .reversed ? Money(minorUnits: 0, currency: amount.currency)
            : Money(minorUnits: Int64(clamping: Int128(amount.minorUnits) - Int128(allocated.minorUnits)), currency: amount.currency)
    }

    /// Checks new allocations against the payment and the invoices' balances (rule 47): each
    /// positive, in the payment's currency, at most the invoice's balance, their sum at most
    /// what the payment has left.
    public func check(_ new: [Allocation], against invoices: [Invoice.ID: Invoice]) throws(LedgerError) {
        guard status == .posted else { throw .paymentReversed }
        var perInvoice: [Invoice.ID: Int128] = [:]
        var sum: Int128 = 0
        for allocation in new {
            guard allocation.amount.minorUnits > 0 else { throw .notPositive }
            guard let invoice = invoices[allocation.invoiceId] else { throw .invoiceNotOpen }
            guard invoice.currency == amount.currency, allocation.amount.currency == amount.currency else { throw .currencyMismatch }
            guard invoice.accountId == accountId else { throw .otherAccount }
            guard invoice.legalVerbs().contains(.recordPayment) else { throw .invoiceNotOpen }
            perInvoice[allocation.invoiceId, default: 0] += Int128(allocation.amount.minorUnits)
            guard perInvoice[allocation.invoiceId]! <= Int128(invoice.balance.minorUnits) else { throw .overAllocation }
            sum += Int128(allocation.amount.minorUnits)
        }
        guard sum <= Int128(unallocated.minorUnits) else { throw .overAllocation }
    }
}

public struct Allocation: Sendable, Equatable {
    public var invoiceId: Invoice.ID
    public var amount: Money
    public init(invoiceId: Invoice.ID, amount: Money) {
        self.invoiceId = invoiceId
        self.amount = amount
    }
}

public enum LedgerError: Error, Sendable, Equatable {
    case overAllocation
    case currencyMismatch
    case notPositive
    case otherAccount
    case invoiceNotOpen
    case paymentReversed
    case lineMatched
    case amountMismatch
    case paymentMatched
    case badStatement([FieldError])
}
