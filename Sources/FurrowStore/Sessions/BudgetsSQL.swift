import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

/// Budget activities and task entries (`M0018Budgets`).
extension SQLSession {
    func budgetActivities() async throws -> [BudgetActivity] {
        try await rows("SELECT * FROM budget_activities ORDER BY name, id").map(budgetActivityRecord)
    }

    func budgetActivity(id: BudgetActivity.ID) async throws -> BudgetActivity? {
        try await rows("SELECT * FROM budget_activities WHERE id = \(bind: id.string)").first.map(budgetActivityRecord)
    }

    func insertBudgetActivity(_ a: BudgetActivity) async throws {
        try await run("INSERT INTO budget_activities (id, name, code, active) VALUES (\(bind: a.id.string), \(bind: a.name), \(bind: a.code), \(bind: a.active))")
    }

    func updateBudgetActivity(_ a: BudgetActivity) async throws {
        try await run("UPDATE budget_activities SET name = \(bind: a.name), code = \(bind: a.code), active = \(bind: a.active) WHERE id = \(bind: a.id.string)")
    }

    private func budgetActivityRecord(_ row: any SQLRow) throws -> BudgetActivity {
        BudgetActivity(id: try row.id("id"), name: try row.string("name"), code: try row.optional("code"),
                       active: try row.decode(column: "active", as: Bool.self))
    }

    func taskEntries(of activity: Activity.ID) async throws -> [TaskEntry] {
        try await rows("SELECT * FROM activity_entries WHERE activity_id = \(bind: activity.string) ORDER BY day, created_at, id").map(taskEntryRecord)
    }

    func taskEntry(id: TaskEntry.ID) async throws -> TaskEntry? {
        try await rows("SELECT * FROM activity_entries WHERE id = \(bind: id.string)").first.map(taskEntryRecord)
    }

    func insertTaskEntry(_ e: TaskEntry) async throws {
        try await run("""
            INSERT INTO activity_entries (id, activity_id, kind, amount_minor, currency, day, description, created_at, created_by)
            VALUES (\(bind: e.id.string), \(bind: e.activityId.string), \(bind: e.kind.rawValue), \(bind: e.amount.minorUnits),
                \(bind: e.amount.currency.code), \(bind: e.date.description), \(bind: e.description), \(bind: Timestamp.string(e.createdAt)),
                \(bind: e.createdBy.string))
            """)
    }

    func deleteTaskEntry(id: TaskEntry.ID) async throws {
        try await run("DELETE FROM activity_entries WHERE id = \(bind: id.string)")
    }

    private func taskEntryRecord(_ row: any SQLRow) throws -> TaskEntry {
        TaskEntry(id: try row.id("id"), activityId: try row.id("activity_id"), kind: try row.status("kind", TaskEntry.Kind.self),
                  amount: Money(minorUnits: try row.decode(column: "amount_minor", as: Int64.self), currency: try row.currency("currency")),
                  date: try row.day("day"), description: try row.optional("description"), createdAt: try row.date("created_at"),
                  createdBy: try row.id("created_by"))
    }

    func budgetEntries(of target: BudgetTarget) async throws -> [BookedEntry] {
        let id = target.id.uuidString.lowercased()
        let regarding: SQLQueryString = target.kind == .account
            ? "((a.regarding_type = 'account' AND a.regarding_id = \(bind: id)) OR (a.regarding_type = 'opportunity' AND a.regarding_id IN (SELECT id FROM opportunities WHERE account_id = \(bind: id))))"
            : "(a.regarding_type = 'opportunity' AND a.regarding_id = \(bind: id))"
        return try await rows("""
            SELECT e.kind, e.amount_minor, e.currency, e.day, a.budget_activity_id, a.created_at AS task_created
            FROM activity_entries e JOIN activities a ON a.id = e.activity_id
            WHERE a.budget_activity_id IS NOT NULL AND a.status <> 'cancelled' AND \(regarding)
            ORDER BY e.day, e.id
            """).map { row in
            BookedEntry(budgetActivityId: try row.id("budget_activity_id"), kind: try row.status("kind", TaskEntry.Kind.self),
                        amount: Money(minorUnits: try row.decode(column: "amount_minor", as: Int64.self), currency: try row.currency("currency")),
                        date: try row.day("day"), taskCreatedAt: try row.date("task_created"))
        }
    }
}

