import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import HTTPTypes
import Testing

@Suite("Ending sign-ins: password changes, deactivation, sign out everywhere")
struct SignOutTests {
    @Test("a password change ends the user's tokens and sessions; changing your own keeps the token that did it",
          arguments: TestWorld.engines)
    func passwordChange(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given
        let seller = try await world.makeUser(.sales)
        let sellerToken = try await world.token(for: seller)
        let sellerSession = try await world.session(for: seller)
        let adminToken = try await world.token(for: world.admin), otherAdminToken = try await world.token(for: world.admin)
        try await world.withAPI { api in
            // when
            let changed = try await api.call(.patch, "/api/v1/users/\(seller.userId)", token: adminToken,
                                             json: ["password": "a-new-password"], headers: ["If-Match": "\"1\""])
            let own = try await api.call(.patch, "/api/v1/users/\(world.admin.userId)", token: adminToken,
                                         json: ["password": "another-password"], headers: ["If-Match": "\"1\""])
            // then
            #expect(changed.status == 200)
            #expect(own.status == 200)
            #expect(try await api.call(.get, "/api/v1/me", token: sellerToken).status == 401)
            #expect(try await api.call(.get, "/me", headers: ["Cookie": sellerSession.cookie]).status == 303)
            #expect(try await api.call(.get, "/api/v1/me", token: otherAdminToken).status == 401)
            #expect(try await api.call(.get, "/api/v1/me", token: adminToken).status == 200)
        }
    }

    @Test("deactivating a user ends their tokens and sessions for good", arguments: TestWorld.engines)
    func deactivation(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given
        let seller = try await world.makeUser(.sales)
        let sellerToken = try await world.token(for: seller)
        let adminToken = try await world.token(for: world.admin)
        try await world.withAPI { api in
            // when
            let off = try await api.call(.patch, "/api/v1/users/\(seller.userId)", token: adminToken, json: ["active": false],
                                         headers: ["If-Match": "\"1\""])
            let on = try await api.call(.patch, "/api/v1/users/\(seller.userId)", token: adminToken, json: ["active": true],
                                        headers: ["If-Match": "\"2\""])
            // then
            #expect(off.status == 200)
            #expect(on.status == 200)
            #expect(try await api.call(.get, "/api/v1/me", token: sellerToken).status == 401)
        }
    }

    @Test("signing out everywhere ends every token and session of the caller, and no one else's", arguments: TestWorld.engines)
    func signOutEverywhere(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given
        let seller = try await world.makeUser(.sales)
        let first = try await world.token(for: seller), second = try await world.token(for: seller)
        let session = try await world.session(for: seller)
        let adminToken = try await world.token(for: world.admin)
        try await world.withAPI { api in
            // when
            let answer = try await api.call(.post, "/api/v1/auth/sign-out-everywhere", token: first)
            // then
            #expect(answer.status == 204)
            #expect(try await api.call(.get, "/api/v1/me", token: first).status == 401)
            #expect(try await api.call(.get, "/api/v1/me", token: second).status == 401)
            #expect(try await api.call(.get, "/me", headers: ["Cookie": session.cookie]).status == 303)
            #expect(try await api.call(.get, "/api/v1/me", token: adminToken).status == 200)
        }
    }

    @Test("the profile page's sign out everywhere button ends the browser's session and the user's tokens")
    func signOutEverywhereOnTheWeb() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        // given
        let seller = try await world.makeUser(.sales)
        let session = try await world.session(for: seller)
        let token = try await world.token(for: seller)
        try await world.withAPI { api in
            #expect(try await api.call(.get, "/me", headers: ["Cookie": session.cookie]).text.contains("/me/sign-out-everywhere"))
            // when
            let answer = try await api.call(.post, "/me/sign-out-everywhere", raw: "_csrf=\(session.csrf)",
                                            headers: ["Cookie": session.cookie, "Content-Type": "application/x-www-form-urlencoded"])
            // then
            #expect(answer.status == 303)
            #expect(answer.headers[.location] == "/login")
            #expect(try await api.call(.get, "/me", headers: ["Cookie": session.cookie]).status == 303)
            #expect(try await api.call(.get, "/api/v1/me", token: token).status == 401)
        }
    }
}
