import Foundation
import FurrowDomain

/// The sales catalog (SPEC §4): tax rates, products, price lists. Everyone reads it;
/// administrators and managers change it.
public struct ProductService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public func taxRates() async throws -> [TaxRate] { try await env.store.read { try await $0.taxRates() } }
    public func products(_ query: ListQuery) async throws -> [Product] { try await env.store.read { try await $0.products(query) } }
    public func priceLists() async throws -> [PriceList] { try await env.store.read { try await $0.priceLists() } }

    public func product(_ id: Product.ID) async throws -> Product {
        guard let product = try await env.store.read({ try await $0.product(id: id) }) else { throw CoreError.notFound("product") }
        return product
    }

    public func priceList(_ id: PriceList.ID) async throws -> PriceList {
        guard let list = try await env.store.read({ try await $0.priceList(id: id) }) else { throw CoreError.notFound("price list") }
        return list
    }

    public func createTaxRate(name: String?, percent: Micros?, by principal: Principal) async throws -> TaxRate {
        try requireEditor(principal)
        var check = Validator()
        let name = check.text("name", name, required: true, maxLength: 60)
        if percent == nil || percent!.value < 0 || percent!.value > 100_000_000 { check.add("percent", "must be a percentage from 0 to 100") }
        try check.check()
        let rate = TaxRate(id: env.newID(), name: name ?? "", percent: percent ?? Micros(value: 0))
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            try await session.insertTaxRate(rate)
            transaction.audit("tax-rate", rate.id.uuid, "create", AuditDiff.changes(from: [:], to: ["name": rate.name, "percent": rate.percent.decimalString]))
        }
        return rate
    }

    public func createProduct(_ input: Product, by principal: Principal) async throws -> Product {
        try requireEditor(principal)
        let created = try prepared(input)
        try await env.transaction(by: principal) { transaction in try await insert(created, in: transaction) }
        return created
    }

    /// A new product, checked and given its id.
    func prepared(_ input: Product) throws -> Product {
        var product = try input.validated()
        product.id = env.newID()
        product.version = 1
        return product
    }

    /// Stores a prepared product in the caller's transaction (also used by bulk creates).
    func insert(_ product: Product, in transaction: Transaction) async throws {
        let session = transaction.session
        if try await session.product(sku: product.sku) != nil { throw ValidationError([FieldError("sku", "is used by another product")]) }
        if let rate = product.taxRateId, try await session.taxRate(id: rate) == nil { throw ValidationError([FieldError("taxRateId", "is not a tax rate")]) }
        try await transaction.create(product)
    }

    public func updateProduct(_ id: Product.ID, _ input: Product, expectedVersion: Int?, by principal: Principal) async throws -> Product {
        try requireEditor(principal)
        guard let expectedVersion else { throw CoreError.versionRequired }
        let input = try input.validated()
        return try await env.transaction(by: principal) { transaction in
            try await updating(id, input, expectedVersion: expectedVersion, in: transaction)
        }
    }

    /// The change in the caller's transaction (also used by bulk updates); `input` is validated.
    func updating(_ id: Product.ID, _ input: Product, expectedVersion: Int, in transaction: Transaction) async throws -> Product {
        let session = transaction.session
        let current = try await transaction.load(Product.self, id)
        guard current.version == expectedVersion else { throw CoreError.versionConflict(current: current.version) }
        if let rate = input.taxRateId, try await session.taxRate(id: rate) == nil {
            throw ValidationError([FieldError("taxRateId", "is not a tax rate")])
        }
        if input.sku != current.sku, try await session.product(sku: input.sku) != nil {
            throw ValidationError([FieldError("sku", "is used by another product")])
        }
        var product = input
        product.id = id
        product.version = current.version
        try await transaction.save(&product, over: current, action: "update")
        return product.version == current.version ? current : product
    }

    public func createPriceList(_ input: PriceList, by principal: Principal) async throws -> PriceList {
        try requireEditor(principal)
        var list = try input.validated()
        list.id = env.newID()
        let created = list
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            for productId in created.items.keys where try await session.product(id: productId) == nil {
                throw ValidationError([FieldError("items", "\(productId) is not a product")])
            }
            try await session.insertPriceList(created)
            transaction.audit("price-list", created.id.uuid, "create", AuditDiff.changes(from: [:], to: created.auditValues))
        }
        return created
    }

    public func updatePriceList(_ id: PriceList.ID, _ input: PriceList, by principal: Principal) async throws -> PriceList {
        try requireEditor(principal)
        var list = try input.validated()
        list.id = id
        let updated = list
        return try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            guard let current = try await session.priceList(id: id) else { throw CoreError.notFound("price list") }
            for productId in updated.items.keys where try await session.product(id: productId) == nil {
                throw ValidationError([FieldError("items", "\(productId) is not a product")])
            }
            let changes = AuditDiff.changes(from: current.auditValues, to: updated.auditValues)
            guard !changes.isEmpty else { return current }
            try await session.updatePriceList(updated)
            transaction.audit("price-list", id.uuid, "update", changes)
            return updated
        }
    }

    /// Sets products' prices on a price list in the caller's transaction (imports), audited as one change of the list.
    func setPrices(_ prices: [Product.ID: Micros], on id: PriceList.ID, in transaction: Transaction) async throws {
        try requireEditor(transaction.principal)
        guard let current = try await transaction.session.priceList(id: id) else { throw CoreError.notFound("price list") }
        var updated = current
        updated.items.merge(prices) { _, new in new }
        updated = try updated.validated()
        let changes = AuditDiff.changes(from: current.auditValues, to: updated.auditValues)
        guard !changes.isEmpty else { return }
        try await transaction.session.updatePriceList(updated)
        transaction.audit("price-list", id.uuid, "update", changes)
    }

    func requireEditor(_ principal: Principal) throws {
        guard principal.canReassign else { throw CoreError.forbidden("only managers and administrators change the catalog") }
    }
}

extension Product {
    var auditValues: [String: String] {
        var values = ["sku": sku, "name": name, "unit": unit, "type": type.rawValue, "active": String(active),
                      "serialized": String(serialized), "inventoryStatus": inventoryStatus.rawValue]
        values["shortName"] = shortName
        values["unitPrice"] = unitPrice.map { "\($0.decimalString) \($0.currency)" }
        values["taxRateId"] = taxRateId?.string
        values["serialNumber"] = serialNumber
        values["deactivationDate"] = deactivationDate?.description
        return values
    }
}

extension PriceList {
    var auditValues: [String: String] {
        var values = ["name": name, "currency": currency.code, "validFrom": validFrom.description]
        values["validTo"] = validTo?.description
        for (product, price) in items { values["item:\(product)"] = price.decimalString }
        return values
    }
}
