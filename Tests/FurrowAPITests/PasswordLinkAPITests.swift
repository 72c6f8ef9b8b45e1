import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// The secret of the newest password link emailed to the user (it is in the email's body).
func emailedLink(_ world: TestWorld, to user: User.ID) async throws -> (secret: String, subject: String) {
    let emails = try await world.store.read { try await $0.emails(relatedTo: user.uuid, limit: 10) }
    let email = try #require(emails.max { $0.createdAt < $1.createdAt })
    let range = try #require(email.body.range(of: #"/reset-password/[A-Za-z0-9_-]+"#, options: .regularExpression))
    return (String(email.body[range].dropFirst("/reset-password/".count)), email.subject)
}

@Suite("Password links")
struct PasswordLinkAPITests {
    @Test("forgot password: the same answer for any address, a link that works once within the hour, every sign-in ending", arguments: TestWorld.engines)
    func forgot(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales, email: "sam.forgot@example.com")
        try await world.withAPI { api in
            let token = try #require(try await api.call(.post, "/api/v1/auth/tokens", json: ["email": "sam.forgot@example.com", "password": "password-123"]).string("token"))
            let known = try await api.call(.post, "/api/v1/auth/password-reset", json: ["email": "SAM.forgot@example.com"])
            let unknown = try await api.call(.post, "/api/v1/auth/password-reset", json: ["email": "nobody@example.com"])
            #expect(known.status == 202 && unknown.status == 202)
            #expect(known.text == unknown.text)
            let link = try await emailedLink(world, to: seller.userId)
            #expect(link.subject.contains("reset your password"))
            // asking does not change anything yet
            #expect(try await api.call(.get, "/api/v1/me", token: token).status == 200)
            let short = try await api.call(.post, "/api/v1/auth/password-reset/confirm", json: ["token": link.secret, "password": "short"])
            #expect(short.status == 422 && short.fieldErrors.map(\.field) == ["password"])
            let wrong = try await api.call(.post, "/api/v1/auth/password-reset/confirm", json: ["token": "not-a-link", "password": "a-new-secret-1"])
            #expect(wrong.status == 422 && wrong.fieldErrors.map(\.field) == ["token"])
            let set = try await api.call(.post, "/api/v1/auth/password-reset/confirm", json: ["token": link.secret, "password": "a-new-secret-1"])
            #expect(set.status == 204, "\(set.text)")
            #expect(try await api.call(.get, "/api/v1/me", token: token).status == 401)
            let again = try await api.call(.post, "/api/v1/auth/password-reset/confirm", json: ["token": link.secret, "password": "another-one-2"])
            #expect(again.status == 422 && again.fieldErrors.map(\.field) == ["token"])
            #expect(try await api.call(.post, "/api/v1/auth/tokens", json: ["email": "sam.forgot@example.com", "password": "a-new-secret-1"]).status == 201)
            // a link older than an hour does not work
            _ = try await api.call(.post, "/api/v1/auth/password-reset", json: ["email": "sam.forgot@example.com"])
            let late = try await emailedLink(world, to: seller.userId)
            world.clock.advance(by: 3601)
            let expired = try await api.call(.post, "/api/v1/auth/password-reset/confirm", json: ["token": late.secret, "password": "too-late-123"])
            #expect(expired.status == 422 && expired.fieldErrors.map(\.field) == ["token"])
            // three asks per address in 15 minutes
            for _ in 0..<3 { _ = try await api.call(.post, "/api/v1/auth/password-reset", json: ["email": "flood@example.com"]) }
            #expect(try await api.call(.post, "/api/v1/auth/password-reset", json: ["email": "flood@example.com"]).status == 429)
        }
        let trail = try await world.store.read { try await $0.auditEntries(entity: "user", id: seller.userId.uuid) }
        #expect(trail.last?.changes.contains { $0.field == "password" && $0.new == "set by link" } == true)
        #expect(trail.last?.actorId == seller.userId)
    }

    @Test("an administrator forces a reset: the old password stops at once, sign-ins end, the link goes out; others cannot", arguments: TestWorld.engines)
    func forced(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales, email: "sam.forced@example.com")
        let manager = try await world.makeUser(.manager)
        try await world.withAPI { api in
            let admin = try await world.token(for: world.admin)
            let sellerToken = try await world.token(for: seller)
            let refused = try await api.call(.post, "/api/v1/users/\(seller.userId)/password-reset", token: try await world.token(for: manager))
            #expect(refused.status == 404 || refused.status == 403)
            let own = try await api.call(.post, "/api/v1/users/\(world.admin.userId)/password-reset", token: admin)
            #expect(own.status == 422)
            let reset = try await api.call(.post, "/api/v1/users/\(seller.userId)/password-reset", token: admin)
            #expect(reset.status == 202, "\(reset.text)")
            #expect(reset.string("email") == "sam.forced@example.com")
            // email is off in the test world: the administrator gets the link to pass on
            let link = try await emailedLink(world, to: seller.userId)
            #expect(reset.string("link")?.hasSuffix("/reset-password/\(link.secret)") == true)
            #expect(try await api.call(.get, "/api/v1/me", token: sellerToken).status == 401)
            #expect(try await api.call(.post, "/api/v1/auth/tokens", json: ["email": "sam.forced@example.com", "password": "password-123"]).status == 401)
            // a day to use it
            world.clock.advance(by: 23 * 3600)
            #expect(try await api.call(.post, "/api/v1/auth/password-reset/confirm", json: ["token": link.secret, "password": "fresh-start-9"]).status == 204)
            #expect(try await api.call(.post, "/api/v1/auth/tokens", json: ["email": "sam.forced@example.com", "password": "fresh-start-9"]).status == 201)
        }
    }

    @Test("an invited user has no password anyone knows until they choose one through the emailed link", arguments: TestWorld.engines)
    func invite(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        try await world.withAPI { api in
            let admin = try await world.token(for: world.admin)
            let both = try await api.call(.post, "/api/v1/users", token: admin, json: ["email": "new@example.com", "invite": true, "password": "password-123"])
            #expect(both.status == 422 && both.fieldErrors.map(\.field) == ["password"])
            let neither = try await api.call(.post, "/api/v1/users", token: admin, json: ["email": "new@example.com"])
            #expect(neither.status == 422 && neither.fieldErrors.map(\.field) == ["password"])
            let invited = try await api.call(.post, "/api/v1/users", token: admin, json: ["email": "new@example.com", "name": "Nell New", "invite": true, "role": "service"])
            #expect(invited.status == 201, "\(invited.text)")
            let id = try #require(invited.string("id").flatMap(User.ID.init))
            let link = try await emailedLink(world, to: id)
            #expect(link.subject.hasPrefix("You are invited"))
            world.clock.advance(by: 6 * 86400)
            #expect(try await api.call(.post, "/api/v1/auth/password-reset/confirm", json: ["token": link.secret, "password": "my-own-choice"]).status == 204)
            let signIn = try await api.call(.post, "/api/v1/auth/tokens", json: ["email": "new@example.com", "password": "my-own-choice"])
            #expect(signIn.status == 201)
        }
    }

    @Test("teams are renamed and their manager changed by administrators; payment terms added", arguments: TestWorld.engines)
    func teamsAndTerms(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let team = try await world.makeTeam("North")
        let boss = try await world.makeUser(.manager)
        try await world.withAPI { api in
            let admin = try await world.token(for: world.admin)
            let renamed = try await api.call(.patch, "/api/v1/teams/\(team.id)", token: admin, json: ["name": "North-East", "managerId": boss.userId.string])
            #expect(renamed.status == 200 && renamed.string("name") == "North-East" && renamed.string("managerId") == boss.userId.string, "\(renamed.text)")
            let cleared = try await api.call(.patch, "/api/v1/teams/\(team.id)", token: admin, json: ["managerId": NSNull()])
            #expect(cleared.status == 200 && cleared.string("managerId") == nil)
            let blank = try await api.call(.patch, "/api/v1/teams/\(team.id)", token: admin, json: ["name": " "])
            #expect(blank.status == 422)
            #expect(try await api.call(.patch, "/api/v1/teams/\(team.id)", token: try await world.token(for: boss), json: ["name": "Mine"]).status == 403)
            let term = try await api.call(.post, "/api/v1/payment-terms", token: admin, json: ["name": "Net 45", "days": 45])
            #expect(term.status == 201 && term.string("name") == "Net 45", "\(term.text)")
            let twice = try await api.call(.post, "/api/v1/payment-terms", token: admin, json: ["name": "net 45", "days": 45])
            #expect(twice.status == 422 && twice.fieldErrors.map(\.field) == ["name"])
            let terms = try await api.call(.get, "/api/v1/payment-terms", token: admin)
            #expect(terms.text.contains("Net 45"))
        }
    }
}
