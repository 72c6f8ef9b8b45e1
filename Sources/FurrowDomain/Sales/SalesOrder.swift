import Foundation

/// A sales order (SPEC §5): made from an accepted quote, its lines copied and frozen. The
/// order-to-cash module adds its lifecycle; here it is created in `draft`.
public struct SalesOrder: Sendable, Equatable {
    public typealias ID = Identifier<SalesOrder>
    public var id: ID
    public var number: String
    public var status: OrderStatus
    public var quoteId: Quote.ID?
    public var opportunityId: Opportunity.ID?
    public var accountId: Account.ID? { didSet { if accountId != oldValue { names["accountName"] = nil } } }
    public var contactId: Contact.ID? { didSet { if contactId != oldValue { names["contactName"] = nil } } }
    public var currency: Currency
    public var lines: [QuoteLine]
    public var ownership: Ownership { didSet { if ownership.ownerId != oldValue.ownerId { names["ownerName"] = nil } } }
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// The display names of the records it refers to, as read with it (`accountName`, `ownerName`,
    /// …): filled by the store's reads, empty on one built in memory. A name whose reference
    /// changes is dropped rather than left stale; the next read has the new one.
    public var names: [String: String] = [:]

    public init(id: ID, number: String, status: OrderStatus = .draft, quoteId: Quote.ID?, opportunityId: Opportunity.ID?, accountId: Account.ID?,
                contactId: Contact.ID?, currency: Currency, lines: [QuoteLine], ownership: Ownership, version: Int = 1,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.number = number
        self.status = status
        self.quoteId = quoteId
        self.opportunityId = opportunityId
        self.accountId = accountId
        self.contactId = contactId
        self.currency = currency
        self.lines = lines
        self.ownership = ownership
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var totals: DocumentTotals { DocumentTotals(lines.map { $0.price(in: currency) }, currency: currency) }

    /// The status after `verb`: the order's own moves, and an order without lines is never
    /// confirmed (there would be nothing to deliver or invoice).
    public func applying(_ verb: OrderStatus.Verb) throws(OrderError) -> OrderStatus {
        let next = try status.applying(verb)
        if verb == .confirm && lines.isEmpty { throw .noLines }
        return next
    }
}

/// An order's progress (SPEC §5; rules 38–39): confirmed once the customer approves, then
/// tracked through fulfilment to delivery or installation; cancelled before it is invoiced.
public enum OrderStatus: String, Sendable, Codable, CaseIterable {
    case draft, confirmed, inFulfilment, delivered, installed, cancelled

    public enum Verb: String, Sendable, CaseIterable { case confirm, fulfil, deliver, install, cancel }

    public static let transitions: [OrderStatus: [Verb: OrderStatus]] = [
        .draft: [.confirm: .confirmed, .cancel: .cancelled],
        .confirmed: [.fulfil: .inFulfilment, .deliver: .delivered, .install: .installed, .cancel: .cancelled],
        .inFulfilment: [.deliver: .delivered, .install: .installed, .cancel: .cancelled],
    ]

    /// The verb a tracking event with this status stands for.
    public static func verb(tracking status: OrderStatus) -> Verb? {
        switch status {
        case .inFulfilment: .fulfil
        case .delivered: .deliver
        case .installed: .install
        default: nil
        }
    }

    public func applying(_ verb: Verb) throws(OrderError) -> OrderStatus {
        if let next = Self.transitions[self]?[verb] { return next }
        throw self == .cancelled ? .cancelled : .illegalMove(from: self, verb: verb)
    }
}

public enum OrderError: Error, Sendable, Equatable {
    case cancelled
    case noLines
    case illegalMove(from: OrderStatus, verb: OrderStatus.Verb)
}

/// One step of delivery or installation, as it happened (rule 39).
public struct TrackingEvent: Sendable, Equatable {
    public var id: UUID
    public var orderId: SalesOrder.ID
    public var status: OrderStatus
    public var note: String?
    public var at: Date
    public var actorId: User.ID?

    public init(id: UUID, orderId: SalesOrder.ID, status: OrderStatus, note: String?, at: Date, actorId: User.ID?) {
        self.id = id
        self.orderId = orderId
        self.status = status
        self.note = note
        self.at = at
        self.actorId = actorId
    }
}