/// Budgets, their versions and lines (`M0018Budgets`).
extension SQLSession {
    /// The owner and team of the budget's record, read with each budget.
    static let budgetOwner = """
        SELECT b.*, COALESCE(acc.owner_id, opp.owner_id) AS owner_id, COALESCE(acc.team_id, opp.team_id) AS team_id,
            COALESCE(acc.name, opp.name) AS target_name
        FROM budgets b
        LEFT JOIN accounts acc ON b.target_type = 'account' AND acc.id = b.target_id
        LEFT JOIN opportunities opp ON b.target_type = 'opportunity' AND opp.id = b.target_id
        """

    func budget(id: Budget.ID, locked: Bool) async throws -> Budget? {
        let lock: SQLQueryString = locked && engine == .postgres ? " FOR UPDATE OF b" : ""
        return try await budgetRecords(try await rows("\(unsafeRaw: Self.budgetOwner) WHERE b.id = \(bind: id.string)\(lock)")).first
    }

    func budgets(of target: BudgetTarget) async throws -> [Budget] {
        try await budgetRecords(try await rows("""
            \(unsafeRaw: Self.budgetOwner) WHERE b.target_type = \(bind: target.kind.rawValue) AND b.target_id = \(bind: target.id.uuidString.lowercased())
            ORDER BY b.from_day, b.id
            """))
    }

    func insertBudget(_ budget: Budget) async throws {
        try await run("""
            INSERT INTO budgets (id, target_type, target_id, currency, from_day, to_day, version, created_at, updated_at)
            VALUES (\(bind: budget.id.string), \(bind: budget.target.kind.rawValue), \(bind: budget.target.id.uuidString.lowercased()),
                \(bind: budget.currency.code), \(bind: budget.from.description), \(bind: budget.to.description), \(bind: budget.version),
                \(bind: Timestamp.string(budget.createdAt)), \(bind: Timestamp.string(budget.updatedAt)))
            """)
        try await writeVersions(budget.id, budget.versions)
    }

    func updateBudget(_ budget: Budget, over before: Budget) async throws -> Bool {
        let saved = !(try await rows("""
            UPDATE budgets SET from_day = \(bind: budget.from.description), to_day = \(bind: budget.to.description), version = \(bind: budget.version),
                updated_at = \(bind: Timestamp.string(budget.updatedAt))
            WHERE id = \(bind: budget.id.string) AND version = \(bind: before.version) RETURNING id
            """)).isEmpty
        guard saved else { return false }
        let changed = budget.versions.filter { version in before.versions.first { $0.number == version.number } != version }.map(\.number)
        let removed = before.versions.map(\.number).filter { number in !budget.versions.contains { $0.number == number } }
        let rewritten = changed + removed
        if !rewritten.isEmpty {
            try await run("DELETE FROM budget_lines WHERE budget_id = \(bind: budget.id.string) AND number IN (\(binds: rewritten))")
            try await run("DELETE FROM budget_versions WHERE budget_id = \(bind: budget.id.string) AND number IN (\(binds: rewritten))")
        }
        try await writeVersions(budget.id, budget.versions.filter { changed.contains($0.number) })
        return true
    }

    func deleteBudget(id: Budget.ID) async throws {
        try await run("DELETE FROM budget_lines WHERE budget_id = \(bind: id.string)")
        try await run("DELETE FROM budget_versions WHERE budget_id = \(bind: id.string)")
        try await run("DELETE FROM budgets WHERE id = \(bind: id.string)")
    }

