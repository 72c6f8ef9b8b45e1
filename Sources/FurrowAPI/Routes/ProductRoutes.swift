import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The sales catalog: tax rates, products, price lists.
struct ProductRoutes: RouteSet {
    let env: CoreEnvironment
    static let productFields: Set<String> = ["sku", "name", "shortName", "unit", "type", "unitPrice", "currency", "taxRateId", "active",
                                             "serialized", "serialNumber"]


    @Sendable func taxRates(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requirePrincipal()
        return try .json(Page(items: try await ProductService(env).taxRates().map(TaxRateDTO.init), nextCursor: nil))
    }

    @Sendable func createTaxRate(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["name", "percent"])
        body.require("percent")
        let name = body.string("name"), percent = body.decimal("percent")
        try body.check()
        return try .json(TaxRateDTO(try await ProductService(env).createTaxRate(name: name, percent: percent, by: principal)), status: .created)
    }

    func product(_ body: inout JSONBody, over base: Product) -> Product {
        var product = base
        if body.has("sku") { product.sku = body.string("sku") ?? "" }
        if body.has("name") { product.name = body.string("name") ?? "" }
        if body.has("shortName") { product.shortName = body.string("shortName") }
        if body.has("unit") { product.unit = body.string("unit") ?? "unit" }
        if body.has("type") { product.type = body.enumValue("type", Product.Kind.self) ?? product.type }
        if body.has("unitPrice") || body.has("currency") {
            let code = body.string("currency") ?? base.unitPrice?.currency.code ?? ""
            if let currency = Currency(code) {
                product.unitPrice = body.has("unitPrice") ? body.money("unitPrice", currency: currency)
                    : base.unitPrice.flatMap { Money($0.decimalString, currency: currency) }
            } else if body.has("unitPrice") && body.string("unitPrice") != nil {
                body.fail("currency", "a price needs an ISO 4217 currency")
            }
        }
        if body.has("taxRateId") { product.taxRateId = body.id("taxRateId", TaxRate.self) }
        if body.has("active") { product.active = body.bool("active") ?? product.active }
        if body.has("serialized") { product.serialized = body.bool("serialized") ?? product.serialized }
        if body.has("serialNumber") { product.serialNumber = body.string("serialNumber") }
        return product
    }

    @Sendable func products(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = try ListParameters.parse(request, fields: .products)
        return try await ListExport.answer(request, query, .products, env: env, by: principal)
    }

    @Sendable func createProduct(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: Self.productFields, ignoring: ["id", "version", "status", "deactivationDate"])
        let input = product(&body, over: Product(id: Product.ID(UUID()), sku: "", name: ""))
        try body.check()
        let created = try await ProductService(env).createProduct(input, by: principal)
        return try .json(ProductDTO(created), status: .created, location: "/api/v1/products/\(created.id)")
    }

    @Sendable func product(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requirePrincipal()
        return try .json(ProductDTO(try await ProductService(env).product(try context.id(Product.self))))
    }

    @Sendable func updateProduct(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Product.self)
        var body = try await JSONBody(request, context: context, allowed: Self.productFields, ignoring: ["id", "version", "status", "deactivationDate"])
        let version = try request.expectedVersion(&body)
        let input = product(&body, over: try await ProductService(env).product(id))
        try body.check()
        return try .json(ProductDTO(try await ProductService(env).updateProduct(id, input, expectedVersion: version, by: principal)))
    }

    func priceList(_ body: inout JSONBody, over base: PriceList) -> PriceList {
        var list = base
        if body.has("name") { list.name = body.string("name") ?? "" }
        if body.has("currency") {
            if let currency = body.string("currency").flatMap(Currency.init) { list.currency = currency }
            else { body.fail("currency", "is not an ISO 4217 currency code") }
        }
        if body.has("validFrom") {
            // A list is always valid from some day: null is not a date (unless already refused as missing).
            if let day = body.day("validFrom") { list.validFrom = day }
            else if !body.errors.contains(where: { $0.field == "validFrom" }) { body.errors.append(FieldError("validFrom", Bounds.dateMessage)) }
        }
        if body.has("validTo") { list.validTo = body.day("validTo") }
        if let items = body.list("items", allowed: ["productId", "unitPrice"]) {
            list.items = [:]
            for var item in items {
                item.require("productId"); item.require("unitPrice")
                if let product = item.id("productId", Product.self), let price = item.decimal("unitPrice") { list.items[product] = price }
                body.absorb(item)
            }
        }
        return list
    }

    @Sendable func priceLists(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requirePrincipal()
        return try .json(Page(items: try await ProductService(env).priceLists().map(PriceListDTO.init), nextCursor: nil))
    }

    @Sendable func createPriceList(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["name", "currency", "validFrom", "validTo", "items"], ignoring: ["id"])
        body.require("currency"); body.require("validFrom")
        // validFrom is required: the stand-in day below never reaches the service.
        let input = priceList(&body, over: PriceList(id: PriceList.ID(UUID()), name: "", currency: Currency("EUR")!, validFrom: Day(ordinal: 0)))
        try body.check()
        let created = try await ProductService(env).createPriceList(input, by: principal)
        return try .json(PriceListDTO(created), status: .created, location: "/api/v1/price-lists/\(created.id)")
    }

    @Sendable func priceList(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requirePrincipal()
        return try .json(PriceListDTO(try await ProductService(env).priceList(try context.id(PriceList.self))))
    }

    @Sendable func updatePriceList(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(PriceList.self)
        var body = try await JSONBody(request, context: context, allowed: ["name", "currency", "validFrom", "validTo", "items"], ignoring: ["id"])
        let input = priceList(&body, over: try await ProductService(env).priceList(id))
        try body.check()
        return try .json(PriceListDTO(try await ProductService(env).updatePriceList(id, input, by: principal)))
    }
}
