import Foundation
import FurrowDomain
import Testing

@Suite("Quote effects")
struct QuoteEffectTests {
    static let eur = Currency("EUR")!
    static let drill = Product.ID(UUID())

    static func quote(_ status: QuoteStatus, lines: [QuoteLine] = []) -> Quote {
        Quote(id: Quote.ID(UUID()), number: "Q-2026-00001", revision: 1, name: "Drills", status: status, accountId: nil, contactId: nil,
              opportunityId: Opportunity.ID(UUID()), leadId: nil, priceListId: nil, currency: eur, date: Day("2026-12-07")!, validUntil: nil,
              comments: nil, terms: nil, lines: lines, ownership: Ownership(ownerId: User.ID(UUID()), teamId: nil),
              createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
    }

    static let lines = [QuoteLine(productId: drill, description: "Drill", quantity: Micros("1")!, unitPrice: Micros("100")!, taxPercent: Micros("20")!),
                        QuoteLine(productId: drill, description: "Drill again", quantity: Micros("1")!, unitPrice: Micros("50")!),
                        QuoteLine(productId: nil, description: "Fitting", quantity: Micros("2")!, unitPrice: Micros("10")!)]

    @Test("accepting rejects every other open quote, sells each product once and wins at the net subtotal")
    func accept() throws {
        var quote = Self.quote(.sent, lines: Self.lines)
        let sibling = Quote.ID(UUID())
        let effects = try quote.accept(openQuotes: [quote.id, sibling], opportunityCurrency: Self.eur)
        #expect(quote.status == .accepted)
        #expect(effects == [.reject(sibling), .sell(Self.drill), .win(revenue: Money("170.00", currency: Self.eur))])
    }

    @Test("a quote in another currency than its opportunity wins it without a revenue")
    func otherCurrency() throws {
        var quote = Self.quote(.negotiation, lines: Self.lines)
        #expect(try quote.accept(openQuotes: [], opportunityCurrency: Currency("USD")!) == [.sell(Self.drill), .win(revenue: nil)])
    }

    @Test("rejecting loses the opportunity only when no other quote is open", arguments: [true, false])
    func reject(othersOpen: Bool) throws {
        var quote = Self.quote(.sent)
        let effects = try quote.reject(openQuotes: othersOpen ? [quote.id, Quote.ID(UUID())] : [quote.id])
        #expect(quote.status == .rejected)
        #expect(effects == (othersOpen ? [] : [.lose]))
    }

    @Test("a draft or closed quote is neither accepted nor rejected, and nothing follows", arguments: [QuoteStatus.draft, .accepted, .rejected, .revised])
    func refused(status: QuoteStatus) {
        var quote = Self.quote(status)
        #expect(throws: QuoteError.self) { try quote.accept(openQuotes: [], opportunityCurrency: Self.eur) }
        #expect(throws: QuoteError.self) { try quote.reject(openQuotes: []) }
        #expect(quote.status == status)
    }
}
