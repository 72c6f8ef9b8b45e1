import Foundation
import FurrowStore
import FurrowTestSupport
import Testing

/// Seed 003's walk through a sale, told through the API.
@Suite("Scenarios: the sales process")
struct PipelineScenarioTests {
    @Test("lead → qualify → Develop needs a stakeholder → competitor → Propose needs a quote → closed lost with a reason",
          arguments: TestWorld.engines)
    func crm24Process(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            // given: a lead captured directly, with no campaign (rule 56)
            let lead = try await api.call(.post, "/api/v1/leads", token: token, json: [
                "topic": "Six forklifts for the new warehouse", "firstName": "Nina", "lastName": "Sorensen",
                "companyName": "Nordic Storage", "email": "nina@nordic-storage.example", "estimatedValue": "84000.00", "currency": "EUR",
            ])
            let leadId = try #require(lead.string("id"))

            // when: the lead is qualified, an account, a contact and an opportunity appear (rule 51)
            let qualified = try await api.call(.post, "/api/v1/leads/\(leadId)/qualify", token: token, json: [:])
            let opportunityId = try #require(qualified.string("opportunityId"))
            let contactId = try #require(qualified.string("contactId"))
            let path = "/api/v1/opportunities/\(opportunityId)"
            let stages = try await api.call(.get, "/api/v1/stages", token: token).items
            func stage(_ name: String) -> String { stages.first { $0["name"] as? String == name }?["id"] as? String ?? "" }
            #expect(try await api.call(.get, path, token: token).string("stageId") == stage("Qualify"))

            // then Develop is refused until a stakeholder is recorded (rule 85)
            let refused = try await api.call(.post, "\(path)/advance", token: token, json: ["stageId": stage("Develop")])
            #expect(refused.type == "stage-requirements-unmet")
            let competitor = try await api.call(.post, "/api/v1/competitors", token: token, json: ["name": "Lift & Co"])
            let version = try await api.call(.get, path, token: token).json["version"] as? Int ?? 0
            let parties = try await api.call(.patch, path, token: token, json: ["version": version, "parties": [
                ["role": "stakeholder", "partyType": "contact", "partyId": contactId],
                ["role": "competitor", "partyType": "competitor", "partyId": competitor.string("id") ?? ""],
            ]])
            #expect((parties.json["parties"] as? [[String: Any]])?.count == 2)
            let developed = try await api.call(.post, "\(path)/advance", token: token, json: ["stageId": stage("Develop")])
            #expect(developed.string("stageId") == stage("Develop"))

            // and Propose is refused without a quote (rule 86)
            let noQuote = try await api.call(.post, "\(path)/advance", token: token, json: ["stageId": stage("Propose")])
            #expect(noQuote.type == "stage-requirements-unmet")
            #expect(noQuote.json["unmet"] as? [String] == ["a quote is required"])

            // finally the customer chooses the competitor: closed as lost with a reason (rule 111)
            let reasons = try await api.call(.get, "/api/v1/lost-reasons", token: token).items
            let reason = reasons.first { $0["name"] as? String == "Chose a competitor" }?["id"] as? String ?? ""
            let lost = try await api.call(.post, "\(path)/close", token: token, json: ["outcome": "lost", "lostReasonId": reason])
            #expect(lost.string("status") == "lost")

            // and the record shows where the deal fell off (rule 113) and refuses new work (rule 112)
            let history = try await api.call(.get, "\(path)/stage-history", token: token).items
            #expect(history.compactMap { $0["toStageId"] as? String } == [stage("Qualify"), stage("Develop")])
            #expect(try await api.call(.post, "\(path)/advance", token: token, json: ["stageId": stage("Propose")]).type == "opportunity-closed")
            let leadAfter = try await api.call(.get, "/api/v1/leads/\(leadId)", token: token)
            #expect(leadAfter.string("status") == "qualified")
            #expect(leadAfter.string("opportunityId") == opportunityId)
            let found = try await api.call(.get, "/api/v1/search?q=forklifts", token: token)
            #expect(Set(found.items.compactMap { $0["type"] as? String }) == ["lead", "opportunity"])
        }
    }
}
