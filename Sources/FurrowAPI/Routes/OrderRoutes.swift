import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

struct OrderDTO: Encodable, Sendable {
    let id: String, number: String, status: String, quoteId: String?, opportunityId: String?, accountId: String?, contactId: String?
    let currency: String, lines: [LineDTO], subtotal: String, discountTotal: String, taxTotal: String, total: String
    let ownerId: String, version: Int, createdAt: String
    let accountName: String?, contactName: String?, ownerName: String?

    init(_ o: SalesOrder) {
        id = o.id.string; number = o.number; status = o.status.rawValue; quoteId = o.quoteId?.string; opportunityId = o.opportunityId?.string
        accountId = o.accountId?.string; contactId = o.contactId?.string; currency = o.currency.code
        lines = o.lines.enumerated().map { LineDTO(InvoiceLine($0.element, orderLine: $0.offset + 1), currency: o.currency) }
        let totals = o.totals
        subtotal = totals.subtotal.decimalString; discountTotal = totals.discountTotal.decimalString
        taxTotal = totals.taxTotal.decimalString; total = totals.total.decimalString
        ownerId = o.ownership.ownerId.string; version = o.version; createdAt = Timestamp.string(o.createdAt)
        accountName = o.names["accountName"]; contactName = o.names["contactName"]; ownerName = o.names["ownerName"]
    }
}

struct LinesDTO: Encodable, Sendable {
    let priceListId: String?, currency: String, lines: [QuoteDTO.Line], subtotal: String, taxTotal: String, total: String
}

/// Sales orders from accepted quotes, copying products between documents, opportunity lines.
struct OrderRoutes: RouteSet {
    let env: CoreEnvironment


    @Sendable func convert(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let order = try await QuoteService(env).convert(try context.id(Quote.self), by: principal)
        return try .json(OrderDTO(order), status: .created, location: "/api/v1/orders/\(order.id)")
    }

    @Sendable func getProducts(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Quote.self)
        var body = try await JSONBody(request, context: context, allowed: ["fromOpportunityId"])
        body.require("fromOpportunityId")
        let source = body.id("fromOpportunityId", Opportunity.self)
        try body.check()
        guard let source else { throw Problem.validation([FieldError("fromOpportunityId", "is required")]) }
        let quote = try await QuoteService(env).getProducts(id, fromOpportunity: source, by: principal)
        return try .json(QuoteDTO(quote, today: try await SettingsService(env).current().today(env.clock.now())))
    }

    @Sendable func order(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(OrderDTO(try await OrderService(env).get(try context.id(SalesOrder.self), by: principal)))
    }

    func reply(_ list: PriceList.ID?, _ lines: [QuoteLine], _ currency: Currency) throws -> Response {
        let totals = DocumentTotals(lines.map { $0.price(in: currency) }, currency: currency)
        return try .json(LinesDTO(priceListId: list?.string, currency: currency.code, lines: lines.map { QuoteDTO.Line($0, currency: currency) },
                                  subtotal: totals.subtotal.decimalString, taxTotal: totals.taxTotal.decimalString, total: totals.total.decimalString))
    }

    @Sendable func lines(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let (list, lines, currency) = try await OpportunityService(env).lines(try context.id(Opportunity.self), by: principal)
        return try reply(list, lines, currency)
    }

    @Sendable func replaceLines(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Opportunity.self)
        var body = try await JSONBody(request, context: context, allowed: ["priceListId", "lines"])
        body.require("lines")
        let list = body.id("priceListId", PriceList.self)
        let lines = QuoteRoutes.lines(&body)
        try body.check()
        _ = try await OpportunityService(env).replaceLines(id, priceListId: list, lines: lines, by: principal)
        let (stored, current, currency) = try await OpportunityService(env).lines(id, by: principal)
        return try reply(stored, current, currency)
    }
}
