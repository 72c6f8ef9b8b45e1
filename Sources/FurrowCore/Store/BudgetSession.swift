import Foundation
import FurrowDomain

/// Budget tracking (seed 001): the budget activities catalog, tasks' money entries and budgets
/// with their versions.
public protocol BudgetSession: Sendable {
    func budgetActivities() async throws -> [BudgetActivity]
    func budgetActivity(id: BudgetActivity.ID) async throws -> BudgetActivity?
    func insertBudgetActivity(_ activity: BudgetActivity) async throws
    func updateBudgetActivity(_ activity: BudgetActivity) async throws

    /// A task's entries, by date.
    func taskEntries(of activity: Activity.ID) async throws -> [TaskEntry]
    func taskEntry(id: TaskEntry.ID) async throws -> TaskEntry?
    func insertTaskEntry(_ entry: TaskEntry) async throws
    func deleteTaskEntry(id: TaskEntry.ID) async throws

    /// A budget with its versions and the owner of its account or opportunity.
    /// `locked`: the row is held to the end of the transaction (PostgreSQL), so edits take turns.
    func budget(id: Budget.ID, locked: Bool) async throws -> Budget?
    /// The budgets of a record, by period.
    func budgets(of target: BudgetTarget) async throws -> [Budget]
    func insertBudget(_ budget: Budget) async throws
    /// Saves over `before` when its version is still stored, writing only the versions that changed.
    func updateBudget(_ budget: Budget, over before: Budget) async throws -> Bool
    func deleteBudget(id: Budget.ID) async throws
    /// The owner of an account or opportunity, nil when there is none with that id.
    func ownership(of target: BudgetTarget, locked: Bool) async throws -> Ownership?
    /// The entries of the tasks (not cancelled, with a budget activity) regarding the record, and
    /// for an account those regarding its opportunities too.
    func budgetEntries(of target: BudgetTarget) async throws -> [BookedEntry]
}

/// A task entry as budget vs actual reads it: with its task's budget activity and creation time.
public struct BookedEntry: Sendable, Equatable {
    public let budgetActivityId: BudgetActivity.ID
    public let kind: TaskEntry.Kind
    public let amount: Money
    public let date: Day
    public let taskCreatedAt: Date
    public init(budgetActivityId: BudgetActivity.ID, kind: TaskEntry.Kind, amount: Money, date: Day, taskCreatedAt: Date) {
        self.budgetActivityId = budgetActivityId
        self.kind = kind
        self.amount = amount
        self.date = date
        self.taskCreatedAt = taskCreatedAt
    }
}
