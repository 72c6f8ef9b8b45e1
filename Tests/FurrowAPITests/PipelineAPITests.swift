import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Leads and opportunities over the API")
struct PipelineAPITests {
    @Test("catalogs are seeded: seed 003's process, seed 000's quote-driven stages, a kind without stages", arguments: TestWorld.engines)
    func seeds(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let kinds = try await api.call(.get, "/api/v1/opportunity-kinds", token: token).items
            #expect(kinds.compactMap { $0["name"] as? String } == ["Standard sale", "Quote-driven", "Other"])
            #expect(kinds.compactMap { $0["type"] as? String } == ["standard", "standard", "none"])
            let stages = try await api.call(.get, "/api/v1/stages", token: token).items
            let names = Dictionary(uniqueKeysWithValues: stages.compactMap { s in (s["id"] as? String).map { ($0, s["name"] as? String ?? "") } })
            #expect((kinds[0]["stageIds"] as? [String])?.compactMap { names[$0] } == ["Qualify", "Develop", "Propose", "Close"])
            #expect((kinds[1]["stageIds"] as? [String])?.compactMap { names[$0] } == ["New", "In Negotiation"])
            let propose = stages.first { $0["name"] as? String == "Propose" }
            #expect((propose?["requirements"] as? [String: Any])?["requiresQuote"] as? Bool == true)
            #expect(try await api.call(.get, "/api/v1/lost-reasons", token: token).items.count >= 3)
            #expect(try await api.call(.get, "/api/v1/disqualify-reasons", token: token).items.count >= 3)
            #expect(try await api.call(.get, "/api/v1/channels", token: token).items.count >= 3)
        }
    }

    @Test("qualifying a lead creates account, contact and opportunity once, copying source and value", arguments: TestWorld.engines)
    func qualify(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        let referrer = try await world.makeAccount("Referrer Co")
        try await world.withAPI { api in
            let channels = try await api.call(.get, "/api/v1/channels", token: token).items
            let referral = try #require(channels.first { $0["impactType"] as? String == "account" }?["id"] as? String)
            let wrongRef = try await api.call(.post, "/api/v1/leads", token: token, json: [
                "topic": "Fleet", "companyName": "Fleet Co", "channelId": referral, "sourceRef": ["type": "contact", "id": referrer.id.string],
            ])
            #expect(wrongRef.status == 422)
            let lead = try await api.call(.post, "/api/v1/leads", token: token, json: [
                "topic": "Fleet of 12 vans", "firstName": "Ada", "lastName": "Byron", "companyName": "Fleet Co", "email": "ada@fleet.example",
                "estimatedValue": "48000.00", "currency": "EUR", "channelId": referral, "sourceRef": ["type": "account", "id": referrer.id.string],
            ])
            #expect(lead.status == 201)
            let id = try #require(lead.string("id"))
            #expect(lead.string("status") == "new")
            let contacted = try await api.call(.patch, "/api/v1/leads/\(id)", token: token, json: ["status": "contacted", "version": 1])
            #expect(contacted.string("status") == "contacted")
            let result = try await api.call(.post, "/api/v1/leads/\(id)/qualify", token: token, json: [:])
            #expect(result.status == 200)
            let opportunityId = try #require(result.string("opportunityId"))
            let opportunity = try await api.call(.get, "/api/v1/opportunities/\(opportunityId)", token: token)
            #expect(opportunity.string("estimatedRevenue") == "48000.00")
            #expect(opportunity.string("channelId") == referral)
            #expect((opportunity.json["sourceRef"] as? [String: Any])?["id"] as? String == referrer.id.string)
            #expect(opportunity.string("accountId") == result.string("accountId"))
            #expect(opportunity.string("leadId") == id)
            let contact = try await api.call(.get, "/api/v1/contacts/\(result.string("contactId") ?? "")", token: token)
            #expect(contact.string("accountId") == result.string("accountId"))
            let again = try await api.call(.post, "/api/v1/leads/\(id)/qualify", token: token, json: [:])
            #expect(again.status == 409)
            #expect(again.type == "lead-already-qualified")
            let edit = try await api.call(.patch, "/api/v1/leads/\(id)", token: token, json: ["topic": "Changed", "version": 3])
            #expect(edit.type == "lead-already-qualified")
        }
    }

    @Test("a qualification that hits a duplicate leaves nothing behind", arguments: TestWorld.engines)
    func qualifyAtomic(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        _ = try await world.makeAccount("Existing Co")
        let lead = try await world.makeLead(company: "Existing Co", lastName: "Newperson")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let refused = try await api.call(.post, "/api/v1/leads/\(lead.id)/qualify", token: token, json: [:])
            #expect(refused.type == "duplicate-suspected")
            #expect(try await api.call(.get, "/api/v1/contacts?q=newperson", token: token).items.isEmpty)
            #expect(try await api.call(.get, "/api/v1/opportunities", token: token).items.isEmpty)
            #expect(try await api.call(.get, "/api/v1/leads/\(lead.id)", token: token).string("status") == "new")
            let existing = try #require(refused.json["matches"] as? [[String: Any]]).first?["id"] as? String
            let linked = try await api.call(.post, "/api/v1/leads/\(lead.id)/qualify", token: token, json: ["accountId": existing ?? ""])
            #expect(linked.string("accountId") == existing)
        }
    }

    @Test("disqualify needs a catalog reason; managers reactivate", arguments: TestWorld.engines)
    func disqualify(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let team = try await world.makeTeam()
        let sales = try await world.makeUser(.sales, team: team), manager = try await world.makeUser(.manager, team: team)
        let lead = try await world.makeLead(by: sales)
        let reason = try await world.reason(.disqualify)
        let salesToken = try await world.token(for: sales), managerToken = try await world.token(for: manager)
        try await world.withAPI { api in
            let missing = try await api.call(.post, "/api/v1/leads/\(lead.id)/disqualify", token: salesToken, json: ["reasonId": UUID().uuidString])
            #expect(missing.status == 422)
            let done = try await api.call(.post, "/api/v1/leads/\(lead.id)/disqualify", token: salesToken, json: ["reasonId": reason.id.string])
            #expect(done.string("status") == "disqualified")
            #expect(try await api.call(.post, "/api/v1/leads/\(lead.id)/qualify", token: salesToken, json: [:]).type == "lead-disqualified")
            #expect(try await api.call(.post, "/api/v1/leads/\(lead.id)/reactivate", token: salesToken).status == 403)
            let back = try await api.call(.post, "/api/v1/leads/\(lead.id)/reactivate", token: managerToken)
            #expect(back.string("status") == "contacted")
            #expect(try await api.call(.post, "/api/v1/leads/\(lead.id)/reactivate", token: managerToken).type == "lead-not-disqualified")
        }
    }

    @Test("standard kinds advance one stage at a time through their gates", arguments: TestWorld.engines)
    func advance(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Gate Co")
        let contact = try await world.makeContact("Stakeholder", account: account.id)
        let deal = try await world.makeOpportunity(account: account.id)
        let develop = try await world.stage("Develop"), propose = try await world.stage("Propose"), close = try await world.stage("Close")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let path = "/api/v1/opportunities/\(deal.id)"
            #expect(try await api.call(.get, path, token: token).json["probability"] as? Int == 10)
            let skip = try await api.call(.post, "\(path)/advance", token: token, json: ["stageId": close.id.string])
            #expect(skip.type == "stage-skip-not-allowed")
            let gated = try await api.call(.post, "\(path)/advance", token: token, json: ["stageId": develop.id.string])
            #expect(gated.type == "stage-requirements-unmet")
            #expect(gated.json["unmet"] as? [String] == ["at least one stakeholder is required"])
            _ = try await api.call(.patch, path, token: token, json: [
                "version": 1, "parties": [["role": "stakeholder", "partyType": "contact", "partyId": contact.id.string]],
            ])
            world.clock.advance(by: 7200)
            let moved = try await api.call(.post, "\(path)/advance", token: token, json: ["stageId": develop.id.string])
            #expect(moved.status == 200)
            #expect(moved.json["probability"] as? Int == 30)
            let noQuote = try await api.call(.post, "\(path)/advance", token: token, json: ["stageId": propose.id.string])
            #expect(noQuote.json["unmet"] as? [String] == ["a quote is required"])
            let back = try await api.call(.post, "\(path)/advance", token: token, json: ["stageId": (try await world.stage("Qualify")).id.string])
            #expect(back.type == "stage-skip-not-allowed")
            let history = try await api.call(.get, "\(path)/stage-history", token: token).items
            #expect(history.count == 2)
            #expect(history.last?["secondsInPreviousStage"] as? Int == 7200)
            #expect(history.last?["toStageId"] as? String == develop.id.string)
        }
    }

    @Test("kinds without stages, custom kinds and disallowed kinds", arguments: TestWorld.engines)
    func kinds(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        let other = try await world.makeOpportunity(kind: "Other")
        let qualify = try await world.stage("Qualify"), close = try await world.stage("Close")
        try await world.withAPI { api in
            #expect(try await api.call(.post, "/api/v1/opportunities/\(other.id)/advance", token: token,
                                       json: ["stageId": qualify.id.string]).type == "kind-has-no-stages")
            let custom = try await api.call(.post, "/api/v1/opportunity-kinds", token: token, json: [
                "name": "Service deal", "type": "custom", "stageIds": [qualify.id.string, close.id.string], "recordsPrimaryDemand": true,
            ])
            let kindId = try #require(custom.string("id"))
            let deal = try await api.call(.post, "/api/v1/opportunities", token: token, json: [
                "name": "Maintenance", "kindId": kindId, "demandLines": [["description": "Yearly service", "quantity": "2", "amount": "900.00"]],
            ])
            #expect(deal.status == 201)
            #expect((deal.json["demandLines"] as? [[String: Any]])?.first?["amount"] as? String == "900.00")
            let dealPath = "/api/v1/opportunities/\(deal.string("id") ?? "")"
            let jump = try await api.call(.post, "\(dealPath)/advance", token: token, json: ["stageId": close.id.string])
            #expect(jump.status == 200)
            #expect(try await api.call(.post, "\(dealPath)/advance", token: token, json: ["stageId": close.id.string]).type == "already-in-stage")
            let develop = try await world.stage("Develop")
            #expect(try await api.call(.post, "\(dealPath)/advance", token: token, json: ["stageId": develop.id.string]).type == "stage-not-in-kind")
            #expect(try await api.call(.post, "\(dealPath)/reopen", token: token).type == "opportunity-not-closed")
            let standardDemand = try await api.call(.post, "/api/v1/opportunities", token: token, json: [
                "name": "No demand", "kindId": (try await world.kind("Quote-driven")).id.string, "demandLines": [["description": "x"]],
            ])
            #expect(standardDemand.type == "primary-demand-disabled")
            _ = try await api.call(.patch, "/api/v1/opportunity-kinds/\(kindId)", token: token, json: ["allowed": false])
            let refused = try await api.call(.post, "/api/v1/opportunities", token: token, json: ["name": "Refused", "kindId": kindId])
            #expect(refused.status == 422)
            #expect(refused.type == "kind-not-allowed")
        }
    }

    @Test("closing: lost needs a catalog reason, closed refuses edits until a manager reopens", arguments: TestWorld.engines)
    func closing(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let team = try await world.makeTeam()
        let sales = try await world.makeUser(.sales, team: team), manager = try await world.makeUser(.manager, team: team)
        let deal = try await world.makeOpportunity(by: sales)
        let lost = try await world.reason(.lost, "Price too high")
        let salesToken = try await world.token(for: sales), managerToken = try await world.token(for: manager)
        try await world.withAPI { api in
            let path = "/api/v1/opportunities/\(deal.id)"
            let noReason = try await api.call(.post, "\(path)/close", token: salesToken, json: ["outcome": "lost"])
            #expect(noReason.status == 422)
            let closed = try await api.call(.post, "\(path)/close", token: salesToken, json: ["outcome": "lost", "lostReasonId": lost.id.string])
            #expect(closed.string("status") == "lost")
            #expect(closed.json["probability"] as? Int == 0)
            let edit = try await api.call(.patch, path, token: salesToken, json: ["name": "Edited", "version": 2])
            #expect(edit.type == "opportunity-closed")
            #expect(try await api.call(.post, "\(path)/close", token: salesToken, json: ["outcome": "won"]).type == "opportunity-closed")
            #expect(try await api.call(.post, "\(path)/reopen", token: salesToken).status == 403)
            let reopened = try await api.call(.post, "\(path)/reopen", token: managerToken)
            #expect(reopened.string("status") == "inProgress")
            let won = try await api.call(.post, "\(path)/close", token: salesToken, json: ["outcome": "won", "actualRevenue": "950.00"])
            #expect(won.string("actualRevenue") == "950.00")
            let audit = try await api.call(.get, "/api/v1/audit?entity=opportunity&id=\(deal.id)", token: salesToken)
            #expect(audit.items.compactMap { $0["action"] as? String } == ["opportunity.create", "opportunity.close", "opportunity.reopen", "opportunity.close"])
        }
    }

    @Test("opportunity lists filter by status and amount and sort by amount", arguments: TestWorld.engines)
    func lists(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        for amount in ["100.00", "2500.00", "999.99", "12000.00", "50.00"] { _ = try await world.makeOpportunity(revenue: amount) }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let page = try await api.call(.get, "/api/v1/opportunities?status=inProgress&estimatedRevenue[gte]=100&sort=-estimatedRevenue&limit=2", token: token)
            #expect(page.items.compactMap { $0["estimatedRevenue"] as? String } == ["12000.00", "2500.00"])
            let next = try await api.call(.get, "/api/v1/opportunities?status=inProgress&estimatedRevenue[gte]=100&sort=-estimatedRevenue&limit=2&cursor=\(page.string("nextCursor") ?? "")", token: token)
            #expect(next.items.compactMap { $0["estimatedRevenue"] as? String } == ["999.99", "100.00"])
            #expect(try await api.call(.get, "/api/v1/opportunities?probability[gt]=high", token: token).status == 400)
            #expect(try await api.call(.get, "/api/v1/opportunities?estimatedRevenue[gt]=lots", token: token).status == 400)
        }
    }

    @Test("stage tasks become activities, and an activity can generate an opportunity", arguments: TestWorld.engines)
    func generate(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Interaction Co")
        let deal = try await world.makeOpportunity(account: account.id)
        let tasks = try await world.store.read { try await $0.activities(regarding: deal.id.uuid) }
        #expect(tasks.map(\.subject) == ["Confirm budget and decision maker"])
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let generated = try await api.call(.post, "/api/v1/activities/\(tasks[0].id)/generate-opportunity", token: token)
            #expect(generated.status == 201)
            #expect(generated.string("name") == "Confirm budget and decision maker")
            #expect(generated.string("accountId") == account.id.string)
            #expect(try await api.call(.post, "/api/v1/activities/\(UUID().uuidString)/generate-opportunity", token: token).status == 404)
        }
    }
}

