import Foundation
import FurrowDomain

/// What a caller sends to create or edit a quote.
public struct QuoteInput: Sendable {
    public struct Line: Sendable {
        public var productId: Product.ID?
        public var description: String?
        public var quantity: Micros
        public var unitPrice: Micros?
        public var discountPercent: Micros?
        public var taxRateId: TaxRate.ID?

        public init(productId: Product.ID? = nil, description: String? = nil, quantity: Micros, unitPrice: Micros? = nil,
                    discountPercent: Micros? = nil, taxRateId: TaxRate.ID? = nil) {
            self.productId = productId
            self.description = description
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.discountPercent = discountPercent
            self.taxRateId = taxRateId
        }
    }

    public var opportunityId: Opportunity.ID?
    public var leadId: Lead.ID?
    public var accountId: Account.ID?
    public var contactId: Contact.ID?
    public var priceListId: PriceList.ID?
    public var name: String?
    public var date: Day?
    public var validUntil: Day?
    public var comments: String?
    public var terms: String?
    public var currency: Currency?
    public var lines: [Line]

    public init(opportunityId: Opportunity.ID? = nil, leadId: Lead.ID? = nil, accountId: Account.ID? = nil, contactId: Contact.ID? = nil,
                priceListId: PriceList.ID? = nil, name: String? = nil, date: Day? = nil, validUntil: Day? = nil,
                comments: String? = nil, terms: String? = nil, currency: Currency? = nil, lines: [Line] = []) {
        self.opportunityId = opportunityId
        self.leadId = leadId
        self.accountId = accountId
        self.contactId = contactId
        self.priceListId = priceListId
        self.name = name
        self.date = date
        self.validUntil = validUntil
        self.comments = comments
        self.terms = terms
        self.currency = currency
        self.lines = lines
    }
}

extension StoreSession {
    /// Prices the entered lines: catalog products from a price list valid on the quote's date
    /// (rule 79), write-ins at their own price; taxes from the tax-rate catalog.
    func resolveLines(_ lines: [QuoteInput.Line], priceListId: PriceList.ID?, currency: Currency, date: Day) async throws -> [QuoteLine] {
        let list = try await priceListId.asyncMap { try await self.priceList(id: $0) } ?? nil
        if priceListId != nil && list == nil { throw ValidationError([FieldError("priceListId", "is not a price list")]) }
        if let list, list.currency != currency { throw QuoteError.currencyMismatch }
        var resolved: [QuoteLine] = []
        // Each line's own problems are collected, not thrown one by one: with the line rules
        // below they all come back at once. A line that could not be priced stands in with a
        // price of 0 so that the rules still name the other lines by their positions.
        var lineErrors: [FieldError] = []
        for (index, line) in lines.enumerated() {
            let tax = try await line.taxRateId.asyncMap { try await self.taxRate(id: $0) } ?? nil
            if line.taxRateId != nil && tax == nil { lineErrors.append(FieldError("lines[\(index)].taxRateId", "is not a tax rate")) }
            let standIn = QuoteLine(productId: line.productId, description: line.description ?? "(line \(index + 1))", quantity: line.quantity,
                                    unitPrice: Micros(value: 0), discountPercent: line.discountPercent ?? Micros(value: 0),
                                    taxPercent: tax?.percent ?? Micros(value: 0), taxRateId: tax?.id)
            if let productId = line.productId {
                guard let list else { throw QuoteError.priceListRequired }
                guard list.isValid(on: date) else { throw QuoteError.priceListNotValid }
                guard let product = try await self.product(id: productId) else {
                    lineErrors.append(FieldError("lines[\(index)].productId", "is not a product"))
                    resolved.append(standIn)
                    continue
                }
                guard product.active, product.inventoryStatus == .available else {
                    lineErrors.append(FieldError("lines[\(index)].productId", "\(product.name) is not available"))
                    resolved.append(standIn)
                    continue
                }
                guard let price = list.items[productId] else { throw QuoteError.productNotOnPriceList(product.name) }
                let productTax = try await product.taxRateId.asyncMap { try await self.taxRate(id: $0) } ?? nil
                resolved.append(QuoteLine(productId: productId, description: line.description ?? product.name, quantity: line.quantity,
                                          unitPrice: price, discountPercent: line.discountPercent ?? Micros(value: 0),
                                          taxPercent: (tax ?? productTax)?.percent ?? Micros(value: 0), taxRateId: (tax ?? productTax)?.id))
            } else {
                guard let price = line.unitPrice else {
                    lineErrors.append(FieldError("lines[\(index)].unitPrice", "a write-in line needs a unit price"))
                    resolved.append(standIn)
                    continue
                }
                resolved.append(QuoteLine(productId: nil, description: line.description ?? "", quantity: line.quantity, unitPrice: price,
                                          discountPercent: line.discountPercent ?? Micros(value: 0),
                                          taxPercent: tax?.percent ?? Micros(value: 0), taxRateId: tax?.id))
            }
        }
        do { try QuoteLine.validate(resolved, currency: currency) } catch {
            throw ValidationError(lineErrors + error.errors.filter { rule in !lineErrors.contains { $0.field == rule.field } })
        }
        if !lineErrors.isEmpty { throw ValidationError(lineErrors) }
        return resolved
    }
}

extension Quote {
    var auditValues: [String: String] {
        var values = ["number": number, "revision": String(revision), "name": name, "status": status.rawValue, "currency": currency.code,
                      "date": date.description, "opportunityId": opportunityId.string, "total": totals.total.decimalString,
                      "lines": String(lines.count), "ownerId": ownership.ownerId.string]
        values["accountId"] = accountId?.string
        values["contactId"] = contactId?.string
        values["leadId"] = leadId?.string
        values["priceListId"] = priceListId?.string
        values["validUntil"] = validUntil?.description
        values["comments"] = comments
        values["terms"] = terms
        return values
    }
}
