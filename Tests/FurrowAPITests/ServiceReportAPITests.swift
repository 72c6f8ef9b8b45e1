import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// The service report, renewals with a renewal quote, service teams and the maintenance settings
/// through the API (SPEC §7), on both engines. The clock stands at 2026-11-18 11:06:40 UTC.
@Suite("Service report and renewals API")
struct ServiceReportAPITests {
    /// Creates and activates a contract; answers its id and its visits' ids by start.
    static func contract(_ api: API, _ token: String, _ fields: [String: Any]) async throws -> (String, [String]) {
        let created = try await api.call(.post, "/api/v1/amc-contracts", token: token, json: fields)
        let id = try #require(created.string("id"), "\(created.text)")
        #expect(try await api.call(.post, "/api/v1/amc-contracts/\(id)/activate", token: token).status == 200)
        let visits = try await api.call(.get, "/api/v1/amc-contracts/\(id)/visits", token: token).items.compactMap { $0["id"] as? String }
        return (id, visits)
    }

    @Test("visits due, done, overdue and upcoming per technician and customer, with completion and ratings; renewals by 30/60/90 days; CSV; what each user may see",
          arguments: TestWorld.engines)
    func report(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: two technicians; Harbour's three-month contract from 2026-09-01 (ends 2026-11-30, EUR 300.00) served by both in turn,
        // and Moor's two-month contract from Monday 2026-11-23 (ends 2027-01-22, GBP 200.00) served by Bo
        let harbour = try await world.makeAccount("Harbour Freight"), moor = try await world.makeAccount("Moor Dairy")
        let ann = try await world.makeUser(.service), bo = try await world.makeUser(.service), seller = try await world.makeUser(.sales)
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let (_, harbourVisits) = try await Self.contract(api, token, [
                "accountId": harbour.id.string, "startDate": "2026-09-01", "durationMonths": 3, "frequency": "monthly", "value": "300.00",
                "currency": "EUR", "technicianIds": [ann.userId.string, bo.userId.string],
            ])
            _ = try await Self.contract(api, token, [
                "accountId": moor.id.string, "startDate": "2026-11-23", "durationMonths": 2, "frequency": "monthly", "value": "200.00",
                "currency": "GBP", "technicianIds": [bo.userId.string],
            ])
            // Ann did 1 September (rated 5), Bo 1 October (rated 4); Ann's 2 November visit is still open
            #expect(harbourVisits.count == 3)
            let annToken = try await world.token(for: ann), boToken = try await world.token(for: bo)
            #expect(try await api.call(.post, "/api/v1/activities/\(harbourVisits[0])/complete", token: annToken,
                                       json: ["outcome": "Done", "feedback": ["rating": 5]]).status == 200)
            #expect(try await api.call(.post, "/api/v1/activities/\(harbourVisits[1])/complete", token: boToken,
                                       json: ["outcome": "Done", "feedback": ["rating": 4]]).status == 200)
            // when
            let report = try await api.call(.get, "/api/v1/reports/service?from=2026-09-01&to=2026-12-31", token: token)
            // then: five visits: two done, one overdue, two upcoming (Moor's 23 November and 23 December)
            #expect(report.status == 200, "\(report.text)")
            let total = try #require(report.json["total"] as? [String: Any])
            #expect(total["due"] as? Int == 5 && total["done"] as? Int == 2 && total["overdue"] as? Int == 1 && total["upcoming"] as? Int == 2)
            #expect(total["completionPercent"] as? String == "66.7" && total["averageRating"] as? String == "4.5" && total["ratings"] as? Int == 2)
            let technicians = Dictionary(uniqueKeysWithValues: (report.json["technicians"] as? [[String: Any]] ?? []).map { ($0["id"] as? String ?? "", $0) })
            #expect(technicians.count == 2)
            let annRow = try #require(technicians[ann.userId.string]), boRow = try #require(technicians[bo.userId.string])
            #expect(annRow["due"] as? Int == 2 && annRow["overdue"] as? Int == 1 && annRow["completionPercent"] as? String == "50.0"
                    && annRow["averageRating"] as? String == "5.0")
            #expect(boRow["due"] as? Int == 3 && boRow["upcoming"] as? Int == 2 && boRow["completionPercent"] as? String == "100.0"
                    && boRow["averageRating"] as? String == "4.0")
            let customers = report.json["customers"] as? [[String: Any]] ?? []
            #expect(customers.map { $0["name"] as? String } == ["Harbour Freight", "Moor Dairy"])
            #expect(customers.map { $0["due"] as? Int } == [3, 2] && customers.last?["completionPercent"] == nil)
            // renewals: Harbour's ends in 12 days, Moor's in 65
            let renewals = report.json["renewals"] as? [[String: Any]] ?? []
            #expect(renewals.map { $0["withinDays"] as? Int } == [30, 60, 90] && renewals.map { $0["count"] as? Int } == [1, 0, 1])
            #expect((renewals.first?["totals"] as? [[String: Any]])?.first?["total"] as? String == "300.00")
            #expect((renewals.last?["totals"] as? [[String: Any]])?.first?["currency"] as? String == "GBP")
            // a shorter period counts only its visits
            let october = try await api.call(.get, "/api/v1/reports/service?from=2026-10-01&to=2026-10-31", token: token)
            #expect((october.json["total"] as? [String: Any])?["due"] as? Int == 1)
            // CSV
            let csv = try await api.call(.get, "/api/v1/reports/service?from=2026-09-01&to=2026-12-31&format=csv", token: token)
            #expect(csv.status == 200 && csv.contentType?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(whereSeparator: \.isNewline)
            #expect(lines.first?.hasPrefix("section,name,due,done,overdue,upcoming,completionPercent,averageRating") == true)
            #expect(lines.contains { $0.hasPrefix("total,All visits,5,2,1,2,66.7,4.5") } && lines.contains { $0.hasPrefix("customer,Moor Dairy,2,0,0,2,,") })
            #expect(lines.contains { $0.hasPrefix("renewals,within 30 days") && $0.hasSuffix(",1,300.00,EUR") })
            // each user sees their own: Ann her two visits; a seller with no contract none
            let annReport = try await api.call(.get, "/api/v1/reports/service?from=2026-09-01&to=2026-12-31", token: annToken)
            #expect((annReport.json["total"] as? [String: Any])?["due"] as? Int == 2)
            let sellerReport = try await api.call(.get, "/api/v1/reports/service?from=2026-09-01&to=2026-12-31", token: try await world.token(for: seller))
            #expect((sellerReport.json["total"] as? [String: Any])?["due"] as? Int == 0)
            #expect((sellerReport.json["renewals"] as? [[String: Any]])?.compactMap { $0["count"] as? Int } == [0, 0, 0])
            // bad input
            #expect(try await api.call(.get, "/api/v1/reports/service?from=2026-13-01", token: token).type == "invalid-query")
            #expect(try await api.call(.get, "/api/v1/reports/service?month=11", token: token).type == "invalid-query")
            let backwards = try await api.call(.get, "/api/v1/reports/service?from=2026-12-01&to=2026-11-01", token: token)
            #expect(backwards.status == 422 && backwards.fieldErrors.map(\.field) == ["to"])
            // the default period is the current month: Ann's open 2 November visit and Moor's 23 November one
            let current = try await api.call(.get, "/api/v1/reports/service", token: token)
            #expect(current.json["from"] as? String == "2026-11-01" && current.json["to"] as? String == "2026-11-30")
            #expect((current.json["total"] as? [String: Any])?["due"] as? Int == 2)
        }
    }

    @Test("renewing with createQuote makes a draft renewal quote at the new value on a renewal opportunity of the contract's owner, in the same transaction",
          arguments: TestWorld.engines)
    func renewalQuote(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: an administrator's contract given to a seller
        let seller = try await world.makeUser(.sales), tech = try await world.makeUser(.service)
        let account = try await world.makeAccount("Okafor Haulage", by: seller)
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let (id, _) = try await Self.contract(api, token, [
                "accountId": account.id.string, "startDate": "2026-01-05", "durationMonths": 12, "frequency": "quarterly", "value": "1200.00",
                "currency": "EUR", "technicianIds": [tech.userId.string], "ownerId": seller.userId.string, "terms": "Quarterly checks.",
            ])
            // when
            let renewal = try await api.call(.post, "/api/v1/amc-contracts/\(id)/renew", token: token,
                                             json: ["value": "1300.00", "createQuote": true])
            // then
            #expect(renewal.status == 201, "\(renewal.text)")
            let quoteId = try #require(renewal.string("renewalQuoteId")), opportunityId = try #require(renewal.string("renewalOpportunityId"))
            let quote = try await api.call(.get, "/api/v1/quotes/\(quoteId)", token: token)
            #expect(quote.string("status") == "draft" && quote.string("total") == "1300.00" && quote.string("accountId") == account.id.string)
            #expect(quote.string("ownerId") == seller.userId.string && quote.string("terms") == "Quarterly checks.")
            let lines = quote.json["lines"] as? [[String: Any]] ?? []
            #expect(lines.count == 1 && (lines.first?["description"] as? String)?.contains("2027-01-05 – 2028-01-04") == true)
            let opportunity = try await api.call(.get, "/api/v1/opportunities/\(opportunityId)", token: token)
            #expect(opportunity.string("ownerId") == seller.userId.string && opportunity.string("name")?.hasPrefix("Renewal AMC-2026-") == true)
            #expect(opportunity.string("expectedCloseDate") == "2027-01-04" && opportunity.string("estimatedRevenue") == "1300.00")
            let stored = try await api.call(.get, "/api/v1/amc-contracts/\(renewal.string("id") ?? "")", token: token)
            #expect(stored.string("renewalQuoteId") == quoteId && stored.json["renewalOpportunityId"] == nil)
            // the seller finds the quote among theirs
            let sellerToken = try await world.token(for: seller)
            #expect(try await api.call(.get, "/api/v1/quotes/\(quoteId)", token: sellerToken).status == 200)
            // without createQuote no quote is made
            let plain = try await api.call(.post, "/api/v1/amc-contracts/\(renewal.string("id") ?? "")/renew", token: token, json: ["createQuote": false])
            #expect(plain.status == 201 && plain.json["renewalQuoteId"] == nil)
            #expect(try await api.call(.post, "/api/v1/amc-contracts/\(id)/renew", token: token, json: ["createQuote": "yes"]).status == 422)
        }
    }

    @Test("a service team's technicians serve a contract; the visit hours and the renewal reminder follow the settings", arguments: TestWorld.engines)
    func teamsAndSettings(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: a team with two technicians and a seller; a team with no technician
        let field = try await world.makeTeam("Field service"), office = try await world.makeTeam("Office")
        let ann = try await world.makeUser(.service, team: field), bo = try await world.makeUser(.service, team: field)
        _ = try await world.makeUser(.sales, team: field)
        let account = try await world.makeAccount()
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            // when: visit hours are 07:30–12:00
            let settings = try await api.call(.patch, "/api/v1/settings", token: token, json: ["workingHours": "7:30-12:00", "renewalReminderDays": 45])
            #expect(settings.status == 200 && settings.string("workingHours") == "07:30-12:00" && settings.json["renewalReminderDays"] as? Int == 45)
            let base: [String: Any] = ["accountId": account.id.string, "startDate": "2027-01-04", "durationMonths": 2, "frequency": "monthly",
                                       "visitMinutes": 180, "value": "100.00", "currency": "EUR"]
            let (id, _) = try await Self.contract(api, token, base.merging(["serviceTeamId": field.id.string]) { $1 })
            // then: both technicians serve it, visits start at 07:30
            let contract = try await api.call(.get, "/api/v1/amc-contracts/\(id)", token: token)
            #expect(Set(contract.json["technicianIds"] as? [String] ?? []) == [ann.userId.string, bo.userId.string])
            let visits = try await api.call(.get, "/api/v1/amc-contracts/\(id)/visits", token: token).items
            #expect(visits.compactMap { $0["startAt"] as? String } == ["2027-01-04T07:30:00.000Z", "2027-02-04T07:30:00.000Z"])
            // a team without technicians, or none at all, is refused
            let empty = try await api.call(.post, "/api/v1/amc-contracts", token: token, json: base.merging(["serviceTeamId": office.id.string]) { $1 })
            #expect(empty.status == 422 && empty.fieldErrors.map(\.field) == ["serviceTeamId"])
            let unknown = try await api.call(.post, "/api/v1/amc-contracts", token: token, json: base.merging(["serviceTeamId": UUID().uuidString]) { $1 })
            #expect(unknown.status == 422 && unknown.fieldErrors.map(\.field) == ["serviceTeamId"])
            // bad settings
            let bad = try await api.call(.patch, "/api/v1/settings", token: token, json: ["workingHours": "17:00-09:00", "renewalReminderDays": 0])
            #expect(bad.status == 422 && Set(bad.fieldErrors.map(\.field)) == ["workingHours", "renewalReminderDays"])
        }
        // the contract ends 2027-03-03: with a 45-day reminder it is reminded on 2027-01-17, not before
        func reminders() async throws -> Int {
            try await world.store.read { try await $0.notifications(for: world.admin.userId, unreadOnly: false, limit: 100) }
                .filter { $0.message.contains("renew it?") }.count
        }
        world.clock.advance(by: 55 * 86_400)   // 2027-01-12: 50 days left
        try await MaintenanceSweep(world.env).run()
        #expect(try await reminders() == 0)
        world.clock.advance(by: 6 * 86_400)    // 2027-01-18: 44 days left
        try await MaintenanceSweep(world.env).run()
        try await MaintenanceSweep(world.env).run()
        #expect(try await reminders() == 1)
    }

    @Test("finance reads every customer's contracts and bills them; a seller of another team sees none", arguments: TestWorld.engines)
    func financeBills(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let north = try await world.makeTeam("North"), south = try await world.makeTeam("South")
        let seller = try await world.makeUser(.sales, team: north), tech = try await world.makeUser(.service, team: north)
        let finance = try await world.makeUser(.finance, team: south), other = try await world.makeUser(.sales, team: south)
        let account = try await world.makeAccount("Dale Farm", by: seller)
        let sellerToken = try await world.token(for: seller)
        try await world.withAPI { api in
            let (id, _) = try await Self.contract(api, sellerToken, [
                "accountId": account.id.string, "startDate": "2027-01-04", "durationMonths": 12, "frequency": "quarterly", "value": "800.00",
                "currency": "EUR", "technicianIds": [tech.userId.string],
            ])
            let financeToken = try await world.token(for: finance), otherToken = try await world.token(for: other)
            #expect(try await api.call(.get, "/api/v1/amc-contracts", token: financeToken).items.compactMap { $0["id"] as? String } == [id])
            #expect(try await api.call(.get, "/api/v1/amc-contracts/\(id)", token: financeToken).status == 200)
            let invoice = try await api.call(.post, "/api/v1/amc-contracts/\(id)/invoice", token: financeToken)
            #expect(invoice.status == 201 && invoice.string("total") == "800.00", "\(invoice.text)")
            // but finance does not change the contract itself
            #expect(try await api.call(.post, "/api/v1/amc-contracts/\(id)/cancel", token: financeToken, json: ["reason": "No"]).status == 403)
            #expect(try await api.call(.get, "/api/v1/amc-contracts", token: otherToken).items.isEmpty)
            #expect(try await api.call(.get, "/api/v1/amc-contracts/\(id)", token: otherToken).status == 404)
            #expect(try await api.call(.post, "/api/v1/amc-contracts/\(id)/invoice", token: otherToken).status == 404)
        }
    }
}
