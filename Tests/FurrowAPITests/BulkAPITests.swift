import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Bulk changes")
struct BulkAPITests {
    @Test("a manager gives a selection to a team member in one transaction; one record out of reach changes nothing", arguments: TestWorld.engines)
    func owner(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let north = try await world.makeTeam("North"), south = try await world.makeTeam("South")
        let manager = try await world.makeUser(.manager, team: north)
        let sam = try await world.makeUser(.sales, team: north), sue = try await world.makeUser(.sales, team: north)
        let far = try await world.makeUser(.sales, team: south)
        let mine = try await world.makeAccount("Alpha", by: sam), also = try await world.makeAccount("Beta", by: sam)
        let already = try await world.makeAccount("Gamma", by: sue)
        let elsewhere = try await world.makeAccount("Delta", by: far)
        let lead = try await world.makeLead(by: sam)
        let deal = try await world.makeOpportunity(by: sam)
        try await world.withAPI { api in
            let token = try await world.token(for: manager)
            let ids = [mine.id.string, also.id.string, already.id.string]
            // one account the manager cannot see: nothing changes, the record is named by its place
            let refused = try await api.call(.post, "/api/v1/bulk/assign-owner", token: token,
                                             json: ["type": "accounts", "ids": ids + [elsewhere.id.string], "ownerId": sue.userId.string])
            #expect(refused.status == 422 && refused.fieldErrors.map(\.field) == ["ids[3]"], "\(refused.text)")
            #expect(try await AccountService(world.env).get(mine.id, by: world.admin).ownership.ownerId == sam.userId)
            let done = try await api.call(.post, "/api/v1/bulk/assign-owner", token: token,
                                          json: ["type": "accounts", "ids": ids, "ownerId": sue.userId.string])
            #expect(done.status == 200 && (done.json["changed"] as? Int) == 2, "\(done.text)")
            for id in [mine.id, also.id, already.id] {
                #expect(try await AccountService(world.env).get(id, by: world.admin).ownership.ownerId == sue.userId)
            }
            // a manager gives only to the people of the teams they manage
            let away = try await api.call(.post, "/api/v1/bulk/assign-owner", token: token,
                                          json: ["type": "accounts", "ids": [mine.id.string], "ownerId": far.userId.string])
            #expect(away.status == 422)
            // leads and opportunities too; the new owner is told
            for (type, id) in [("leads", lead.id.string), ("opportunities", deal.id.string)] {
                let moved = try await api.call(.post, "/api/v1/bulk/assign-owner", token: token, json: ["type": type, "ids": [id], "ownerId": sue.userId.string])
                #expect(moved.status == 200 && (moved.json["changed"] as? Int) == 1, "\(type): \(moved.text)")
            }
            let told = try await world.store.read { try await $0.notifications(for: sue.userId, unreadOnly: false, limit: 20) }
            #expect(told.count >= 2)
            // a sales user may not
            let seller = try await api.call(.post, "/api/v1/bulk/assign-owner", token: try await world.token(for: sam),
                                            json: ["type": "accounts", "ids": [mine.id.string], "ownerId": sam.userId.string])
            #expect(seller.status == 403)
            let twice = try await api.call(.post, "/api/v1/bulk/assign-owner", token: token,
                                           json: ["type": "accounts", "ids": [mine.id.string, mine.id.string], "ownerId": sue.userId.string])
            #expect(twice.status == 422 && twice.fieldErrors.map(\.field) == ["ids"])
        }
        let trail = try await world.store.read { try await $0.auditEntries(entity: "account", id: mine.id.uuid) }
        #expect(trail.last?.actorId == manager.userId)
    }

    @Test("a selection is deleted whole or not at all; leads are not deleted", arguments: TestWorld.engines)
    func delete(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let sam = try await world.makeUser(.sales)
        let free = try await world.makeAccount("Free", by: sam), busy = try await world.makeAccount("Busy", by: sam)
        _ = try await world.makeContact(account: busy.id, by: sam)
        let loose = try await world.makeContact("Loose", by: sam)
        try await world.withAPI { api in
            let token = try await world.token(for: sam)
            let refused = try await api.call(.post, "/api/v1/bulk/delete", token: token, json: ["type": "accounts", "ids": [free.id.string, busy.id.string]])
            #expect(refused.status == 422 && refused.fieldErrors.first?.field == "ids[1]", "\(refused.text)")
            #expect(refused.fieldErrors.first?.message.contains("contacts") == true)
            #expect(try await api.call(.get, "/api/v1/accounts/\(free.id)", token: token).status == 200)
            let deleted = try await api.call(.post, "/api/v1/bulk/delete", token: token, json: ["type": "accounts", "ids": [free.id.string]])
            #expect(deleted.status == 200 && (deleted.json["deleted"] as? Int) == 1)
            #expect(try await api.call(.get, "/api/v1/accounts/\(free.id)", token: token).status == 404)
            #expect(try await api.call(.post, "/api/v1/bulk/delete", token: token, json: ["type": "contacts", "ids": [loose.id.string]]).status == 200)
            let leads = try await api.call(.post, "/api/v1/bulk/delete", token: token, json: ["type": "leads", "ids": [UUID().uuidString]])
            #expect(leads.status == 422)
        }
    }
}
