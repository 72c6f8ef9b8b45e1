import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// The product catalog (SPEC §4): a sortable, filterable list and each product's page with its
/// inventory status, the price lists that price it and its history.
struct ProductPages {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("products", use: list)
        group.get("products/:id", use: show)
    }

    struct Row {
        let sku: String, name: String, url: String, type: String, unit: String, price: String, tax: String
        let status: String, statusKey: String
    }
    struct ListModel {
        let columns: [ListParameters.Column]
        let rows: [Row]
        let hasRows: Bool
        let filters: FilterBar
        let next: String?
        let first: String?
        let canEdit: Bool
        let onProducts = true
        /// Products have no bulk bar.
        let bulk: BulkBar? = nil
    }

    /// `Active`, `Inactive`, or for a serialised item `Available` / `Sold`.
    static func status(_ product: Product) -> (String, String) {
        if product.serialized { return product.inventoryStatus == .sold ? ("Sold", "sold") : ("Available", "available") }
        return product.active ? ("Active", "active") : ("Inactive", "inactive")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let parameters = ListParameters(request, path: "/products", fields: .products, filters: ["type", "inventoryStatus"])
        let products = try await ProductService(web.env).products(parameters.query)
        let catalog = try await SalesCatalog.load(web.env, products: false, priceLists: false)
        var filters = FilterBar(parameters, placeholder: "SKU or name", selects: [
            .init("type", "Type", Product.Kind.allCases.map { ($0.rawValue, SalesText.type($0)) }, parameters, empty: "Any type"),
            .init("inventoryStatus", "Inventory", [("available", "Available"), ("sold", "Sold")], parameters, empty: "Any inventory"),
        ])
        filters.count = try await web.listCount(.products, parameters, principal, one: "product", many: "products")
        let rows = products.map { p in
            let (status, key) = Self.status(p)
            return Row(sku: p.sku, name: p.name, url: "/products/\(p.id)", type: SalesText.type(p.type), unit: p.unit,
                       price: p.unitPrice.map { MoneyText.format($0) } ?? "", tax: catalog.taxRate(p.taxRateId).map(SalesText.taxRate) ?? "",
                       status: status, statusKey: key)
        }
        let model = ListModel(columns: parameters.columns([("SKU", "sku"), ("Name", "name"), ("Type", nil), ("Unit", nil),
                                                           ("Default price", nil), ("Tax", nil), ("Status", nil)]),
                              rows: rows, hasRows: !rows.isEmpty, filters: filters,
                              next: parameters.nextLink(products, sortValue: { $0.sortValue($1) }, id: { $0.id.string }),
                              first: parameters.firstLink, canEdit: principal.canReassign)
        return try await web.page("products", "Products", model, request, context)
    }

    struct PriceRow { let name: String, url: String, price: String, validity: String }
    struct Model {
        let id: String
        let name: String
        let status: String
        let statusKey: String
        let facts: [Fact]
        let prices: [PriceRow]
        let hasPrices: Bool
        let history: [RecordParts.HistoryRow]
        let canEdit: Bool
        /// A maintenance contract on a sold serialised item.
        let contractURL: String?
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard let id = context.parameters.get("id").flatMap(Product.ID.init) else { throw Problem.notFound() }
        let product = try await ProductService(web.env).product(id)
        let catalog = try await SalesCatalog.load(web.env, products: false)
        let (status, key) = Self.status(product)
        var facts: [Fact] = [
            .init(label: "SKU", value: product.sku, href: nil),
            .init(label: "Short name", value: product.shortName ?? "—", href: nil),
            .init(label: "Type", value: SalesText.type(product.type), href: nil),
            .init(label: "Unit", value: product.unit, href: nil),
            .init(label: "Default price", value: MoneyText.format(product.unitPrice), href: nil),
            .init(label: "Tax rate", value: catalog.taxRate(product.taxRateId).map(SalesText.taxRate) ?? "No tax", href: nil),
            .init(label: "Active", value: product.active ? "Yes" : "No", href: nil),
            .init(label: "Serialised item", value: product.serialized ? "Yes" : "No", href: nil),
        ]
        if product.serialized {
            facts += [.init(label: "Serial number", value: product.serialNumber ?? "—", href: nil),
                      .init(label: "Inventory status", value: product.inventoryStatus == .sold ? "Sold" : "Available", href: nil),
                      .init(label: "Deactivation date", value: product.deactivationDate?.description ?? "—", href: nil)]
        }
        facts.append(.init(label: "Version", value: String(product.version), href: nil))
        let prices = catalog.priceLists.compactMap { list -> PriceRow? in
            guard let price = list.items[id] else { return nil }
            return PriceRow(name: list.name, url: "/price-lists/\(list.id)",
                            price: SalesText.price(price, list.currency), validity: "\(list.validFrom) – \(list.validTo?.description ?? "open")")
        }
        var names: [String: String] = [:]
        for rate in catalog.taxRates { names[rate.id.string] = SalesText.taxRate(rate) }
        return try await web.page("product", product.name, request, context) { shell in
            Model(id: id.string, name: product.name, status: status, statusKey: key, facts: facts, prices: prices, hasPrices: !prices.isEmpty,
                  history: await RecordParts(env: web.env).historyIfKnown("product", id.uuid, by: principal, shell: shell, names: names),
                  canEdit: principal.canReassign,
                  contractURL: product.serialized && product.inventoryStatus == .sold && principal.canWriteRecords
                      ? URLText.link("/amc-contracts/new", [("productId", id.string)]) : nil)
        }
    }
}
