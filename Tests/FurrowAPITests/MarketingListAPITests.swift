import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Marketing lists and campaigns through the API (SPEC §8, rules 57–69 and 73), on both engines.
@Suite("Marketing lists and campaigns API")
struct MarketingListAPITests {
    @Test("a static list takes members by id and by a filter's matches, pages them, drops one; its type and target never change; an inactive list takes none",
          arguments: TestWorld.engines)
    func staticList(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: a seller's three logistics accounts and a farm; another seller's account
        let seller = try await world.makeUser(.sales), other = try await world.makeUser(.sales)
        var logistics: [Account] = []
        for name in ["Atlas Freight", "Baltic Haulage", "Cargo Lane"] {
            logistics.append(try await AccountService(world.env).create(AccountFields(name: name, email: "info@\(name.prefix(4).lowercased()).example", industry: "Logistics"),
                                                                        allowDuplicate: true, by: seller))
        }
        let farm = try await world.makeAccount("Dale Farm", by: seller)
        let hidden = try await world.makeAccount("Elsewhere Ltd", by: other)
        let token = try await world.token(for: seller)
        try await world.withAPI { api in
            let created = try await api.call(.post, "/api/v1/marketing-lists", token: token,
                                             json: ["name": "Hauliers", "targetType": "accounts", "listType": "static"])
            #expect(created.status == 201 && created.json["memberCount"] as? Int == 0, "\(created.text)")
            let id = try #require(created.string("id"))
            // when: the farm by id, then every logistics account by filter (twice), and someone else's account
            let byId = try await api.call(.post, "/api/v1/marketing-lists/\(id)/members", token: token, json: ["memberIds": [farm.id.string]])
            let byQuery = try await api.call(.post, "/api/v1/marketing-lists/\(id)/members", token: token, json: ["query": "industry=Logistics"])
            let again = try await api.call(.post, "/api/v1/marketing-lists/\(id)/members", token: token, json: ["query": "industry=Logistics"])
            let foreign = try await api.call(.post, "/api/v1/marketing-lists/\(id)/members", token: token, json: ["memberIds": [hidden.id.string]])
            // then
            #expect(byId.json["added"] as? Int == 1 && byQuery.json["added"] as? Int == 3 && again.json["added"] as? Int == 0)
            #expect(again.json["memberCount"] as? Int == 4)
            #expect(foreign.status == 422 && foreign.fieldErrors.map(\.field) == ["memberIds[0]"])
            // pages of two, by id, each member once
            let first = try await api.call(.get, "/api/v1/marketing-lists/\(id)/members?limit=2", token: token)
            let cursor = try #require(first.json["nextCursor"] as? String)
            let second = try await api.call(.get, "/api/v1/marketing-lists/\(id)/members?limit=2&cursor=\(cursor)", token: token)
            let names = (first.items + second.items).compactMap { $0["name"] as? String }
            #expect(Set(names) == ["Atlas Freight", "Baltic Haulage", "Cargo Lane", "Dale Farm"] && names.count == 4)
            let secondCursor = try #require(second.json["nextCursor"] as? String)
            let third = try await api.call(.get, "/api/v1/marketing-lists/\(id)/members?limit=2&cursor=\(secondCursor)", token: token)
            #expect(third.items.isEmpty && (third.json["nextCursor"] as? String) == nil)
            #expect((first.items + second.items).first { $0["name"] as? String == "Atlas Freight" }?["email"] as? String == "info@atla.example")
            // one removed; removing it again is a 404
            #expect(try await api.call(.delete, "/api/v1/marketing-lists/\(id)/members/\(farm.id)", token: token).status == 204)
            #expect(try await api.call(.delete, "/api/v1/marketing-lists/\(id)/members/\(farm.id)", token: token).status == 404)
            // rule 60: target and type are fixed; the name is not
            let retarget = try await api.call(.patch, "/api/v1/marketing-lists/\(id)", token: token, json: ["targetType": "contacts"])
            #expect(retarget.status == 409 && retarget.type == "marketing-list-immutable")
            let renamed = try await api.call(.patch, "/api/v1/marketing-lists/\(id)", token: token, json: ["name": "UK hauliers", "listType": "static"])
            #expect(renamed.string("name") == "UK hauliers" && renamed.json["version"] as? Int == 2)
            // rule 61: deactivated, it takes no members; reactivated, it does
            #expect(try await api.call(.post, "/api/v1/marketing-lists/\(id)/deactivate", token: token).json["active"] as? Bool == false)
            let refused = try await api.call(.post, "/api/v1/marketing-lists/\(id)/members", token: token, json: ["memberIds": [farm.id.string]])
            #expect(refused.status == 409 && refused.type == "marketing-list-inactive")
            #expect(try await api.call(.post, "/api/v1/marketing-lists/\(id)/reactivate", token: token).json["active"] as? Bool == true)
            // the other seller does not see the list
            #expect(try await api.call(.get, "/api/v1/marketing-lists/\(id)", token: try await world.token(for: other)).status == 404)
            // bad input
            let both = try await api.call(.post, "/api/v1/marketing-lists/\(id)/members", token: token, json: ["memberIds": [farm.id.string], "query": "q=a"])
            #expect(both.status == 422)
            let staticQuery = try await api.call(.post, "/api/v1/marketing-lists", token: token,
                                                 json: ["name": "X", "targetType": "accounts", "listType": "static", "query": "industry=Logistics"])
            #expect(staticQuery.status == 422 && staticQuery.fieldErrors.map(\.field) == ["query"])
        }
    }

