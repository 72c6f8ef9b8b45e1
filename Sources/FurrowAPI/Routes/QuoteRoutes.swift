import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird
import NIOCore

struct QuoteRoutes: RouteSet {
    let env: CoreEnvironment
    static let fields: Set<String> = ["opportunityId", "leadId", "accountId", "contactId", "priceListId", "name", "date", "validUntil",
                                      "comments", "terms", "currency", "lines"]
    static let ignored: Set<String> = JSONBody.serverOwned.union(["number", "revision", "status", "subtotal", "discountTotal", "taxTotal", "total",
                                                                  "accountName", "contactName", "opportunityName", "ownerName"])


    func input(_ body: inout JSONBody) -> QuoteInput {
        var input = QuoteInput(opportunityId: body.id("opportunityId", Opportunity.self), leadId: body.id("leadId", Lead.self),
                               accountId: body.id("accountId", Account.self), contactId: body.id("contactId", Contact.self),
                               priceListId: body.id("priceListId", PriceList.self), name: body.string("name"), date: body.day("date"),
                               validUntil: body.day("validUntil"), comments: body.string("comments"), terms: body.string("terms"))
        if body.has("currency") {
            input.currency = body.string("currency").flatMap(Currency.init)
            if input.currency == nil { body.fail("currency", "is not an ISO 4217 currency code") }
        }
        input.lines = Self.lines(&body)
        return input
    }

    /// The `lines` array of a quote or opportunity body.
    static func lines(_ body: inout JSONBody) -> [QuoteInput.Line] {
        var lines: [QuoteInput.Line] = []
        for var item in body.list("lines", allowed: ["productId", "description", "quantity", "unitPrice", "discountPercent", "taxRateId"]) ?? [] {
            item.require("quantity")
            let line = QuoteInput.Line(productId: item.id("productId", Product.self), description: item.string("description"),
                                       quantity: item.decimal("quantity") ?? Micros(value: 0), unitPrice: item.decimal("unitPrice"),
                                       discountPercent: item.decimal("discountPercent"), taxRateId: item.id("taxRateId", TaxRate.self))
            if line.productId == nil && !item.has("description") { item.fail("description", "a write-in line needs a description") }
            body.absorb(item)
            lines.append(line)
        }
        return lines
    }

    func reply(_ quote: Quote, status: HTTPResponse.Status = .ok) async throws -> Response {
        let today = try await SettingsService(env).current().today(env.clock.now())
        var dto = QuoteDTO(quote, today: today)
        if quote.status == .accepted {
            dto.orderId = try await env.store.read { try await $0.order(fromQuote: quote.id)?.id.string }
        }
        return try .json(dto, status: status, location: status == .created ? "/api/v1/quotes/\(quote.id)" : nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: Self.fields, ignoring: Self.ignored)
        let input = input(&body)
        try body.check()
        return try await reply(try await QuoteService(env).create(input, by: principal), status: .created)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = try ListParameters.parse(request, fields: .quotes)
        return try await ListExport.answer(request, query, .quotes, env: env, by: principal)
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try await reply(try await QuoteService(env).get(try context.id(Quote.self), by: principal))
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Quote.self)
        var body = try await JSONBody(request, context: context, allowed: Self.fields.subtracting(["opportunityId", "leadId", "accountId", "currency"]),
                                      ignoring: Self.ignored.union(["opportunityId", "leadId", "accountId", "currency"]))
        let version = try request.expectedVersion(&body)
        let current = try await QuoteService(env).get(id, by: principal)
        var input = input(&body)
        if !body.has("lines") {
            input.lines = current.lines.map { QuoteInput.Line(productId: $0.productId, description: $0.description, quantity: $0.quantity,
                                                             unitPrice: $0.productId == nil ? $0.unitPrice : nil, discountPercent: $0.discountPercent,
                                                             taxRateId: $0.taxRateId) }
        }
        if !body.has("priceListId") { input.priceListId = current.priceListId }
        if !body.has("validUntil") { input.validUntil = current.validUntil }
        if !body.has("comments") { input.comments = current.comments }
        if !body.has("terms") { input.terms = current.terms }
        try body.check()
        return try await reply(try await QuoteService(env).update(id, input, expectedVersion: version, by: principal))
    }

    /// `{email: true}` also queues the PDF to the contact through the outbox.
    @Sendable func send(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Quote.self)
        var body = try await JSONBody(request, context: context, allowed: ["email"], emptyIsObject: true)
        let email = body.bool("email") ?? false
        try body.check()
        return try await reply(try await QuoteService(env).send(id, email: email, by: principal))
    }

    @Sendable func emails(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let quote = try await QuoteService(env).get(try context.id(Quote.self), by: principal)
        let emails = try await OutboxService(env).list(relatedTo: quote.id.uuid, by: principal)
        return try .json(Page(items: emails.map(EmailDTO.init), nextCursor: nil))
    }

    @Sendable func outbox(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        for (key, _) in request.uri.queryParameters { throw Problem.invalidQuery("Unknown parameter '\(key)'.") }
        return try .json(Page(items: try await OutboxService(env).list(by: principal).map(EmailDTO.init), nextCursor: nil))
    }

    @Sendable func negotiate(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try await reply(try await QuoteService(env).negotiate(try context.id(Quote.self), by: principal))
    }

    @Sendable func accept(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try await reply(try await QuoteService(env).accept(try context.id(Quote.self), by: principal))
    }

    @Sendable func reject(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Quote.self)
        var body = try await JSONBody(request, context: context, allowed: ["reasonId"], emptyIsObject: true)
        let reason = body.id("reasonId", Reason.self)
        try body.check()
        return try await reply(try await QuoteService(env).reject(id, reasonId: reason, by: principal))
    }

    @Sendable func revise(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try await reply(try await QuoteService(env).revise(try context.id(Quote.self), by: principal), status: .created)
    }

    /// The printable document: a PDF with the company header, customer, lines and totals.
    @Sendable func pdf(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let (quote, data) = try await QuoteService(env).pdf(try context.id(Quote.self), by: principal)
        let filename = "\(quote.number)-r\(quote.revision).pdf"
        return Response(status: .ok, headers: [.contentType: "application/pdf", .contentDisposition: "inline; filename=\"\(filename)\""],
                        body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    @Sendable func ofOpportunity(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Opportunity.self)
        let query = ListQuery(limit: 200, sort: [SortKey("createdAt")], filters: [Filter("opportunityId", .eq, [id.string])])
        _ = try await OpportunityService(env).get(id, by: principal)
        let quotes = try await QuoteService(env).list(query, by: principal)
        let today = try await SettingsService(env).current().today(env.clock.now())
        return try .json(Page(items: quotes.map { QuoteDTO($0, today: today) }, nextCursor: nil))
    }
}
