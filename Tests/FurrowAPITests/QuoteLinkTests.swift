import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Quote links")
struct QuoteLinkTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])

    func quote(_ world: TestWorld, _ name: String, seller: Principal) async throws -> Quote {
        let contact = try await world.makeContact("Buyer", by: seller)
        let opportunity = try await world.makeOpportunity(name, by: seller)
        return try await QuoteService(world.env).create(QuoteInput(opportunityId: opportunity.id, contactId: contact.id,
                                                                   lines: [QuoteInput.Line(description: "Pump", quantity: Micros("2")!, unitPrice: Micros("1250")!)]),
                                                        by: seller)
    }

    @Test("sending makes the link; the customer opens and accepts it as the owner would; the owner is told", arguments: TestWorld.engines)
    func accept(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales)
        let links = QuoteLinks(world.env)
        let draft = try await quote(world, "Pumps", seller: seller)
        #expect(try await links.link(of: draft.id, by: seller) == nil)
        _ = try await QuoteService(world.env).send(draft.id, by: seller)
        let (link, _) = try #require(try await links.link(of: draft.id, by: seller))
        #expect(try await links.open("forged-\(link.token)", counting: true) == nil)
        let opened = try #require(try await links.open(link.token, counting: true))
        #expect(opened.answerable && opened.quote.id == draft.id)
        _ = try await links.open(link.token, counting: true)
        #expect(try await links.link(of: draft.id, by: seller)?.0.views == 2)
        let told = try await world.store.read { try await $0.notifications(for: seller.userId, unreadOnly: false, limit: 10) }
        #expect(told.filter { $0.message.contains("opened") }.count == 1)
        // accepting without a name is refused; with one the quote is accepted and the deal won
        await #expect(throws: ValidationError.self) {
            _ = try await links.answer(link.token, accept: true, name: " ", reason: nil, signature: nil, address: "203.0.113.7")
        }
        let accepted = try await links.answer(link.token, accept: true, name: "Bea Buyer", reason: nil, signature: Self.png, address: "203.0.113.7")
        #expect(accepted.status == .accepted)
        let deal = try await OpportunityService(world.env).get(draft.opportunityId, by: seller)
        #expect(deal.opportunity.status == .won)
        let (_, answers) = try #require(try await links.link(of: draft.id, by: seller))
        #expect(answers.map(\.name) == ["Bea Buyer"] && answers.first?.signature == Self.png && answers.first?.address == "203.0.113.7")
        let trail = try await world.store.read { try await $0.auditEntries(entity: "quote", id: draft.id.uuid) }
        #expect(trail.last?.action == "quote.accept" && trail.last?.via == "the customer's link")
        // answered: the page reads, but takes no second answer
        #expect(try await links.open(link.token, counting: false)?.answerable == false)
        await #expect(throws: QuoteError.self) {
            _ = try await links.answer(link.token, accept: false, name: nil, reason: nil, signature: nil, address: "203.0.113.7")
        }
    }

    @Test("a revision takes over the link; declining loses the deal; a revoked or expired link is not found", arguments: TestWorld.engines)
    func reviseDeclineRevoke(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales)
        let links = QuoteLinks(world.env), quotes = QuoteService(world.env)
        let first = try await quote(world, "Tanks", seller: seller)
        _ = try await quotes.send(first.id, by: seller)
        let (link, _) = try #require(try await links.link(of: first.id, by: seller))
        let second = try await quotes.revise(first.id, by: seller)
        // while the new revision is a draft, the customer reads the one they were sent, and cannot answer
        let meanwhile = try #require(try await links.open(link.token, counting: false))
        #expect(meanwhile.quote.id == first.id && meanwhile.beingRevised && !meanwhile.answerable)
        _ = try await quotes.send(second.id, by: seller)
        let now = try #require(try await links.open(link.token, counting: false))
        #expect(now.quote.id == second.id && now.answerable)
        #expect(try await links.link(of: second.id, by: seller)?.0.token == link.token)
        _ = try await links.answer(link.token, accept: false, name: nil, reason: "Too expensive this year", signature: nil, address: "198.51.100.2")
        let deal = try await OpportunityService(world.env).get(first.opportunityId, by: seller)
        #expect(deal.opportunity.status == .lost)

        let third = try await quote(world, "Valves", seller: seller)
        _ = try await quotes.send(third.id, by: seller)
        let (other, _) = try #require(try await links.link(of: third.id, by: seller))
        try await links.revoke(third.id, by: seller)
        #expect(try await links.open(other.token, counting: true) == nil)

        var fourth = try await quote(world, "Hoses", seller: seller)
        fourth = try await quotes.update(fourth.id, QuoteInput(opportunityId: fourth.opportunityId, contactId: fourth.contactId, validUntil: Day("2030-01-31"),
                                                               lines: [QuoteInput.Line(description: "Hose", quantity: Micros("1")!, unitPrice: Micros("10")!)]),
                                         expectedVersion: fourth.version, by: seller)
        _ = try await quotes.send(fourth.id, by: seller)
        let (late, _) = try #require(try await links.link(of: fourth.id, by: seller))
        #expect(try await links.open(late.token, counting: false) != nil)
        world.clock.advance(by: 20 * 365 * 86400)
        #expect(try await links.open(late.token, counting: false) == nil)
    }
}
