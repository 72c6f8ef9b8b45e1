import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// A verb runs a fixed, small number of statements: a state change writes the header row only,
/// lines are written in one statement, and effects on other records are single updates (DESIGN §8).
@Suite("Verb statements")
struct VerbStatementsTests {
    @Test("accepting a 3-line quote with one open sibling and a serialised item", arguments: TestWorld.engines)
    func acceptQuote(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: a 3-line quote (one line a serialised item) and an open sibling on the same opportunity
        let account = try await world.makeAccount("Statement Buyer")
        let drill = try await world.makeProduct("Drill", serialNumber: "SN-1")
        let list = try await world.makePriceList([drill.id: "100.00"])
        let deal = try await world.makeOpportunity(account: account.id)
        let eur = Currency("EUR")!
        let lines = [QuoteInput.Line(productId: drill.id, quantity: Micros("1")!),
                     QuoteInput.Line(description: "Two", quantity: Micros("2")!, unitPrice: Micros("5")!),
                     QuoteInput.Line(description: "Three", quantity: Micros("3")!, unitPrice: Micros("7")!)]
        let quote = try await QuoteService(world.env).create(QuoteInput(opportunityId: deal.id, priceListId: list.id, currency: eur, lines: lines),
                                                             by: world.admin)
        let sibling = try await QuoteService(world.env).create(QuoteInput(opportunityId: deal.id, currency: eur, lines: Array(lines.dropFirst())),
                                                               by: world.admin)
        _ = try await QuoteService(world.env).send(quote.id, by: world.admin)
        _ = try await QuoteService(world.env).send(sibling.id, by: world.admin)
        // when
        let counter = try await StatementCounter.counting {
            _ = try await QuoteService(world.env).accept(quote.id, by: world.admin)
        }
        // then: everything happened, in at most 17 statements (30 before the kernel; the 17th is the one
        // read of the webhook subscriptions that decides which events the change records)
        let accepted = try await QuoteService(world.env).get(quote.id, by: world.admin)
        #expect(accepted.status == QuoteStatus.accepted)
        #expect(accepted.lines.count == 3)
        #expect(try await QuoteService(world.env).get(sibling.id, by: world.admin).status == QuoteStatus.rejected)
        #expect(try await OpportunityService(world.env).get(deal.id, by: world.admin).opportunity.status == OpportunityStatus.won)
        #expect(try await ProductService(world.env).product(drill.id).inventoryStatus == Product.InventoryStatus.sold)
        let writes = counter.log.map { $0.sql }.filter { !$0.hasPrefix("SELECT") }
        #expect(!writes.contains { $0.contains("DELETE FROM quote_lines") }, "a state change must not rewrite lines")
        #expect(counter.count <= 17, "\(counter.count) statements: \(counter.log.map { String($0.sql.prefix(40)) })")
    }
}