    func ownership(of target: BudgetTarget, locked: Bool) async throws -> Ownership? {
        let table = target.kind == .account ? "accounts" : "opportunities"
        let lock: SQLQueryString = locked && engine == .postgres ? " FOR UPDATE" : ""
        return try await rows("SELECT owner_id, team_id FROM \(unsafeRaw: table) WHERE id = \(bind: target.id.uuidString.lowercased())\(lock)")
            .first.map { try $0.ownership() }
    }

    /// Versions and their lines, each in one statement.
    private func writeVersions(_ id: Budget.ID, _ versions: [BudgetVersion]) async throws {
        guard !versions.isEmpty else { return }
        let rows = versions.map { v -> SQLQueryString in
            "(\(bind: id.string), \(bind: v.number), \(bind: v.from.description), \(bind: v.to.description), \(bind: Timestamp.string(v.createdAt)), \(bind: v.createdBy.string), \(bind: Timestamp.string(v.updatedAt)))"
        }
        try await run("INSERT INTO budget_versions (budget_id, number, from_day, to_day, created_at, created_by, updated_at) VALUES \(rows.joined(separator: ", "))")
        let lines = versions.flatMap { v in
            v.lines.enumerated().map { position, line -> SQLQueryString in
                "(\(bind: id.string), \(bind: v.number), \(bind: position), \(bind: line.budgetActivityId.string), \(bind: line.income.minorUnits), \(bind: line.cost.minorUnits))"
            }
        }
        guard !lines.isEmpty else { return }
        try await run("INSERT INTO budget_lines (budget_id, number, position, budget_activity_id, income_minor, cost_minor) VALUES \(lines.joined(separator: ", "))")
    }

    private func budgetRecords(_ rows: [any SQLRow]) async throws -> [Budget] {
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.string("id") }
        var lines: [String: [Int: [BudgetLine]]] = [:]
        var currencies: [String: Currency] = [:]
        for row in rows { currencies[try row.string("id")] = try row.currency("currency") }
        for row in try await self.rows("SELECT * FROM budget_lines WHERE budget_id IN (\(binds: ids)) ORDER BY budget_id, number, position") {
            let budget = try row.string("budget_id"), currency = currencies[budget] ?? Currency("EUR")!
            lines[budget, default: [:]][try row.int("number"), default: []].append(BudgetLine(
                budgetActivityId: try row.id("budget_activity_id"),
                income: Money(minorUnits: try row.decode(column: "income_minor", as: Int64.self), currency: currency),
                cost: Money(minorUnits: try row.decode(column: "cost_minor", as: Int64.self), currency: currency)))
        }
        var versions: [String: [BudgetVersion]] = [:]
        for row in try await self.rows("SELECT * FROM budget_versions WHERE budget_id IN (\(binds: ids)) ORDER BY budget_id, number") {
            let budget = try row.string("budget_id"), number = try row.int("number")
            versions[budget, default: []].append(BudgetVersion(
                number: number, from: try row.day("from_day"), to: try row.day("to_day"), lines: lines[budget]?[number] ?? [],
                createdAt: try row.date("created_at"), createdBy: try row.id("created_by"), updatedAt: try row.date("updated_at")))
        }
        return try rows.compactMap { row in
            let id = try row.string("id")
            guard let all = versions[id], let master = all.first, let kind = BudgetTarget.Kind(rawValue: try row.string("target_type")),
                  let targetId = UUIDText.parse(try row.string("target_id")) else { return nil }
            // a budget's record cannot be deleted while it has one (a business reference), so its owner is always there
            guard !(try row.decodeNil(column: "owner_id")) else { return nil }
            let ownership = try row.ownership()
            var budget = Budget(id: try row.id("id"), target: BudgetTarget(kind, targetId), currency: try row.currency("currency"),
                                master: master, version: try row.int("version"), targetOwnership: ownership)
            budget.versions = all
            budget.updatedAt = try row.date("updated_at")
            if let name = try row.optional("target_name") { budget.names["targetName"] = name }
            return budget
        }
    }
}
