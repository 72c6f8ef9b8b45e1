import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Named API tokens (SPEC §11): shown once and stored hashed, scoped, revocable, expiring, with
/// last use and the token named in the audit trail; on both engines.
@Suite("API tokens")
struct ApiTokenTests {
    @Test("a token is shown once and stored hashed; it reads with read, is refused a write without write; revoked it is a 401",
          arguments: TestWorld.engines)
    func lifecycle(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales)
        let session = try await world.token(for: seller)
        try await world.withAPI { api in
            // when: a read-only token is made
            let made = try await api.call(.post, "/api/v1/api-tokens", token: session, json: ["name": "Reporting", "scopes": ["read"]])
            #expect(made.status == 201, "\(made.text)")
            let secret = try #require(made.string("token")), id = try #require(made.string("id"))
            #expect(secret.hasPrefix("furrow_") && secret.count > 40 && made.string("prefix").map { secret.hasPrefix($0) } == true)
            // then: the database holds its hash, not the secret
            let stored = try await world.store.withDatabase { db in
                try await db.raw("SELECT * FROM api_tokens").all().map { row in
                    try ["hash", "prefix", "name", "scopes"].map { try row.decode(column: $0, as: String.self) }
                }
            }
            #expect(stored.count == 1 && stored[0][0] == SecretToken.hash(secret) && !stored.flatten().contains(secret))
            // it reads, and writes are refused with the scope named; its use is noted
            let read = try await api.call(.get, "/api/v1/accounts", token: secret)
            let write = try await api.call(.post, "/api/v1/accounts", token: secret, json: ["name": "Nope Ltd"])
            #expect(read.status == 200)
            #expect(write.status == 403 && write.text.contains("write scope"), "\(write.text)")
            let listed = try await api.call(.get, "/api/v1/api-tokens", token: session)
            let item = try #require((listed.json["items"] as? [[String: Any]])?.first)
            #expect(item["token"] == nil && item["lastUsedAt"] as? String != nil && item["active"] as? Bool == true && item["scopes"] as? [String] == ["read"])
            // when: revoked
            let revoked = try await api.call(.delete, "/api/v1/api-tokens/\(id)", token: session)
            let after = try await api.call(.get, "/api/v1/accounts", token: secret)
            let again = try await api.call(.get, "/api/v1/api-tokens/\(id)", token: session)
            #expect(revoked.status == 204 && after.status == 401)
            #expect(again.json["active"] as? Bool == false && again.json["revokedAt"] as? String != nil)
        }
    }

    @Test("scopes narrow a role, never widen it; an admin's token without admin administers nothing; tokens made with a token get at most its scopes",
          arguments: TestWorld.engines)
    func scopes(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales), reader = try await world.makeUser(.readonly)
        let mine = try await world.makeAccount("Seller's Farm", by: seller)
        _ = try await world.makeAccount("Someone Else's Farm")
        let admin = try await world.token(for: world.admin), sales = try await world.token(for: seller), readonly = try await world.token(for: reader)
        try await world.withAPI { api in
            // refused: admin scope for a seller, a token for someone else, write for a read-only user, an expiry in the past, unknown scopes
            let adminScope = try await api.call(.post, "/api/v1/api-tokens", token: sales, json: ["name": "x", "scopes": ["admin"]])
            let forOther = try await api.call(.post, "/api/v1/api-tokens", token: sales, json: ["name": "x", "scopes": ["read"], "userId": reader.userId.string])
            let readerWrite = try await api.call(.post, "/api/v1/api-tokens", token: readonly, json: ["name": "x", "scopes": ["write"]])
            let bad = try await api.call(.post, "/api/v1/api-tokens", token: sales,
                                         json: ["name": "", "scopes": ["read", "everything"], "expiresAt": "2020-01-01T00:00:00Z"])
            #expect(adminScope.status == 422 && adminScope.fieldErrors.map(\.field) == ["scopes"])
            #expect(forOther.status == 422 && forOther.fieldErrors.map(\.field) == ["userId"])
            #expect(readerWrite.status == 422 && readerWrite.fieldErrors.map(\.field) == ["scopes"])
            #expect(bad.status == 422 && Set(bad.fieldErrors.map(\.field)) == ["name", "scopes[1]", "expiresAt"], "\(bad.text)")

            // an administrator's read+write token reads and writes records but cannot make a user; with admin it can
            let plain = try #require(try await api.call(.post, "/api/v1/api-tokens", token: admin, json: ["name": "Sync", "scopes": ["read", "write"]]).string("token"))
            let full = try #require(try await api.call(.post, "/api/v1/api-tokens", token: admin, json: ["name": "Ops", "scopes": ["read", "write", "admin"]]).string("token"))
            let user = ["email": "new.person@example.com", "name": "New Person", "password": "a long enough password", "role": "sales"]
            let refused = try await api.call(.post, "/api/v1/users", token: plain, json: user)
            let account = try await api.call(.post, "/api/v1/accounts", token: plain, json: ["name": "Synced Ltd"])
            let allowed = try await api.call(.post, "/api/v1/users", token: full, json: user)
            #expect(refused.status == 403 && account.status == 201 && allowed.status == 201, "\(refused.status) \(account.status) \(allowed.text)")

            // an integration token made by the administrator acts as the seller: it sees the seller's records only
            let integration = try await api.call(.post, "/api/v1/api-tokens", token: admin,
                                                 json: ["name": "Webshop", "scopes": ["read"], "userId": seller.userId.string])
            let asSeller = try #require(integration.string("token"))
            let names = (try await api.call(.get, "/api/v1/accounts", token: asSeller).json["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(integration.string("userId") == seller.userId.string && names == [mine.fields.name])
            // the seller lists it among their own; the admin's list holds every token
            let sellerList = (try await api.call(.get, "/api/v1/api-tokens", token: sales).json["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            let adminList = (try await api.call(.get, "/api/v1/api-tokens", token: admin).json["items"] as? [[String: Any]])?.count
            #expect(sellerList == ["Webshop"] && adminList == 3)

            // made with the read+write token: at most read and write
            let wider = try await api.call(.post, "/api/v1/api-tokens", token: plain, json: ["name": "Wider", "scopes": ["read", "admin"]])
            let narrower = try await api.call(.post, "/api/v1/api-tokens", token: plain, json: ["name": "Narrower", "scopes": ["read"]])
            #expect(wider.status == 422 && wider.fieldErrors.map(\.field) == ["scopes"] && narrower.status == 201)
        }
    }

    @Test("an expired token is refused; the audit trail names the token a change came through; an inbound-email token hands in mail and nothing else",
          arguments: TestWorld.engines)
    func expiryAuditAndMail(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let admin = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let expiry = Timestamp.string(world.clock.now().addingTimeInterval(3600))
            let made = try await api.call(.post, "/api/v1/api-tokens", token: admin,
                                          json: ["name": "Nightly sync", "scopes": ["read", "write"], "expiresAt": expiry])
            let secret = try #require(made.string("token"))
            let created = try await api.call(.post, "/api/v1/accounts", token: secret, json: ["name": "Audited Ltd"])
            let id = try #require(created.string("id"))
            let trail = try await api.call(.get, "/api/v1/audit?entity=account&id=\(id)", token: admin)
            let entry = try #require((trail.json["items"] as? [[String: Any]])?.first)
            #expect(entry["via"] as? String == "token \"Nightly sync\"" && entry["actorId"] as? String == world.admin.userId.string, "\(trail.text)")
            // a change through the web session or a sign-in token names no token
            let plain = try await api.call(.post, "/api/v1/accounts", token: admin, json: ["name": "Direct Ltd"])
            let plainTrail = try await api.call(.get, "/api/v1/audit?entity=account&id=\(try #require(plain.string("id")))", token: admin)
            #expect((plainTrail.json["items"] as? [[String: Any]])?.first?["via"] == nil)

            world.clock.advance(by: 3601)
            #expect(try await api.call(.get, "/api/v1/accounts", token: secret).status == 401)

            let mail = try await api.call(.post, "/api/v1/api-tokens", token: admin, json: ["name": "Mail server", "scopes": ["inbound-email"]])
            let mailSecret = try #require(mail.string("token"))
            let reads = try await api.call(.get, "/api/v1/accounts", token: mailSecret)
            let handsIn = try await api.call(.post, "/api/v1/inbound-email", token: mailSecret, raw: "{}")
            #expect(reads.status == 403 && reads.text.contains("read scope"))
            #expect(handsIn.status == 415, "the route itself answers: \(handsIn.status) \(handsIn.text)")
            let writer = try #require(try await api.call(.post, "/api/v1/api-tokens", token: admin, json: ["name": "W", "scopes": ["write"]]).string("token"))
            let notMail = try await api.call(.post, "/api/v1/inbound-email", token: writer, raw: "{}")
            #expect(notMail.status == 403 && notMail.text.contains("inbound-email scope"))
        }
    }
}

extension ApiTokenTests {
    @Test("the token a change came through is kept in its audit entry when writes are grouped with others", arguments: TestWorld.engines)
    func viaUnderLoad(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let env = world.env, admin = world.admin
        // when: 40 creates at once, every other one through a token
        let made = try await withThrowingTaskGroup(of: (UUID, Bool).self) { group in
            for n in 0..<40 {
                group.addTask {
                    let through = n % 2 == 0
                    let account = try await AuditTrail.$via.withValue(through ? "token \"Sync\"" : nil) {
                        try await AccountService(env).create(AccountFields(name: "Grouped \(n)"), allowDuplicate: true, by: admin)
                    }
                    return (account.id.uuid, through)
                }
            }
            return try await group.reduce(into: [(UUID, Bool)]()) { $0.append($1) }
        }
        // then: each entry names the token exactly when its change came through it
        for (id, through) in made {
            let entry = try #require(try await AuditService(env).entries(entity: "account", id: id, by: admin).first)
            #expect(entry.via == (through ? "token \"Sync\"" : nil), "\(id)")
        }
    }
}

private extension Array where Element == [String] {
    func flatten() -> [String] { flatMap { $0 } }
}
