import Foundation

/// A category that task income and expenses are booked under ("Road work", "Maintenance"),
/// kept by administrators (seed 001, rules 17–18). A deactivated one stays on what carries it
/// but cannot be chosen anew.
public struct BudgetActivity: Sendable, Equatable {
    public typealias ID = Identifier<BudgetActivity>

    public var id: ID
    public var name: String
    public var code: String?
    public var active: Bool

    public init(id: ID, name: String, code: String? = nil, active: Bool = true) {
        self.id = id
        self.name = name
        self.code = code
        self.active = active
    }
}

/// What a budget is for: an account or an opportunity (SPEC §9).
public struct BudgetTarget: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable { case account, opportunity }
    public var kind: Kind
    public var id: UUID

    public init(_ kind: Kind, _ id: UUID) {
        self.kind = kind
        self.id = id
    }
}

/// What one budget activity should bring in and cost over the budget's period.
public struct BudgetLine: Sendable, Equatable {
    public var budgetActivityId: BudgetActivity.ID
    public var income: Money
    public var cost: Money

    public init(budgetActivityId: BudgetActivity.ID, income: Money, cost: Money) {
        self.budgetActivityId = budgetActivityId
        self.income = income
        self.cost = cost
    }
}

/// One version of a budget: the master (number 0), or a correction (1, 2, …) saved when the
/// version before it had locked (rules 24–30).
public struct BudgetVersion: Sendable, Equatable {
    public var number: Int
    public var from: Day
    public var to: Day
    public var lines: [BudgetLine]
    public var createdAt: Date
    public var createdBy: User.ID
    public var updatedAt: Date

    public var isMaster: Bool { number == 0 }

    public init(number: Int, from: Day, to: Day, lines: [BudgetLine], createdAt: Date, createdBy: User.ID, updatedAt: Date) {
        self.number = number
        self.from = from
        self.to = to
        self.lines = lines
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.updatedAt = updatedAt
    }

    /// The line of a budget activity, if the version has one.
    public func line(_ activity: BudgetActivity.ID) -> BudgetLine? { lines.first { $0.budgetActivityId == activity } }
}

/// A plan of income and cost per budget activity for a CRM object over a period: the master
/// budget and its corrections, oldest first. Nothing is rewritten once it has locked.
public struct Budget: Sendable, Equatable {
    public typealias ID = Identifier<Budget>

    public var id: ID
    public var target: BudgetTarget
    public var currency: Currency
    /// The master first, then each correction in order; never empty.
    public var versions: [BudgetVersion]
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// Who may see and change it: the owner of its account or opportunity, read with it.
    public var targetOwnership: Ownership
    /// The display names read with it (`targetName`, …); see `Contact.names`.
    public var names: [String: String] = [:]

    public init(id: ID, target: BudgetTarget, currency: Currency, master: BudgetVersion, version: Int = 1,
                targetOwnership: Ownership) {
        self.id = id
        self.target = target
        self.currency = currency
        versions = [master]
        self.version = version
        createdAt = master.createdAt
        updatedAt = master.updatedAt
        self.targetOwnership = targetOwnership
    }

    public var master: BudgetVersion { versions[0] }
    /// The latest version: what the budget now says.
    public var current: BudgetVersion { versions[versions.count - 1] }
    public var from: Day { master.from }
    public var to: Day { master.to }
}

/// What stops a change of a budget (`409` problems).
public enum BudgetError: Error, Sendable, Equatable {
    /// Another master budget of the same object shares a day with this one.
    case overlap(Budget.ID)
    /// The master has locked: its dates stay (rule 27).
    case datesLocked
    /// The version has locked and cannot be deleted (rules 26, 29).
    case locked
    /// The company has switched budget tracking off (rule 17).
    case trackingDisabled
    /// Only the latest correction can be deleted.
    case notLatest
}
