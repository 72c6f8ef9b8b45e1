import Foundation
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// An opportunity in a list or on its own carries the names of what it refers to, so a client
/// showing a page of them makes one request, not one per customer.
@Suite("Names in answers")
struct ListNamesAPITests {
    @Test("an opportunity carries its account, contact, owner, stage and kind names, in the list and alone", arguments: TestWorld.engines)
    func opportunityNames(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given
        let account = try await world.makeAccount("Okafor Packaging")
        let other = try await world.makeAccount("Solent Marine")
        let contact = try await world.makeContact("Lovelace", firstName: "Ada", account: account.id)
        let kind = try await world.kind("Standard sale")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let created = try await api.call(.post, "/api/v1/opportunities", token: token, json: [
                "name": "Crates for 2027", "kindId": kind.id.string, "accountId": account.id.string, "contactId": contact.id.string,
            ])
            #expect(created.status == 201)
            let id = try #require(created.string("id"))
            // when
            let item = try #require(try await api.call(.get, "/api/v1/opportunities", token: token).items.first { $0["id"] as? String == id })
            let detail = try await api.call(.get, "/api/v1/opportunities/\(id)", token: token)
            // then
            for answer in [item, detail.json] {
                #expect(answer["accountName"] as? String == "Okafor Packaging")
                #expect(answer["contactName"] as? String == "Ada Lovelace")
                #expect(answer["ownerName"] as? String == "Admin")
                #expect(answer["kindName"] as? String == "Standard sale")
                #expect((answer["stageName"] as? String)?.isEmpty == false)
            }
            // and after a change of account the answer names the new one
            let version = try #require(detail.json["version"] as? Int)
            let moved = try await api.call(.patch, "/api/v1/opportunities/\(id)", token: token,
                                           json: ["accountId": other.id.string, "contactId": NSNull(), "version": version])
            #expect(moved.status == 200)
            #expect(moved.json["accountName"] as? String == "Solent Marine")
            #expect(moved.json["contactName"] == nil)
            #expect(moved.json["kindName"] as? String == "Standard sale")
        }
    }

    @Test("a name whose reference changes is dropped, not left stale")
    func staleNames() {
        // given
        var opportunity = Opportunity(id: Opportunity.ID(UUID()), fields: OpportunityFields(name: "Deal", accountId: Account.ID(UUID()),
                                      currency: Currency("EUR")!), kindId: OpportunityKind.ID(UUID()), stageId: nil, probability: 10,
                                      ownership: Ownership(ownerId: User.ID(UUID()), teamId: nil), createdAt: Date(), updatedAt: Date())
        opportunity.names = ["accountName": "Okafor", "ownerName": "Admin", "kindName": "Standard sale"]
        // when
        opportunity.fields.accountId = Account.ID(UUID())
        opportunity.fields.name = "Renamed"
        // then
        #expect(opportunity.names == ["ownerName": "Admin", "kindName": "Standard sale"])
    }
}

/// Every list of the demo company names what its items refer to.
@Suite("Names in the demo company's lists")
struct DemoListNamesTests {
    /// Each list's references (an id field, or an object for `regarding`) and the name each carries.
    static let references: [(list: String, pairs: [(id: String, name: String)])] = [
        ("accounts", [("parentAccountId", "parentAccountName")]),
        ("contacts", [("accountId", "accountName")]),
        ("leads", [("channelId", "channelName")]),
        ("opportunities", [("accountId", "accountName"), ("contactId", "contactName")]),
        ("quotes", [("accountId", "accountName"), ("contactId", "contactName"), ("opportunityId", "opportunityName")]),
        ("orders", [("accountId", "accountName"), ("contactId", "contactName")]),
        ("invoices", [("accountId", "accountName"), ("contactId", "contactName")]),
        ("payments", [("accountId", "accountName")]),
        ("activities", [("regarding", "regardingName")]),
    ]

    @Test("every item of every list names its owner and each record it refers to")
    func listsCarryNames() async throws {
        try await DemoDatabase.with { env, admin in
            try await API.with(env) { api in
                let token = try #require(try await api.call(.post, "/api/v1/auth/tokens", json: ["email": admin.email, "password": admin.password])
                    .string("token"))
                for (list, pairs) in Self.references {
                    // when
                    let items = try await api.call(.get, "/api/v1/\(list)?limit=200", token: token).items
                    // then
                    #expect(!items.isEmpty, "\(list) is empty in the demo company")
                    var named = 0
                    for item in items {
                        #expect((item["ownerName"] as? String)?.isEmpty == false, "\(list): no ownerName")
                        for (id, name) in pairs where item[id] != nil && !(item[id] is NSNull) {
                            #expect((item[name] as? String)?.isEmpty == false, "\(list): \(id) without \(name)")
                            named += 1
                        }
                    }
                    #expect(named > 0, "no item of \(list) refers to anything, so its names go untested")
                }
            }
        }
    }

    @Test("an activity about any kind of record names that record")
    func regardingNames() async throws {
        try await DemoDatabase.with { env, admin in
            try await API.with(env) { api in
                let token = try #require(try await api.call(.post, "/api/v1/auth/tokens", json: ["email": admin.email, "password": admin.password])
                    .string("token"))
                for kind in Regarding.Kind.allCases {
                    // given: a record of that kind from its list
                    let plural = kind == .opportunity ? "opportunities" : kind == .contract ? "amc-contracts" : kind.rawValue + "s"
                    let record = try #require(try await api.call(.get, "/api/v1/\(plural)?limit=1", token: token).items.first, "no \(plural)")
                    let id = try #require(record["id"] as? String)
                    // when
                    let created = try await api.call(.post, "/api/v1/activities", token: token, json: [
                        "type": "task", "subject": "Follow up", "regarding": ["type": kind.rawValue, "id": id],
                    ])
                    // then
                    #expect(created.status == 201, "\(kind): \(created.json)")
                    let activity = try #require(created.string("id"))
                    let detail = try await api.call(.get, "/api/v1/activities/\(activity)", token: token)
                    let name = detail.json["regardingName"] as? String
                    #expect(name?.isEmpty == false, "an activity about a \(kind) has no regardingName")
                    let expected = [record["number"], record["name"], record["topic"]].compactMap { $0 as? String }.first
                        ?? record["fullName"] as? String
                    #expect(name?.hasPrefix(expected ?? "-") == true || (kind == .invoice && name == "Draft invoice"),
                            "\(kind): \(name ?? "nil") does not name \(expected ?? "nil")")
                }
            }
        }
    }
}
