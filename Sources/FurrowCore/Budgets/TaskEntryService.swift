import Foundation
import FurrowDomain

/// The budget activities catalog (administrators) and the money booked on tasks (rules 17–20).
public struct BudgetCatalogService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public func activities(by principal: Principal) async throws -> [BudgetActivity] {
        try await env.reading(by: principal) { transaction in
            _ = try await BudgetService.enabled(transaction)
            return try await transaction.session.budgetActivities()
        }
    }

    public func create(name: String?, code: String?, by principal: Principal) async throws -> BudgetActivity {
        guard principal.isAdmin else { throw CoreError.forbidden("only administrators change budget activities") }
        let (name, code) = try Self.checked(name: name, code: code)
        return try await env.transaction(by: principal) { transaction in
            _ = try await BudgetService.enabled(transaction)
            try await Self.checkUnique(name, except: nil, transaction.session)
            let activity = BudgetActivity(id: env.newID(), name: name, code: code)
            try await transaction.session.insertBudgetActivity(activity)
            transaction.audit("budget-activity", activity.id.uuid, "create", AuditDiff.changes(from: [:], to: Self.values(activity)))
            return activity
        }
    }

    /// Renames, recodes or (de)activates one; absent values stay.
    public func update(_ id: BudgetActivity.ID, name: String?, code: String??, active: Bool?, by principal: Principal) async throws -> BudgetActivity {
        guard principal.isAdmin else { throw CoreError.forbidden("only administrators change budget activities") }
        return try await env.transaction(by: principal) { transaction in
            _ = try await BudgetService.enabled(transaction)
            guard let before = try await transaction.session.budgetActivity(id: id) else { throw CoreError.notFound("budget activity") }
            let (checkedName, checkedCode) = try Self.checked(name: name ?? before.name, code: code ?? before.code)
            if checkedName != before.name { try await Self.checkUnique(checkedName, except: id, transaction.session) }
            var after = before
            after.name = checkedName
            after.code = checkedCode
            after.active = active ?? before.active
            let changes = AuditDiff.changes(from: Self.values(before), to: Self.values(after))
            guard !changes.isEmpty else { return before }
            try await transaction.session.updateBudgetActivity(after)
            transaction.audit("budget-activity", id.uuid, "update", changes)
            return after
        }
    }

    static func checked(name: String?, code: String?) throws(ValidationError) -> (String, String?) {
        var check = Validator()
        let name = check.text("name", name, required: true, maxLength: 100)
        let code = check.text("code", code, maxLength: 20)
        try check.check()
        return (name ?? "", code?.isEmpty == false ? code : nil)
    }

    static func checkUnique(_ name: String, except id: BudgetActivity.ID?, _ session: any StoreSession) async throws {
        let key = name.lowercased()
        if try await session.budgetActivities().contains(where: { $0.name.lowercased() == key && $0.id != id }) {
            throw ValidationError([FieldError("name", "is already a budget activity")])
        }
    }

    static func values(_ a: BudgetActivity) -> [String: String] {
        var values = ["name": a.name, "active": String(a.active)]
        values["code"] = a.code
        return values
    }

    // MARK: money on tasks

    /// A task's entries, for whoever can see the task.
    public func entries(of id: Activity.ID, by principal: Principal) async throws -> [TaskEntry] {
        try await env.reading(by: principal) { transaction in
            _ = try await BudgetService.enabled(transaction)
            _ = try await transaction.load(Activity.self, id)
            return try await transaction.session.taskEntries(of: id)
        }
    }

    public func addEntry(to id: Activity.ID, kind: TaskEntry.Kind?, amount: Money?, date: Day?, description: String?,
                         by principal: Principal) async throws -> TaskEntry {
        let (kind, amount, date, description) = try TaskEntry.validated(kind: kind, amount: amount, date: date, description: description)
        return try await env.transaction(by: principal) { transaction in
            _ = try await BudgetService.enabled(transaction)
            _ = try await transaction.loadChangeable(Activity.self, id)
            let entry = TaskEntry(id: env.newID(), activityId: id, kind: kind, amount: amount, date: date, description: description,
                                  createdAt: env.clock.now(), createdBy: principal.userId)
            try await transaction.session.insertTaskEntry(entry)
            transaction.audit(Activity.entity, id.uuid, "add-entry", [FieldChange(field: "entry", old: nil, new: Self.text(entry))])
            return entry
        }
    }

    public func deleteEntry(_ entryId: TaskEntry.ID, of id: Activity.ID, by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in
            _ = try await BudgetService.enabled(transaction)
            _ = try await transaction.loadChangeable(Activity.self, id)
            guard let entry = try await transaction.session.taskEntry(id: entryId), entry.activityId == id else { throw CoreError.notFound("entry") }
            try await transaction.session.deleteTaskEntry(id: entryId)
            transaction.audit(Activity.entity, id.uuid, "delete-entry", [FieldChange(field: "entry", old: Self.text(entry), new: nil)])
        }
    }

    static func text(_ e: TaskEntry) -> String {
        "\(e.kind == .income ? "Income" : "Expense") of \(Money.grouped(e.amount.decimalString)) \(e.amount.currency.code) on \(e.date)"
            + (e.description.map { ": " + $0 } ?? "")
    }
}

extension ActivityService {
    /// A task's budget activity exists, and is active unless the task had it already; choosing
    /// one while budget tracking is off is refused.
    static func checkBudgetActivity(_ id: BudgetActivity.ID?, before: BudgetActivity.ID?, _ transaction: Transaction) async throws {
        guard let id, id != before else { return }
        guard try await transaction.settings().budgetTracking else { throw BudgetError.trackingDisabled }
        guard let activity = try await transaction.session.budgetActivity(id: id) else {
            throw ValidationError([FieldError("budgetActivityId", "is not a budget activity")])
        }
        guard activity.active else { throw ValidationError([FieldError("budgetActivityId", "\(activity.name) is no longer in use")]) }
    }
}
