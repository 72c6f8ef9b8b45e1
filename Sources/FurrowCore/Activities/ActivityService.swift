import Foundation
import FurrowDomain

/// Activities (SPEC §6): created regarding a record, completed with an outcome, cancelled or
/// reopened; every record page shows its timeline and every user their own list.
public struct ActivityService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public struct Input: Sendable {
        public var kind: Activity.Kind
        public var subject: String
        public var description: String?
        public var regarding: Regarding?
        public var ownerId: User.ID?
        public var dueAt: Date?
        public var startAt: Date?
        public var endAt: Date?
        public var allDay: Bool
        public var location: String?
        public var attendees: [Attendee]
        public var reminderAt: Date?
        public var recurrence: Recurrence?
        /// The budget activity its income and expenses count under (budget tracking).
        public var budgetActivityId: BudgetActivity.ID?

        public init(kind: Activity.Kind, subject: String, description: String? = nil, regarding: Regarding? = nil, ownerId: User.ID? = nil,
                    dueAt: Date? = nil, startAt: Date? = nil, endAt: Date? = nil, allDay: Bool = false, location: String? = nil,
                    attendees: [Attendee] = [], reminderAt: Date? = nil, recurrence: Recurrence? = nil,
                    budgetActivityId: BudgetActivity.ID? = nil) {
            self.kind = kind
            self.subject = subject
            self.description = description
            self.regarding = regarding
            self.ownerId = ownerId
            self.dueAt = dueAt
            self.startAt = startAt
            self.endAt = endAt
            self.allDay = allDay
            self.location = location
            self.attendees = attendees
            self.reminderAt = reminderAt
            self.recurrence = recurrence
            self.budgetActivityId = budgetActivityId
        }
    }

    /// `completedWith` records an activity that already happened (a logged call) as completed,
    /// with its outcome, in the same transaction.
    public func create(_ input: Input, completedWith outcome: String? = nil, by principal: Principal) async throws -> Activity {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        let valid = try prepared(input, completedWith: outcome, by: principal)
        return try await env.transaction(by: principal) { transaction in try await insert(valid, input: input, in: transaction) }
    }

    /// A new activity, checked; completed at once when `outcome` is given.
    func prepared(_ input: Input, completedWith outcome: String?, by principal: Principal) throws -> Activity {
        let now = env.clock.now()
        var activity = Activity(id: env.newID(), kind: input.kind, subject: input.subject, ownership: Ownership(ownerId: principal.userId, teamId: principal.teamId),
                                createdAt: now, updatedAt: now)
        apply(input, to: &activity)
        activity.sequence = 0
        if let outcome {
            activity.outcome = outcome
            try activity.complete(outcome: outcome, at: now)
        }
        return try activity.validated()
    }

    /// Stores a prepared activity in the caller's transaction (also used by bulk creates).
    func insert(_ prepared: Activity, input: Input, in transaction: Transaction) async throws -> Activity {
        var activity = prepared
        try await checkLinks(&activity, ownerId: input.ownerId, transaction.session, transaction.principal)
        try await Self.checkBudgetActivity(activity.budgetActivityId, before: nil, transaction)
        try await transaction.create(activity)
        return activity
    }

    /// Replaces the editable fields; a changed time bumps the calendar sequence and re-arms the reminder.
    public func update(_ id: Activity.ID, _ input: Input, expectedVersion: Int, by principal: Principal) async throws -> Activity {
        try await env.transaction(by: principal) { transaction in try await updating(id, input, expectedVersion: expectedVersion, in: transaction) }
    }

    /// The change in the caller's transaction (also used by bulk updates).
    func updating(_ id: Activity.ID, _ input: Input, expectedVersion: Int, in transaction: Transaction) async throws -> Activity {
        let principal = transaction.principal
        return try await transaction.change(Activity.self, id, action: "update", expectedVersion: expectedVersion) { activity in
            let before = activity.budgetActivityId
            apply(input, to: &activity)
            activity = try activity.validated()
            try await checkLinks(&activity, ownerId: input.ownerId, transaction.session, principal)
            try await Self.checkBudgetActivity(activity.budgetActivityId, before: before, transaction)
        }
    }

    /// Moves an activity to a new start (calendar drag), keeping its length.
    public func reschedule(_ id: Activity.ID, to start: Date, by principal: Principal) async throws -> Activity {
        try await change(id, action: "reschedule", expectedVersion: nil, by: principal) { activity, _ in
            try activity.check(.reschedule)
            let before = activity.when
            if let old = activity.startAt {
                let length = (activity.endAt ?? old).timeIntervalSince(old)
                activity.startAt = start
                activity.endAt = start.addingTimeInterval(length)
            } else {
                activity.dueAt = start
            }
            if let reminder = activity.reminderAt, let old = before {
                activity.reminderAt = reminder.addingTimeInterval(start.timeIntervalSince(old))
                activity.remindedAt = nil
            }
            activity.sequence += 1
            activity = try activity.validated()
        }
    }

    /// `report`: a service visit's time spent, parts and customer feedback (refused for other kinds).
    public func complete(_ id: Activity.ID, outcome: String?, report: VisitReport? = nil, by principal: Principal) async throws -> Activity {
        var check = Validator()
        let outcome = check.text("outcome", outcome, maxLength: 2000)
        try check.check()
        let report = try report?.validated()
        return try await change(id, action: "complete", expectedVersion: nil, by: principal) { activity, _ in
            if let report, !report.isEmpty {
                guard activity.kind == .serviceVisit else {
                    throw ValidationError([FieldError("feedback", "is recorded for service visits only")])
                }
                activity.report = report
            }
            try activity.complete(outcome: outcome, at: env.clock.now())
        }
    }

    public func cancel(_ id: Activity.ID, by principal: Principal) async throws -> Activity {
        try await change(id, action: "cancel", expectedVersion: nil, by: principal) { activity, _ in try activity.cancel() }
    }

    public func reopen(_ id: Activity.ID, by principal: Principal) async throws -> Activity {
        try await change(id, action: "reopen", expectedVersion: nil, by: principal) { activity, _ in try activity.reopen() }
    }

    public func get(_ id: Activity.ID, by principal: Principal) async throws -> Activity {
        try await env.store.read { session in try await session.visibleActivity(id, principal) }
    }

    public func list(_ query: ListQuery, by principal: Principal) async throws -> [Activity] {
        try await env.store.read { session in try await session.activities(query, visibleTo: principal) }
    }

    /// A record's activities: open ones first (soonest first), then the rest, newest first.
    public func timeline(_ regarding: Regarding, by principal: Principal) async throws -> [Activity] {
        try await env.store.read { session in
            let view = principal.reading(regarding.kind)
            guard let owner = try await session.ownership(of: regarding), view.canSee(owner) else {
                throw CoreError.notFound(regarding.kind.rawValue)
            }
            return Self.timelineOrder(try await session.activities(regarding: regarding.id).filter { view.canSee($0.ownership) || $0.ownership == owner })
        }
    }

    /// A customer's timeline: the record's activities and those regarding its related records
    /// (an account's opportunities, quotes and orders, which the caller has loaded and may see),
    /// each activity shown when the caller sees it or it has the owner of the record it regards.
    public func timeline(_ regarding: Regarding, related: [Regarding: Ownership], by principal: Principal) async throws -> [Activity] {
        let own = try await timeline(regarding, by: principal)
        guard !related.isEmpty else { return own }
        let more = try await env.store.read { session in try await session.activities(regardingAny: related.keys.map(\.id)) }
        let owners = Dictionary(related.map { ($0.key.id, $0.value) }, uniquingKeysWith: { a, _ in a })
        let visible = more.filter { activity in
            guard let about = activity.regarding else { return false }
            return principal.reading(about.kind).canSee(activity.ownership) || owners[about.id] == activity.ownership
        }
        return Self.timelineOrder(own + visible)
    }

    public static func timelineOrder(_ activities: [Activity]) -> [Activity] {
        let open = activities.filter { $0.status == .open }.sorted { ($0.when ?? .distantFuture, $0.createdAt) < ($1.when ?? .distantFuture, $1.createdAt) }
        let closed = activities.filter { $0.status != .open }.sorted { ($0.completedAt ?? $0.updatedAt) > ($1.completedAt ?? $1.updatedAt) }
        return open + closed
    }

    public struct Mine: Sendable, Equatable {
        public var overdue: [Activity]
        public var today: [Activity]
        public var upcoming: [Activity]
        public var undated: [Activity]
    }

    /// The signed-in user's open activities by day in the company time zone: overdue (an earlier
    /// day), today, upcoming (the next `days`), and those with no date.
    public func mine(by principal: Principal, days: Int = 14) async throws -> Mine {
        try await env.store.read { session in
            let zone = TimeZone(identifier: Settings(try await session.settings()).timeZone) ?? TimeZone(identifier: "UTC")!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let now = env.clock.now()
            let startOfDay = calendar.startOfDay(for: now)
            let tomorrow = calendar.date(byAdding: .day, value: 1, to: startOfDay)!
            let horizon = calendar.date(byAdding: .day, value: days, to: tomorrow)!
            let open = try await session.openActivities(owner: principal.userId, before: horizon, limit: 500)
            var mine = Mine(overdue: [], today: [], upcoming: [], undated: [])
            for stored in open {
                // a recurring activity is listed at its next occurrence from today, as the calendar shows it
                let activity = Self.nextOccurrence(of: stored, from: startOfDay, zone: zone)
                guard let when = activity.when else { mine.undated.append(activity); continue }
                if when < startOfDay { mine.overdue.append(activity) } else if when < tomorrow { mine.today.append(activity) } else {
                    mine.upcoming.append(activity)
                }
            }
            return mine
        }
    }

    /// A recurring activity that started before `day` as its first occurrence on or after it (its
    /// times moved there, for listing); any other activity as it is.
    static func nextOccurrence(of activity: Activity, from day: Date, zone: TimeZone) -> Activity {
        guard let recurrence = activity.recurrence, let start = activity.when, start < day,
              let next = recurrence.occurrences(start: start, timeZone: zone, from: day, to: day.addingTimeInterval(400 * 86400), limit: 1).first
        else { return activity }
        var shifted = activity
        let offset = next.timeIntervalSince(start)
        shifted.startAt = activity.startAt.map { $0.addingTimeInterval(offset) }
        shifted.dueAt = activity.dueAt.map { $0.addingTimeInterval(offset) }
        shifted.endAt = activity.endAt.map { $0.addingTimeInterval(offset) }
        return shifted
    }

    private func apply(_ input: Input, to activity: inout Activity) {
        let oldWhen = activity.when, newWhen = input.startAt ?? input.dueAt
        let timeChanged = activity.dueAt != input.dueAt || activity.startAt != input.startAt || activity.endAt != input.endAt
            || activity.allDay != input.allDay || activity.recurrence != input.recurrence
        activity.kind = input.kind
        activity.subject = input.subject
        activity.description = input.description
        activity.regarding = input.regarding
        activity.dueAt = input.dueAt
        activity.startAt = input.startAt
        activity.endAt = input.endAt
        activity.allDay = input.allDay
        activity.location = input.location
        activity.attendees = input.attendees
        var reminder = input.reminderAt
        if let kept = reminder, kept == activity.reminderAt, let oldWhen, let newWhen, oldWhen != newWhen {
            reminder = kept.addingTimeInterval(newWhen.timeIntervalSince(oldWhen))   // a reminder moves with its activity
        }
        if activity.reminderAt != reminder { activity.remindedAt = nil }
        activity.reminderAt = reminder
        activity.recurrence = input.recurrence
        activity.budgetActivityId = input.budgetActivityId
        if timeChanged { activity.sequence += 1 }
    }

    private func checkLinks(_ activity: inout Activity, ownerId: User.ID?, _ session: any StoreSession, _ principal: Principal) async throws {
        if let regarding = activity.regarding {
            guard let owner = try await session.ownership(of: regarding), principal.reading(regarding.kind).canSee(owner) else {
                throw ValidationError([FieldError("regarding", "is not a record you can see")])
            }
        }
        if let ownerId, ownerId != activity.ownership.ownerId {
            guard ownerId == principal.userId || principal.canReassign else {
                throw CoreError.forbidden("only managers and administrators give activities to others")
            }
            guard let user = try await session.user(id: ownerId), user.active else { throw ValidationError([FieldError("ownerId", "is not an active user")]) }
            activity.ownership = Ownership(ownerId: user.id, teamId: user.teamId)
        }
        for (index, attendee) in activity.attendees.enumerated() {
            switch attendee.kind {
            case .user:
                if try await session.user(id: User.ID(attendee.id)) == nil { throw ValidationError([FieldError("attendees[\(index)]", "is not a user")]) }
            case .contact:
                guard let contact = try await session.contact(id: Contact.ID(attendee.id)), principal.canSee(contact.ownership) else {
                    throw ValidationError([FieldError("attendees[\(index)]", "is not a contact you can see")])
                }
            }
        }
    }

    private func change(_ id: Activity.ID, action: String, expectedVersion: Int?, by principal: Principal,
                        _ body: @escaping @Sendable (inout Activity, any StoreSession) async throws -> Void) async throws -> Activity {
        try await env.transaction(by: principal) { transaction in
            try await transaction.change(Activity.self, id, action: action, expectedVersion: expectedVersion) { activity in
                try await body(&activity, transaction.session)
            }
        }
    }
}

