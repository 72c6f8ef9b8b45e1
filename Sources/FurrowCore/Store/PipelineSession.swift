import Foundation
import FurrowDomain

/// The pipeline's part of a store session: catalogs, leads, opportunities and their history.
public protocol PipelineSession: Sendable {
    func insertChannel(_ channel: Channel) async throws
    func channels() async throws -> [Channel]
    func channel(id: Channel.ID) async throws -> Channel?
    func insertReason(_ reason: Reason) async throws
    func updateReason(_ reason: Reason) async throws
    func reasons(_ kind: Reason.Kind) async throws -> [Reason]
    func reason(id: Reason.ID) async throws -> Reason?

    func insertStage(_ stage: Stage) async throws
    func updateStage(_ stage: Stage) async throws
    func stages() async throws -> [Stage]
    func stage(id: Stage.ID) async throws -> Stage?
    func insertKind(_ kind: OpportunityKind, isDefault: Bool) async throws
    func updateKind(_ kind: OpportunityKind) async throws
    func kinds() async throws -> [OpportunityKind]
    func kind(id: OpportunityKind.ID) async throws -> OpportunityKind?
    /// The kind new opportunities get when none is chosen: the seeded default if allowed, else the first allowed.
    func defaultKind() async throws -> OpportunityKind?

    func insertLead(_ lead: Lead) async throws
    func updateLead(_ lead: Lead, expectedVersion: Int) async throws -> Bool
    func lead(id: Lead.ID) async throws -> Lead?
    func leads(_ query: ListQuery, visibleTo principal: Principal) async throws -> [Lead]

    func insertOpportunity(_ opportunity: Opportunity) async throws
    /// Many opportunities in a few statements.
    func insertOpportunities(_ opportunities: [Opportunity]) async throws
    func updateOpportunity(_ opportunity: Opportunity, expectedVersion: Int) async throws -> Bool
    func opportunity(id: Opportunity.ID) async throws -> Opportunity?
    func opportunities(_ query: ListQuery, visibleTo principal: Principal) async throws -> [Opportunity]
    /// Count and sums of the visible opportunities per group and currency, in one aggregation
    /// (the board's column heads, the pipeline report, the funnel).
    func opportunityTotals(groupBy: [OpportunityGrouping], filter: OpportunityTotalsFilter,
                           visibleTo principal: Principal) async throws -> [GroupTotal]
    /// The largest cards of one stage column.
    func boardCards(kind: OpportunityKind.ID, stage: Stage.ID?, filter: BoardFilter, limit: Int, visibleTo principal: Principal) async throws -> [Opportunity]
    func replaceParties(of id: Opportunity.ID, with parties: [OpportunityParty]) async throws
    func parties(of id: Opportunity.ID) async throws -> [OpportunityParty]
    func replaceDemandLines(of id: Opportunity.ID, with lines: [DemandLine]) async throws
    func demandLines(of id: Opportunity.ID) async throws -> [DemandLine]
    func appendStageMove(_ move: StageMove) async throws
    func appendStageMoves(_ moves: [StageMove]) async throws
    func stageHistory(of id: Opportunity.ID) async throws -> [StageMove]
    /// Quotes in draft or sent/negotiation for the opportunity (filled by the quotes module).
    func openQuoteCount(of id: Opportunity.ID) async throws -> Int
    /// Any quote at all for the opportunity (stage gate "requires a quote").
    func quoteCount(of id: Opportunity.ID) async throws -> Int

}

/// One recorded stage change (rule 113): the funnel reads where deals fall off from these.
public struct StageMove: Sendable, Equatable {
    public var id: UUID
    public var opportunityId: Opportunity.ID
    public var fromStageId: Stage.ID?
    public var toStageId: Stage.ID?
    public var actorId: User.ID?
    public var at: Date
    /// Seconds spent in the stage left behind.
    public var secondsInPrevious: Int

    public init(id: UUID, opportunityId: Opportunity.ID, fromStageId: Stage.ID?, toStageId: Stage.ID?, actorId: User.ID?,
                at: Date, secondsInPrevious: Int) {
        self.id = id
        self.opportunityId = opportunityId
        self.fromStageId = fromStageId
        self.toStageId = toStageId
        self.actorId = actorId
        self.at = at
        self.secondsInPrevious = secondsInPrevious
    }
}

/// Which opportunities a board shows.
public struct BoardFilter: Sendable, Equatable {
    public var ownerId: User.ID?
    public var includeLost: Bool
    public var includeWon: Bool

    public init(ownerId: User.ID? = nil, includeLost: Bool = true, includeWon: Bool = true) {
        self.ownerId = ownerId
        self.includeLost = includeLost
        self.includeWon = includeWon
    }

    public var statuses: [OpportunityStatus] {
        [.inProgress] + (includeWon ? [.won] : []) + (includeLost ? [.lost] : [])
    }
}

/// What opportunities are grouped by in a totals query.
public enum OpportunityGrouping: String, Sendable, CaseIterable {
    case stage, status, owner
}

/// Which opportunities a totals query counts.
public struct OpportunityTotalsFilter: Sendable, Equatable {
    public var kindId: OpportunityKind.ID?
    public var ownerId: User.ID?
    public var statuses: [OpportunityStatus]

    public init(kindId: OpportunityKind.ID? = nil, ownerId: User.ID? = nil, statuses: [OpportunityStatus] = OpportunityStatus.allCases) {
        self.kindId = kindId
        self.ownerId = ownerId
        self.statuses = statuses
    }
}

/// One group × currency sum: never added across currencies.
public struct GroupTotal: Sendable, Equatable {
    /// The group's values, one per grouping asked for (nil: no stage).
    public var keys: [String?]
    public var currency: Currency
    public var count: Int
    /// Σ revenue, wide (`MoneyTotal`).
    public var totalMinor: Int128
    /// Σ revenue × probability, in minor units × 100 (divided and rounded once, by the use case).
    public var weightedHundredths: Int128

    public init(keys: [String?], currency: Currency, count: Int, totalMinor: Int128, weightedHundredths: Int128) {
        self.keys = keys
        self.currency = currency
        self.count = count
        self.totalMinor = totalMinor
        self.weightedHundredths = weightedHundredths
    }
}
