import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

struct OpportunityRoutes: RouteSet {
    let env: CoreEnvironment
    static let fields: Set<String> = [
        "name", "accountId", "contactId", "kindId", "ownerId", "termsOfSale", "estimatedRevenue", "currency", "revenueMode", "probability",
        "expectedCloseDate", "channelId", "sourceRef", "sourceText", "campaignId", "comment", "parties", "demandLines",
    ]
    /// Changed only by their verbs (advance, close, reopen): accepted in a body and ignored.
    static let verbOwned: Set<String> = JSONBody.serverOwned.union(["stageId", "status", "actualRevenue", "lostReasonId", "closedAt", "leadId"])
        .union(Self.names)
    /// The display names an answer carries: a client may send them back, and they are ignored.
    static let names: Set<String> = ["accountName", "contactName", "ownerName", "stageName", "kindName"]


    func input(_ body: inout JSONBody, over base: OpportunityFields) async throws -> OpportunityInput {
        var fields = base
        if body.has("name") { fields.name = body.string("name") ?? "" }
        if body.has("accountId") { fields.accountId = body.id("accountId", Account.self) }
        if body.has("contactId") { fields.contactId = body.id("contactId", Contact.self) }
        if body.has("termsOfSale") { fields.termsOfSale = body.string("termsOfSale") }
        if body.has("currency") {
            if let currency = body.string("currency").flatMap(Currency.init) { fields.currency = currency }
            else { body.fail("currency", "is not an ISO 4217 currency code") }
        }
        if body.has("estimatedRevenue") { fields.estimatedRevenue = body.money("estimatedRevenue", currency: fields.currency) }
        else if let revenue = fields.estimatedRevenue, revenue.currency != fields.currency {
            fields.estimatedRevenue = Money(revenue.decimalString, currency: fields.currency)
            if fields.estimatedRevenue == nil {
                body.fail("estimatedRevenue", "\(revenue.decimalString) cannot be written in \(fields.currency); send a new amount")
            }
        }
        if body.has("revenueMode") { fields.revenueMode = body.enumValue("revenueMode", RevenueMode.self) ?? fields.revenueMode }
        if body.has("expectedCloseDate") { fields.expectedCloseDate = body.day("expectedCloseDate") }
        fields.source = LeadRoutes.source(&body, over: base.source)
        if body.has("campaignId") { fields.campaignId = body.uuid("campaignId") }
        if body.has("comment") { fields.comment = body.string("comment") }
        var input = OpportunityInput(fields: fields, kindId: body.id("kindId", OpportunityKind.self), ownerId: body.id("ownerId", User.self),
                                     probability: body.int("probability"))
        if let items = body.list("parties", allowed: ["role", "partyType", "partyId"]) {
            input.parties = items.compactMap { item in
                var item = item
                item.require("role"); item.require("partyType"); item.require("partyId")
                let role = item.enumValue("role", OpportunityParty.Role.self), type = item.enumValue("partyType", OpportunityParty.PartyKind.self)
                let id = item.uuid("partyId")
                body.absorb(item)
                guard let role, let type, let id else { return nil }
                return OpportunityParty(role: role, partyType: type, partyId: id)
            }
        }
        if let items = body.list("demandLines", allowed: ["description", "productId", "quantity", "amount", "comment"]) {
            input.demandLines = items.compactMap { item in
                var item = item
                item.require("description")
                let description = item.string("description")?.trimmed(), product = item.uuid("productId")
                if let description, description.isEmpty || description.exceeds(maxLength: 500) {
                    item.fail("description", "must be 1 to 500 characters")
                }
                let quantity = item.decimal("quantity") ?? Micros(value: Micros.scale)
                let amount = item.money("amount", currency: fields.currency), comment = item.string("comment")
                body.absorb(item)
                guard let description else { return nil }
                return DemandLine(description: description, productId: product, quantity: quantity, amount: amount, comment: comment)
            }
        }
        return input
    }

