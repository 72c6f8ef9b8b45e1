import Foundation

/// What a quote's verb does to other records (rules 9–11). The domain says what follows;
/// Core applies each effect to its record with a version check, in the verb's transaction.
public enum QuoteEffect: Sendable, Equatable {
    /// Another open quote of the same opportunity is rejected.
    case reject(Quote.ID)
    /// A product on a line is sold (it changes only when it is a serialised item).
    case sell(Product.ID)
    /// The opportunity is won at this revenue: the quote's subtotal net of tax, or nil when the
    /// quote is in another currency than the opportunity.
    case win(revenue: Money?)
    /// The opportunity is lost: no open quote remains.
    case lose
}

extension Quote {
    /// Accepts the quote; every other open quote is rejected, the serialised items on its lines
    /// are sold, and its opportunity is won (rules 9–10).
    public mutating func accept(openQuotes: [Quote.ID], opportunityCurrency: Currency) throws(QuoteError) -> [QuoteEffect] {
        status = try status.applying(.accept)
        var effects = openQuotes.filter { $0 != id }.map(QuoteEffect.reject)
        var products = Set<Product.ID>()
        for line in lines {
            if let product = line.productId, products.insert(product).inserted { effects.append(.sell(product)) }
        }
        effects.append(.win(revenue: currency == opportunityCurrency ? totals.subtotal : nil))
        return effects
    }

    /// Rejects the quote; the opportunity is lost when no other open quote remains (rule 11).
    public mutating func reject(openQuotes: [Quote.ID]) throws(QuoteError) -> [QuoteEffect] {
        status = try status.applying(.reject)
        return openQuotes.contains { $0 != id } ? [] : [.lose]
    }
}
