import Foundation
import FurrowDomain

/// The pipeline reports (SPEC §10): totals and probability-weighted totals by stage, status or
/// owner, and the funnel of one kind. One aggregation query each; sums stay per currency.
public struct ReportService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public struct PipelineRow: Sendable, Equatable {
        /// The stage id, status or owner id (`none` for opportunities without a stage).
        public let key: String
        public let label: String
        public let count: Int
        public let total: MoneyTotal
        public let weightedTotal: MoneyTotal
    }

    /// Open opportunities by stage or owner unless `statuses` says otherwise; every status by status.
    public func pipeline(groupBy grouping: OpportunityGrouping, kindId: OpportunityKind.ID? = nil, ownerId: User.ID? = nil,
                         statuses: [OpportunityStatus]? = nil, by principal: Principal) async throws -> [PipelineRow] {
        let statuses = statuses ?? (grouping == .status ? OpportunityStatus.allCases : [.inProgress])
        let filter = OpportunityTotalsFilter(kindId: kindId, ownerId: ownerId, statuses: statuses)
        return try await env.store.read { session in
            if let kindId, try await session.kind(id: kindId) == nil { throw CoreError.notFound("opportunity kind") }
            let totals = try await session.opportunityTotals(groupBy: [grouping], filter: filter, visibleTo: principal)
            let order = try await Self.order(grouping, in: session)
            let rows = totals.map { sum -> PipelineRow in
                let key = (sum.keys.first ?? nil) ?? "none"
                return PipelineRow(key: key, label: order[key]?.label ?? key, count: sum.count,
                                   total: MoneyTotal(minorUnits: sum.totalMinor, currency: sum.currency),
                                   weightedTotal: MoneyTotal.weighted(percentTimesMinorUnits: sum.weightedHundredths, currency: sum.currency))
            }
            return rows.sorted { a, b in
                let (x, y) = (order[a.key]?.position ?? Int.max, order[b.key]?.position ?? Int.max)
                if x != y { return x < y }
                if a.label != b.label { return a.label < b.label }
                return a.total.currency.code < b.total.currency.code
            }
        }
    }

    /// Labels and display order of a grouping's keys.
    static func order(_ grouping: OpportunityGrouping, in session: any StoreSession) async throws -> [String: (label: String, position: Int)] {
        switch grouping {
        case .stage:
            var order = ["none": (label: "No stage", position: Int.max - 1)]
            var position = 0
            for kind in try await session.kinds() {
                for id in kind.stageIds where order[id.string] == nil {
                    order[id.string] = (label: "", position: position)
                    position += 1
                }
            }
            for stage in try await session.stages() {
                order[stage.id.string] = (label: stage.name, position: order[stage.id.string]?.position ?? Int.max - 2)
            }
            return order
        case .status:
            return Dictionary(uniqueKeysWithValues: OpportunityStatus.allCases.enumerated().map { ($0.element.rawValue, (label: $0.element.label, position: $0.offset)) })
        case .owner:
            let users = try await session.users().sorted { $0.name < $1.name }
            return Dictionary(uniqueKeysWithValues: users.enumerated().map { ($0.element.id.string, (label: $0.element.name, position: $0.offset)) })
        }
    }

    public struct FunnelStep: Sendable, Equatable {
        public let stage: Stage
        /// Opportunities now in this stage or a later one (any status).
        public let reached: Int
        /// Still open in this stage.
        public let open: Int
        /// Lost while in this stage: where the funnel leaks.
        public let lost: Int
        /// Won from this stage.
        public let won: Int
        /// Value of those that reached it, per currency.
        public let reachedTotals: [MoneyTotal]
        /// reached ÷ reached of the step before, in percent with one decimal (nil for the first step or an empty one).
        public let conversionPercent: Decimal?
    }

    public struct Funnel: Sendable, Equatable {
        public let kind: OpportunityKind
        public let steps: [FunnelStep]
        public let won: Int
        public let wonTotals: [MoneyTotal]
        public let lost: Int
    }

    /// The funnel of a kind with stages: how many opportunities reached each stage (by the stage
    /// they are in now, stages in the kind's order), the conversion between stages, and where
    /// they were lost.
    public func funnel(kind kindId: OpportunityKind.ID, ownerId: User.ID? = nil, by principal: Principal) async throws -> Funnel {
        try await env.store.read { session in
            guard let kind = try await session.kind(id: kindId) else { throw CoreError.notFound("opportunity kind") }
            guard kind.type != .none, !kind.stageIds.isEmpty else { throw PipelineError.kindHasNoStages }
            let totals = try await session.opportunityTotals(groupBy: [.stage, .status],
                                                             filter: OpportunityTotalsFilter(kindId: kindId, ownerId: ownerId),
                                                             visibleTo: principal)
            let stages = Dictionary(uniqueKeysWithValues: try await session.stages().map { ($0.id, $0) })
            let position = Dictionary(uniqueKeysWithValues: kind.stageIds.enumerated().map { ($0.element.string, $0.offset) })
            func inStage(_ index: Int, _ status: OpportunityStatus?) -> [GroupTotal] {
                totals.filter { sum in
                    position[(sum.keys[0] ?? "")] == index && (status == nil || sum.keys[1] == status?.rawValue)
                }
            }
            var steps: [FunnelStep] = []
            for (index, id) in kind.stageIds.enumerated() {
                guard let stage = stages[id] else { continue }
                let reachedSums = totals.filter { (position[$0.keys[0] ?? ""] ?? -1) >= index }
                let reached = reachedSums.reduce(0) { $0 + $1.count }
                let previous = steps.last?.reached
                steps.append(FunnelStep(stage: stage, reached: reached,
                                        open: inStage(index, .inProgress).reduce(0) { $0 + $1.count },
                                        lost: inStage(index, .lost).reduce(0) { $0 + $1.count },
                                        won: inStage(index, .won).reduce(0) { $0 + $1.count },
                                        reachedTotals: Self.perCurrency(reachedSums),
                                        conversionPercent: previous.flatMap { Self.percent(reached, of: $0) }))
            }
            let won = totals.filter { $0.keys[1] == OpportunityStatus.won.rawValue }
            return Funnel(kind: kind, steps: steps, won: won.reduce(0) { $0 + $1.count }, wonTotals: Self.perCurrency(won),
                          lost: totals.filter { $0.keys[1] == OpportunityStatus.lost.rawValue }.reduce(0) { $0 + $1.count })
        }
    }

    static func perCurrency(_ sums: [GroupTotal]) -> [MoneyTotal] {
        Dictionary(grouping: sums, by: \.currency).map { currency, sums in
            MoneyTotal(minorUnits: sums.reduce(0) { $0 + $1.totalMinor }, currency: currency)
        }.sorted { $0.currency.code < $1.currency.code }
    }

    /// A percentage held to one decimal, always written with it: `0.0`, `62.5`, `100.0`.
    /// As `percentText`, a negative value with its sign (`-12.5`).
    public static func signedPercentText(_ value: Decimal) -> String { value < 0 ? "-" + percentText(-value) : percentText(value) }

    public static func percentText(_ value: Decimal) -> String {
        let tenths = NSDecimalNumber(decimal: value * 10).intValue
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// part ÷ whole in percent, rounded half-even to one decimal.
    static func percent(_ part: Int, of whole: Int) -> Decimal? {
        guard whole > 0 else { return nil }
        return oneDecimal(Decimal(part) * 100 / Decimal(whole))
    }

    /// Rounded half-even to one decimal: how every ratio of the reports is shown.
    static func oneDecimal(_ value: Decimal) -> Decimal {
        var exact = value, rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 1, .bankers)
        return rounded
    }
}
