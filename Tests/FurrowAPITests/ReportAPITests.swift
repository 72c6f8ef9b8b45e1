import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Pipeline reports and the funnel over the API")
struct ReportAPITests {
    /// Opportunities of the quote-driven kind (New → In Negotiation) in two currencies, two owners.
    static func pipeline(_ world: TestWorld) async throws -> (rep: Principal, negotiation: Stage, kind: OpportunityKind) {
        let team = try await world.makeTeam()
        let rep = try await world.makeUser(.sales, team: team)
        let kind = try await world.kind("Quote-driven")
        let negotiation = try await world.stage("In Negotiation")
        let service = OpportunityService(world.env)
        func make(_ amount: String, _ currency: String, probability: Int, by owner: Principal) async throws -> Opportunity {
            let code = Currency(currency)!
            let fields = OpportunityFields(name: "Deal \(amount)", estimatedRevenue: Money(amount, currency: code), currency: code)
            return try await service.create(OpportunityInput(fields: fields, kindId: kind.id, probability: probability), by: owner)
        }
        _ = try await make("1000.00", "EUR", probability: 25, by: world.admin)
        _ = try await make("333.33", "EUR", probability: 50, by: rep)
        let moved = try await make("2000.00", "EUR", probability: 10, by: rep)
        _ = try await service.advance(moved.id, to: negotiation.id, by: world.admin)
        _ = try await make("500.00", "GBP", probability: 20, by: world.admin)
        let won = try await make("700.00", "EUR", probability: 90, by: world.admin)
        _ = try await service.close(won.id, won: true, actualRevenue: nil, lostReasonId: nil, by: world.admin)
        let lost = try await make("900.00", "EUR", probability: 30, by: rep)
        _ = try await service.close(lost.id, won: false, actualRevenue: nil, lostReasonId: try await world.reason(.lost).id, by: world.admin)
        return (rep, negotiation, kind)
    }