@Suite("The board")
struct BoardAPITests {
    @Test("columns follow the kind's stages with counts and per-currency totals; lost can be hidden", arguments: TestWorld.engines)
    func board(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        _ = try await world.makeOpportunity(revenue: "1000.00")
        _ = try await world.makeOpportunity(revenue: "333.33")
        let lost = try await world.makeOpportunity(revenue: "50.00")
        _ = try await OpportunityService(world.env).close(lost.id, won: false, actualRevenue: nil,
                                                          lostReasonId: try await world.reason(.lost).id, by: world.admin)
        let usd = try await OpportunityService(world.env).create(OpportunityInput(fields: OpportunityFields(
            name: "Dollar deal", estimatedRevenue: Money("200.00", currency: Currency("USD")!), currency: Currency("USD")!)), by: world.admin)
        let kind = try await world.kind("Standard sale")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let board = try await api.call(.get, "/api/v1/boards/\(kind.id)", token: token)
            let columns = board.json["columns"] as? [[String: Any]] ?? []
            #expect(columns.compactMap { $0["stageName"] as? String } == ["Qualify", "Develop", "Propose", "Close"])
            let first = columns.first ?? [:]
            #expect(first["count"] as? Int == 4)
            let totals = first["totals"] as? [[String: Any]] ?? []
            #expect(totals.compactMap { $0["currency"] as? String } == ["EUR", "USD"])
            #expect(totals.first?["total"] as? String == "1383.33")
            #expect(totals.first?["weighted"] as? String == "133.33") // the lost deal weighs 0 %
            #expect(totals.last?["total"] as? String == usd.fields.estimatedRevenue?.decimalString)
            let cards = (first["cards"] as? [[String: Any]] ?? []).compactMap { $0["estimatedRevenue"] as? String }
            #expect(cards.first == "1000.00")
            let hidden = try await api.call(.get, "/api/v1/boards/\(kind.id)?hideLost=true", token: token)
            #expect(((hidden.json["columns"] as? [[String: Any]])?.first?["count"] as? Int) == 3)
            #expect(try await api.call(.get, "/api/v1/boards/\(kind.id)?color=red", token: token).status == 400)
            #expect(try await api.call(.get, "/api/v1/boards/\(UUID().uuidString)", token: token).status == 404)
        }
    }
}

