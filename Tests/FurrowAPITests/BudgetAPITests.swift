import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Budget tracking through the API (SPEC §9): the master, its lock at the end of its day, the
/// corrections after it, overlap, deletion, money on tasks and budget vs actual, on both engines.
@Suite("Budgets API")
struct BudgetAPITests {
    @Test("master → edit in place → lock → correction → correction, with overlap and delete refused as the rules say", arguments: TestWorld.engines)
    func lifecycle(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: two budget activities and an account (the clock stands at 2026-11-18 11:06 UTC)
        let account = try await world.makeAccount("Okafor Packaging")
        let token = try await world.token(for: world.admin)
        let other = try await world.makeUser(.sales)
        let otherToken = try await world.token(for: other)
        try await world.withAPI { api in
            let road = try #require(try await api.call(.post, "/api/v1/budget-activities", token: token, json: ["name": "Road work"]).string("id"))
            let upkeep = try #require(try await api.call(.post, "/api/v1/budget-activities", token: token, json: ["name": "Maintenance", "code": "MNT"]).string("id"))
            let regarding = ["type": "account", "id": account.id.string]
            // when: a master budget for 2027
            let created = try await api.call(.post, "/api/v1/budgets", token: token, json: [
                "regarding": regarding, "from": "2027-01-01", "to": "2027-12-31", "currency": "EUR",
                "lines": [["budgetActivityId": road, "income": "10000.00", "cost": "4000.00"]],
            ])
            // then
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created.string("id"))
            #expect(created.string("lockedAt") == "2026-11-19T00:00:00.000Z")
            #expect(created.json["locked"] as? Bool == false)
            #expect(created.string("regardingName") == "Okafor Packaging")
            // and an overlapping master of the same account is refused, naming the other; the day after is fine
            let overlap = try await api.call(.post, "/api/v1/budgets", token: token, json: [
                "regarding": regarding, "from": "2027-12-31", "to": "2028-06-30", "currency": "EUR",
                "lines": [["budgetActivityId": road, "income": "1.00"]],
            ])
            #expect(overlap.status == 409 && overlap.type == "budget-overlap" && overlap.string("detail")?.contains(id) == true)
            let next = try await api.call(.post, "/api/v1/budgets", token: token, json: [
                "regarding": regarding, "from": "2028-01-01", "to": "2028-06-30", "currency": "EUR",
                "lines": [["budgetActivityId": road, "income": "1.00"]],
            ])
            #expect(next.status == 201)
            // when: edited the same day, dates too: in place
            let same = try await api.call(.patch, "/api/v1/budgets/\(id)", token: token, json: ["from": "2027-02-01"])
            #expect(same.status == 200 && same.string("from") == "2027-02-01" && (same.json["corrections"] as? [Any])?.isEmpty == true)
            // when: after midnight the dates are locked, the numbers make a correction; the master stays
            world.clock.advance(by: 14 * 3600)
            let dates = try await api.call(.patch, "/api/v1/budgets/\(id)", token: token, json: ["to": "2027-11-30"])
            #expect(dates.status == 409 && dates.type == "budget-dates-locked")
            let first = try await api.call(.patch, "/api/v1/budgets/\(id)", token: token, json: [
                "lines": [["budgetActivityId": road, "income": "12000.00", "cost": "4000.00"], ["budgetActivityId": upkeep, "cost": "500.00"]],
            ])
            #expect(first.status == 201, "\(first.text)")
            #expect(first.headers[.location] == "/api/v1/budgets/\(id)/corrections/1")
            let master = try #require(first.json["master"] as? [String: Any])
            #expect(((master["lines"] as? [[String: Any]])?.first?["income"] as? String) == "10000.00")
            let current = try #require(first.json["current"] as? [String: Any])
            #expect(current["number"] as? Int == 1 && (current["changes"] as? [Any])?.count == 2)
            // the author changes their own correction in place; someone else's edit is a correction of its own
            let again = try await api.call(.patch, "/api/v1/budgets/\(id)", token: token,
                                           raw: #"{"lines": [{"budgetActivityId": "\#(road)", "income": "12500.00"}]}"#,
                                           headers: ["If-Match": "\"\(first.json["version"] as? Int ?? 0)\""])
            #expect(again.status == 200 && (again.json["corrections"] as? [Any])?.count == 1)
            let stale = try await api.call(.patch, "/api/v1/budgets/\(id)", token: token,
                                           raw: #"{"lines": [{"budgetActivityId": "\#(road)", "income": "1.00"}]}"#, headers: ["If-Match": "\"1\""])
            #expect(stale.status == 412)
            #expect(try await api.call(.get, "/api/v1/budgets/\(id)", token: otherToken).status == 404)
            // delete: a locked master or a master with corrections is refused; the latest unlocked correction goes
            #expect(try await api.call(.delete, "/api/v1/budgets/\(id)", token: token).type == "budget-locked")
            let dropped = try await api.call(.delete, "/api/v1/budgets/\(id)/corrections/1", token: token)
            #expect(dropped.status == 200 && (dropped.json["corrections"] as? [Any])?.isEmpty == true)
            let unlocked = try #require(next.string("id"))
            world.clock.advance(by: -14 * 3600)
            #expect(try await api.call(.delete, "/api/v1/budgets/\(unlocked)", token: token).status == 204)
            #expect(try await api.call(.get, "/api/v1/budgets/\(unlocked)", token: token).status == 404)
        }
    }