    @Test("pipeline by stage, status and owner: counts, sums and weighted sums per currency, never mixed", arguments: TestWorld.engines)
    func pipelineReport(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let (rep, negotiation, kind) = try await Self.pipeline(world)
        let token = try await world.token(for: world.admin)
        let repToken = try await world.token(for: rep)
        try await world.withAPI { api in
            let byStage = try await api.call(.get, "/api/v1/reports/pipeline?groupBy=stage&kindId=\(kind.id)", token: token).items
            let rows = byStage.map { "\($0["label"]!) \($0["currency"]!) \($0["count"]!) \($0["total"]!) \($0["weightedTotal"]!)" }
            // Open only: New holds 1000 @25% + 333.33 @50% (166.665 → 166.66 half-even) in EUR and 500 GBP @20%.
            #expect(rows == ["New EUR 2 1333.33 416.66", "New GBP 1 500.00 100.00", "In Negotiation EUR 1 2000.00 200.00"])
            #expect(byStage.last?["key"] as? String == negotiation.id.string)

            let byStatus = try await api.call(.get, "/api/v1/reports/pipeline?groupBy=status&kindId=\(kind.id)", token: token).items
            #expect(byStatus.map { "\($0["key"]!) \($0["currency"]!) \($0["count"]!) \($0["total"]!)" }
                    == ["inProgress EUR 3 3333.33", "inProgress GBP 1 500.00", "won EUR 1 700.00", "lost EUR 1 900.00"])

            let byOwner = try await api.call(.get, "/api/v1/reports/pipeline?groupBy=owner&status=inProgress,lost", token: token).items
            let repRows = byOwner.filter { $0["key"] as? String == rep.userId.string }
            #expect(repRows.map { "\($0["count"]!) \($0["total"]!)" } == ["3 3233.33"])

            // A sales rep sees only what is theirs: the visibility predicate applies to reports.
            let mine = try await api.call(.get, "/api/v1/reports/pipeline?groupBy=owner", token: repToken).items
            #expect(mine.compactMap { $0["key"] as? String } == [rep.userId.string])

            let csv = try await api.call(.get, "/api/v1/reports/pipeline?groupBy=stage&kindId=\(kind.id)&format=csv", token: token)
            #expect(csv.contentType?.hasPrefix("text/csv") == true)
            #expect(csv.text.hasPrefix("stage,currency,count,total,weightedTotal\r\nNew,EUR,2,1333.33,416.66\r\n"))

            for bad in ["groupBy=team", "", "groupBy=stage&status=open", "groupBy=stage&kindId=x", "groupBy=stage&format=xml", "groupBy=stage&sort=x"] {
                let reply = try await api.call(.get, "/api/v1/reports/pipeline?\(bad)", token: token)
                #expect(reply.status == 400 && reply.type == "invalid-query", "\(bad)")
            }
            let unknownKind = try await api.call(.get, "/api/v1/reports/pipeline?groupBy=stage&kindId=\(UUID())", token: token)
            #expect(unknownKind.status == 404)
        }
    }

    @Test("the funnel: reached, conversion between stages, where deals were lost; a kind without stages is refused", arguments: TestWorld.engines)
    func funnel(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let (_, _, kind) = try await Self.pipeline(world)
        let token = try await world.token(for: world.admin)
        let other = try await world.kind("Other")
        try await world.withAPI { api in
            let funnel = try await api.call(.get, "/api/v1/reports/funnel?kindId=\(kind.id)", token: token)
            #expect(funnel.status == 200)
            let steps = funnel.items
            #expect(steps.map { "\($0["stageName"]!) \($0["reached"]!) \($0["open"]!) \($0["lost"]!) \($0["won"]!)" }
                    == ["New 6 3 1 1", "In Negotiation 1 1 0 0"])
            #expect(steps[0]["conversionPercent"] == nil)
            #expect(steps[1]["conversionPercent"] as? String == "16.7")
            let totals = steps[0]["reachedTotals"] as? [[String: Any]] ?? []
            #expect(totals.map { "\($0["currency"]!) \($0["total"]!)" } == ["EUR 4933.33", "GBP 500.00"])
            #expect(funnel.json["won"] as? Int == 1 && funnel.json["lost"] as? Int == 1)

            let csv = try await api.call(.get, "/api/v1/reports/funnel?kindId=\(kind.id)&format=csv", token: token)
            #expect(csv.text.contains("In Negotiation,1,16.7,1,0,0,2000.00 EUR"))

            let none = try await api.call(.get, "/api/v1/reports/funnel?kindId=\(other.id)", token: token)
            #expect(none.status == 409 && none.type == "kind-has-no-stages")
            let missing = try await api.call(.get, "/api/v1/reports/funnel", token: token)
            #expect(missing.status == 400)
        }
    }

    @Test("a list request runs the same few SQL statements whatever the page size", arguments: TestWorld.engines)
    func listStatements(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let team = try await world.makeTeam()
        let rep = try await world.makeUser(.sales, team: team)
        for index in 0..<120 { _ = try await world.makeOpportunity("Deal \(index)", revenue: "\(1000 + index).00", by: index % 2 == 0 ? rep : world.admin) }
        let repToken = try await world.token(for: rep)
        let counts = try await world.withAPI { api in
            var counts: [Int] = []
            for limit in [1, 10, 50, 200] {
                var returned = 0
                let counter = try await StatementCounter.counting {
                    let page = try await api.call(.get, "/api/v1/opportunities?status=inProgress&estimatedRevenue[gte]=1000.00&sort=-estimatedRevenue&limit=\(limit)",
                                                  token: repToken)
                    returned = page.items.count
                }
                #expect(returned == min(limit, 60))
                counts.append(counter.count)
            }
            return counts
        }
        #expect(counts.allSatisfy { $0 == counts[0] && $0 <= 5 }, "statements per page size: \(counts)")
        #expect(counts[0] > 0, "the counter saw no statement")
    }
}
