import Foundation

/// The status of a quote (SPEC §4; one machine for seeds 000, 002 and 003): draft → sent →
/// negotiation → accepted | rejected; `revised` marks a superseded revision. `expired` is derived.
public enum QuoteStatus: String, Sendable, Codable, CaseIterable {
    case draft, sent, negotiation, accepted, rejected, revised

    public enum Verb: String, Sendable, CaseIterable { case send, negotiate, accept, reject, revise }

    public static let transitions: [QuoteStatus: [Verb: QuoteStatus]] = [
        .draft: [.send: .sent],
        .sent: [.negotiate: .negotiation, .accept: .accepted, .reject: .rejected, .revise: .revised],
        .negotiation: [.accept: .accepted, .reject: .rejected, .revise: .revised],
    ]

    /// Draft and active (sent, negotiation) quotes keep an opportunity from closing (rule 94).
    public var isOpen: Bool { self == .draft || self == .sent || self == .negotiation }

    public func applying(_ verb: Verb) throws(QuoteError) -> QuoteStatus {
        if let next = Self.transitions[self]?[verb] { return next }
        switch verb {
        case .send: throw .notDraft
        case .accept, .reject, .negotiate, .revise: throw self == .draft ? .notSent : .closed
        }
    }
}

public enum QuoteError: Error, Sendable, Equatable {
    case notDraft, notSent, closed, expired, notAccepted, alreadyConverted
    case priceListRequired, priceListNotValid
    case productNotOnPriceList(String)
    case currencyMismatch
}

/// A line as entered: a catalog product (priced from the price list) or a write-in.
public struct QuoteLine: Sendable, Equatable {
    public var productId: Product.ID?
    public var description: String
    public var quantity: Micros
    public var unitPrice: Micros
    public var discountPercent: Micros
    public var taxPercent: Micros
    public var taxRateId: TaxRate.ID?

    public init(productId: Product.ID?, description: String, quantity: Micros, unitPrice: Micros,
                discountPercent: Micros = Micros(value: 0), taxPercent: Micros = Micros(value: 0), taxRateId: TaxRate.ID? = nil) {
        self.productId = productId
        self.description = description
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.discountPercent = discountPercent
        self.taxPercent = taxPercent
        self.taxRateId = taxRateId
    }

    public func price(in currency: Currency) -> LinePrice {
        LinePrice.of(quantity: quantity, unitPrice: unitPrice, discountPercent: discountPercent, taxPercent: taxPercent, currency: currency)
    }

    /// Checks entered lines against the rules and `Bounds`: a quantity above 0 and at most
    /// 1,000,000,000, a price from 0, a discount from 0 to 100, each line's amounts and the
    /// document's totals inside the amount range, and at most 1,000 lines.
    public static func validate(_ lines: [QuoteLine], currency: Currency) throws(ValidationError) {
        var check = Validator()
        if lines.count > Bounds.maxLines { check.add("lines", "may have at most \(Bounds.maxLines) lines") }
        var prices: [LinePrice] = []
        for (index, line) in lines.enumerated() {
            let field = "lines[\(index)]"
            var numbersValid = true
            if line.description.trimmedSpaces().isEmpty { check.add(field + ".description", "is required") }
            if line.quantity.value <= 0 || line.quantity > Bounds.maxQuantity {
                check.add(field + ".quantity", "must be more than 0 and at most \(Money.grouped(Bounds.maxQuantity.decimalString))")
                numbersValid = false
            }
            if line.unitPrice.value < 0 || line.unitPrice.value >= Micros.scale * Money.power(Bounds.amountDigits) {
                check.add(field + ".unitPrice", "must be from 0 to \(Money.grouped(Bounds.maxAmountText(currency)))")
                numbersValid = false
            }
            if !(0...Bounds.maxPercent.value).contains(line.discountPercent.value) {
                check.add(field + ".discountPercent", "must be from 0 to 100")
                numbersValid = false
            }
            if !(0...Bounds.maxPercent.value).contains(line.taxPercent.value) {
                check.add(field + ".taxRateId", "must be a rate from 0 to 100 percent")
                numbersValid = false
            }
            guard numbersValid else { continue }
            let price = line.price(in: currency)
            if !price.isInBounds {
                check.add(field + ".unitPrice", "quantity × unit price comes to more than \(Money.grouped(Bounds.maxAmountText(currency))) \(currency.code)")
            }
            prices.append(price)
        }
        if check.errors.isEmpty && !DocumentTotals(prices, currency: currency).isInBounds {
            check.add("lines", "the lines add up to more than \(Money.grouped(Bounds.maxAmountText(currency))) \(currency.code)")
        }
        try check.check()
    }
}

/// A quote (also called budget or quotation): one revision of a numbered offer to a customer.
public struct Quote: Sendable, Equatable {
    public typealias ID = Identifier<Quote>
    public var id: ID
    public var number: String
    public var revision: Int
    public var name: String
    public var status: QuoteStatus
    public var accountId: Account.ID? { didSet { if accountId != oldValue { names["accountName"] = nil } } }
    public var contactId: Contact.ID? { didSet { if contactId != oldValue { names["contactName"] = nil } } }
    public var opportunityId: Opportunity.ID { didSet { if opportunityId != oldValue { names["opportunityName"] = nil } } }
    public var leadId: Lead.ID?
    public var priceListId: PriceList.ID?
    public var currency: Currency
    public var date: Day
    public var validUntil: Day?
    public var comments: String?
    public var terms: String?
    public var lines: [QuoteLine]
    public var ownership: Ownership { didSet { if ownership.ownerId != oldValue.ownerId { names["ownerName"] = nil } } }
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// The display names of the records it refers to, as read with it (`accountName`, `ownerName`,
    /// …): filled by the store's reads, empty on one built in memory. A name whose reference
    /// changes is dropped rather than left stale; the next read has the new one.
    public var names: [String: String] = [:]

    public init(id: ID, number: String, revision: Int, name: String, status: QuoteStatus = .draft, accountId: Account.ID?,
                contactId: Contact.ID?, opportunityId: Opportunity.ID, leadId: Lead.ID?, priceListId: PriceList.ID?, currency: Currency,
                date: Day, validUntil: Day?, comments: String?, terms: String?, lines: [QuoteLine], ownership: Ownership,
                version: Int = 1, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.number = number
        self.revision = revision
        self.name = name
        self.status = status
        self.accountId = accountId
        self.contactId = contactId
        self.opportunityId = opportunityId
        self.leadId = leadId
        self.priceListId = priceListId
        self.currency = currency
        self.date = date
        self.validUntil = validUntil
        self.comments = comments
        self.terms = terms
        self.lines = lines
        self.ownership = ownership
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var prices: [LinePrice] { lines.map { $0.price(in: currency) } }
    public var totals: DocumentTotals { DocumentTotals(prices, currency: currency) }

    /// Only a draft is edited; once sent it is read-only (SPEC §4).
    public func checkDraft() throws(QuoteError) {
        if status != .draft { throw .notDraft }
    }
}
