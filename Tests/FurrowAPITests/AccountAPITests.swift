import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Accounts and contacts over the API")
struct AccountAPITests {
    @Test("creating an account answers 201 with Location, and reading it back matches", arguments: TestWorld.engines)
    func create(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let created = try await api.call(.post, "/api/v1/accounts", token: token,
                                             json: ["name": "Acme", "email": "info@acme.example", "website": "acme.example"])
            #expect(created.status == 201)
            let id = try #require(created.string("id"))
            #expect(created.headers[.location] == "/api/v1/accounts/\(id)")
            #expect(created.json["version"] as? Int == 1)
            let read = try await api.call(.get, "/api/v1/accounts/\(id)", token: token)
            #expect(read.string("name") == "Acme")
            #expect(read.string("ownerId") == world.admin.userId.string)
        }
    }

    @Test("bad bodies get the right problem", arguments: [
        ("{not json", 400, "malformed-request"),
        ("[1,2]", 400, "malformed-request"),
        ("{\"name\": 5}", 422, "validation"),
        ("{\"name\": \"\"}", 422, "validation"),
        ("{\"name\": \"A\", \"email\": \"nope\"}", 422, "validation"),
        ("{\"name\": \"A\", \"color\": \"red\"}", 422, "validation"),
        ("{\"name\": \"A\", \"parentAccountId\": \"not-a-uuid\"}", 422, "validation"),
        ("{\"name\": \"A\", \"parentAccountId\": \"00000000-0000-0000-0000-0000000000ff\"}", 422, "validation"),
    ])
    func badBodies(body: String, status: Int, slug: String) async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let reply = try await api.call(.post, "/api/v1/accounts", token: token, raw: body)
            #expect(reply.status == status)
            #expect(reply.type == slug)
            #expect(reply.contentType == "application/problem+json")
            if status == 422 { #expect(!(reply.json["errors"] as? [Any] ?? []).isEmpty) }
        }
    }

    @Test("PATCH needs the current version: stale → 412, missing → 428, current → 200", arguments: TestWorld.engines)
    func versions(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Versioned")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let path = "/api/v1/accounts/\(account.id)"
            let missing = try await api.call(.patch, path, token: token, json: ["industry": "A"])
            #expect(missing.status == 428)
            let ok = try await api.call(.patch, path, token: token, json: ["industry": "A"], headers: ["If-Match": "\"1\""])
            #expect(ok.status == 200)
            #expect(ok.json["version"] as? Int == 2)
            let stale = try await api.call(.patch, path, token: token, json: ["industry": "B", "version": 1])
            #expect(stale.status == 412)
            #expect(stale.type == "version-conflict")
            #expect(stale.json["currentVersion"] as? Int == 2)
            #expect(try await api.call(.get, path, token: token).string("industry") == "A")
        }
    }

    @Test("server-owned fields in a body are never applied", arguments: TestWorld.engines)
    func serverOwned(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let team = try await world.makeTeam()
        let sales = try await world.makeUser(.sales, team: team)
        let token = try await world.token(for: sales)
        try await world.withAPI { api in
            let created = try await api.call(.post, "/api/v1/accounts", token: token, json: [
                "name": "Mine", "id": "00000000-0000-0000-0000-0000000000aa", "version": 99, "createdAt": "2000-01-01T00:00:00Z",
            ])
            #expect(created.status == 201)
            #expect(created.string("id") != "00000000-0000-0000-0000-0000000000aa")
            #expect(created.json["version"] as? Int == 1)
            let reassign = try await api.call(.post, "/api/v1/accounts", token: token, json: ["name": "Theirs", "ownerId": world.admin.userId.string])
            #expect(reassign.status == 422)
        }
    }

    @Test("a no-op PATCH changes nothing and writes no audit entry", arguments: TestWorld.engines)
    func noOp(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Quiet")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let reply = try await api.call(.patch, "/api/v1/accounts/\(account.id)", token: token, json: ["name": "Quiet", "version": 1])
            #expect(reply.status == 200)
            #expect(reply.json["version"] as? Int == 1)
            let audit = try await api.call(.get, "/api/v1/audit?entity=account&id=\(account.id)", token: token)
            #expect(audit.items.map { $0["action"] as? String } == ["account.create"])
        }
    }

    @Test("every change is audited with old → new values", arguments: TestWorld.engines)
    func auditTrail(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Before")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            _ = try await api.call(.patch, "/api/v1/accounts/\(account.id)", token: token, json: ["name": "After", "industry": "Energy", "version": 1])
            let audit = try await api.call(.get, "/api/v1/audit?entity=account&id=\(account.id)", token: token)
            let update = try #require(audit.items.last)
            #expect(update["action"] as? String == "account.update")
            #expect(update["actorId"] as? String == world.admin.userId.string)
            let changes = update["changes"] as? [[String: Any]] ?? []
            #expect(changes.map { $0["field"] as? String } == ["industry", "name"])
            #expect(changes.last?["old"] as? String == "Before")
            #expect(changes.last?["new"] as? String == "After")
        }
    }

    @Test("likely duplicates are reported unless allowed", arguments: TestWorld.engines)
    func duplicates(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            _ = try await api.call(.post, "/api/v1/accounts", token: token, json: ["name": "Globex", "phone": "+1 (555) 010-2000"])
            let twin = try await api.call(.post, "/api/v1/accounts", token: token, json: ["name": "Globex Corp", "phone": "1 555 010 2000"])
            #expect(twin.status == 409)
            #expect(twin.type == "duplicate-suspected")
            let matches = twin.json["matches"] as? [[String: Any]] ?? []
            #expect(matches.first?["name"] as? String == "Globex")
            #expect(matches.first?["matchedOn"] as? [String] == ["phone"])
            let sameName = try await api.call(.post, "/api/v1/accounts", token: token, json: ["name": "globex"])
            #expect(sameName.status == 409)
            let forced = try await api.call(.post, "/api/v1/accounts?allowDuplicate=true", token: token, json: ["name": "Globex Corp", "phone": "1 555 010 2000"])
            #expect(forced.status == 201)
            _ = try await api.call(.post, "/api/v1/contacts", token: token, json: ["lastName": "Lee", "email": "lee@x.example"])
            let contactTwin = try await api.call(.post, "/api/v1/contacts", token: token, json: ["lastName": "Other", "email": "LEE@x.example "])
            #expect(contactTwin.type == "duplicate-suspected")
        }
    }

    @Test("the hierarchy refuses cycles and shows ancestors and children", arguments: TestWorld.engines)
    func hierarchy(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let root = try await world.makeAccount("Root")
        let middle = try await world.makeAccount("Middle", parent: root.id)
        let leaf = try await world.makeAccount("Leaf", parent: middle.id)
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let cycle = try await api.call(.patch, "/api/v1/accounts/\(root.id)", token: token, json: ["parentAccountId": leaf.id.string, "version": 1])
            #expect(cycle.status == 409)
            #expect(cycle.type == "hierarchy-cycle")
            let itself = try await api.call(.patch, "/api/v1/accounts/\(root.id)", token: token, json: ["parentAccountId": root.id.string, "version": 1])
            #expect(itself.type == "hierarchy-cycle")
            let tree = try await api.call(.get, "/api/v1/accounts/\(middle.id)/hierarchy", token: token)
            #expect((tree.json["ancestors"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Root"])
            let node = tree.json["tree"] as? [String: Any]
            #expect((node?["children"] as? [[String: Any]])?.first?["name"] as? String == "Leaf")
        }
    }

    @Test("merging moves contacts, children and connections to the survivor in one step", arguments: TestWorld.engines)
    func merge(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let keep = try await world.makeAccount("Initech")
        let drop = try await world.makeAccount("Initech Inc", email: "hq@initech.example")
        let child = try await world.makeAccount("Initech East", parent: drop.id)
        let contact = try await world.makeContact("Lumbergh", account: drop.id)
        let partner = try await world.makeAccount("Partner")
        _ = try await ConnectionService(world.env).create(fromType: .account, fromId: drop.id.uuid, toType: .account, toId: partner.id.uuid,
                                                          role: "partner of", by: world.admin)
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let merged = try await api.call(.post, "/api/v1/accounts/\(keep.id)/merge", token: token, json: ["otherId": drop.id.string])
            #expect(merged.status == 200)
            #expect(merged.string("email") == "hq@initech.example")
            #expect(try await api.call(.get, "/api/v1/accounts/\(drop.id)", token: token).status == 404)
            let moved = try await api.call(.get, "/api/v1/contacts/\(contact.id)", token: token)
            #expect(moved.string("accountId") == keep.id.string)
            #expect(moved.json["version"] as? Int == 2)
            let contactTrail = try await api.call(.get, "/api/v1/audit?entity=contact&id=\(contact.id)", token: token)
            #expect(contactTrail.items.last?["action"] as? String == "contact.update")
            #expect(try await api.call(.get, "/api/v1/accounts/\(child.id)", token: token).string("parentAccountId") == keep.id.string)
            let connections = try await api.call(.get, "/api/v1/accounts/\(keep.id)/connections", token: token)
            #expect(connections.items.count == 1)
            let contacts = try await api.call(.get, "/api/v1/accounts/\(keep.id)/contacts", token: token)
            #expect(contacts.items.map { $0["lastName"] as? String } == ["Lumbergh"])
            let audit = try await api.call(.get, "/api/v1/audit?entity=account&id=\(keep.id)", token: token)
            #expect(audit.items.last?["action"] as? String == "account.merge")
            let selfMerge = try await api.call(.post, "/api/v1/accounts/\(keep.id)/merge", token: token, json: ["otherId": keep.id.string])
            #expect(selfMerge.type == "merge-with-self")
        }
    }

    @Test("an account with contacts cannot be deleted; without them it can", arguments: TestWorld.engines)
    func delete(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Busy")
        let contact = try await world.makeContact("Worker", account: account.id)
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let refused = try await api.call(.delete, "/api/v1/accounts/\(account.id)", token: token)
            #expect(refused.status == 409)
            #expect(refused.type == "has-dependents")
            #expect(try await api.call(.delete, "/api/v1/contacts/\(contact.id)", token: token).status == 204)
            #expect(try await api.call(.delete, "/api/v1/accounts/\(account.id)", token: token).status == 204)
            #expect(try await api.call(.get, "/api/v1/accounts/\(account.id)", token: token).status == 404)
            let audit = try await api.call(.get, "/api/v1/audit?entity=account&id=\(account.id)", token: token)
            #expect(audit.items.map { $0["action"] as? String } == ["account.create", "account.delete"])
        }
    }

    @Test("lists page with cursors, sort and filter, and refuse unknown fields", arguments: TestWorld.engines)
    func lists(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        for name in ["Delta", "alpha", "Charlie", "Bravo", "Echo"] { _ = try await world.makeAccount(name) }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let first = try await api.call(.get, "/api/v1/accounts?limit=2&sort=-name", token: token)
            #expect(first.items.map { $0["name"] as? String } == ["alpha", "Echo"])
            let cursor = try #require(first.string("nextCursor"))
            let second = try await api.call(.get, "/api/v1/accounts?limit=2&sort=-name&cursor=\(cursor)", token: token)
            #expect(second.items.map { $0["name"] as? String } == ["Delta", "Charlie"])
            let last = try await api.call(.get, "/api/v1/accounts?limit=2&sort=-name&cursor=\(try #require(second.string("nextCursor")))", token: token)
            #expect(last.items.map { $0["name"] as? String } == ["Bravo"])
            #expect(last.json.keys.contains("nextCursor"), "the last page says nextCursor: null")
            #expect(last.json["nextCursor"] is NSNull)
            for bad in ["sort=color", "color=red", "createdAt[between]=1", "limit=0", "limit=201", "cursor=%%%", "ownerId=abc",
                        "createdAt[gt]=yesterday"] {
                let reply = try await api.call(.get, "/api/v1/accounts?\(bad)", token: token)
                #expect(reply.status == 400, "\(bad)")
                #expect(reply.type == "invalid-query", "\(bad)")
            }
            let text = try await api.call(.get, "/api/v1/accounts?q=harli", token: token)
            #expect(text.items.map { $0["name"] as? String } == ["Charlie"])
        }
    }
}
