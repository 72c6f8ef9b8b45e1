import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    func insertTaxRate(_ rate: TaxRate) async throws {
        try await run("INSERT INTO tax_rates VALUES (\(bind: rate.id.string), \(bind: rate.name), \(bind: rate.percent.value), \(bind: rate.active))")
    }

    func taxRates() async throws -> [TaxRate] { try await rows("SELECT * FROM tax_rates ORDER BY name, id").map(taxRateRecord) }

    func taxRate(id: TaxRate.ID) async throws -> TaxRate? {
        try await rows("SELECT * FROM tax_rates WHERE id = \(bind: id.string)").first.map(taxRateRecord)
    }

    func insertProduct(_ product: Product) async throws {
        try await run("INSERT INTO products (id, sku, name, unit, type, active, serialized, inventory_status, version) VALUES (\(bind: product.id.string), \(bind: product.sku), '', 'unit', 'good', \(bind: true), \(bind: false), 'available', \(bind: product.version))")
        _ = try await updateProduct(product, expectedVersion: product.version)
    }

    func updateProduct(_ p: Product, expectedVersion: Int) async throws -> Bool {
        !(try await rows("""
            UPDATE products SET sku = \(bind: p.sku), name = \(bind: p.name), short_name = \(bind: p.shortName), unit = \(bind: p.unit),
                type = \(bind: p.type.rawValue), unit_price_minor = \(bind: p.unitPrice?.minorUnits), currency = \(bind: p.unitPrice?.currency.code),
                tax_rate_id = \(bind: p.taxRateId?.string), active = \(bind: p.active), serialized = \(bind: p.serialized),
                serial_number = \(bind: p.serialNumber), inventory_status = \(bind: p.inventoryStatus.rawValue),
                deactivation_date = \(bind: p.deactivationDate?.description), version = \(bind: p.version)
            WHERE id = \(bind: p.id.string) AND version = \(bind: expectedVersion) RETURNING id
            """)).isEmpty
    }

    func product(id: Product.ID) async throws -> Product? {
        try await rows("SELECT * FROM products WHERE id = \(bind: id.string)").first.map(productRecord)
    }

    func products(ids: [Product.ID]) async throws -> [Product] {
        guard !ids.isEmpty else { return [] }
        return try await rows("SELECT * FROM products WHERE id IN (\(binds: ids.map(\.string)))").map(productRecord)
    }

    func product(sku: String) async throws -> Product? {
        try await rows("SELECT * FROM products WHERE sku = \(bind: sku)").first.map(productRecord)
    }

    static let productList = ListStatement(table: "products", fields: .products,
                                           columns: ["name": "name", "sku": "sku", "type": "type", "inventoryStatus": "inventory_status"],
                                           textKind: .account)

    func products(_ query: ListQuery) async throws -> [Product] {
        let statement = Self.productList
        var extra: [SQLQueryString] = []
        if let text = query.text?.trimmedSpaces().lowercased(), !text.isEmpty {
            let pattern = "%" + SearchSQL.escapeLike(text) + "%"
            extra.append("(LOWER(name) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(sku) LIKE \(bind: pattern) ESCAPE '\\')")
        }
        let sql = statement.build(query, visibility: "1 = 1", engine: engine, extra: extra)
        return try await rows(sql).map(productRecord)
    }

    func insertPriceList(_ list: PriceList) async throws {
        try await run("""
            INSERT INTO price_lists (id, name, currency, valid_from, valid_to)
            VALUES (\(bind: list.id.string), \(bind: list.name), \(bind: list.currency.code), \(bind: list.validFrom.description), \(bind: list.validTo?.description))
            """)
        try await replaceItems(list)
    }

    func updatePriceList(_ list: PriceList) async throws {
        try await run("""
            UPDATE price_lists SET name = \(bind: list.name), currency = \(bind: list.currency.code), valid_from = \(bind: list.validFrom.description),
                valid_to = \(bind: list.validTo?.description) WHERE id = \(bind: list.id.string)
            """)
        try await replaceItems(list)
    }

    private func replaceItems(_ list: PriceList) async throws {
        try await run("DELETE FROM price_list_items WHERE price_list_id = \(bind: list.id.string)")
        for (product, price) in list.items.sorted(by: { $0.key < $1.key }) {
            try await run("INSERT INTO price_list_items VALUES (\(bind: list.id.string), \(bind: product.string), \(bind: price.value))")
        }
    }

    func priceList(id: PriceList.ID) async throws -> PriceList? {
        guard let row = try await rows("SELECT * FROM price_lists WHERE id = \(bind: id.string)").first else { return nil }
        return try await priceListRecord(row)
    }

    func priceLists() async throws -> [PriceList] {
        var lists: [PriceList] = []
        for row in try await rows("SELECT * FROM price_lists ORDER BY name, id") { lists.append(try await priceListRecord(row)) }
        return lists
    }

    func nextDocumentNumber(kind: String, year: Int) async throws -> Int {
        try await rows("""
            INSERT INTO document_numbers (kind, year, last_number) VALUES (\(bind: kind), \(bind: year), 1)
            ON CONFLICT (kind, year) DO UPDATE SET last_number = document_numbers.last_number + 1
            RETURNING last_number
            """).first?.int("last_number") ?? 1
    }

    private func taxRateRecord(_ row: any SQLRow) throws -> TaxRate {
        TaxRate(id: try row.id("id"), name: try row.string("name"), percent: Micros(value: try row.decode(column: "percent_micros", as: Int64.self)),
                active: try row.decode(column: "active", as: Bool.self))
    }

    private func productRecord(_ row: any SQLRow) throws -> Product {
        Product(id: try row.id("id"), sku: try row.string("sku"), name: try row.string("name"), shortName: try row.optional("short_name"),
                unit: try row.string("unit"), type: try row.status("type", Product.Kind.self),
                unitPrice: try row.money("unit_price_minor", currency: "currency"), taxRateId: try row.optionalID("tax_rate_id"),
                active: try row.decode(column: "active", as: Bool.self), serialized: try row.decode(column: "serialized", as: Bool.self),
                serialNumber: try row.optional("serial_number"),
                inventoryStatus: try row.status("inventory_status", Product.InventoryStatus.self),
                deactivationDate: try row.optionalDay("deactivation_date"), version: try row.int("version"))
    }

    private func priceListRecord(_ row: any SQLRow) async throws -> PriceList {
        let id: PriceList.ID = try row.id("id")
        var items: [Product.ID: Micros] = [:]
        for item in try await rows("SELECT * FROM price_list_items WHERE price_list_id = \(bind: id.string)") {
            items[try item.id("product_id")] = Micros(value: try item.decode(column: "unit_price_micros", as: Int64.self))
        }
        return PriceList(id: id, name: try row.string("name"), currency: Currency(try row.string("currency")) ?? Currency("EUR")!,
                         validFrom: try row.day("valid_from"), validTo: try row.optionalDay("valid_to"), items: items)
    }
}
