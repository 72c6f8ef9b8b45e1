import Foundation
import FurrowCore
import FurrowDomain
import FurrowTestSupport
import Testing

@Suite("Sign-in and tokens")
struct AuthAPITests {
    @Test("signing in returns a token that works until it is revoked")
    func tokenLifecycle() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        try await world.withAPI { api in
            // when
            let signIn = try await api.call(.post, "/api/v1/auth/tokens", json: ["email": "ADMIN@test.example", "password": "admin-password"])
            let token = try #require(signIn.string("token"))
            // then
            #expect(signIn.status == 201)
            #expect(token.count >= 43)
            let me = try await api.call(.get, "/api/v1/me", token: token)
            #expect(me.status == 200)
            #expect(me.string("email") == "admin@test.example")
            #expect(me.string("role") == "admin")
            #expect(try await api.call(.delete, "/api/v1/auth/tokens/current", token: token).status == 204)
            let after = try await api.call(.get, "/api/v1/me", token: token)
            #expect(after.status == 401)
            #expect(after.type == "unauthorized")
        }
    }

    @Test("tokens are stored only as hashes")
    func hashedTokens() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        let stored = try await world.store.read { session in try await session.credential(hash: token) }
        #expect(stored == nil)
        #expect(try await world.store.read { session in try await session.credential(hash: SecretToken.hash(token)) } != nil)
    }

    @Test("a wrong password is a 401 problem and repeated failures are throttled")
    func throttling() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        try await world.withAPI { api in
            for _ in 0..<AuthService.failuresPerAccount {
                let reply = try await api.call(.post, "/api/v1/auth/tokens", json: ["email": "admin@test.example", "password": "wrong-password"])
                #expect(reply.status == 401)
                #expect(reply.contentType == "application/problem+json")
            }
            // even the right password is refused while throttled
            let blocked = try await api.call(.post, "/api/v1/auth/tokens", json: ["email": "admin@test.example", "password": "admin-password"])
            #expect(blocked.status == 429)
            #expect(blocked.type == "too-many-attempts")
            #expect(blocked.headers[.retryAfter] != nil)
            world.clock.advance(by: AuthService.throttleWindow + 1)
            let later = try await api.call(.post, "/api/v1/auth/tokens", json: ["email": "admin@test.example", "password": "admin-password"])
            #expect(later.status == 201)
        }
    }

    @Test("requests without a valid token get 401", arguments: ["/api/v1/accounts", "/api/v1/me", "/api/v1/search?q=abc", "/api/v1/settings"])
    func unauthenticated(path: String) async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        try await world.withAPI { api in
            let anonymous = try await api.call(.get, path)
            let forged = try await api.call(.get, path, token: "forged-token")
            #expect(anonymous.status == 401)
            #expect(forged.status == 401)
        }
    }

    @Test("an inactive user's tokens stop working")
    func inactiveUser() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        let sales = try await world.makeUser(.sales)
        let token = try await world.token(for: sales)
        let adminToken = try await world.token(for: world.admin)
        try await world.withAPI { api in
            #expect(try await api.call(.get, "/api/v1/me", token: token).status == 200)
            let patch = try await api.call(.patch, "/api/v1/users/\(sales.userId)", token: adminToken, json: ["active": false, "version": 1])
            #expect(patch.status == 200)
            #expect(try await api.call(.get, "/api/v1/me", token: token).status == 401)
        }
    }
}
