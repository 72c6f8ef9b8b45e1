import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Campaigns (SPEC §8): made, edited, moved through their lifecycle, deactivated and linked to
/// marketing lists.
struct CampaignRoutes: RouteSet {
    let env: CoreEnvironment

    static let fields: Set<String> = ["name", "type", "startDate", "endDate", "currency", "budgetedCost", "actualCost", "expectedRevenue",
                                      "offer", "description", "ownerId"]
    static let ignored: Set<String> = JSONBody.serverOwned.union(["status", "active", "quick", "ownerName"])

    /// The fields sent; null clears an optional one. Amounts are read in `currency` (the body's, else the campaign's).
    static func input(_ body: inout JSONBody, currency fallback: Currency?) -> CampaignService.Input {
        var input = CampaignService.Input()
        input.name = body.string("name")
        input.kind = body.enumValue("type", Campaign.Kind.self)
        input.currency = body.currency("currency")
        let currency = input.currency ?? fallback ?? Currency("EUR")!
        func cleared<T>(_ key: String, _ read: (inout JSONBody) -> T?) -> T?? {
            guard body.has(key) else { return nil }
            return .some(read(&body))
        }
        input.startDate = cleared("startDate") { $0.day("startDate") }
        input.endDate = cleared("endDate") { $0.day("endDate") }
        input.budgetedCost = cleared("budgetedCost") { $0.money("budgetedCost", currency: currency) }
        input.actualCost = cleared("actualCost") { $0.money("actualCost", currency: currency) }
        input.expectedRevenue = cleared("expectedRevenue") { $0.money("expectedRevenue", currency: currency) }
        input.offer = cleared("offer") { $0.string("offer") }
        input.description = cleared("description") { $0.string("description") }
        input.ownerId = body.id("ownerId", User.self)
        return input
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: Self.fields, ignoring: Self.ignored)
        body.require("name")
        let base = Currency(try await SettingsService(env).current().baseCurrency)
        let input = Self.input(&body, currency: base)
        if !body.errors.isEmpty {
            let named = Set(body.errors.map(\.field))
            body.errors += CampaignService.fieldErrors(input, currency: base ?? Currency("EUR")!).filter { !named.contains($0.field) }
        }
        try body.check()
        let campaign = try await CampaignService(env).create(input, by: principal)
        return try .json(CampaignDTO(campaign), status: .created, location: "/api/v1/campaigns/\(campaign.id)")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let limit = try MarketingListRoutes.limit(request, allowed: ["quick"])
        var quick: Bool?
        if let text = request.uri.queryParameters["quick"] {
            guard text == "true" || text == "false" else { throw Problem.invalidQuery("quick must be true or false.") }
            quick = text == "true"
        }
        let campaigns = try await CampaignService(env).list(quick: quick, limit: limit, by: principal)
        return try .json(Page(items: campaigns.map(CampaignDTO.init), nextCursor: nil))
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(CampaignDTO(try await CampaignService(env).get(try context.id(Campaign.self), by: principal)))
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Campaign.self)
        let current = try await CampaignService(env).get(id, by: principal)
        var body = try await JSONBody(request, context: context, allowed: Self.fields.union(["version"]), ignoring: Self.ignored.subtracting(["version"]))
        let expected = try request.expectedVersion(&body)
        for key in ["name", "type", "currency"] { body.refuseNull(key) }
        let input = Self.input(&body, currency: current.currency)
        try body.check()
        return try .json(CampaignDTO(try await CampaignService(env).update(id, input, expectedVersion: expected, by: principal)))
    }

    func move(_ status: Campaign.Status, _ context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(CampaignDTO(try await CampaignService(env).move(try context.id(Campaign.self), to: status, by: principal)))
    }

    @Sendable func readyToLaunch(_ request: Request, context: AppContext) async throws -> Response { try await move(.readyToLaunch, context) }
    @Sendable func launch(_ request: Request, context: AppContext) async throws -> Response { try await move(.launched, context) }
    @Sendable func complete(_ request: Request, context: AppContext) async throws -> Response { try await move(.completed, context) }

    func setActive(_ active: Bool, _ context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(CampaignDTO(try await CampaignService(env).setActive(try context.id(Campaign.self), active, by: principal)))
    }

    @Sendable func deactivate(_ request: Request, context: AppContext) async throws -> Response { try await setActive(false, context) }
    @Sendable func reactivate(_ request: Request, context: AppContext) async throws -> Response { try await setActive(true, context) }

    @Sendable func lists(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let lists = try await CampaignService(env).lists(of: try context.id(Campaign.self), by: principal)
        return try .json(Page(items: lists.map { MarketingListDTO($0, memberCount: nil) }, nextCursor: nil))
    }

    @Sendable func linkList(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Campaign.self)
        let list = try await JSONBody.id("listId", MarketingList.self, of: request, context: context)
        try await CampaignService(env).link(id, list: list, by: principal)
        return .noContent
    }

    @Sendable func products(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let products = try await CampaignService(env).products(of: try context.id(Campaign.self), by: principal)
        return try .json(Page(items: products.map(ProductDTO.init), nextCursor: nil))
    }

    @Sendable func addProduct(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Campaign.self)
        let product = try await JSONBody.id("productId", Product.self, of: request, context: context)
        try await CampaignService(env).addProduct(product, to: id, by: principal)
        return .noContent
    }

    @Sendable func removeProduct(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Campaign.self)
        guard let product = context.parameters.get("productId").flatMap(Product.ID.init) else { throw Problem.notFound() }
        try await CampaignService(env).removeProduct(product, from: id, by: principal)
        return .noContent
    }

    @Sendable func unlinkList(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Campaign.self)
        guard let list = context.parameters.get("listId").flatMap(MarketingList.ID.init) else { throw Problem.notFound() }
        try await CampaignService(env).unlink(id, list: list, by: principal)
        return .noContent
    }
}

struct CampaignDTO: Encodable, Sendable {
    let id: String, name: String, type: String, status: String, active: Bool, startDate: String?, endDate: String?, currency: String
    let budgetedCost: String?, actualCost: String?, expectedRevenue: String?, offer: String?, description: String?, quick: Bool
    let ownerId: String, version: Int, createdAt: String, updatedAt: String

    init(_ c: Campaign) {
        id = c.id.string; name = c.name; type = c.kind.rawValue; status = c.status.rawValue; active = c.active
        startDate = c.startDate?.description; endDate = c.endDate?.description; currency = c.currency.code
        budgetedCost = c.budgetedCost?.decimalString; actualCost = c.actualCost?.decimalString; expectedRevenue = c.expectedRevenue?.decimalString
        offer = c.offer; description = c.description; quick = c.quick; ownerId = c.ownership.ownerId.string; version = c.version
        createdAt = Timestamp.string(c.createdAt); updatedAt = Timestamp.string(c.updatedAt)
    }
}
