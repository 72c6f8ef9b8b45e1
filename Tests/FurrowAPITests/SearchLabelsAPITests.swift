import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Search results read as people read")
struct SearchLabelsAPITests {
    @Test("an opportunity's result says its status label and a grouped amount, also for entries saved before", arguments: TestWorld.engines)
    func labels(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        _ = try await world.makeOpportunity("Harbour cranes", revenue: "23900.00")
        _ = try await world.makeLead("Dock lighting")
        try await world.withAPI { api in
            // when
            let found = try await api.call(.get, "/api/v1/search?q=harbour", token: token)
            // then
            #expect(found.items.first?["subtitle"] as? String == "In progress · 23,900.00 EUR")
            let lead = try await api.call(.get, "/api/v1/search?q=dock lighting", token: token)
            #expect((lead.items.first?["subtitle"] as? String)?.hasSuffix(" · New") == true)

            // entries written before: their raw status is replaced by the migration
            try await world.execute("UPDATE search_entries SET subtitle = 'inProgress · 23900.00 EUR' WHERE kind = 'opportunity'")
            try await world.execute("UPDATE search_entries SET subtitle = 'Prospect Ltd · new' WHERE kind = 'lead'")
            try await world.execute("DELETE FROM schema_migrations WHERE version = 14")
            try await Migrator(world.store).migrate()
            let migrated = try await api.call(.get, "/api/v1/search?q=harbour", token: token)
            #expect(migrated.items.first?["subtitle"] as? String == "In progress · 23900.00 EUR")
            let migratedLead = try await api.call(.get, "/api/v1/search?q=dock lighting", token: token)
            #expect(migratedLead.items.first?["subtitle"] as? String == "Prospect Ltd · New")
        }
    }
}
