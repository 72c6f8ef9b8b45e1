import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import SQLKit

extension Generator {
    /// The seeded kinds in their migration order: Standard sale (4 stages), Quote-driven (2), Other (none).
    static func seededKinds(_ env: CoreEnvironment) async throws -> [OpportunityKind] {
        let kinds = try await CatalogService(env).kinds()
        return ["Standard sale", "Quote-driven", "Other"].compactMap { name in kinds.first { $0.name == name } }
    }

    mutating func opportunities(owners: [Owner], accountIds: [Account.ID], accountOwner: [Int],
                                contactIds: [Contact.ID]) async throws -> [Plan] {
        let kinds = try await Self.seededKinds(env)
        guard kinds.count == 3 else { throw BenchError.failed("the three seeded opportunity kinds are missing") }
        var accountsOf = [[Int]](repeating: [], count: owners.count)
        for (index, owner) in accountOwner.enumerated() { accountsOf[owner].append(index) }
        let eur = Currency("EUR")!, gbp = Currency("GBP")!
        let size = batchSize(set.opportunities)
        var plans: [Plan] = []
        let progress = Progress("opportunities", total: set.opportunities, quiet: quiet)
        for start in stride(from: 0, to: set.opportunities, by: size) {
            let range = start..<min(start + size, set.opportunities)
            let owner = owners[(start / size) % owners.count]
            let mine = accountsOf[owner.index].isEmpty ? Array(accountIds.indices) : accountsOf[owner.index]
            let made = try await Batch(env, by: owner.principal).run { writer in
                var made: [Plan] = []
                for index in range {
                    var random = DataSet.record(4, index)
                    let roll = random.int(0..<100)
                    let kind = roll < 60 ? 0 : (roll < 90 ? 1 : 2)
                    let currency = random.chance(0.75) ? eur : gbp
                    let account = random.pick(mine)
                    let contact = random.chance(0.6) ? contactIds[account * 5 + random.int(0..<5)] : nil
                    let status: OpportunityStatus = random.chance(0.8) ? .inProgress : (random.chance(0.65) ? .won : .lost)
                    let stageCount = kinds[kind].stageIds.count
                    let stage: Int
                    switch (status, stageCount) {
                    case (_, 0): stage = -1
                    case (.won, _): stage = stageCount - 1
                    case (.lost, _): stage = random.int(0..<stageCount)
                    default: stage = stageCount == 4 ? [0, 0, 0, 0, 1, 1, 1, 2, 2, 3][random.int(0..<10)] : (random.chance(0.6) ? 0 : 1)
                    }
                    let fields = OpportunityFields(
                        name: "\(random.pick(Names.topics)) – \(Names.surname(&random))", accountId: accountIds[account], contactId: contact,
                        estimatedRevenue: Money(minorUnits: Self.amount(&random), currency: currency), currency: currency,
                        expectedCloseDate: Day(year: 2026, month: random.int(1..<13), day: random.int(1..<29)))
                    let opportunity = try await writer.opportunity(OpportunityInput(fields: fields, kindId: kinds[kind].id))
                    made.append(Plan(id: opportunity.id, kind: kind, stage: stage, status: status, owner: owner.principal.userId,
                                      currency: currency.code))
                }
                return made
            }
            plans += made
            progress.update(plans.count)
        }
        rates.append(("opportunities", progress.rate))
        return plans
    }

    /// Minor units: 96% between 1,000.00 and 50,000.00 (log-uniform), the rest smaller or larger.
    static func amount(_ random: inout SeededRandom) -> Int64 {
        let roll = random.int(0..<100)
        let (low, high): (Double, Double) = roll < 2 ? (100, 1000) : (roll < 4 ? (50_000, 250_000) : (1000, 50_000))
        let value = exp(Double.random(in: log(low)..<log(high), using: &random))
        return Int64(value.rounded()) * 100
    }

