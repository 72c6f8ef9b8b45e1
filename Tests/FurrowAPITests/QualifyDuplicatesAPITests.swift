import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Qualifying a lead whose company is a stored account never creates a second one silently
/// (defects 1): the same duplicate rule as the account form, the person's email telling the domain.
@Suite("Qualifying against stored accounts")
struct QualifyDuplicatesAPITests {
    @Test("qualify proposes the stored account and contact, and creates a second account only when asked", arguments: TestWorld.engines)
    func proposes(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: Greenway Farms (greenway.example) with Tom Ashby, and a lead from Tom at Greenway Farms
        let account = try await AccountService(world.env).create(AccountFields(name: "Greenway Farms", website: "https://greenway.example"),
                                                                 by: world.admin)
        let contact = try await ContactService(world.env).create(
            ContactFields(firstName: "Tom", lastName: "Ashby", email: "tom@greenway.example", accountId: account.id), by: world.admin)
        let lead = try await LeadService(world.env).create(
            LeadFields(topic: "Irrigation", firstName: "Tom", lastName: "Ashby", companyName: "Greenway Farms", email: "tom@greenway.example"),
            by: world.admin)
        // when: the form asks what the lead looks like
        let likely = try await LeadService(world.env).likelyDuplicates(of: lead.id, by: world.admin)
        #expect(likely.accounts.map(\.id) == [account.id.string])
        #expect(likely.contacts.map(\.id) == [contact.id.string])
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            // then: qualifying with defaults is refused, naming the stored account
            let refused = try await api.call(.post, "/api/v1/leads/\(lead.id)/qualify", token: token, json: [:])
            #expect(refused.type == "duplicate-suspected")
            #expect(refused.text.contains(account.id.string))
            // linking the contact alone still does not create a second account
            let linked = try await api.call(.post, "/api/v1/leads/\(lead.id)/qualify", token: token, json: ["contactId": contact.id.string])
            #expect(linked.type == "duplicate-suspected")
            let accepted = try await api.call(.post, "/api/v1/leads/\(lead.id)/qualify", token: token,
                                              json: ["accountId": account.id.string, "contactId": contact.id.string])
            #expect(accepted.status == 200 || accepted.status == 201)
            let named = try await api.call(.get, "/api/v1/accounts?limit=50", token: token).items.filter { $0["name"] as? String == "Greenway Farms" }
            #expect(named.count == 1)
        }
    }
}