    /// A create also takes its product lines (`lines`, priced from `priceListId`), as `PUT /opportunities/{id}/lines` does.
    static let createFields = fields.union(["lines", "priceListId"])

    /// A new opportunity's input, its product lines included.
    func createInput(_ body: inout JSONBody, currency: Currency) async throws -> OpportunityInput {
        var input = try await input(&body, over: OpportunityFields(name: "", currency: currency))
        if body.has("lines") { input.productLines = QuoteRoutes.lines(&body) }
        input.priceListId = body.id("priceListId", PriceList.self)
        return input
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: Self.createFields, ignoring: Self.verbOwned)
        let currency = Currency(try await SettingsService(env).current().baseCurrency) ?? Currency("EUR")!
        let input = try await createInput(&body, currency: currency)
        try body.check()
        let opportunity = try await OpportunityService(env).create(input, by: principal)
        let detail = try await OpportunityService(env).get(opportunity.id, by: principal)
        return try .json(OpportunityDTO(detail), status: .created, location: "/api/v1/opportunities/\(opportunity.id)")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = try ListParameters.parse(request, fields: .opportunities)
        return try await ListExport.answer(request, query, .opportunities, env: env, by: principal)
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(OpportunityDTO(try await OpportunityService(env).get(try context.id(Opportunity.self), by: principal)))
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Opportunity.self)
        var body = try await JSONBody(request, context: context, allowed: Self.fields, ignoring: Self.verbOwned)
        let version = try request.expectedVersion(&body)
        let current = try await OpportunityService(env).get(id, by: principal)
        let input = try await input(&body, over: current.opportunity.fields)
        try body.check()
        _ = try await OpportunityService(env).update(id, input, expectedVersion: version, by: principal)
        return try .json(OpportunityDTO(try await OpportunityService(env).get(id, by: principal)))
    }

    @Sendable func advance(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Opportunity.self)
        var body = try await JSONBody(request, context: context, allowed: ["stageId"])
        body.require("stageId")
        let stage = body.id("stageId", Stage.self)
        try body.check()
        guard let stage else { throw Problem.validation([FieldError("stageId", "is required")]) }
        return try .json(OpportunityDTO(try await OpportunityService(env).advance(id, to: stage, by: principal)))
    }

    @Sendable func close(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Opportunity.self)
        var body = try await JSONBody(request, context: context, allowed: ["outcome", "actualRevenue", "lostReasonId"])
        if body.string("actualRevenue")?.hasPrefix("-") == true { body.fail("actualRevenue", "cannot be negative") }
        body.require("outcome")
        let outcome = body.string("outcome")
        if let outcome, outcome != "won" && outcome != "lost" { body.fail("outcome", "must be won or lost") }
        let current = try await OpportunityService(env).get(id, by: principal).opportunity
        let revenue = body.money("actualRevenue", currency: current.fields.currency)
        let reason = body.id("lostReasonId", Reason.self)
        try body.check()
        let closed = try await OpportunityService(env).close(id, won: outcome == "won", actualRevenue: revenue, lostReasonId: reason, by: principal)
        return try .json(OpportunityDTO(closed))
    }

    @Sendable func reopen(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(OpportunityDTO(try await OpportunityService(env).reopen(try context.id(Opportunity.self), by: principal)))
    }

    @Sendable func stageHistory(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let moves = try await OpportunityService(env).stageHistory(try context.id(Opportunity.self), by: principal)
        return try .json(Page(items: moves.map(StageMoveDTO.init), nextCursor: nil))
    }

    @Sendable func generate(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let activityId = try context.id(Activity.self)
        let opportunity = try await OpportunityService(env).generate(fromActivity: activityId, by: principal)
        let detail = try await OpportunityService(env).get(opportunity.id, by: principal)
        return try .json(OpportunityDTO(detail), status: .created, location: "/api/v1/opportunities/\(opportunity.id)")
    }
}
