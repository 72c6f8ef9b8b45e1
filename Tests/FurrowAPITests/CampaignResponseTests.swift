import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Campaign responses through the API (SPEC §8, rules 70–72), on both engines: replies captured
/// from raw emails by their token or the message they answer, responses recorded by hand, and
/// conversion, once, into a new or existing lead or an opportunity with its source campaign set.
@Suite("Campaign responses API")
struct CampaignResponseTests {
    @Test("a reply to a campaign email becomes a response of the member, by its token or the message it answers; anything else is refused",
          arguments: TestWorld.engines)
    func replies(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        let seller = try await world.makeUser(.sales)
        try await world.withAPI { api in
            // given: an email distributed to Ann and Ben
            let account = try await world.makeAccount("Tea Ltd")
            let ann = try await world.makeContact("Lind", firstName: "Ann", account: account.id, email: "ann@tea.example")
            let ben = try await world.makeContact("Okoro", firstName: "Ben", account: account.id, email: "ben@tea.example")
            let list = try #require(try await api.call(.post, "/api/v1/marketing-lists", token: token,
                                                       json: ["name": "Tea", "targetType": "contacts", "listType": "static"]).string("id"))
            _ = try await api.call(.post, "/api/v1/marketing-lists/\(list)/members", token: token, json: ["memberIds": [ann.id.string, ben.id.string]])
            let campaign = try #require(try await api.call(.post, "/api/v1/campaigns", token: token, json: ["name": "Tasting"]).string("id"))
            _ = try await api.call(.post, "/api/v1/campaigns/\(campaign)/marketing-lists", token: token, json: ["listId": list])
            _ = try await api.call(.post, "/api/v1/campaigns/\(campaign)/ready-to-launch", token: token)
            let activity = try #require(try await api.call(.post, "/api/v1/campaigns/\(campaign)/activities", token: token, json: [
                "channel": "email", "subject": "Tasting", "body": "Come along.", "ownerId": seller.userId.string]).string("id"))
            _ = try await api.call(.post, "/api/v1/campaign-activities/\(activity)/distribute", token: token)
            while try await CampaignDistribution(env: world.env).step() {}
            let emails = try await world.store.read { try await $0.emails(relatedTo: UUIDText.parse(activity), limit: 10) }
            let toAnn = try #require(emails.first { $0.to == "ann@tea.example" }), toBen = try #require(emails.first { $0.to == "ben@tea.example" })
            // when: Ann replies to her reply address; Ben's client answers his message by its id, to the plain sender address
            let annReply = "From: Ann Lind <ann@tea.example>\r\nTo: \(toAnn.replyTo ?? "")\r\nSubject: Re: Tasting\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nCount me in =E2=80=94 two seats.\r\n"
            let benReply = "From: ben@tea.example\r\nTo: news@furrow.example\r\nIn-Reply-To: <\(UUIDText.lowercase(toBen.id))@furrow>\r\n"
                + "Subject: Re: Tasting\r\n\r\nNot this time.\r\n"
            let first = try await api.call(.post, "/api/v1/inbound-email", token: token, raw: annReply, headers: ["Content-Type": "message/rfc822"])
            let second = try await api.call(.post, "/api/v1/inbound-email", token: token, raw: benReply, headers: ["Content-Type": "message/rfc822"])
            // then
            #expect(first.status == 201, "\(first.text)")
            #expect(first.string("campaignId") == campaign && first.string("activityId") == activity && first.string("email") == "ann@tea.example")
            #expect((first.json["party"] as? [String: String]) == ["type": "contact", "id": ann.id.string])
            #expect(first.string("body") == "Count me in — two seats." && first.string("ownerId") == seller.userId.string)
            #expect((second.json["party"] as? [String: String])?["id"] == ben.id.string)
            let notices = try await world.store.read { try await $0.notifications(for: seller.userId, unreadOnly: false, limit: 10) }
            #expect(notices.filter { $0.message.hasPrefix("A reply to “Tasting”") }.count == 2)
            let listed = try await api.call(.get, "/api/v1/campaign-responses?campaignId=\(campaign)", token: token)
            #expect(listed.items.count == 2)
            // anything else is refused with the reason, and only administrators hand email in
            let stranger = try await api.call(.post, "/api/v1/inbound-email", token: token, raw: "From: x@example.com\r\nTo: news@furrow.example\r\n\r\nHi",
                                              headers: ["Content-Type": "message/rfc822"])
            #expect(stranger.status == 422 && stranger.type == "email-refused")
            let garbage = try await api.call(.post, "/api/v1/inbound-email", token: token, raw: "\r\n\r\n\u{1}\u{2}",
                                             headers: ["Content-Type": "message/rfc822"])
            #expect(garbage.status == 422 && garbage.type == "email-refused")
            let huge = try await api.call(.post, "/api/v1/inbound-email", token: token, raw: String(repeating: "a", count: InboundMessage.maxBytes + 10),
                                          headers: ["Content-Type": "message/rfc822"])
            #expect(huge.status == 413)
            #expect(try await api.call(.post, "/api/v1/inbound-email", token: token, raw: annReply, headers: ["Content-Type": "text/plain"]).status == 415)
            #expect(try await api.call(.post, "/api/v1/inbound-email", token: try await world.token(for: seller), raw: annReply,
                                       headers: ["Content-Type": "message/rfc822"]).status == 403)
        }
    }

    @Test("a response converts once: into a new lead filled in from it, an existing lead, or an opportunity of the responder's account, each with its source campaign",
          arguments: TestWorld.engines)
    func conversion(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let campaign = try #require(try await api.call(.post, "/api/v1/campaigns", token: token, json: ["name": "Show stand", "currency": "GBP"]).string("id"))
            // by hand: someone named, nobody at all (refused)
            let nobody = try await api.call(.post, "/api/v1/campaign-responses", token: token, json: ["campaignId": campaign, "subject": "Hi"])
            #expect(nobody.status == 422 && nobody.fieldErrors.map(\.field) == ["name"])
            let walkIn = try #require(try await api.call(.post, "/api/v1/campaign-responses", token: token, json: [
                "campaignId": campaign, "channel": "event", "name": "Ruth Penrose", "email": "ruth@penrose.example", "subject": "Greenhouse controllers",
                "body": "Three greenhouses, wants a quote.", "outcome": "interested",
            ]).string("id"))
            // when: converted into a new lead, then again
            let converted = try await api.call(.post, "/api/v1/campaign-responses/\(walkIn)/convert", token: token, json: ["to": "newLead"])
            let again = try await api.call(.post, "/api/v1/campaign-responses/\(walkIn)/convert", token: token, json: ["to": "newLead"])
            // then
            #expect(converted.status == 200, "\(converted.text)")
            let leadId = try #require((converted.json["convertedTo"] as? [String: String])?["id"])
            #expect(converted.headers[.location] == "/api/v1/leads/\(leadId)")
            let lead = try await api.call(.get, "/api/v1/leads/\(leadId)", token: token)
            #expect(lead.string("topic") == "Greenhouse controllers" && lead.string("firstName") == "Ruth" && lead.string("lastName") == "Penrose")
            #expect(lead.string("email") == "ruth@penrose.example" && lead.string("requirements") == "Three greenhouses, wants a quote.")
            #expect(lead.string("campaignId") == campaign && (lead.json["sourceRef"] as? [String: String])?["type"] == "campaign")
            #expect(again.status == 409 && again.type == "response-converted")
            // an existing lead takes the campaign as its source
            let existing = try await world.makeLead("Frost fans", company: "Elm Estate")
            let second = try #require(try await api.call(.post, "/api/v1/campaign-responses", token: token,
                                                         json: ["campaignId": campaign, "name": "Elm Estate", "subject": "Follow-up"]).string("id"))
            #expect(try await api.call(.post, "/api/v1/campaign-responses/\(second)/convert", token: token, json: ["to": "existingLead"]).fieldErrors.map(\.field) == ["leadId"])
            #expect(try await api.call(.post, "/api/v1/campaign-responses/\(second)/convert", token: token,
                                       json: ["to": "existingLead", "leadId": existing.id.string]).status == 200)
            #expect(try await api.call(.get, "/api/v1/leads/\(existing.id)", token: token).string("campaignId") == campaign)
            // a contact's response becomes an opportunity of the contact's account, in the campaign's currency
            let account = try await world.makeAccount("Penrose Growers")
            let contact = try await world.makeContact("Penrose", firstName: "Ruth", account: account.id)
            let third = try #require(try await api.call(.post, "/api/v1/campaign-responses", token: token, json: [
                "campaignId": campaign, "party": ["type": "contact", "id": contact.id.string], "subject": "Controllers for greenhouse 4",
            ]).string("id"))
            let opportunity = try await api.call(.post, "/api/v1/campaign-responses/\(third)/convert", token: token, json: ["to": "opportunity"])
            let opportunityId = try #require((opportunity.json["convertedTo"] as? [String: String])?["id"])
            let made = try await api.call(.get, "/api/v1/opportunities/\(opportunityId)", token: token)
            #expect(made.string("accountId") == account.id.string && made.string("contactId") == contact.id.string)
            #expect(made.string("campaignId") == campaign && made.string("currency") == "GBP" && made.string("name") == "Controllers for greenhouse 4")
            // rule 74: a response may become a draft quote or an order, on an opportunity with the campaign as its source
            for (to, collection) in [("quote", "quotes"), ("order", "orders")] {
                let asked = try #require(try await api.call(.post, "/api/v1/campaign-responses", token: token, json: [
                    "campaignId": campaign, "party": ["type": "account", "id": account.id.string], "subject": "Send me a \(to)",
                ]).string("id"))
                let made = try await api.call(.post, "/api/v1/campaign-responses/\(asked)/convert", token: token, json: ["to": to])
                #expect(made.status == 200, "\(made.text)")
                let madeId = try #require((made.json["convertedTo"] as? [String: String])?["id"])
                #expect(made.headers[.location] == "/api/v1/\(collection)/\(madeId)")
                let record = try await api.call(.get, "/api/v1/\(collection)/\(madeId)", token: token)
                #expect(record.status == 200 && record.string("accountId") == account.id.string && record.string("currency") == "GBP")
                let opportunity = try #require(record.string("opportunityId"))
                #expect(try await api.call(.get, "/api/v1/opportunities/\(opportunity)", token: token).string("campaignId") == campaign)
            }
            // a response of no account needs one named
            let loose = try #require(try await api.call(.post, "/api/v1/campaign-responses", token: token,
                                                        json: ["campaignId": campaign, "email": "x@example.com", "subject": "?"]).string("id"))
            #expect(try await api.call(.post, "/api/v1/campaign-responses/\(loose)/convert", token: token, json: ["to": "opportunity"])
                .fieldErrors.map(\.field) == ["accountId"])
        }
    }

    @Test("a campaign's results count its reach, responses, leads and won revenue against its cost; a quick campaign launches with an activity per member",
          arguments: TestWorld.engines)
    func resultsAndQuick(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            // given: a static list of two contacts of one account
            let account = try await world.makeAccount("Fen Growers")
            let first = try await world.makeContact("Fen", firstName: "Ada", account: account.id, email: "ada@fen.example")
            let second = try await world.makeContact("Marsh", firstName: "Bo", account: account.id)
            let list = try #require(try await api.call(.post, "/api/v1/marketing-lists", token: token,
                                                       json: ["name": "Fen", "targetType": "contacts", "listType": "static"]).string("id"))
            _ = try await api.call(.post, "/api/v1/marketing-lists/\(list)/members", token: token, json: ["memberIds": [first.id.string, second.id.string]])
            // when: a quick campaign of calls
            let quick = try await api.call(.post, "/api/v1/marketing-lists/\(list)/quick-campaign", token: token,
                                           json: ["name": "Fen calls", "channel": "phoneCall", "subject": "Harvest check-in"])
            #expect(quick.status == 201, "\(quick.text)")
            let campaign = try #require((quick.json["campaign"] as? [String: Any])?["id"] as? String)
            #expect((quick.json["campaign"] as? [String: Any])?["quick"] as? Bool == true && (quick.json["campaign"] as? [String: Any])?["status"] as? String == "launched")
            while try await CampaignDistribution(env: world.env).step() {}
            // then: a call per member, and the campaign among the quick ones
            let activityId = try #require((quick.json["activity"] as? [String: Any])?["id"] as? String)
            #expect(((try await api.call(.get, "/api/v1/campaign-activities/\(activityId)", token: token)).json["counts"] as? [String: Int])?["created"] == 2)
            #expect(try await api.call(.get, "/api/v1/campaigns?quick=true", token: token).items.compactMap { $0["id"] as? String } == [campaign])
            #expect(try await api.call(.get, "/api/v1/campaigns?quick=false", token: token).items.isEmpty)
            let badQuick = try await api.call(.post, "/api/v1/marketing-lists/\(list)/quick-campaign", token: token,
                                              json: ["name": "", "channel": "email", "subject": "Hi"])
            #expect(badQuick.status == 422 && Set(badQuick.fieldErrors.map(\.field)) == ["name", "body"])
            // when: the campaign cost 100.00, Ada responded, the response became an opportunity won at 250.00
            _ = try await api.call(.patch, "/api/v1/campaigns/\(campaign)", token: token, json: ["actualCost": "100.00"])
            let response = try #require(try await api.call(.post, "/api/v1/campaign-responses", token: token, json: [
                "campaignId": campaign, "party": ["type": "contact", "id": first.id.string], "subject": "Yes, call me", "outcome": "interested",
            ]).string("id"))
            let converted = try await api.call(.post, "/api/v1/campaign-responses/\(response)/convert", token: token, json: ["to": "opportunity"])
            let opportunity = try #require((converted.json["convertedTo"] as? [String: String])?["id"])
            #expect(try await api.call(.post, "/api/v1/opportunities/\(opportunity)/close", token: token,
                                       json: ["outcome": "won", "actualRevenue": "250.00"]).status == 200)
            // then
            let results = try await api.call(.get, "/api/v1/reports/campaigns/\(campaign)", token: token)
            #expect(results.status == 200, "\(results.text)")
            #expect(results.json["members"] as? Int == 2 && results.json["activitiesMade"] as? Int == 2 && results.json["responses"] as? Int == 1)
            #expect((results.json["responsesByOutcome"] as? [String: Int]) == ["interested": 1])
            #expect(results.json["opportunities"] as? Int == 1 && results.json["won"] as? Int == 1)
            let money = (results.json["money"] as? [[String: String]]) ?? []
            #expect(money == [["currency": "EUR", "won": "250.00", "cost": "100.00", "returnPercent": "150.0"]])
            let csv = try await api.call(.get, "/api/v1/reports/campaigns/\(campaign)?format=csv", token: token)
            #expect(csv.contentType?.hasPrefix("text/csv") == true && csv.text.contains("returnPercent,150.0,EUR") && csv.text.contains("won,1,"))
            #expect(try await api.call(.get, "/api/v1/reports/campaigns/\(campaign)?format=pdf", token: token).type == "invalid-query")
        }
    }
}
