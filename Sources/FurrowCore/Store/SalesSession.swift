import Foundation
import FurrowDomain

/// The sales catalog and quotes' part of a store session.
public protocol SalesSession: Sendable {
    func insertTaxRate(_ rate: TaxRate) async throws
    func taxRates() async throws -> [TaxRate]
    func taxRate(id: TaxRate.ID) async throws -> TaxRate?
    func insertProduct(_ product: Product) async throws
    func updateProduct(_ product: Product, expectedVersion: Int) async throws -> Bool
    func product(id: Product.ID) async throws -> Product?
    func products(ids: [Product.ID]) async throws -> [Product]
    func product(sku: String) async throws -> Product?
    func products(_ query: ListQuery) async throws -> [Product]
    func insertPriceList(_ list: PriceList) async throws
    func updatePriceList(_ list: PriceList) async throws
    func priceList(id: PriceList.ID) async throws -> PriceList?
    func priceLists() async throws -> [PriceList]

    func insertQuote(_ quote: Quote) async throws
    /// Saves over `before` when its version is still stored: the header, and the lines only when they changed.
    func updateQuote(_ quote: Quote, over before: Quote) async throws -> Bool
    func quote(id: Quote.ID) async throws -> Quote?
    func quotes(_ query: ListQuery, visibleTo principal: Principal) async throws -> [Quote]
    func quotes(ofOpportunity id: Opportunity.ID) async throws -> [Quote]
    /// The next number of a kind of document in a year, gap-free: taken inside the caller's
    /// transaction, so a rolled-back document gives its number back.
    func nextDocumentNumber(kind: String, year: Int) async throws -> Int

    func insertOrder(_ order: SalesOrder) async throws
    func order(id: SalesOrder.ID) async throws -> SalesOrder?
    func order(fromQuote id: Quote.ID) async throws -> SalesOrder?
    func updateOrderStatus(_ order: SalesOrder, expectedVersion: Int) async throws -> Bool
    func orders(_ query: ListQuery, visibleTo principal: Principal) async throws -> [SalesOrder]
    func insertTracking(_ event: TrackingEvent) async throws
    func tracking(of id: SalesOrder.ID) async throws -> [TrackingEvent]

    /// An opportunity's product lines and the price list they were priced from (rules 79–83).
    func opportunityLines(of id: Opportunity.ID) async throws -> (PriceList.ID?, [QuoteLine])
    func replaceOpportunityLines(of id: Opportunity.ID, priceList: PriceList.ID?, lines: [QuoteLine]) async throws
}
