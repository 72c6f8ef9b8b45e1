import Foundation
import FurrowCore
import FurrowDomain

/// The demo company's catalog and quotes: a price list, a serialised tractor, a sent quote, an
/// accepted one turned into an order.
enum DemoSales {
    static func load(_ env: CoreEnvironment, people: [String: Principal], accounts: [String: Account], admin: Principal) async throws {
        let catalog = ProductService(env)
        let rates = try await catalog.taxRates()
        let standard = rates.first { $0.name.hasPrefix("Standard") }?.id
        let gbp = Currency("GBP")!
        let tractor = try await catalog.createProduct(Product(id: Product.ID(UUID()), sku: "TR-5075", name: "Tractor 5075E, 75 hp",
                                                              shortName: "Tractor 5075E", unitPrice: Money("48500.00", currency: gbp),
                                                              taxRateId: standard, serialized: true, serialNumber: "1PY5075EXMH401122"), by: admin)
        let controller = try await catalog.createProduct(Product(id: Product.ID(UUID()), sku: "IC-40", name: "Irrigation controller, 40 zones",
                                                                 shortName: "Controller 40", unitPrice: Money("1240.00", currency: gbp),
                                                                 taxRateId: standard), by: admin)
        let service = try await catalog.createProduct(Product(id: Product.ID(UUID()), sku: "SV-DAY", name: "Field engineer, day rate",
                                                              shortName: "Engineer day", unit: "day", type: .service,
                                                              unitPrice: Money("640.00", currency: gbp), taxRateId: standard), by: admin)
        let list = try await catalog.createPriceList(PriceList(id: PriceList.ID(UUID()), name: "UK list 2026", currency: gbp, validFrom: Day(year: 2026, month: 1, day: 1),
                                                               validTo: Day(year: 2027, month: 12, day: 31),
                                                               items: [tractor.id: Micros("48500")!, controller.id: Micros("1240")!,
                                                                       service.id: Micros("640")!]), by: admin)
        let quotes = QuoteService(env)
        let sam = people["sam@demo.furrow.test"]!
        let greenwayDeal = try await OpportunityService(env).list(ListQuery(limit: 50, filters: [Filter("accountId", .eq, [accounts["Greenway Farms"]!.id.string])]), by: admin)
            .first { $0.status == .inProgress }
        if let greenwayDeal {
            let quote = try await quotes.create(QuoteInput(opportunityId: greenwayDeal.id, priceListId: list.id, name: "Grain dryer controls",
                                                           comments: "Delivery in March", terms: "30 days net",
                                                           lines: [QuoteInput.Line(productId: controller.id, quantity: Micros("4")!, discountPercent: Micros("5")!),
                                                                   QuoteInput.Line(productId: service.id, quantity: Micros("2")!)]), by: sam)
            _ = try await quotes.send(quote.id, by: sam)
        }
        let sale = try await quotes.create(QuoteInput(accountId: accounts["Acme Field Services"]!.id, priceListId: list.id, name: "Tractor for the estate team",
                                                      lines: [QuoteInput.Line(productId: tractor.id, quantity: Micros("1")!),
                                                              QuoteInput.Line(description: "Delivery and handover", quantity: Micros("1")!,
                                                                              unitPrice: Micros("350")!)]), by: sam)
        _ = try await quotes.send(sale.id, by: sam)
        _ = try await quotes.accept(sale.id, by: sam)
        let order = try await quotes.convert(sale.id, by: sam)
        _ = try await OrderService(env).confirm(order.id, by: sam)
        _ = try await OrderService(env).track(order.id, status: .inFulfilment, note: "Tractor prepared at the Leeds depot", at: nil, by: sam)
        try await DemoLedger.load(env, order: order, people: people, accounts: accounts, admin: admin)
    }
}
