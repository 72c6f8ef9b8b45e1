import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Bulk creates (SPEC §11): up to 1,000 records in one call and one transaction, every bad item
/// named by its index and nothing stored, the duplicate policy per call; on both engines.
@Suite("Bulk creates")
struct BulkCreateTests {
    static func count(_ world: TestWorld, _ table: String) async throws -> Int {
        try await world.store.withDatabase { try await $0.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) } ?? -1
    }

    @Test("a thousand accounts in one call, in order, searchable and audited; a thousand and one are refused", arguments: TestWorld.engines)
    func thousand(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales)
        let token = try await world.token(for: seller)
        try await world.withAPI { api in
            let items = (0..<1000).map { ["name": String(format: "Batch Farm %04d", $0), "industry": "Dairy", "email": "farm\($0)@dairy.example"] }
            let reply = try await api.call(.post, "/api/v1/accounts/batch", token: token, json: ["items": items])
            #expect(reply.status == 201, "\(reply.text.prefix(300))")
            #expect(reply.json["created"] as? Int == 1000 && reply.json["skipped"] as? Int == 0)
            let entries = try #require(reply.json["items"] as? [[String: Any]])
            let names = entries.compactMap { ($0["record"] as? [String: Any])?["name"] as? String }
            #expect(names == items.map { $0["name"]! } && entries.allSatisfy { $0["status"] as? String == "created" })
            let ownerIds = Set(entries.compactMap { ($0["record"] as? [String: Any])?["ownerId"] as? String })
            #expect(ownerIds == [seller.userId.string])
            let found = try await api.call(.get, "/api/v1/search?q=Batch%20Farm%200777", token: token)
            #expect((found.json["items"] as? [[String: Any]])?.first?["title"] as? String == "Batch Farm 0777")
            let id = try #require((entries[3]["record"] as? [String: Any])?["id"] as? String)
            let trail = try await api.call(.get, "/api/v1/audit?entity=account&id=\(id)", token: token)
            #expect((trail.json["items"] as? [[String: Any]])?.first?["action"] as? String == "account.create")

            let tooMany = try await api.call(.post, "/api/v1/accounts/batch", token: token, json: ["items": Array(repeating: ["name": "X"], count: 1001)])
            let none = try await api.call(.post, "/api/v1/accounts/batch", token: token, json: ["items": []])
            #expect(tooMany.status == 422 && tooMany.fieldErrors.map(\.field) == ["items"])
            #expect(none.status == 422 && none.fieldErrors.map(\.field) == ["items"])
            #expect(try await Self.count(world, "accounts") == 1000)
        }
    }

    @Test("every bad item is named by its index, unreadable or invalid, and nothing is stored; read-only users are refused",
          arguments: TestWorld.engines)
    func badItems(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin), reader = try await world.token(for: try await world.makeUser(.readonly))
        try await world.withAPI { api in
            let items: [[String: Any]] = [["lastName": "Good"], ["firstName": "No last name"], ["lastName": "Fine"],
                                          ["lastName": "Typed", "email": 42], ["lastName": "Unknown", "shoeSize": 9],
                                          ["lastName": "Bad mail", "email": "not-an-address"]]
            let reply = try await api.call(.post, "/api/v1/contacts/batch", token: token, json: ["items": items])
            #expect(reply.status == 422, "\(reply.text)")
            #expect(Set(reply.fieldErrors.map(\.field)) == ["items[1].lastName", "items[3].email", "items[4].shoeSize", "items[5].email"], "\(reply.text)")
            #expect(try await Self.count(world, "contacts") == 0)
            let refused = try await api.call(.post, "/api/v1/contacts/batch", token: reader, json: ["items": [["lastName": "Reader"]]])
            let badPolicy = try await api.call(.post, "/api/v1/contacts/batch?duplicates=maybe", token: token, json: ["items": [["lastName": "P"]]])
            #expect(refused.status == 403 && badPolicy.status == 400)
        }
    }

    @Test("duplicates fail by default, are skipped or created on request, within the call too", arguments: TestWorld.engines)
    func duplicates(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let stored = try await world.makeAccount("Harbour Logistics", email: "ops@harbour.example")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let items: [[String: Any]] = [["name": "Harbour Logistics Ltd", "email": "ops@harbour.example"], ["name": "Quay Freight", "email": "desk@quay.example"],
                                          ["name": "Quay Freight GmbH", "email": "desk@quay.example"]]
            let failed = try await api.call(.post, "/api/v1/accounts/batch", token: token, json: ["items": items])
            #expect(failed.status == 422 && failed.fieldErrors.map(\.field) == ["items[0]", "items[2]"], "\(failed.text)")
            #expect(failed.fieldErrors.first?.message.contains("Harbour Logistics") == true)
            #expect(try await Self.count(world, "accounts") == 1)

            let skipped = try await api.call(.post, "/api/v1/accounts/batch?duplicates=skip", token: token, json: ["items": items])
            let entries = try #require(skipped.json["items"] as? [[String: Any]])
            #expect(skipped.status == 201 && skipped.json["created"] as? Int == 1 && skipped.json["skipped"] as? Int == 2)
            #expect(entries.map { $0["status"] as? String } == ["skipped", "created", "skipped"])
            #expect((entries[0]["duplicateOf"] as? [[String: Any]])?.first?["id"] as? String == stored.id.string)
            #expect(try await Self.count(world, "accounts") == 2)

            let created = try await api.call(.post, "/api/v1/accounts/batch?duplicates=create", token: token, json: ["items": items])
            #expect(created.status == 201 && created.json["created"] as? Int == 3)
            #expect(try await Self.count(world, "accounts") == 5)
        }
    }

    @Test("opportunities come with their product lines, one at a time or in bulk; a refused item is named", arguments: TestWorld.engines)
    func opportunityLines(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let pump = try await world.makeProduct("Irrigation pump")
        let list = try await world.makePriceList([pump.id: "1200.00"])
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let line: [String: Any] = ["productId": pump.id.string, "quantity": "2"]
            // one at a time: the lines are stored with it and, in revenue mode system, make its estimate
            let single = try await api.call(.post, "/api/v1/opportunities", token: token,
                                            json: ["name": "Pumps for the north field", "currency": "EUR", "revenueMode": "system",
                                                   "priceListId": list.id.string, "lines": [line]])
            #expect(single.status == 201 && single.string("estimatedRevenue") == "2400.00", "\(single.text)")
            let id = try #require(single.string("id"))
            let lines = try await api.call(.get, "/api/v1/opportunities/\(id)/lines", token: token)
            #expect((lines.json["lines"] as? [[String: Any]])?.count == 1)
            // in bulk
            let items: [[String: Any]] = [["name": "Pumps A", "currency": "EUR", "revenueMode": "system", "priceListId": list.id.string, "lines": [line, line]],
                                          ["name": "Consulting B", "currency": "EUR", "estimatedRevenue": "500.00"]]
            let bulk = try await api.call(.post, "/api/v1/opportunities/batch", token: token, json: ["items": items])
            #expect(bulk.status == 201 && bulk.json["created"] as? Int == 2, "\(bulk.text.prefix(400))")
            let records = (bulk.json["items"] as? [[String: Any]])?.compactMap { $0["record"] as? [String: Any] }
            #expect(records?.map { $0["estimatedRevenue"] as? String } == ["4800.00", "500.00"])
            // a product without a price in the list refuses its item, naming it; nothing is stored
            let other = try await world.makeProduct("Unpriced valve")
            let before = try await Self.count(world, "opportunities")
            let refused = try await api.call(.post, "/api/v1/opportunities/batch", token: token, json: ["items": [
                ["name": "Fine", "currency": "EUR"],
                ["name": "Valves", "currency": "EUR", "priceListId": list.id.string, "lines": [["productId": other.id.string, "quantity": "1"]]],
            ]])
            #expect(refused.status == 422 && refused.text.contains("items[1]"), "\(refused.text)")
            #expect(try await Self.count(world, "opportunities") == before)
        }
    }

    @Test("products (managers and administrators) and activities in bulk, a repeated SKU named by its index", arguments: TestWorld.engines)
    func productsAndActivities(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales)
        let account = try await world.makeAccount("Task Farm", by: seller)
        let admin = try await world.token(for: world.admin), sales = try await world.token(for: seller)
        try await world.withAPI { api in
            let products: [[String: Any]] = [["sku": "PUMP-1", "name": "Pump"], ["sku": "VALVE-1", "name": "Valve", "unitPrice": "12.50", "currency": "EUR"]]
            let made = try await api.call(.post, "/api/v1/products/batch", token: admin, json: ["items": products])
            #expect(made.status == 201 && made.json["created"] as? Int == 2, "\(made.text)")
            let repeated = try await api.call(.post, "/api/v1/products/batch", token: admin, json: ["items": [["sku": "NEW-1", "name": "New"], ["sku": "PUMP-1", "name": "Again"]]])
            #expect(repeated.status == 422 && repeated.fieldErrors.map(\.field) == ["items[1].sku"], "\(repeated.text)")
            let bySeller = try await api.call(.post, "/api/v1/products/batch", token: sales, json: ["items": products])
            #expect(bySeller.status == 403)

            let activities: [[String: Any]] = [
                ["type": "task", "subject": "Call about the pump", "regarding": ["type": "account", "id": account.id.string]],
                ["type": "phoneCall", "subject": "Called", "status": "completed", "outcome": "Interested"],
            ]
            let tasks = try await api.call(.post, "/api/v1/activities/batch", token: sales, json: ["items": activities])
            #expect(tasks.status == 201 && tasks.json["created"] as? Int == 2, "\(tasks.text)")
            let records = (tasks.json["items"] as? [[String: Any]])?.compactMap { $0["record"] as? [String: Any] }
            #expect(records?.map { $0["status"] as? String } == ["open", "completed"])
            let bad = try await api.call(.post, "/api/v1/activities/batch", token: sales, json: ["items": [["type": "task"], ["type": "task", "subject": "x", "status": "cancelled"]]])
            #expect(bad.status == 422 && Set(bad.fieldErrors.map(\.field)) == ["items[0].subject", "items[1].status"], "\(bad.text)")
        }
    }

    @Test("many records change in one call by id and version; a stale version, a record out of sight or a bad field refuse all",
          arguments: TestWorld.engines)
    func updates(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales), other = try await world.makeUser(.sales)
        let a = try await world.makeAccount("Alder Farm", by: seller), b = try await world.makeAccount("Birch Farm", by: seller)
        let hidden = try await world.makeAccount("Hidden Farm", by: other)
        let lead = try await world.makeLead("Frost fans", by: seller)
        let token = try await world.token(for: seller)
        try await world.withAPI { api in
            let changed = try await api.call(.patch, "/api/v1/accounts/batch", token: token, json: ["items": [
                ["id": a.id.string, "version": 1, "industry": "Dairy"], ["id": b.id.string, "version": 1, "industry": "Arable", "email": nil],
            ]])
            #expect(changed.status == 200 && changed.json["updated"] as? Int == 2, "\(changed.text)")
            let records = (changed.json["items"] as? [[String: Any]])?.compactMap { $0["record"] as? [String: Any] }
            #expect(records?.map { $0["industry"] as? String } == ["Dairy", "Arable"] && records?.map { $0["version"] as? Int } == [2, 2])
            #expect(records?.first?["name"] as? String == "Alder Farm", "absent fields are unchanged")

            let stale = try await api.call(.patch, "/api/v1/accounts/batch", token: token, json: ["items": [
                ["id": a.id.string, "version": 2, "industry": "Beef"], ["id": b.id.string, "version": 1, "industry": "Oats"],
            ]])
            #expect(stale.status == 412 && stale.text.contains("items[1]"), "\(stale.text)")
            let bad = try await api.call(.patch, "/api/v1/accounts/batch", token: token, json: ["items": [
                ["id": a.id.string, "version": 2, "name": ""], ["id": hidden.id.string, "version": 1, "industry": "x"], ["industry": "no id"],
            ]])
            #expect(bad.status == 422 && Set(bad.fieldErrors.map(\.field)) == ["items[0].name", "items[1].id", "items[2].id", "items[2].version"], "\(bad.text)")
            let reread = try await api.call(.get, "/api/v1/accounts/\(a.id)", token: token)
            #expect(reread.string("industry") == "Dairy" && reread.json["version"] as? Int == 2, "nothing of the refused calls is stored")

            let leads = try await api.call(.patch, "/api/v1/leads/batch", token: token, json: ["items": [["id": lead.id.string, "version": 1, "status": "contacted", "topic": "Frost fans, 3 rows"]]])
            let updatedLead = (leads.json["items"] as? [[String: Any]])?.first?["record"] as? [String: Any]
            #expect(leads.status == 200 && updatedLead?["status"] as? String == "contacted" && updatedLead?["topic"] as? String == "Frost fans, 3 rows", "\(leads.text)")
        }
    }

    @Test("products and activities change in bulk too; a seller may not change products", arguments: TestWorld.engines)
    func productAndActivityUpdates(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales)
        let pump = try await world.makeProduct("Pump"), valve = try await world.makeProduct("Valve")
        let admin = try await world.token(for: world.admin), sales = try await world.token(for: seller)
        try await world.withAPI { api in
            let products = try await api.call(.patch, "/api/v1/products/batch", token: admin, json: ["items": [
                ["id": pump.id.string, "version": 1, "name": "Pump, 2 kW"], ["id": valve.id.string, "version": 1, "unit": "piece"],
            ]])
            #expect(products.status == 200 && products.json["updated"] as? Int == 2, "\(products.text)")
            let names = (products.json["items"] as? [[String: Any]])?.compactMap { ($0["record"] as? [String: Any])?["name"] as? String }
            #expect(names == ["Pump, 2 kW", "Valve"])
            let refused = try await api.call(.patch, "/api/v1/products/batch", token: sales, json: ["items": [["id": pump.id.string, "version": 2, "name": "x"]]])
            #expect(refused.status == 403, "\(refused.text)")

            let made = try await api.call(.post, "/api/v1/activities/batch", token: sales, json: ["items": [["type": "task", "subject": "One"], ["type": "task", "subject": "Two"]]])
            let ids = (made.json["items"] as? [[String: Any]])?.compactMap { ($0["record"] as? [String: Any])?["id"] as? String } ?? []
            let changed = try await api.call(.patch, "/api/v1/activities/batch", token: sales, json: ["items": ids.map { ["id": $0, "version": 1, "location": "Barn 2"] }])
            #expect(changed.status == 200 && changed.json["updated"] as? Int == 2, "\(changed.text)")
            let places = (changed.json["items"] as? [[String: Any]])?.compactMap { ($0["record"] as? [String: Any])?["location"] as? String }
            #expect(places == ["Barn 2", "Barn 2"])
        }
    }
}