    @Test("a dynamic list's members are its filter's matches as its owner sees them, a record made later included; Find previews; a copy freezes them",
          arguments: TestWorld.engines)
    func dynamicList(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales), other = try await world.makeUser(.sales)
        _ = try await world.makeLead("Irrigation for 40 ha", company: "Dale Farm", email: "dale@farm.example", by: seller)
        _ = try await world.makeLead("Irrigation pumps", company: "Other Farm", by: other)
        _ = try await world.makeLead("Office chairs", company: "Desk Co", by: seller)
        let token = try await world.token(for: seller)
        try await world.withAPI { api in
            // Find, then Use query
            let preview = try await api.call(.get, "/api/v1/marketing-lists/preview?targetType=leads&query=q%3DIrrigation", token: token)
            #expect(preview.status == 200 && preview.json["count"] as? Int == 1, "\(preview.text)")
            #expect(preview.items.first?["organisation"] as? String == "Dale Farm" && preview.items.first?["email"] as? String == "dale@farm.example")
            let created = try await api.call(.post, "/api/v1/marketing-lists", token: token,
                                             json: ["name": "Irrigation leads", "targetType": "leads", "listType": "dynamic", "query": "q=Irrigation"])
            #expect(created.status == 201 && created.json["memberCount"] as? Int == 1, "\(created.text)")
            let id = try #require(created.string("id"))
            // rule 63: a lead made later that matches is a member
            _ = try await world.makeLead("Irrigation audit", company: "Fen Growers", by: seller)
            let members = try await api.call(.get, "/api/v1/marketing-lists/\(id)/members", token: token)
            #expect(Set(members.items.compactMap { $0["organisation"] as? String }) == ["Dale Farm", "Fen Growers"])
            // members are added by the filter only
            let manual = try await api.call(.post, "/api/v1/marketing-lists/\(id)/members", token: token, json: ["query": "q=Office"])
            #expect(manual.status == 409 && manual.type == "marketing-list-not-static")
            // a copy is static and stays as it was
            let copy = try await api.call(.post, "/api/v1/marketing-lists/\(id)/copy", token: token, json: ["name": "Irrigation, December"])
            #expect(copy.status == 201 && copy.string("listType") == "static" && copy.json["memberCount"] as? Int == 2)
            _ = try await world.makeLead("Irrigation quote", company: "Late Farm", by: seller)
            #expect(try await api.call(.get, "/api/v1/marketing-lists/\(copy.string("id") ?? "")", token: token).json["memberCount"] as? Int == 2)
            #expect(try await api.call(.get, "/api/v1/marketing-lists/\(id)", token: token).json["memberCount"] as? Int == 3)
            // a rule that is not a filter of the leads list
            let bad = try await api.call(.post, "/api/v1/marketing-lists", token: token,
                                         json: ["name": "Bad", "targetType": "leads", "listType": "dynamic", "query": "industry=Logistics"])
            #expect(bad.status == 422 && bad.fieldErrors.first?.field == "query" && bad.fieldErrors.first?.message.contains("industry") == true)
            let missing = try await api.call(.post, "/api/v1/marketing-lists", token: token, json: ["name": "None", "targetType": "leads", "listType": "dynamic"])
            #expect(missing.status == 422 && missing.fieldErrors.map(\.field) == ["query"])
            let unfit = try await api.call(.get, "/api/v1/marketing-lists/preview?targetType=leads&query=nope%3D1", token: token)
            #expect(unfit.status == 422 && unfit.fieldErrors.map(\.field) == ["query"], "a filter that does not fit is refused as saving it would be")
            #expect(try await api.call(.get, "/api/v1/marketing-lists/preview?query=q%3Da", token: token).type == "invalid-query")
        }
    }

    @Test("a campaign moves planning → ready → launched → completed, is deactivated when completed, links lists from both sides and is a lead's source",
          arguments: TestWorld.engines)
    func campaigns(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales), reader = try await world.makeUser(.readonly)
        let token = try await world.token(for: seller)
        try await world.withAPI { api in
            // bad input: every problem at once
            let bad = try await api.call(.post, "/api/v1/campaigns", token: token, json: [
                "name": "", "startDate": "2027-04-01", "endDate": "2027-03-01", "budgetedCost": "-5.00", "type": "radio",
            ])
            #expect(bad.status == 422 && Set(bad.fieldErrors.map(\.field)) == ["name", "type", "endDate", "budgetedCost"], "\(bad.text)")
            let created = try await api.call(.post, "/api/v1/campaigns", token: token, json: [
                "name": "Spring irrigation", "type": "directMarketing", "startDate": "2027-03-01", "endDate": "2027-04-30", "currency": "EUR",
                "budgetedCost": "5000.00", "expectedRevenue": "40000.00", "offer": "10 % off pumps",
            ])
            #expect(created.status == 201 && created.string("status") == "planning" && created.string("budgetedCost") == "5000.00", "\(created.text)")
            let id = try #require(created.string("id"))
            let backwards = try await api.call(.patch, "/api/v1/campaigns/\(id)", token: token, json: ["endDate": "2027-01-01"])
            #expect(backwards.status == 422 && backwards.fieldErrors.map(\.field) == ["endDate"])
            // lifecycle
            #expect(try await api.call(.post, "/api/v1/campaigns/\(id)/launch", token: token).type == "campaign-illegal-move")
            #expect(try await api.call(.post, "/api/v1/campaigns/\(id)/ready-to-launch", token: token).string("status") == "readyToLaunch")
            // lists, linked from either side (rule 64)
            let list = try #require(try await api.call(.post, "/api/v1/marketing-lists", token: token,
                                                       json: ["name": "Farms", "targetType": "accounts", "listType": "dynamic", "query": "industry=Agriculture"]).string("id"))
            let second = try #require(try await api.call(.post, "/api/v1/marketing-lists", token: token,
                                                         json: ["name": "Growers", "targetType": "contacts", "listType": "static"]).string("id"))
            #expect(try await api.call(.post, "/api/v1/campaigns/\(id)/marketing-lists", token: token, json: ["listId": list]).status == 204)
            #expect(try await api.call(.post, "/api/v1/marketing-lists/\(second)/campaigns", token: token, json: ["campaignId": id]).status == 204)
            #expect(try await api.call(.post, "/api/v1/campaigns/\(id)/marketing-lists", token: token, json: ["listId": list]).status == 204)
            let linked = try await api.call(.get, "/api/v1/campaigns/\(id)/marketing-lists", token: token).items.compactMap { $0["name"] as? String }
            #expect(linked == ["Farms", "Growers"])
            #expect(try await api.call(.get, "/api/v1/marketing-lists/\(second)/campaigns", token: token).items.first?["name"] as? String == "Spring irrigation")
            #expect(try await api.call(.delete, "/api/v1/campaigns/\(id)/marketing-lists/\(second)", token: token).status == 204)
            #expect(try await api.call(.delete, "/api/v1/campaigns/\(id)/marketing-lists/\(second)", token: token).status == 404)
            _ = try await api.call(.post, "/api/v1/marketing-lists/\(second)/deactivate", token: token)
            #expect(try await api.call(.post, "/api/v1/campaigns/\(id)/marketing-lists", token: token, json: ["listId": second]).type == "marketing-list-inactive")
            // launched, completed, deactivated (rule 73); an inactive campaign does not move
            #expect(try await api.call(.post, "/api/v1/campaigns/\(id)/launch", token: token).string("status") == "launched")
            #expect(try await api.call(.post, "/api/v1/campaigns/\(id)/complete", token: token).string("status") == "completed")
            #expect(try await api.call(.post, "/api/v1/campaigns/\(id)/deactivate", token: token).json["active"] as? Bool == false)
            #expect(try await api.call(.post, "/api/v1/campaigns/\(id)/complete", token: token).type == "campaign-inactive")
            // everyone reads campaigns; a read-only user changes none
            let readerToken = try await world.token(for: reader)
            #expect(try await api.call(.get, "/api/v1/campaigns/\(id)", token: readerToken).status == 200)
            #expect(try await api.call(.post, "/api/v1/campaigns/\(id)/reactivate", token: readerToken).status == 403)
            // target products (rule 65): existing products only, each once
            let pump = try await world.makeProduct("Pump P-40")
            #expect(try await api.call(.post, "/api/v1/campaigns/\(id)/products", token: token, json: ["productId": pump.id.string]).status == 204)
            #expect(try await api.call(.post, "/api/v1/campaigns/\(id)/products", token: token, json: ["productId": pump.id.string]).status == 204)
            #expect(try await api.call(.post, "/api/v1/campaigns/\(id)/products", token: token, json: ["productId": UUID().uuidString])
                .fieldErrors.map(\.field) == ["productId"])
            #expect(try await api.call(.get, "/api/v1/campaigns/\(id)/products", token: token).items.compactMap { $0["name"] as? String } == ["Pump P-40"])
            #expect(try await api.call(.delete, "/api/v1/campaigns/\(id)/products/\(pump.id)", token: token).status == 204)
            #expect(try await api.call(.get, "/api/v1/campaigns/\(id)/products", token: token).items.isEmpty)
            // planning activities regard the campaign itself (rule 66) and are completed like any task
            let task = try await api.call(.post, "/api/v1/activities", token: token, json: [
                "type": "task", "subject": "Print leaflets", "regarding": ["type": "campaign", "id": id]])
            #expect(task.status == 201, "\(task.text)")
            #expect(try await api.call(.get, "/api/v1/activities/\(task.string("id") ?? "")", token: token).string("regardingName") == "Spring irrigation")
            let done = try await api.call(.post, "/api/v1/activities/\(task.string("id") ?? "")/complete", token: token, json: ["outcome": "Printed"])
            #expect(done.string("status") == "completed")
            #expect(try await api.call(.get, "/api/v1/activities/regarding/campaign/\(id)", token: token).items.count == 1)
            // a lead names it as its source campaign, and as the source of the campaign channel (rules 56, 109)
            let lead = try await api.call(.post, "/api/v1/leads", token: token, json: [
                "topic": "Pumps for Dale Farm", "lastName": "Dale", "campaignId": id,
                "channelId": "7c000000-0000-4000-8000-000000000005", "sourceRef": ["type": "campaign", "id": id],
            ])
            #expect(lead.status == 201 && lead.string("campaignId") == id, "\(lead.text)")
            let unknown = try await api.call(.post, "/api/v1/leads", token: token, json: ["topic": "Walk-in", "lastName": "Doe", "campaignId": UUID().uuidString])
            #expect(unknown.status == 422 && unknown.fieldErrors.map(\.field) == ["campaignId"])
            let direct = try await api.call(.post, "/api/v1/leads", token: token, json: ["topic": "Walk-in", "lastName": "Doe"])
            #expect(direct.status == 201 && direct.json["campaignId"] == nil)
        }
    }
}
