import Foundation
import FurrowStore
import FurrowTestSupport
import Testing

/// Whole flows told as a user would live them, through the API only.
@Suite("Scenarios: parties")
struct PartiesScenarioTests {
    @Test("a sales team sets up its customers: hierarchy, contacts, connections, a duplicate merged, everything audited", arguments: TestWorld.engines)
    func customerSetUp(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let adminToken = try await world.token(for: world.admin)
        try await world.withAPI { api in
            // given: the administrator creates a team and a salesperson
            let team = try await api.call(.post, "/api/v1/teams", token: adminToken, json: ["name": "Key Accounts"])
            _ = try await api.call(.post, "/api/v1/users", token: adminToken, json: [
                "email": "kim@test.example", "name": "Kim", "password": "kim-password", "role": "sales", "teamId": team.string("id")!,
            ])
            let kim = try #require(try await api.call(.post, "/api/v1/auth/tokens",
                                                      json: ["email": "kim@test.example", "password": "kim-password"]).string("token"))

            // when: Kim records a group of companies and the people she deals with
            let group = try await api.call(.post, "/api/v1/accounts", token: kim, json: ["name": "Umbrella Group", "website": "umbrella.example"])
            let groupId = try #require(group.string("id"))
            let labs = try await api.call(.post, "/api/v1/accounts", token: kim, json: ["name": "Umbrella Labs", "parentAccountId": groupId])
            let labsId = try #require(labs.string("id"))
            let alice = try await api.call(.post, "/api/v1/contacts", token: kim, json: [
                "firstName": "Alice", "lastName": "Abernathy", "email": "alice@umbrella.example", "accountId": labsId, "title": "Head of R&D",
            ])
            let aliceId = try #require(alice.string("id"))
            let connection = try await api.call(.post, "/api/v1/connections", token: kim, json: [
                "fromType": "contact", "fromId": aliceId, "toType": "account", "toId": groupId, "role": "board advisor of",
            ])
            #expect(connection.status == 201)

            // and she enters the labs twice by mistake, is warned, insists, then merges
            let warned = try await api.call(.post, "/api/v1/accounts", token: kim, json: ["name": "Umbrella Labs", "parentAccountId": groupId])
            #expect(warned.type == "duplicate-suspected")
            let twin = try await api.call(.post, "/api/v1/accounts?allowDuplicate=true", token: kim,
                                          json: ["name": "Umbrella Labs", "phone": "+1 555 0199"])
            let twinId = try #require(twin.string("id"))
            _ = try await api.call(.post, "/api/v1/contacts", token: kim, json: ["lastName": "Wesker", "accountId": twinId])
            let merged = try await api.call(.post, "/api/v1/accounts/\(labsId)/merge", token: kim, json: ["otherId": twinId])

            // then: one labs account with both people, inside the group, found by search (Alice by her email)
            #expect(merged.string("phone") == "+1 555 0199")
            let people = try await api.call(.get, "/api/v1/accounts/\(labsId)/contacts", token: kim)
            #expect(people.items.compactMap { $0["lastName"] as? String } == ["Abernathy", "Wesker"])
            let tree = try await api.call(.get, "/api/v1/accounts/\(groupId)/hierarchy", token: kim)
            let children = (tree.json["tree"] as? [String: Any])?["children"] as? [[String: Any]] ?? []
            #expect(children.compactMap { $0["name"] as? String } == ["Umbrella Labs"])
            let found = try await api.call(.get, "/api/v1/search?q=umbrel", token: kim)
            #expect(Set(found.items.compactMap { $0["title"] as? String }) == ["Umbrella Group", "Umbrella Labs", "Alice Abernathy"])
            let connections = try await api.call(.get, "/api/v1/contacts/\(aliceId)/connections", token: kim)
            #expect(connections.items.first?["role"] as? String == "board advisor of")

            // and the trail shows who did what
            let trail = try await api.call(.get, "/api/v1/audit?entity=account&id=\(labsId)", token: kim)
            #expect(trail.items.compactMap { $0["action"] as? String } == ["account.create", "account.merge"])
            let gone = try await api.call(.get, "/api/v1/audit?entity=account&id=\(twinId)", token: adminToken)
            #expect(gone.items.compactMap { $0["action"] as? String } == ["account.create", "account.delete"])
        }
    }
}