    /// S/100 quotes with 2–4 product lines on open quote-driven opportunities, through QuoteService.
    mutating func quotes(plans: [Plan], owners: [Owner], admin: Principal) async throws {
        let products = ProductService(env)
        let tax = try await products.taxRates().first { $0.name.hasPrefix("Standard") }?.id
        var items: [Product.ID: Micros] = [:]
        for number in 1...20 {
            var random = DataSet.record(5, number)
            let price = Micros(value: Int64(random.int(20..<5000)) * Micros.scale)
            let product = try await products.createProduct(Product(id: Product.ID(env.ids.next()), sku: "BN-\(number)",
                                                                   name: "\(random.pick(Names.topics)) kit \(number)",
                                                                   unitPrice: Money.rounding(price, to: Currency("EUR")!), taxRateId: tax), by: admin)
            items[product.id] = price
        }
        var lists: [String: PriceList.ID] = [:]
        for code in ["EUR", "GBP"] {
            lists[code] = try await products.createPriceList(PriceList(id: PriceList.ID(env.ids.next()), name: "Bench \(code)", currency: Currency(code)!,
                                                                       validFrom: Day(year: 2020, month: 1, day: 1), validTo: Day(year: 2099, month: 12, day: 31), items: items), by: admin).id
        }
        let productIds = items.keys.sorted()
        let candidates = plans.filter { $0.kind == 1 && $0.status == .inProgress }
        guard !candidates.isEmpty else { return }
        let principals = Dictionary(owners.map { ($0.principal.userId, $0.principal) }, uniquingKeysWith: { first, _ in first })
        let quotes = QuoteService(env)
        let progress = Progress("quotes", total: set.quotes, quiet: quiet)
        for number in 0..<set.quotes {
            var random = DataSet.record(6, number)
            let plan = candidates[(number * 7919) % candidates.count]
            guard let owner = principals[plan.owner] else { continue }
            let lines = (0..<random.int(2..<5)).map { _ in
                QuoteInput.Line(productId: random.pick(productIds), quantity: Micros(value: Int64(random.int(1..<20)) * Micros.scale))
            }
            _ = try await quotes.create(QuoteInput(opportunityId: plan.id, priceListId: lists[plan.currency], name: "Quote \(number + 1)",
                                                   terms: "30 days net", lines: lines), by: owner)
            progress.update(number + 1)
        }
        rates.append(("quotes", progress.rate))
    }
}

/// Moves generated opportunities to their planned stage and status with plain SQL (batches create
/// every opportunity in its kind's first stage): stage, probability, status, close facts, and the
/// stage moves the funnel reads. Not audited — generated history, not user actions.
struct StageSpread {
    let env: CoreEnvironment
    let store: SQLStore

    func apply(_ plans: [Generator.Plan]) async throws -> Int {
        let kinds = try await Generator.seededKinds(env)
        let stages = Dictionary(uniqueKeysWithValues: try await CatalogService(env).stages().map { ($0.id, $0) })
        let lost = try await CatalogService(env).reasons(.lost).first?.id.string
        let now = Timestamp.string(env.clock.now())
        let moving = plans.filter { $0.stage > 0 || $0.status != .inProgress }
        var groups: [String: [Generator.Plan]] = [:]
        for plan in moving { groups["\(plan.kind)/\(plan.stage)/\(plan.status.rawValue)", default: []].append(plan) }
        let ids = env.ids
        for (_, group) in groups.sorted(by: { $0.key < $1.key }) {
            let first = group[0]
            let stageId: Stage.ID? = first.stage >= 0 ? kinds[first.kind].stageIds[first.stage] : nil
            let probability = first.status == .won ? 100 : (first.status == .lost ? 0 : stageId.flatMap { stages[$0]?.defaultProbability } ?? 10)
            for chunk in stride(from: 0, to: group.count, by: 500).map({ Array(group[$0..<min($0 + 500, group.count)]) }) {
                let binds: [any Encodable & Sendable] = chunk.map { $0.id.string }
                var moves: [SQLQueryString] = []
                for plan in chunk where plan.stage > 0 {
                    for step in 1...plan.stage {
                        let from = kinds[plan.kind].stageIds[step - 1].string, to = kinds[plan.kind].stageIds[step].string
                        moves.append("(\(bind: ids.next().uuidString.lowercased()), \(bind: plan.id.string), \(bind: from), \(bind: to), \(bind: plan.owner.string), \(bind: now), \(bind: 86_400 * step))")
                    }
                }
                let status = first.status.rawValue
                let closed: String? = first.status == .inProgress ? nil : now
                let reason: String? = first.status == .lost ? lost : nil
                let rowsToInsert = moves
                try await store.transaction { db in
                    try await db.raw("""
                        UPDATE opportunities SET stage_id = \(bind: stageId?.string), probability = \(bind: probability), status = \(bind: status),
                            closed_at = \(bind: closed), lost_reason_id = \(bind: reason),
                            actual_revenue_minor = CASE WHEN \(bind: status) = 'won' THEN estimated_revenue_minor ELSE NULL END
                        WHERE id IN (\(binds: binds))
                        """).run()
                    for start in stride(from: 0, to: rowsToInsert.count, by: 200) {
                        let rows = rowsToInsert[start..<min(start + 200, rowsToInsert.count)].joined(separator: ", ")
                        try await db.raw("INSERT INTO stage_moves (id, opportunity_id, from_stage_id, to_stage_id, actor_id, at, seconds_in_previous) VALUES \(rows)").run()
                    }
                }
            }
        }
        return moving.count
    }
}
