import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// The home page's numbers (issue 22): each counts a list's filter as the caller sees it, and its
/// link is that list with the same filter — the API list with that filter holds as many rows.
@Suite("Home")
struct HomeAPITests {
    @Test("a sales rep's deals past their close date are counted, linked to their filter, and the same list holds them", arguments: TestWorld.engines)
    func pastClose(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales)
        let today = try await SettingsService(world.env).current().today(world.env.clock.now())
        let kind = try await world.kind("Standard sale").id
        for (name, close) in [("Late barn", today.adding(days: -3)), ("Later silo", today.adding(days: -1)), ("Future mill", today.adding(days: 20))] {
            _ = try await OpportunityService(world.env).create(OpportunityInput(fields: OpportunityFields(name: name, currency: Currency("EUR")!, expectedCloseDate: close),
                                                                                kindId: kind), by: seller)
        }
        // someone else's late deal is not the seller's
        _ = try await OpportunityService(world.env).create(OpportunityInput(fields: OpportunityFields(name: "Admin's late deal", currency: Currency("EUR")!,
                                                                                                      expectedCloseDate: today.adding(days: -5)), kindId: kind), by: world.admin)
        let token = try await world.token(for: seller)
        try await world.withAPI { api in
            let home = try await api.call(.get, "/api/v1/me/home", token: token)
            #expect(home.status == 200, "\(home.text)")
            let sections = home.json["sections"] as? [[String: Any]] ?? []
            #expect(sections.map { $0["kind"] as? String } == ["day", "mine"])
            let mine = try #require(sections.first { $0["kind"] as? String == "mine" })
            let late = try #require((mine["counts"] as? [[String: Any]])?.first { ($0["title"] as? String)?.contains("past their close date") == true })
            #expect(late["value"] as? Int == 2 && late["warns"] as? Bool == true)
            let link = try #require(late["link"] as? String)
            #expect(link == "/opportunities?ownerId=\(seller.userId.string)&status=inProgress&expectedCloseDate[lt]=\(today)", "\(link)")
            let listed = try await api.call(.get, "/api/v1" + link, token: token)
            #expect(Set(listed.items.compactMap { $0["name"] as? String }) == ["Late barn", "Later silo"], "\(listed.text)")
            let pipeline = try #require(mine["pipeline"] as? [[String: Any]])
            #expect(pipeline.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == 3)
            #expect(try await api.call(.get, "/api/v1/me/home?x=1", token: token).status == 400)
        }
    }

    @Test("finance sees the day and the money, an administrator the company and what is not set up", arguments: [Engine.sqlite])
    func roles(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let finance = try await world.makeUser(.finance)
        let sections = try await HomeService(world.env).home(by: finance)
        #expect(sections.map(\.kind) == [.day, .money])
        #expect(sections[1].counts.map(\.path).contains("/bank"))
        let admin = try await HomeService(world.env).home(by: world.admin)
        #expect(admin.map(\.kind) == [.day, .mine, .team, .money, .service, .setup])
        #expect(admin.last?.gaps.contains { $0.text.hasPrefix("No mail server") } == true)
    }
}

/// A user changes their own password (issue 22): naming the current one, every other sign-in ends.
@Suite("Own password")
struct OwnPasswordAPITests {
    @Test("the current password is required, the new one is checked, other tokens end and this one keeps working", arguments: TestWorld.engines)
    func change(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales, email: "sam.pass@example.com")
        try await world.withAPI { api in
            func signIn(_ password: String) async throws -> API.Reply {
                try await api.call(.post, "/api/v1/auth/tokens", json: ["email": "sam.pass@example.com", "password": password])
            }
            let mine = try #require(try await signIn("password-123").string("token"))
            let other = try #require(try await signIn("password-123").string("token"))
            let wrong = try await api.call(.post, "/api/v1/me/password", token: mine, json: ["currentPassword": "nope-nope", "newPassword": "a-new-secret-1"])
            #expect(wrong.status == 422 && wrong.fieldErrors.map(\.field) == ["currentPassword"], "\(wrong.text)")
            let short = try await api.call(.post, "/api/v1/me/password", token: mine, json: ["currentPassword": "password-123", "newPassword": "short"])
            #expect(short.status == 422 && short.fieldErrors.map(\.field) == ["newPassword"])
            let changed = try await api.call(.post, "/api/v1/me/password", token: mine, json: ["currentPassword": "password-123", "newPassword": "a-new-secret-1"])
            #expect(changed.status == 204, "\(changed.text)")
            #expect(try await api.call(.get, "/api/v1/me", token: mine).status == 200)
            #expect(try await api.call(.get, "/api/v1/me", token: other).status == 401)
            #expect(try await signIn("password-123").status == 401)
            #expect(try await signIn("a-new-secret-1").status == 201)
        }
        let trail = try await world.store.read { try await $0.auditEntries(entity: "user", id: seller.userId.uuid) }
        #expect(trail.last?.changes.contains { $0.field == "password" && $0.new == "changed" } == true)
    }
}
