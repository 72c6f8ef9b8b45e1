import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Distributing campaign activities (SPEC §8, rules 67–69) through the API and the batch worker,
/// on both engines: each member reached once, whatever the retries and however many workers.
@Suite("Campaign distribution")
struct CampaignDistributionTests {
    /// A ready campaign with a static list of contacts: Ann (an address), Bo (none) and Cy (an address that unsubscribed).
    static func arrange(_ world: TestWorld, _ api: API, _ token: String) async throws -> (campaign: String, list: String, contacts: [Contact]) {
        let account = try await world.makeAccount("Harbour <b>Freight</b>")
        let ann = try await world.makeContact("Okafor", firstName: "Ann", account: account.id, email: "ann@harbour.example")
        let bo = try await world.makeContact("Berg", firstName: "Bo", account: account.id)
        let cy = try await world.makeContact("Cole", firstName: "Cy", account: account.id, email: "Cy@Harbour.example")
        _ = try await world.store.write { try await $0.suppress("cy@harbour.example", reason: "test", at: world.clock.now()) }
        let list = try #require(try await api.call(.post, "/api/v1/marketing-lists", token: token,
                                                   json: ["name": "Harbour people", "targetType": "contacts", "listType": "static"]).string("id"))
        _ = try await api.call(.post, "/api/v1/marketing-lists/\(list)/members", token: token, json: ["memberIds": [ann, bo, cy].map(\.id.string)])
        let campaign = try #require(try await api.call(.post, "/api/v1/campaigns", token: token, json: ["name": "Winter service"]).string("id"))
        return (campaign, list, [ann, bo, cy])
    }

    @Test("an email reaches each member with an address once, merged and escaped, with its reply and unsubscribe token; the others are counted",
          arguments: TestWorld.engines)
    func email(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        _ = try await SettingsService(world.env).update({ $0.publicURL = "https://crm.example.com/"; $0.mailFrom = "news@furrow.example"
            $0.inboundDomain = "replies.furrow.example" }, by: world.admin)
        try await world.withAPI { api in
            let (campaign, list, contacts) = try await Self.arrange(world, api, token)
            // a campaign activity needs a list first
            let bare = try #require(try await api.call(.post, "/api/v1/campaigns", token: token, json: ["name": "No list"]).string("id"))
            #expect(try await api.call(.post, "/api/v1/campaigns/\(bare)/activities", token: token,
                                       json: ["channel": "email", "subject": "Hi", "body": "Hello"]).type == "campaign-has-no-list")
            _ = try await api.call(.post, "/api/v1/campaigns/\(campaign)/marketing-lists", token: token, json: ["listId": list])
            let bad = try await api.call(.post, "/api/v1/campaigns/\(campaign)/activities", token: token,
                                         json: ["channel": "email", "subject": "Hi {{contact.nickname}}", "body": "Hello {{contact.firstName"])
            #expect(bad.status == 422 && Set(bad.fieldErrors.map(\.field)) == ["subject", "body"])
            let created = try await api.call(.post, "/api/v1/campaigns/\(campaign)/activities", token: token, json: [
                "channel": "email", "subject": "Winter check for {{account.name}}",
                "body": "Dear {{contact.firstName}} of {{account.name}},\nyour {{campaign.name}} offer awaits.",
            ])
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created.string("id"))
            // rule 68: not while planning
            #expect(try await api.call(.post, "/api/v1/campaign-activities/\(id)/distribute", token: token).type == "campaign-not-ready")
            let preview = try await api.call(.get, "/api/v1/campaign-activities/\(id)/preview?memberId=\(contacts[0].id)", token: token)
            #expect(preview.string("subject") == "Winter check for Harbour <b>Freight</b>" && preview.string("to") == "ann@harbour.example")
            #expect(preview.string("html")?.contains("Dear Ann of Harbour &lt;b&gt;Freight&lt;/b&gt;,<br>") == true, "\(preview.text)")
            _ = try await api.call(.post, "/api/v1/campaigns/\(campaign)/ready-to-launch", token: token)
            // when: distributed, the batches run, then distributed again
            let started = try await api.call(.post, "/api/v1/campaign-activities/\(id)/distribute", token: token)
            #expect(started.status == 202 && started.string("distribution") == "running" && started.json["total"] as? Int == 3)
            while try await CampaignDistribution(env: world.env).step(batch: 2) {}
            _ = try await api.call(.post, "/api/v1/campaign-activities/\(id)/distribute", token: token)
            while try await CampaignDistribution(env: world.env).step(batch: 2) {}
            // then: one email, to Ann; Bo skipped, Cy suppressed
            let done = try await api.call(.get, "/api/v1/campaign-activities/\(id)", token: token)
            #expect(done.string("distribution") == "done" && done.json["processed"] as? Int == 3)
            let counts = try #require(done.json["counts"] as? [String: Int])
            #expect(counts == ["sent": 1, "skipped": 1, "suppressed": 1, "created": 0])
            let emails = try await world.store.read { try await $0.emails(relatedTo: UUIDText.parse(id), limit: 10) }
            #expect(emails.count == 1)
            let email = try #require(emails.first)
            #expect(email.to == "ann@harbour.example" && email.subject == "Winter check for Harbour <b>Freight</b>")
            #expect(email.body.hasPrefix("Dear Ann of Harbour <b>Freight</b>,\nyour Winter service offer awaits."))
            #expect(email.htmlBody?.contains("Dear Ann of Harbour &lt;b&gt;Freight&lt;/b&gt;,<br>") == true && email.htmlBody?.contains("<b>") == false)
            let replyToken = try #require(email.replyTo?.split(separator: "+").last?.split(separator: "@").first.map(String.init))
            #expect(email.replyTo == "news+\(replyToken)@replies.furrow.example" && replyToken.count == 32)
            #expect(email.unsubscribeURL == "https://crm.example.com/unsubscribe/\(replyToken)")
            // the unsubscribe link suppresses Ann for the next activity; a made-up one suppresses no one
            #expect(try await CampaignActivityService(world.env).unsubscribe(token: replyToken) == "ann@harbour.example")
            await #expect(throws: CoreError.self) { try await CampaignActivityService(world.env).unsubscribe(token: String(repeating: "0", count: 32)) }
            let next = try #require(try await api.call(.post, "/api/v1/campaigns/\(campaign)/activities", token: token,
                                                       json: ["channel": "email", "subject": "Reminder", "body": "Still time."]).string("id"))
            _ = try await api.call(.post, "/api/v1/campaign-activities/\(next)/distribute", token: token)
            while try await CampaignDistribution(env: world.env).step() {}
            let second = try await api.call(.get, "/api/v1/campaign-activities/\(next)", token: token)
            #expect((second.json["counts"] as? [String: Int])?["suppressed"] == 2)
        }
    }

    @Test("a phone call campaign activity makes one call per member for its owner, also when distributed twice and by two workers at once",
          arguments: TestWorld.engines)
    func activities(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales)
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let (campaign, list, contacts) = try await Self.arrange(world, api, token)
            _ = try await api.call(.post, "/api/v1/campaigns/\(campaign)/marketing-lists", token: token, json: ["listId": list])
            _ = try await api.call(.post, "/api/v1/campaigns/\(campaign)/ready-to-launch", token: token)
            _ = try await api.call(.post, "/api/v1/campaigns/\(campaign)/launch", token: token)
            let id = try #require(try await api.call(.post, "/api/v1/campaigns/\(campaign)/activities", token: token, json: [
                "channel": "phoneCall", "subject": "Winter check call", "scheduledStart": "2026-12-01T09:00:00Z", "ownerId": seller.userId.string,
            ]).string("id"))
            // when: distributed twice, two workers running batches of one at the same time
            for _ in 0..<2 {
                _ = try await api.call(.post, "/api/v1/campaign-activities/\(id)/distribute", token: token)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<2 { group.addTask { while try await CampaignDistribution(env: world.env).step(batch: 1) {} } }
                    try await group.waitForAll()
                }
            }
            // then: three calls, one regarding each contact, the seller's, due on the scheduled day
            let calls = try await ActivityService(world.env).list(ListQuery(limit: 50, filters: [Filter("type", .eq, ["phoneCall"])]), by: world.admin)
                .filter { $0.subject == "Winter check call" }
            #expect(calls.count == 3)
            #expect(Set(calls.compactMap { $0.regarding?.id }) == Set(contacts.map(\.id.uuid)))
            #expect(calls.allSatisfy { $0.ownership.ownerId == seller.userId && $0.dueAt.map(Timestamp.string) == "2026-12-01T09:00:00.000Z" })
            let counts = try await api.call(.get, "/api/v1/campaign-activities/\(id)", token: token).json["counts"] as? [String: Int]
            #expect(counts?["created"] == 3)
        }
    }
}