@Suite("Notifications")
struct NotificationAPITests {
    @Test("assigning a lead or an opportunity to someone else notifies them; reading clears the count", arguments: TestWorld.engines)
    func assignment(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let team = try await world.makeTeam()
        let manager = try await world.makeUser(.manager, team: team), sales = try await world.makeUser(.sales, team: team)
        let managerToken = try await world.token(for: manager), salesToken = try await world.token(for: sales)
        try await world.withAPI { api in
            _ = try await api.call(.post, "/api/v1/leads", token: managerToken, json: ["topic": "Yours now", "companyName": "X Co", "ownerId": sales.userId.string])
            _ = try await api.call(.post, "/api/v1/leads", token: salesToken, json: ["topic": "My own", "companyName": "Y Co"])
            let deal = try await api.call(.post, "/api/v1/opportunities", token: managerToken, json: ["name": "Handed over"])
            _ = try await api.call(.patch, "/api/v1/opportunities/\(deal.string("id") ?? "")", token: managerToken,
                                   json: ["ownerId": sales.userId.string, "version": 1])
            let unread = try await api.call(.get, "/api/v1/me/notifications?unread=true", token: salesToken).items
            #expect(unread.compactMap { $0["message"] as? String }.sorted() == [
                "manager user assigned you the lead “Yours now”", "manager user assigned you the opportunity “Handed over”",
            ])
            #expect(try await api.call(.get, "/api/v1/me/notifications", token: managerToken).items.isEmpty)
            let first = try #require(unread.first?["id"] as? String)
            #expect(try await api.call(.post, "/api/v1/me/notifications/\(first)/read", token: managerToken).status == 404)
            #expect(try await api.call(.post, "/api/v1/me/notifications/\(first)/read", token: salesToken).status == 204)
            #expect(try await api.call(.get, "/api/v1/me/notifications?unread=true", token: salesToken).items.count == 1)
            #expect(try await api.call(.post, "/api/v1/me/notifications/read", token: salesToken).status == 204)
            #expect(try await api.call(.get, "/api/v1/me/notifications?unread=true", token: salesToken).items.isEmpty)
            #expect(try await api.call(.get, "/api/v1/me/notifications", token: salesToken).items.count == 2)
        }
    }
}

@Suite("Deleting parties in use")
struct PartyInUseTests {
    @Test("an account or contact that a deal points at cannot be deleted", arguments: TestWorld.engines)
    func inUse(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Dealer")
        let contact = try await world.makeContact("Buyer")
        let fields = OpportunityFields(name: "Deal", accountId: account.id, contactId: contact.id, currency: Currency("EUR")!)
        _ = try await OpportunityService(world.env).create(OpportunityInput(fields: fields), by: world.admin)
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let refusedAccount = try await api.call(.delete, "/api/v1/accounts/\(account.id)", token: token)
            #expect(refusedAccount.type == "has-dependents")
            #expect(refusedAccount.string("detail")?.contains("1 opportunities") == true)
            #expect(try await api.call(.delete, "/api/v1/contacts/\(contact.id)", token: token).type == "has-dependents")
        }
    }
}
