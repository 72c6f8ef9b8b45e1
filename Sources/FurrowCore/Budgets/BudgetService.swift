import Foundation
import FurrowDomain

/// Budget tracking (SPEC §9, seed 001): budgets on accounts and opportunities, their master and
/// corrections, and budget vs actual. Every call first checks the feature is switched on.
public struct BudgetService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    /// A budget as the API and pages show it: with when each version locks and what it changed.
    public struct Reading: Sendable {
        public let budget: Budget
        public let lockedAt: [Date]
        public let locked: [Bool]
        public let changes: [[BudgetLineChange]]
    }

    public struct Input: Sendable {
        public var target: BudgetTarget?
        public var currency: Currency?
        public var draft: BudgetDraft
        public init(target: BudgetTarget?, currency: Currency?, draft: BudgetDraft) {
            self.target = target
            self.currency = currency
            self.draft = draft
        }
    }

    public func create(_ input: Input, by principal: Principal) async throws -> Reading {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        guard let target = input.target else { throw ValidationError([FieldError("regarding", "is required")]) }
        let (from, to, lines) = try input.draft.validated()
        return try await env.transaction(by: principal) { transaction in
            let settings = try await Self.enabled(transaction)
            // the record's row is locked (PostgreSQL), so two budgets of one record are checked one after the other
            guard let owner = try await transaction.session.ownership(of: target, locked: true),
                  Self.access(target.kind, owner).visible(to: principal) else { throw CoreError.notFound(target.kind.rawValue) }
            guard Self.access(target.kind, owner).changeable(by: principal) else { throw CoreError.forbidden("your role cannot change this record") }
            try await Self.checkActivities(lines, before: [], transaction.session)
            let now = env.clock.now()
            let master = BudgetVersion(number: 0, from: from, to: to, lines: lines, createdAt: now, createdBy: principal.userId, updatedAt: now)
            let budget = Budget(id: env.newID(), target: target, currency: input.draft.currency, master: master, targetOwnership: owner)
            try await Self.checkOverlap(budget, transaction.session)
            try await transaction.create(budget)
            return Self.reading(try await transaction.session.budget(id: budget.id, locked: false) ?? budget, settings, env.clock.now())
        }
    }

    public func get(_ id: Budget.ID, by principal: Principal) async throws -> Reading {
        try await env.reading(by: principal) { transaction in
            let settings = try await Self.enabled(transaction)
            return Self.reading(try await transaction.load(Budget.self, id), settings, env.clock.now())
        }
    }

    /// The budgets of an account or opportunity the caller can see.
    public func budgets(of target: BudgetTarget, by principal: Principal) async throws -> [Reading] {
        try await env.reading(by: principal) { transaction in
            let settings = try await Self.enabled(transaction)
            guard let owner = try await transaction.session.ownership(of: target, locked: false),
                  Self.access(target.kind, owner).visible(to: principal) else { throw CoreError.notFound(target.kind.rawValue) }
            return try await transaction.session.budgets(of: target).map { Self.reading($0, settings, env.clock.now()) }
        }
    }

    /// Saves an edit (rules 26–30): in place while the latest version is open, else a correction.
    public func edit(_ id: Budget.ID, draft: BudgetDraft, expectedVersion: Int?, by principal: Principal) async throws -> (Reading, BudgetEdit) {
        let (from, to, lines) = try draft.validated()
        return try await env.transaction(by: principal) { transaction in
            let settings = try await Self.enabled(transaction)
            var outcome = BudgetEdit.inPlace(0)
            let budget = try await transaction.change(Budget.self, id, action: "edit", expectedVersion: expectedVersion, locked: true) { budget in
                guard draft.currency == budget.currency else {
                    throw ValidationError([FieldError("currency", "stays \(budget.currency.code), the budget's currency")])
                }
                try await Self.checkActivities(lines, before: budget.versions.flatMap(\.lines), transaction.session)
                outcome = try budget.edit(from: from, to: to, lines: lines, by: principal.userId, at: env.clock.now(), in: settings.zone)
                if from != budget.from || to != budget.to || budget.versions.count == 1 { try await Self.checkOverlap(budget, transaction.session) }
            }
            return (Self.reading(budget, settings, env.clock.now()), outcome)
        }
    }

    /// Deletes a master budget with no corrections before it locks.
    public func delete(_ id: Budget.ID, by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in
            let settings = try await Self.enabled(transaction)
            let budget = try await transaction.loadChangeable(Budget.self, id, locked: true)
            try budget.checkDeletable(at: env.clock.now(), in: settings.zone)
            try await transaction.delete(budget)
        }
    }

    /// Deletes the latest correction before it locks.
    public func deleteCorrection(_ id: Budget.ID, number: Int, by principal: Principal) async throws -> Reading {
        try await env.transaction(by: principal) { transaction in
            let settings = try await Self.enabled(transaction)
            let budget = try await transaction.change(Budget.self, id, action: "delete-correction", locked: true) { budget in
                guard number > 0, number < budget.versions.count else { throw CoreError.notFound("correction") }
                try budget.deleteCorrection(number, at: env.clock.now(), in: settings.zone)
            }
            return Self.reading(budget, settings, env.clock.now())
        }
    }

    /// Budget vs actual (rule 20) for the budget's current version.
    public func versusActual(_ id: Budget.ID, grouping: VersusActual.Grouping, by principal: Principal) async throws -> (Reading, VersusActual) {
        try await env.reading(by: principal) { transaction in
            let settings = try await Self.enabled(transaction)
            let budget = try await transaction.load(Budget.self, id)
            let entries = try await transaction.session.budgetEntries(of: budget.target).map {
                VersusActual.Entry(budgetActivityId: $0.budgetActivityId, kind: $0.kind, amount: $0.amount, date: $0.date,
                                   taskCreated: settings.today($0.taskCreatedAt))
            }
            return (Self.reading(budget, settings, env.clock.now()),
                    VersusActual.compute(budget, entries: entries, costDating: settings.costDating, incomeDating: settings.incomeDating, grouping: grouping))
        }
    }

    // MARK: rules shared by the calls

    static func enabled(_ transaction: Transaction) async throws -> Settings {
        let settings = try await transaction.settings()
        guard settings.budgetTracking else { throw BudgetError.trackingDisabled }
        return settings
    }

    /// A budget is seen and changed as its record is: an account's like a customer record, an opportunity's like a sales record.
    public static func access(_ kind: BudgetTarget.Kind, _ owner: Ownership) -> RecordAccess {
        kind == .account ? .billing(owner) : .owned(owner)
    }

    /// Every line's activity exists; a deactivated one only where the budget had it already.
    static func checkActivities(_ lines: [BudgetLine], before: [BudgetLine], _ session: any StoreSession) async throws {
        let known = Dictionary(uniqueKeysWithValues: try await session.budgetActivities().map { ($0.id, $0) })
        let kept = Set(before.map(\.budgetActivityId))
        var errors: [FieldError] = []
        for (index, line) in lines.enumerated() {
            guard let activity = known[line.budgetActivityId] else {
                errors.append(FieldError("lines[\(index)].budgetActivityId", "is not a budget activity"))
                continue
            }
            if !activity.active && !kept.contains(activity.id) {
                errors.append(FieldError("lines[\(index)].budgetActivityId", "\(activity.name) is no longer in use"))
            }
        }
        if !errors.isEmpty { throw ValidationError(errors) }
    }

    /// Two master budgets of one record share no day (rule 25).
    static func checkOverlap(_ budget: Budget, _ session: any StoreSession) async throws {
        for other in try await session.budgets(of: budget.target) where other.id != budget.id {
            if Budget.overlaps(budget.from...budget.to, other.from...other.to) { throw BudgetError.overlap(other.id) }
        }
    }

    static func reading(_ budget: Budget, _ settings: Settings, _ now: Date) -> Reading {
        let lockedAt = budget.versions.indices.map { budget.lockedAt($0, in: settings.zone) }
        return Reading(budget: budget, lockedAt: lockedAt, locked: lockedAt.map { now >= $0 },
                       changes: budget.versions.indices.map { budget.changes(of: $0) })
    }
}

extension Budget: StoredRecord {
    static let entity = "budget"
    var access: RecordAccess { BudgetService.access(target.kind, targetOwnership) }
    mutating func stamp(at time: Date) { updatedAt = time }
    static func load(_ id: ID, locked: Bool, in session: any StoreSession) async throws -> Budget? { try await session.budget(id: id, locked: locked) }
    func insert(in session: any StoreSession) async throws { try await session.insertBudget(self) }
    func save(over before: Budget, in session: any StoreSession) async throws -> Bool { try await session.updateBudget(self, over: before) }
    static func remove(_ id: ID, in session: any StoreSession) async throws { try await session.deleteBudget(id: id) }

    var auditValues: [String: String] {
        var values = ["target": "\(target.kind.rawValue):\(target.id.uuidString.lowercased())", "currency": currency.code,
                      "from": from.description, "to": to.description, "versions": String(versions.count)]
        for line in current.lines {
            values["line." + line.budgetActivityId.string] = "income \(line.income.decimalString), cost \(line.cost.decimalString)"
        }
        return values
    }
}
