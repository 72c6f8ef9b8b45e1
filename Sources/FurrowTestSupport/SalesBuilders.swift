import Foundation
import FurrowCore
import FurrowDomain

extension TestWorld {
    public func makeProduct(_ name: String, sku: String? = nil, shortName: String? = nil, serialNumber: String? = nil,
                            taxRateId: TaxRate.ID? = nil) async throws -> Product {
        try await ProductService(env).createProduct(Product(id: Product.ID(UUID()), sku: sku ?? "SKU-\(UUID().uuidString.prefix(8))", name: name,
                                                            shortName: shortName, taxRateId: taxRateId, serialized: serialNumber != nil,
                                                            serialNumber: serialNumber), by: admin)
    }

    public func makePriceList(_ prices: [Product.ID: String], currency: String = "EUR", from: Day = Day(year: 2026, month: 1, day: 1),
                              to: Day? = nil) async throws -> PriceList {
        try await ProductService(env).createPriceList(PriceList(id: PriceList.ID(UUID()), name: "List \(UUID().uuidString.prefix(4))",
                                                                currency: Currency(currency)!, validFrom: from, validTo: to,
                                                                items: prices.mapValues { Micros($0)! }), by: admin)
    }

    public func taxRate(_ name: String) async throws -> TaxRate {
        guard let rate = try await ProductService(env).taxRates().first(where: { $0.name == name }) else { throw CoreError.notFound("tax rate") }
        return rate
    }
}