    @Test("bad input is refused with every problem at once and stores nothing", arguments: TestWorld.engines)
    func badInput(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount()
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let road = try #require(try await api.call(.post, "/api/v1/budget-activities", token: token, json: ["name": "Road work"]).string("id"))
            let old = try #require(try await api.call(.post, "/api/v1/budget-activities", token: token, json: ["name": "Old"]).string("id"))
            _ = try await api.call(.patch, "/api/v1/budget-activities/\(old)", token: token, json: ["active": false])
            // when
            let refused = try await api.call(.post, "/api/v1/budgets", token: token, json: [
                "regarding": ["type": "account", "id": account.id.string], "from": "2027-05-01", "to": "2027-04-01", "currency": "EUR",
                "lines": [["budgetActivityId": road, "income": "-5"], ["budgetActivityId": road, "cost": "abc"]],
            ])
            let inactive = try await api.call(.post, "/api/v1/budgets", token: token, json: [
                "regarding": ["type": "account", "id": account.id.string], "from": "2027-01-01", "to": "2027-04-01", "currency": "EUR",
                "lines": [["budgetActivityId": old, "income": "5"], ["budgetActivityId": UUID().uuidString, "income": "5"]],
            ])
            let unseen = try await api.call(.post, "/api/v1/budgets", token: token, json: [
                "regarding": ["type": "opportunity", "id": UUID().uuidString], "from": "2027-01-01", "to": "2027-04-01", "currency": "EUR",
                "lines": [["budgetActivityId": road, "income": "5"]],
            ])
            // then
            #expect(refused.status == 422)
            #expect(Set(refused.fieldErrors.map(\.field)).isSuperset(of: ["lines[0].income", "lines[1].cost"]), "\(refused.fieldErrors)")
            #expect(inactive.status == 422 && inactive.fieldErrors.map(\.field) == ["lines[0].budgetActivityId", "lines[1].budgetActivityId"])
            #expect(unseen.status == 404)
            let stored = try await api.call(.get, "/api/v1/budgets?regardingType=account&regardingId=\(account.id)", token: token)
            #expect(stored.status == 200 && stored.items.isEmpty)
        }
    }

    @Test("income and expenses on tasks make budget vs actual; other currencies stay apart; switched off, every route says so", arguments: TestWorld.engines)
    func versusActual(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount()
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let road = try #require(try await api.call(.post, "/api/v1/budget-activities", token: token, json: ["name": "Road work"]).string("id"))
            let budget = try #require(try await api.call(.post, "/api/v1/budgets", token: token, json: [
                "regarding": ["type": "account", "id": account.id.string], "from": "2026-01-01", "to": "2026-12-31", "currency": "EUR",
                "lines": [["budgetActivityId": road, "income": "1000.00", "cost": "400.00"]],
            ]).string("id"))
            let task = try #require(try await api.call(.post, "/api/v1/activities", token: token, json: [
                "type": "task", "subject": "Resurface the yard", "regarding": ["type": "account", "id": account.id.string], "budgetActivityId": road,
            ]).string("id"))
            // when
            for (type, amount, currency) in [("income", "250.00", "EUR"), ("expense", "500.00", "EUR"), ("expense", "80.00", "USD")] {
                let entry = try await api.call(.post, "/api/v1/activities/\(task)/entries", token: token, json: [
                    "type": type, "amount": amount, "currency": currency, "date": "2026-11-10", "description": "Yard",
                ])
                #expect(entry.status == 201, "\(entry.text)")
            }
            let zero = try await api.call(.post, "/api/v1/activities/\(task)/entries", token: token,
                                          json: ["type": "income", "amount": "0", "currency": "EUR", "date": "2026-11-10"])
            let table = try await api.call(.get, "/api/v1/budgets/\(budget)/versus-actual", token: token)
            let csv = try await api.raw(.get, "/api/v1/budgets/\(budget)/versus-actual?format=csv", token: token)
            // then
            #expect(zero.status == 422 && zero.fieldErrors.map(\.field) == ["amount"])
            let row = try #require((table.json["rows"] as? [[String: Any]])?.first)
            #expect(row["actualIncome"] as? String == "250.00" && row["actualCost"] as? String == "500.00")
            #expect(row["incomeVariance"] as? String == "-750.00" && row["costConsumed"] as? String == "125.0")
            #expect(row["budgetActivityName"] as? String == "Road work")
            #expect((table.json["unconverted"] as? [[String: Any]])?.first?["amount"] as? String == "80.00")
            #expect(csv.contentType?.hasPrefix("text/csv") == true && String(decoding: csv.body, as: UTF8.self).contains("Road work,,EUR,1000.00,250.00"))
            let entries = try await api.call(.get, "/api/v1/activities/\(task)/entries", token: token).items
            #expect(entries.count == 3)
            // when: switched off, the routes say so and nothing is lost; on again, it is all there
            _ = try await api.call(.patch, "/api/v1/settings", token: token, json: ["budgetTracking": false])
            let off = try await api.call(.get, "/api/v1/budgets/\(budget)", token: token)
            #expect(off.status == 409 && off.type == "budget-tracking-disabled")
            #expect(try await api.call(.get, "/api/v1/budget-activities", token: token).type == "budget-tracking-disabled")
            _ = try await api.call(.patch, "/api/v1/settings", token: token, json: ["budgetTracking": true])
            #expect(try await api.call(.get, "/api/v1/activities/\(task)/entries", token: token).items.count == 3)
            let deleted = try await api.call(.delete, "/api/v1/activities/\(task)/entries/\(entries[0]["id"] as? String ?? "")", token: token)
            #expect(deleted.status == 204)
        }
    }

    @Test("in the company's time zone a master locks at its local midnight: just before, it changes in place; just after, a correction", arguments: TestWorld.engines)
    func localMidnight(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: Auckland (UTC+13 in summer); the clock stands at 2026-11-18 11:06:40 UTC, 00:06:40 on the 19th there
        let account = try await world.makeAccount()
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            #expect(try await api.call(.patch, "/api/v1/settings", token: token, json: ["timeZone": "Pacific/Auckland"]).status == 200)
            let road = try #require(try await api.call(.post, "/api/v1/budget-activities", token: token, json: ["name": "Road work"]).string("id"))
            let created = try await api.call(.post, "/api/v1/budgets", token: token, json: [
                "regarding": ["type": "account", "id": account.id.string], "from": "2027-01-01", "to": "2027-03-31", "currency": "NZD",
                "lines": [["budgetActivityId": road, "income": "100.00"]],
            ])
            let id = try #require(created.string("id"))
            // then: it locks at the next midnight in Auckland, 11:00 UTC on the 19th
            #expect(created.string("lockedAt") == "2026-11-19T11:00:00.000Z")
            world.clock.advance(by: 86_000 - 40)   // 23:59:20 on the 19th there
            let before = try await api.call(.patch, "/api/v1/budgets/\(id)", token: token, json: ["to": "2027-04-30"])
            #expect(before.status == 200 && before.string("to") == "2027-04-30")
            world.clock.advance(by: 60)            // 00:00:20 on the 20th there
            let after = try await api.call(.patch, "/api/v1/budgets/\(id)", token: token, json: ["lines": [["budgetActivityId": road, "income": "120.00"]]])
            #expect(after.status == 201)
            #expect((after.json["master"] as? [String: Any])?["locked"] as? Bool == true)
        }
    }

    @Test("two people editing a locked budget at once each get a correction of their own; nothing is lost", arguments: TestWorld.engines)
    func concurrentCorrections(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: a master budget made yesterday, and a second administrator
        let account = try await world.makeAccount()
        let token = try await world.token(for: world.admin)
        let other = try await world.token(for: try await world.makeUser(.admin))
        try await world.withAPI { api in
            let road = try #require(try await api.call(.post, "/api/v1/budget-activities", token: token, json: ["name": "Road work"]).string("id"))
            let id = try #require(try await api.call(.post, "/api/v1/budgets", token: token, json: [
                "regarding": ["type": "account", "id": account.id.string], "from": "2027-01-01", "to": "2027-12-31", "currency": "EUR",
                "lines": [["budgetActivityId": road, "income": "100.00"]],
            ]).string("id"))
            world.clock.advance(by: 86_400)
            // when: both save at the same moment
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for (caller, income) in [(token, "110.00"), (other, "120.00")] {
                    group.addTask {
                        try await api.call(.patch, "/api/v1/budgets/\(id)", token: caller, json: ["lines": [["budgetActivityId": road, "income": income]]]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // then: two corrections, one with each person's numbers
            #expect(statuses == [201, 201])
            let budget = try await api.call(.get, "/api/v1/budgets/\(id)", token: token)
            let corrections = try #require(budget.json["corrections"] as? [[String: Any]])
            let incomes = Set(corrections.compactMap { (($0["lines"] as? [[String: Any]])?.first?["income"] as? String) })
            #expect(corrections.count == 2 && incomes == ["110.00", "120.00"])
        }
    }

    @Test("a budget or an entry on a record the caller cannot see is not found, and a budget's currency stays", arguments: TestWorld.engines)
    func visibility(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: a budget and a task on an account of the admin's, and a sales user of another team
        let account = try await world.makeAccount()
        let token = try await world.token(for: world.admin)
        let stranger = try await world.token(for: try await world.makeUser(.sales, team: try await world.makeTeam()))
        try await world.withAPI { api in
            let road = try #require(try await api.call(.post, "/api/v1/budget-activities", token: token, json: ["name": "Road work"]).string("id"))
            let regarding = ["type": "account", "id": account.id.string]
            let id = try #require(try await api.call(.post, "/api/v1/budgets", token: token, json: [
                "regarding": regarding, "from": "2027-01-01", "to": "2027-12-31", "currency": "EUR",
                "lines": [["budgetActivityId": road, "income": "100.00"]],
            ]).string("id"))
            let task = try #require(try await api.call(.post, "/api/v1/activities", token: token, json: [
                "type": "task", "subject": "Yard", "regarding": regarding, "budgetActivityId": road,
            ]).string("id"))
            // when / then
            let budget = try await api.call(.post, "/api/v1/budgets", token: stranger, json: [
                "regarding": regarding, "from": "2028-01-01", "to": "2028-12-31", "currency": "EUR", "lines": [["budgetActivityId": road, "income": "1"]],
            ])
            #expect(budget.status == 404)
            #expect(try await api.call(.get, "/api/v1/budgets/\(id)", token: stranger).status == 404)
            #expect(try await api.call(.get, "/api/v1/budgets/\(id)/versus-actual", token: stranger).status == 404)
            let entry = try await api.call(.post, "/api/v1/activities/\(task)/entries", token: stranger,
                                           json: ["type": "income", "amount": "5.00", "currency": "EUR", "date": "2027-01-05"])
            #expect(entry.status == 404)
            let currency = try await api.call(.patch, "/api/v1/budgets/\(id)", token: token, json: ["currency": "USD"])
            #expect(currency.status == 422 && currency.fieldErrors.map(\.field) == ["currency"])
            #expect(try await api.call(.get, "/api/v1/activities/\(task)/entries", token: token).items.isEmpty)
        }
    }
}
