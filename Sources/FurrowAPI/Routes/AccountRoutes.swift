import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

struct AccountRoutes: RouteSet {
    let env: CoreEnvironment
    static let fields: Set<String> = ["name", "parentAccountId", "email", "phone", "website", "industry", "ownerId",
                                      "billingAddress", "shippingAddress", "vatNumber", "paymentTermId"]


    /// Applies the body's fields over `base` (absent = unchanged, null = cleared).
    static func fields(_ body: inout JSONBody, over base: AccountFields) -> AccountFields {
        var fields = base
        if body.has("name") { fields.name = body.string("name") ?? "" }
        if body.has("parentAccountId") { fields.parentAccountId = body.id("parentAccountId", Account.self) }
        if body.has("email") { fields.email = body.string("email") }
        if body.has("phone") { fields.phone = body.string("phone") }
        if body.has("website") { fields.website = body.string("website") }
        if body.has("industry") { fields.industry = body.string("industry") }
        if body.has("billingAddress") { fields.billingAddress = address(&body, "billingAddress") }
        if body.has("shippingAddress") { fields.shippingAddress = address(&body, "shippingAddress") }
        if body.has("vatNumber") { fields.vatNumber = body.string("vatNumber") }
        if body.has("paymentTermId") { fields.paymentTermId = body.id("paymentTermId", PaymentTerm.self) }
        return fields
    }

    /// An address object (null clears it): its parts, each optional.
    static func address(_ body: inout JSONBody, _ key: String) -> PostalAddress? {
        guard var parts = body.nested(key, allowed: Set(PostalAddress.parts)) else { return nil }
        let address = PostalAddress(street: parts.string("street"), postcode: parts.string("postcode"), city: parts.string("city"),
                                    region: parts.string("region"), country: parts.string("country"))
        body.absorb(parts)
        return address
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: Self.fields, ignoring: JSONBody.serverOwned.union(["parentAccountName", "ownerName"]))
        let fields = Self.fields(&body, over: AccountFields(name: ""))
        let owner = body.id("ownerId", User.self)
        try body.check()
        let account = try await AccountService(env).create(fields, ownerId: owner, allowDuplicate: try request.flag("allowDuplicate"), by: principal)
        return try .json(AccountDTO(account), status: .created, location: "/api/v1/accounts/\(account.id)")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = try ListParameters.parse(request, fields: .accounts)
        return try await ListExport.answer(request, query, .accounts, env: env, by: principal)
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let account = try await AccountService(env).get(try context.id(Account.self), by: principal)
        return try .json(AccountDTO(account))
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Account.self)
        var body = try await JSONBody(request, context: context, allowed: Self.fields, ignoring: JSONBody.serverOwned.union(["parentAccountName", "ownerName"]))
        let version = try request.expectedVersion(&body)
        let current = try await AccountService(env).get(id, by: principal)
        let fields = Self.fields(&body, over: current.fields)
        let owner = body.id("ownerId", User.self)
        try body.check()
        let account = try await AccountService(env).update(id, fields: fields, ownerId: owner, expectedVersion: version, by: principal)
        return try .json(AccountDTO(account))
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try await AccountService(env).delete(try context.id(Account.self), by: principal)
        return .noContent
    }

    @Sendable func contacts(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let account = try await AccountService(env).get(try context.id(Account.self), by: principal)
        var query = try ListParameters.parse(request, fields: .contacts)
        query.filters.removeAll { $0.field == "accountId" }
        query.filters.append(Filter("accountId", .eq, [account.id.string]))
        return try await ListExport.answer(request, query, .contacts, env: env, by: principal)
    }

    @Sendable func hierarchy(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(HierarchyDTO(try await AccountService(env).hierarchy(try context.id(Account.self), by: principal)))
    }

    @Sendable func connections(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Account.self)
        let connections = try await ConnectionService(env).list(of: id.uuid, type: .account, by: principal)
        return try .json(Page(items: connections.map(ConnectionDTO.init), nextCursor: nil))
    }

    @Sendable func merge(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Account.self)
        var body = try await JSONBody(request, context: context, allowed: ["otherId"])
        body.require("otherId")
        let other = body.id("otherId", Account.self)
        try body.check()
        guard let other else { throw Problem.validation([FieldError("otherId", "is required")]) }
        return try .json(AccountDTO(try await AccountService(env).merge(id, with: other, by: principal)))
    }
}
