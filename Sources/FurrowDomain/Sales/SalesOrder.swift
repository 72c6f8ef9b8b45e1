import Foundation

/// A sales order (SPEC §5): made from an accepted quote, its lines copied and frozen. The
/// order-to-cash module adds its lifecycle; here it is created in `draft`.
public struct SalesOrder: Sendable, Equatable {
    public typealias ID = Identifier<SalesOrder>
    public var id: ID
    public var number: String
    public var status: String
    public var quoteId: Quote.ID?
    public var opportunityId: Opportunity.ID?
    public var accountId: Account.ID?
    public var contactId: Contact.ID?
    public var currency: Currency
    public var lines: [QuoteLine]
    public var ownership: Ownership
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: ID, number: String, status: String = "draft", quoteId: Quote.ID?, opportunityId: Opportunity.ID?, accountId: Account.ID?,
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
}
