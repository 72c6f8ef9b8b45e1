import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("global search order")
struct SearchOrderTests {
    /// Entries straight into the index (one statement), titles in a scrambled order.
    func index(_ titles: [String], in world: TestWorld) async throws {
        let owner = Ownership(ownerId: world.admin.userId, teamId: nil)
        let entries = titles.map { title in
            SearchEntry(kind: .account, id: UUID(), title: title, subtitle: "", text: title, ownership: owner)
        }
        try await world.env.store.write { session in try await session.indexNew(entries) }
    }

    @Test("exact title, then title prefix, then the rest, by name: whatever the number of matches", arguments: TestWorld.engines)
    func order(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: more matches of "mber" than a search ranks by sorting them all, numbered out of name order
        let many = (0..<2_200).map { n in
            let number = String(format: "%07d", (n * 7_919) % 10_000)
            return "Ember Analytics \(n % 2 == 0 ? "BV" : "AB") \(number)"
        }
        try await index(many + ["Mberg Holdings", "mber", "Zimber", "Amber Road"], in: world)
        let expectedRest = (many + ["Zimber", "Amber Road"]).sorted()
        // when
        let common = try await SearchService(world.env).search("mber", limit: 20, by: world.admin)
        let narrow = try await SearchService(world.env).search("ember analytics ab", limit: 5, by: world.admin)
        let few = try await SearchService(world.env).search("mberg", limit: 5, by: world.admin)
        // then
        #expect(common.map(\.title) == ["mber", "Mberg Holdings"] + expectedRest.prefix(18))
        #expect(common[2].title == "Amber Road")
        #expect(narrow.map(\.title) == Array(many.filter { $0.hasPrefix("Ember Analytics AB") }.sorted().prefix(5)))
        #expect(few.map(\.title) == ["Mberg Holdings"])
    }

    @Test("a search with few matches ranks them the same way", arguments: TestWorld.engines)
    func fewMatches(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given
        try await index(["Bolt Works", "Thunderbolt", "bolt", "Boltzmann Ltd", "Acme Bolts"], in: world)
        // when
        let found = try await SearchService(world.env).search("bolt", by: world.admin)
        // then
        #expect(found.map(\.title) == ["bolt", "Bolt Works", "Boltzmann Ltd", "Acme Bolts", "Thunderbolt"])
    }
}
