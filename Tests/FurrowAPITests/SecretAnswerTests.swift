import Foundation
import FurrowServer
import FurrowDomain
import FurrowTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Secrets in answers: no-store, metrics")
struct SecretAnswerTests {
    @Test("answers carrying a secret are not cached")
    func noStore() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let signIn = try await api.call(.post, "/api/v1/auth/tokens", json: ["email": "admin@test.example", "password": "admin-password"])
            #expect(signIn.status == 201)
            #expect(signIn.headers[.cacheControl] == "no-store")
            let feed = try await api.call(.get, "/api/v1/me/calendar-feed", token: token)
            #expect(feed.status == 200)
            #expect(feed.headers[.cacheControl] == "no-store")
        }
    }

    @Test("/metrics needs an administrator's token unless the operator makes it public")
    func metrics() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        let admin = try await world.token(for: world.admin)
        let seller = try await world.token(for: try await world.makeUser(.sales))
        try await world.withAPI { api in
            #expect(try await api.call(.get, "/metrics").status == 401)
            #expect(try await api.call(.get, "/metrics", token: seller).status == 403)
            let allowed = try await api.call(.get, "/metrics", token: admin)
            #expect(allowed.status == 200)
            #expect(allowed.text.contains("hb_requests"))
        }
        let open = Application(router: FurrowServer.router(env: world.env, metricsPublic: true))
        let status = try await open.test(.router) { client in try await client.execute(uri: "/metrics", method: .get).status }
        #expect(status == .ok)
    }
}
