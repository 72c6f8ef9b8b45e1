import Foundation
import FurrowDomain

/// Converting an accepted quote into a sales order, and copying products between documents.
extension QuoteService {
    /// An accepted quote becomes a sales order once, its lines copied and frozen (rules 36, 90–91).
    public func convert(_ id: Quote.ID, by principal: Principal) async throws -> SalesOrder {
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            let quote = try await transaction.loadChangeable(Quote.self, id)
            let now = env.clock.now()
            let today = try await transaction.today()
            try quote.check(.convert, on: today, converted: try await session.order(fromQuote: id) != nil)
            let year = today.year
            let serial = try await session.nextDocumentNumber(kind: "order", year: year)
            let order = SalesOrder(id: env.newID(), number: String(format: "SO-%04d-%05d", year, serial), quoteId: id,
                                   opportunityId: quote.opportunityId, accountId: quote.accountId, contactId: quote.contactId,
                                   currency: quote.currency, lines: quote.lines, ownership: quote.ownership, createdAt: now, updatedAt: now)
            try await session.insertOrder(order)
            transaction.audit("order", order.id.uuid, "create",
                              AuditDiff.changes(from: [:], to: ["number": order.number, "quoteId": id.string,
                                                                "total": order.totals.total.decimalString, "status": order.status.rawValue]))
            return order
        }
    }

    /// The sales order a quote was converted into, if any.
    public func order(forQuote id: Quote.ID, by principal: Principal) async throws -> SalesOrder? {
        try await env.store.read { session in
            _ = try await session.visibleQuote(id, principal)
            return try await session.order(fromQuote: id)
        }
    }

    /// Copies the product lines of another opportunity into a draft quote (rule 88).
    public func getProducts(_ id: Quote.ID, fromOpportunity source: Opportunity.ID, by principal: Principal) async throws -> Quote {
        try await env.transaction(by: principal) { transaction in try await transaction.change(Quote.self, id, action: "get-products") { quote in
            let session = transaction.session
            try quote.checkDraft()
            _ = try await session.visibleOpportunity(source, principal)
            let (listId, lines) = try await session.opportunityLines(of: source)
            let priceList = quote.priceListId ?? listId
            let input = lines.map { QuoteInput.Line(productId: $0.productId, description: $0.description, quantity: $0.quantity,
                                                    unitPrice: $0.productId == nil ? $0.unitPrice : nil, discountPercent: $0.discountPercent,
                                                    taxRateId: $0.taxRateId) }
            quote.lines += try await session.resolveLines(input, priceListId: priceList, currency: quote.currency, date: quote.date)
            try QuoteLine.validate(quote.lines, currency: quote.currency)
            quote.priceListId = priceList
        } }
    }
}

/// An opportunity's product lines; in revenue mode `system` they set its estimated revenue (rules 81–83).
extension OpportunityService {
    public func lines(_ id: Opportunity.ID, by principal: Principal) async throws -> (PriceList.ID?, [QuoteLine], Currency) {
        try await env.store.read { session in
            let opportunity = try await session.visibleOpportunity(id, principal)
            let (list, lines) = try await session.opportunityLines(of: id)
            return (list, lines, opportunity.fields.currency)
        }
    }

    public func replaceLines(_ id: Opportunity.ID, priceListId: PriceList.ID?, lines input: [QuoteInput.Line],
                             by principal: Principal) async throws -> Opportunity {
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            var opportunity = try await transaction.loadChangeable(Opportunity.self, id)
            try opportunity.checkOpen()
            let today = try await transaction.today()
            let lines = try await session.resolveLines(input, priceListId: priceListId, currency: opportunity.fields.currency, date: today)
            try await session.replaceOpportunityLines(of: id, priceList: priceListId, lines: lines)
            let before = opportunity
            let linesChange = FieldChange(field: "lines", old: nil, new: "\(lines.count) lines")
            guard opportunity.fields.revenueMode == .system else {
                transaction.audit(Opportunity.entity, id.uuid, "update", [linesChange])
                return opportunity
            }
            opportunity.fields.estimatedRevenue = DocumentTotals(lines.map { $0.price(in: opportunity.fields.currency) },
                                                                 currency: opportunity.fields.currency).subtotal
            try await transaction.save(&opportunity, over: before, action: "update", extra: [linesChange])
            return opportunity
        }
    }
}
