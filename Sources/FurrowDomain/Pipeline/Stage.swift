import Foundation

/// A step of a sales process (SPEC §3): its default probability, the tasks that become
/// activities when it is entered, and the conditions that must hold before it can be entered.
public struct Stage: Sendable, Equatable {
    public typealias ID = Identifier<Stage>

    public var id: ID
    public var name: String
    public var description: String?
    public var defaultProbability: Int
    public var taskTemplates: [TaskTemplate]
    public var requirements: StageRequirements

    public init(id: ID, name: String, description: String? = nil, defaultProbability: Int,
                taskTemplates: [TaskTemplate] = [], requirements: StageRequirements = StageRequirements()) {
        self.id = id
        self.name = name
        self.description = description
        self.defaultProbability = defaultProbability
        self.taskTemplates = taskTemplates
        self.requirements = requirements
    }
}

/// A task created for the owner when an opportunity enters a stage.
public struct TaskTemplate: Sendable, Equatable, Codable {
    public var subject: String
    public var type: String
    public var dueInDays: Int

    public init(subject: String, type: String = "task", dueInDays: Int = 0) {
        self.subject = subject
        self.type = type
        self.dueInDays = dueInDays
    }
}

/// Stage gates (rules 85–86): fields that must be filled, parties that must be recorded, and a
/// quote that must exist before the stage can be entered.
public struct StageRequirements: Sendable, Equatable, Codable {
    public var requiredFields: [String]
    public var requiresStakeholder: Bool
    public var requiresCompetitor: Bool
    public var requiresQuote: Bool

    public init(requiredFields: [String] = [], requiresStakeholder: Bool = false, requiresCompetitor: Bool = false,
                requiresQuote: Bool = false) {
        self.requiredFields = requiredFields
        self.requiresStakeholder = requiresStakeholder
        self.requiresCompetitor = requiresCompetitor
        self.requiresQuote = requiresQuote
    }

    /// The fields a stage may require to be filled.
    public static let requirableFields: Set<String> = [
        "accountId", "contactId", "estimatedRevenue", "expectedCloseDate", "termsOfSale", "comment", "channelId",
    ]

    /// How a person names each requirable field in a sentence.
    public static let fieldLabels: [String: String] = [
        "accountId": "an account", "contactId": "a contact", "estimatedRevenue": "the estimated revenue",
        "expectedCloseDate": "the expected close date", "termsOfSale": "the terms of sale", "comment": "a comment", "channelId": "a channel",
    ]

    /// Each unmet condition, in a stable order; empty when the stage may be entered.
    public func unmet(by facts: StageFacts) -> [String] {
        var missing = requiredFields.filter { !facts.filledFields.contains($0) }.map { "\(Self.fieldLabels[$0] ?? $0) is required" }
        if requiresStakeholder && !facts.hasStakeholder { missing.append("at least one stakeholder is required") }
        if requiresCompetitor && !facts.hasCompetitor { missing.append("at least one competitor is required") }
        if requiresQuote && !facts.hasQuote { missing.append("a quote is required") }
        return missing
    }
}

/// What is known about an opportunity when a stage gate is checked; loaded by the use case.
public struct StageFacts: Sendable, Equatable {
    public var filledFields: Set<String>
    public var hasStakeholder: Bool
    public var hasCompetitor: Bool
    public var hasQuote: Bool

    public init(filledFields: Set<String>, hasStakeholder: Bool, hasCompetitor: Bool, hasQuote: Bool) {
        self.filledFields = filledFields
        self.hasStakeholder = hasStakeholder
        self.hasCompetitor = hasCompetitor
        self.hasQuote = hasQuote
    }
}
