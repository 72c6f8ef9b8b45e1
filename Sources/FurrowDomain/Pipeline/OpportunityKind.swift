import Foundation

/// How an opportunity kind uses stages (rules 99–102).
public enum KindType: String, Sendable, Codable, CaseIterable {
    /// A fixed sequence: advance only to the next stage; no skipping, no going back.
    case standard
    /// A chosen subset of stages; move to any of them.
    case custom
    /// No stages, not part of the funnel.
    case none
}

/// A kind of opportunity: its stage process and whether it may be chosen and records primary demand.
public struct OpportunityKind: Sendable, Equatable {
    public typealias ID = Identifier<OpportunityKind>

    public var id: ID
    public var name: String
    public var type: KindType
    public var stageIds: [Stage.ID]
    public var allowed: Bool
    public var recordsPrimaryDemand: Bool

    public init(id: ID, name: String, type: KindType, stageIds: [Stage.ID], allowed: Bool = true, recordsPrimaryDemand: Bool = false) {
        self.id = id
        self.name = name
        self.type = type
        self.stageIds = type == .none ? [] : stageIds
        self.allowed = allowed
        self.recordsPrimaryDemand = recordsPrimaryDemand
    }

    /// The stage a new opportunity of this kind starts in.
    public var firstStage: Stage.ID? { stageIds.first }

    /// Checks a move from `current` to `target` against the kind's rules.
    public func checkMove(from current: Stage.ID?, to target: Stage.ID) throws(PipelineError) {
        switch type {
        case .none:
            throw .kindHasNoStages
        case .standard:
            guard let targetIndex = stageIds.firstIndex(of: target) else { throw .stageNotInKind }
            let currentIndex = current.flatMap { stageIds.firstIndex(of: $0) } ?? -1
            guard targetIndex == currentIndex + 1 else { throw .stageSkipNotAllowed }
        case .custom:
            guard stageIds.contains(target) else { throw .stageNotInKind }
            guard target != current else { throw .alreadyInStage }
        }
    }

    /// The stage after `current` in a standard process, if any.
    public func nextStage(after current: Stage.ID?) -> Stage.ID? {
        guard type != .none else { return nil }
        guard let current, let index = stageIds.firstIndex(of: current) else { return stageIds.first }
        return index + 1 < stageIds.count ? stageIds[index + 1] : nil
    }

    public func validated() throws(ValidationError) -> OpportunityKind {
        var check = Validator()
        let name = check.text("name", name, required: true, maxLength: 100)
        if type != .none && stageIds.isEmpty { check.add("stageIds", "a kind with stages needs at least one stage") }
        if Set(stageIds).count != stageIds.count { check.add("stageIds", "a stage may appear only once") }
        try check.check()
        return OpportunityKind(id: id, name: name ?? "", type: type, stageIds: stageIds, allowed: allowed,
                               recordsPrimaryDemand: recordsPrimaryDemand)
    }
}

/// Errors of the pipeline rules (SPEC §3).
public enum PipelineError: Error, Sendable, Equatable {
    case kindHasNoStages
    case stageSkipNotAllowed
    case stageNotInKind
    case alreadyInStage
    case stageRequirementsUnmet([String])
    case kindNotAllowed
    case opportunityClosed
    case opportunityNotClosed
    case openQuotes
    case lostReasonRequired
    case primaryDemandDisabled
    case leadAlreadyQualified
    case leadDisqualified
    case leadNotDisqualified
    case sourceMismatch(String)
}
