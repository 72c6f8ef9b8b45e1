import Foundation
import FurrowDomain

/// The pipeline board (SPEC §3): one column per stage of a kind, each with its count and its
/// totals per currency, and the largest cards.
public struct BoardService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public struct Column: Sendable {
        public let stage: Stage?
        public let totals: [Total]
        public let cards: [Opportunity]
        public var count: Int { totals.reduce(0) { $0 + $1.count } }
    }

    public struct Total: Sendable, Equatable {
        public let currency: Currency
        public let count: Int
        public let total: MoneyTotal
        public let weighted: MoneyTotal

        public init(_ sum: GroupTotal) {
            currency = sum.currency
            count = sum.count
            total = MoneyTotal(minorUnits: sum.totalMinor, currency: sum.currency)
            weighted = MoneyTotal.weighted(percentTimesMinorUnits: sum.weightedHundredths, currency: sum.currency)
        }
    }

    public struct Board: Sendable {
        public let kind: OpportunityKind
        public let columns: [Column]
    }

    public static let cardsPerColumn = 50

    public func board(kind kindId: OpportunityKind.ID, filter: BoardFilter, by principal: Principal) async throws -> Board {
        try await env.store.read { session in
            guard let kind = try await session.kind(id: kindId) else { throw CoreError.notFound("opportunity kind") }
            let totals = try await session.opportunityTotals(
                groupBy: [.stage], filter: OpportunityTotalsFilter(kindId: kindId, ownerId: filter.ownerId, statuses: filter.statuses),
                visibleTo: principal)
            var columns: [Column] = []
            let stageIds: [Stage.ID?] = kind.type == .none ? [nil] : kind.stageIds.map { $0 }
            for stageId in stageIds {
                let stage = try await stageId.asyncMap { try await session.stage(id: $0) } ?? nil
                let sums = totals.filter { ($0.keys.first ?? nil) == stageId?.string }.sorted { $0.currency.code < $1.currency.code }.map(Total.init)
                let cards = try await session.boardCards(kind: kindId, stage: stageId, filter: filter, limit: Self.cardsPerColumn,
                                                         visibleTo: principal)
                columns.append(Column(stage: stage, totals: sums, cards: cards))
            }
            return Board(kind: kind, columns: columns)
        }
    }
}
