import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Maintenance contracts through the API (SPEC §7): a draft, its activation into a schedule of
/// visits for its technicians, and its cancellation, on both engines.
@Suite("Maintenance contracts API")
struct ContractAPITests {
    @Test("a draft activates into monthly visits on working days for its technicians in turn; cancelling cancels the future ones", arguments: TestWorld.engines)
    func lifecycle(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: an account, two technicians, and a holiday on 2027-03-01 (a Monday)
        let account = try await world.makeAccount("Okafor Haulage")
        let ann = try await world.makeUser(.service), bo = try await world.makeUser(.service)
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            #expect(try await api.call(.post, "/api/v1/holidays", token: token, json: ["day": "2027-03-01", "name": "Founders' Day"]).status == 201)
            // when: a six-month monthly contract from Friday 2027-01-01
            let created = try await api.call(.post, "/api/v1/amc-contracts", token: token, json: [
                "accountId": account.id.string, "startDate": "2027-01-01", "durationMonths": 6, "frequency": "monthly", "visitMinutes": 90,
                "value": "2400.00", "currency": "EUR", "billing": "perPeriod", "technicianIds": [ann.userId.string, bo.userId.string],
            ])
            // then
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created.string("id"))
            #expect(created.string("number")?.hasPrefix("AMC-2026-") == true)
            #expect(created.string("status") == "draft" && created.string("endDate") == "2027-06-30")
            // when
            let active = try await api.call(.post, "/api/v1/amc-contracts/\(id)/activate", token: token)
            let visits = try await api.call(.get, "/api/v1/amc-contracts/\(id)/visits", token: token).items
            // then: 1 Jan (Fri), 1 Feb (Mon), 1 Mar is a holiday → 2 Mar, 1 Apr (Thu), 1 May is a Saturday → 3 May, 1 Jun (Tue)
            #expect(active.string("status") == "active")
            #expect(visits.compactMap { ($0["startAt"] as? String)?.prefix(10) }.map(String.init)
                    == ["2027-01-01", "2027-02-01", "2027-03-02", "2027-04-01", "2027-05-03", "2027-06-01"])
            #expect(visits.allSatisfy { ($0["startAt"] as? String)?.hasSuffix("T09:00:00.000Z") == true && $0["type"] as? String == "serviceVisit" })
            #expect(visits.map { $0["ownerId"] as? String } == [ann, bo, ann, bo, ann, bo].map { $0.userId.string })
            let first = try #require(visits.first?["id"] as? String)
            #expect(try await api.call(.get, "/api/v1/activities/\(first)", token: token).string("regardingName") == created.string("number"))
            #expect(try await api.call(.post, "/api/v1/amc-contracts/\(id)/activate", token: token).type == "contract-illegal-move")
            // when: cancelled on 2026-11-18 (the clock), every visit is still ahead: all are cancelled
            let cancelled = try await api.call(.post, "/api/v1/amc-contracts/\(id)/cancel", token: token, json: ["reason": "Customer sold the fleet"])
            #expect(cancelled.string("status") == "cancelled" && cancelled.string("cancelReason") == "Customer sold the fleet")
            let after = try await api.call(.get, "/api/v1/amc-contracts/\(id)/visits", token: token).items
            #expect(after.count == 6 && after.allSatisfy { $0["status"] as? String == "cancelled" })
            // the technician sees the contract they serve
            let annToken = try await world.token(for: ann)
            #expect(try await api.call(.get, "/api/v1/amc-contracts/\(id)", token: annToken).status == 200)
        }
    }

    @Test("bad input is refused with every problem at once and stores nothing", arguments: TestWorld.engines)
    func badInput(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let account = try await world.makeAccount()
        let seller = try await world.makeUser(.sales)
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            // when
            let refused = try await api.call(.post, "/api/v1/amc-contracts", token: token, json: [
                "accountId": account.id.string, "startDate": "2027-02-30", "durationMonths": 0, "frequency": "weekly",
                "value": "-5", "currency": "EUR",
            ])
            let linked = try await api.call(.post, "/api/v1/amc-contracts", token: token, json: [
                "accountId": account.id.string, "startDate": "2027-01-01", "durationMonths": 12, "frequency": "everyNDays",
                "value": "100.00", "currency": "EUR", "technicianIds": [seller.userId.string], "items": [["invoiceId": UUID().uuidString, "line": 1]],
            ])
            let unnamed = try await api.call(.post, "/api/v1/amc-contracts", token: token, json: [
                "accountId": account.id.string, "startDate": "2027-01-01", "durationMonths": 12, "frequency": "monthly", "value": "100.00", "currency": "EUR",
            ])
            // then
            #expect(refused.status == 422)
            #expect(Set(refused.fieldErrors.map(\.field)).isSuperset(of: ["startDate", "frequency"]), "\(refused.fieldErrors)")
            #expect(linked.status == 422 && linked.fieldErrors.map(\.field) == ["everyNDays"], "\(linked.fieldErrors)")
            let unnamedId = try #require(unnamed.string("id"))
            #expect(try await api.call(.post, "/api/v1/amc-contracts/\(unnamedId)/activate", token: token).type == "contract-no-technicians")
            let links = try await api.call(.post, "/api/v1/amc-contracts", token: token, json: [
                "accountId": account.id.string, "startDate": "2027-01-01", "durationMonths": 12, "frequency": "monthly",
                "value": "100.00", "currency": "EUR", "technicianIds": [seller.userId.string], "items": [["invoiceId": UUID().uuidString, "line": 1]],
            ])
            #expect(links.status == 422 && links.fieldErrors.map(\.field) == ["technicianIds[0]", "items[0]"], "\(links.fieldErrors)")
            // the largest whole number of months is a clear 422, never a trap
            let huge = try await api.call(.post, "/api/v1/amc-contracts", token: token, raw: """
                {"accountId": "\(account.id.string)", "startDate": "2027-01-01", "durationMonths": 9223372036854775807, "frequency": "monthly", "value": "1", "currency": "EUR"}
                """)
            #expect(huge.status == 422 && huge.fieldErrors.map(\.field) == ["durationMonths"], "\(huge.text)")
            #expect(try await api.call(.get, "/api/v1/amc-contracts", token: token).items.count == 1)
        }
    }

    @Test("a technician completes a visit with the time spent, the parts and the customer's rating; a rating outside 1–5 is refused", arguments: TestWorld.engines)
    func visitReport(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: an active contract with one technician
        let account = try await world.makeAccount()
        let tess = try await world.makeUser(.service)
        let token = try await world.token(for: world.admin), tessToken = try await world.token(for: tess)
        try await world.withAPI { api in
            let id = try #require(try await api.call(.post, "/api/v1/amc-contracts", token: token, json: [
                "accountId": account.id.string, "startDate": "2027-01-04", "durationMonths": 1, "frequency": "monthly",
                "value": "100.00", "currency": "EUR", "technicianIds": [tess.userId.string],
            ]).string("id"))
            _ = try await api.call(.post, "/api/v1/amc-contracts/\(id)/activate", token: token)
            let visit = try #require(try await api.call(.get, "/api/v1/amc-contracts/\(id)/visits", token: tessToken).items.first?["id"] as? String)
            // when
            let refused = try await api.call(.post, "/api/v1/activities/\(visit)/complete", token: tessToken,
                                             json: ["outcome": "Done", "feedback": ["rating": 6]])
            let done = try await api.call(.post, "/api/v1/activities/\(visit)/complete", token: tessToken, json: [
                "outcome": "Filters changed", "timeSpentMinutes": 75, "parts": ["Filter set", " ", "Seal kit"],
                "feedback": ["rating": 4, "comment": "On time", "signedBy": "Ken Olsen"],
            ])
            // then
            #expect(refused.status == 422 && refused.fieldErrors.map(\.field) == ["feedback.rating"])
            #expect(done.status == 200 && done.string("status") == "completed")
            let report = try #require(done.json["report"] as? [String: Any])
            #expect(report["rating"] as? Int == 4 && report["signedBy"] as? String == "Ken Olsen" && report["timeSpentMinutes"] as? Int == 75)
            #expect(report["parts"] as? [String] == ["Filter set", "Seal kit"])
            // a task takes no feedback
            let task = try #require(try await api.call(.post, "/api/v1/activities", token: token, json: ["type": "task", "subject": "Call"]).string("id"))
            let wrong = try await api.call(.post, "/api/v1/activities/\(task)/complete", token: token, json: ["feedback": ["rating": 3]])
            #expect(wrong.status == 422 && wrong.fieldErrors.map(\.field) == ["feedback"])
        }
    }

    @Test("billing per period shares the value exactly and never bills a period twice; a renewal follows on, linked both ways", arguments: TestWorld.engines)
    func billingAndRenewal(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: 1000.00 billed quarterly over a year (four periods), active
        let account = try await world.makeAccount()
        let tess = try await world.makeUser(.service)
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let id = try #require(try await api.call(.post, "/api/v1/amc-contracts", token: token, json: [
                "accountId": account.id.string, "startDate": "2027-01-01", "durationMonths": 12, "frequency": "quarterly",
                "value": "1000.00", "currency": "EUR", "billing": "perPeriod", "technicianIds": [tess.userId.string],
            ]).string("id"))
            #expect(try await api.call(.post, "/api/v1/amc-contracts/\(id)/invoice", token: token).type == "contract-not-billable")
            _ = try await api.call(.post, "/api/v1/amc-contracts/\(id)/activate", token: token)
            // when: billed five times
            var totals: [String] = [], statuses: [Int] = []
            for _ in 0..<5 {
                let invoice = try await api.call(.post, "/api/v1/amc-contracts/\(id)/invoice", token: token)
                statuses.append(invoice.status)
                if let total = invoice.string("total") { totals.append(total) }
            }
            // then: four draft invoices of 250.00 each, then 409
            #expect(statuses == [201, 201, 201, 201, 409])
            #expect(totals == ["250.00", "250.00", "250.00", "250.00"])
            // when: renewed for six months at 600.00
            let renewal = try await api.call(.post, "/api/v1/amc-contracts/\(id)/renew", token: token, json: ["durationMonths": 6, "value": "600.00"])
            // then
            #expect(renewal.status == 201, "\(renewal.text)")
            #expect(renewal.string("startDate") == "2028-01-01" && renewal.string("endDate") == "2028-06-30" && renewal.string("value") == "600.00")
            #expect(renewal.string("status") == "active" && renewal.string("renewedFromId") == id && renewal.string("number") != nil)
            let old = try await api.call(.get, "/api/v1/amc-contracts/\(id)", token: token)
            #expect(old.string("status") == "renewed" && old.string("renewedToId") == renewal.string("id"))
            let visits = try await api.call(.get, "/api/v1/amc-contracts/\(renewal.string("id") ?? "")/visits", token: token).items
            #expect(visits.count == 2)
            #expect(try await api.call(.post, "/api/v1/amc-contracts/\(id)/renew", token: token).type == "contract-illegal-move")
        }
    }
}
