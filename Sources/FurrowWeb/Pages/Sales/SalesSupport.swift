import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain

/// The word the administrator chose for quotes ("Quote", "Budget", "Quotation"), in the forms
/// the pages need: `Quote`, `Quotes`, `quote`.
struct QuoteWord {
    let singular: String

    init(_ settings: Settings) {
        let word = settings.quoteWord.trimmedSpaces()
        singular = word.isEmpty ? "Quote" : word
    }

    var plural: String {
        let lower = singular.lowercased()
        if lower.hasSuffix("s") || lower.hasSuffix("x") || lower.hasSuffix("ch") || lower.hasSuffix("sh") { return singular + "es" }
        return singular + "s"
    }

    var lower: String { singular.lowercased() }
    var lowerPlural: String { plural.lowercased() }
}

/// Short texts and catalog pickers shared by the product, price-list and quote pages.
enum SalesText {
    /// The label of a status as read on a day: `expired` is derived from the validity.
    static func status(_ reading: QuoteReading) -> String {
        switch reading {
        case .draft: "Draft"
        case .sent: "Sent"
        case .negotiation: "In negotiation"
        case .accepted: "Accepted"
        case .rejected: "Rejected"
        case .revised: "Revised"
        case .expired: "Expired"
        }
    }

    static func verb(_ verb: QuoteStatus.Verb) -> String {
        switch verb {
        case .send: "Send"
        case .negotiate: "Negotiate"
        case .accept: "Accept"
        case .reject: "Reject"
        case .revise: "Revise"
        }
    }

    /// The flash after a transition.
    static func done(_ verb: QuoteStatus.Verb, _ word: QuoteWord) -> String {
        switch verb {
        case .send: "\(word.singular) sent."
        case .negotiate: "\(word.singular) in negotiation."
        case .accept: "\(word.singular) accepted."
        case .reject: "\(word.singular) rejected."
        case .revise: "New revision created."
        }
    }

    static func failed(_ verb: QuoteStatus.Verb) -> String {
        switch verb {
        case .send: "Not sent:"
        case .negotiate: "Not moved to negotiation:"
        case .accept: "Not accepted:"
        case .reject: "Not rejected:"
        case .revise: "Not revised:"
        }
    }

    static func type(_ kind: Product.Kind) -> String { kind == .good ? "Good" : "Service" }

    /// `20 %`, `5.5 %`.
    static func percent(_ micros: Micros) -> String { micros.decimalString + " %" }

    /// `Standard 20 %` stays as named; the percentage is already in the seeded names.
    static func taxRate(_ rate: TaxRate) -> String {
        rate.name.contains("%") ? rate.name : "\(rate.name) (\(percent(rate.percent)))"
    }

    /// `Spring 2026 (EUR, 2026-01-01 – 2026-06-30)`.
    static func priceList(_ list: PriceList) -> String {
        "\(list.name) (\(list.currency.code), \(list.validFrom) – \(list.validTo?.description ?? "open"))"
    }

    /// A unit price of a price list or line (micros, possibly finer than the currency's minor unit).
    static func price(_ micros: Micros, _ currency: Currency) -> String {
        Money(micros.decimalString, currency: currency).map { MoneyText.format($0) } ?? "\(micros.decimalString) \(currency.code)"
    }

    /// A quantity as typed back into a form: `2`, `1.5`.
    static func quantity(_ micros: Micros) -> String { micros.decimalString }
}

/// The catalog a sales page needs, read once.
struct SalesCatalog {
    let taxRates: [TaxRate]
    let products: [Product]
    let priceLists: [PriceList]

    static func load(_ env: CoreEnvironment, products: Bool = true, priceLists: Bool = true) async throws -> SalesCatalog {
        let service = ProductService(env)
        let items = products ? try await service.products(ListQuery(limit: 1000, sort: ListFields.products.defaultSort)) : []
        return SalesCatalog(taxRates: try await service.taxRates(), products: items,
                            priceLists: priceLists ? try await service.priceLists() : [])
    }

    func taxRate(_ id: TaxRate.ID?) -> TaxRate? { id.flatMap { id in taxRates.first { $0.id == id } } }
    func product(_ id: Product.ID?) -> Product? { id.flatMap { id in products.first { $0.id == id } } }
    func priceList(_ id: PriceList.ID?) -> PriceList? { id.flatMap { id in priceLists.first { $0.id == id } } }

    /// Active tax rates (and the selected one, even if inactive) as (value, label) pairs.
    func taxRateOptions(selected: String? = nil) -> [(String, String)] {
        taxRates.filter { $0.active || $0.id.string == selected }.map { ($0.id.string, SalesText.taxRate($0)) }
    }

    /// Products that can go on a document (active and not sold), plus the selected one.
    func sellable(selected: Set<String> = []) -> [Product] {
        products.filter { ($0.active && $0.inventoryStatus == .available) || selected.contains($0.id.string) }
    }
}

extension RecordParts {
    /// The record's audit trail, or nothing when the trail does not know the entity yet.
    func historyIfKnown(_ entity: String, _ id: UUID, by principal: Principal, shell: Shell,
                        names: [String: String] = [:]) async -> [HistoryRow] {
        (try? await history(entity, id, by: principal, shell: shell, names: names)) ?? []
    }
}
