/// The status of an opportunity (SPEC §3): in progress, then closed as won or lost.
/// A won or lost opportunity is closed; there is no separate flag to forget.
public enum OpportunityStatus: String, Sendable, Codable, CaseIterable {
    case inProgress, won, lost

    public var isClosed: Bool { self != .inProgress }

    /// How reports name the status.
    public var label: String {
        switch self {
        case .inProgress: "In progress"
        case .won: "Won"
        case .lost: "Lost"
        }
    }

    public enum Verb: String, Sendable, CaseIterable { case win, lose, reopen }

    /// The legal moves, declared once; tests walk the whole table.
    public static let transitions: [OpportunityStatus: [Verb: OpportunityStatus]] = [
        .inProgress: [.win: .won, .lose: .lost],
        .won: [.reopen: .inProgress],
        .lost: [.reopen: .inProgress],
    ]

    public func applying(_ verb: Verb) throws(PipelineError) -> OpportunityStatus {
        if let next = Self.transitions[self]?[verb] { return next }
        throw verb == .reopen ? .opportunityNotClosed : .opportunityClosed
    }
}

/// The status of a lead (SPEC §2): new → contacted → qualified | disqualified; a manager may
/// reactivate a disqualified lead.
public enum LeadStatus: String, Sendable, Codable, CaseIterable {
    case new, contacted, qualified, disqualified

    public enum Verb: String, Sendable, CaseIterable { case contact, qualify, disqualify, reactivate }

    public static let transitions: [LeadStatus: [Verb: LeadStatus]] = [
        .new: [.contact: .contacted, .qualify: .qualified, .disqualify: .disqualified],
        .contacted: [.qualify: .qualified, .disqualify: .disqualified],
        .disqualified: [.reactivate: .contacted],
    ]

    public func applying(_ verb: Verb) throws(PipelineError) -> LeadStatus {
        if let next = Self.transitions[self]?[verb] { return next }
        switch self {
        case .qualified: throw .leadAlreadyQualified
        case .disqualified: throw .leadDisqualified
        default: throw .leadNotDisqualified
        }
    }
}

extension LeadStatus {
    /// The status as people read it (the raw value is the API's and the database's).
    public var label: String {
        switch self {
        case .new: "New"
        case .contacted: "Contacted"
        case .qualified: "Qualified"
        case .disqualified: "Disqualified"
        }
    }
}