extension Activity {
    var auditValues: [String: String] {
        var values = ["type": kind.rawValue, "subject": subject, "status": status.rawValue, "ownerId": ownership.ownerId.string,
                      "allDay": String(allDay)]
        values["description"] = description
        values["regarding"] = regarding.map { "\($0.kind.rawValue):\($0.id.uuidString.lowercased())" }
        values["dueAt"] = dueAt.map(Timestamp.string)
        values["startAt"] = startAt.map(Timestamp.string)
        values["endAt"] = endAt.map(Timestamp.string)
        values["location"] = location
        values["reminderAt"] = reminderAt.map(Timestamp.string)
        values["outcome"] = outcome
        values["recurrence"] = recurrence?.rule
        values["budgetActivityId"] = budgetActivityId?.string
        values["rating"] = report?.rating.map(String.init)
        values["feedback"] = report?.comment
        values["signedBy"] = report?.signedBy
        values["timeSpentMinutes"] = report?.timeSpentMinutes.map(String.init)
        values["parts"] = report.flatMap { $0.parts.isEmpty ? nil : $0.parts.joined(separator: "; ") }
        values["attendees"] = attendees.isEmpty ? nil : attendees.map { "\($0.kind.rawValue):\($0.id.uuidString.lowercased())" }.joined(separator: ",")
        return values
    }
}

extension StoreSession {
    func visibleActivity(_ id: Activity.ID, _ principal: Principal) async throws -> Activity {
        guard let activity = try await activity(id: id), principal.canSee(activity.ownership) || activity.invites(principal.userId) else {
            throw CoreError.notFound("activity")
        }
        return activity
    }

    /// Who owns the record an activity regards; nil when there is no such record.
    func ownership(of regarding: Regarding) async throws -> Ownership? {
        switch regarding.kind {
        case .lead: try await lead(id: Lead.ID(regarding.id))?.ownership
        case .account: try await account(id: Account.ID(regarding.id))?.ownership
        case .contact: try await contact(id: Contact.ID(regarding.id))?.ownership
        case .opportunity: try await opportunity(id: Opportunity.ID(regarding.id))?.ownership
        case .quote: try await quote(id: Quote.ID(regarding.id))?.ownership
        case .order: try await order(id: SalesOrder.ID(regarding.id))?.ownership
        case .invoice: try await invoice(id: Invoice.ID(regarding.id), locked: false)?.ownership
        case .contract: try await contract(id: MaintenanceContract.ID(regarding.id), locked: false)?.ownership
        case .campaign: try await campaign(id: Campaign.ID(regarding.id), locked: false)?.ownership
        }
    }
}
