import Foundation
import FurrowDomain

/// The calendar (SPEC §6; rules 13–14): activities with their recurrences expanded, and the
/// opportunities whose status or stage the settings make visible, on their expected close date.
public struct CalendarService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public struct Entry: Sendable, Equatable {
        public enum Kind: String, Sendable { case activity, opportunity }
        public var kind: Kind
        public var id: UUID
        public var title: String
        public var activityKind: Activity.Kind?
        public var status: String
        public var start: Date
        public var end: Date?
        /// All-day entries (opportunities, all-day activities) fall on this day.
        public var day: String?
        public var allDay: Bool
        public var recurring: Bool
        public var ownerId: User.ID
        public var path: String
        /// The activity itself, for feeds that need all of it.
        public var activity: Activity?
        /// The caller is invited to it as an attendee; another user owns it.
        public var invited = false
        /// Whom or what it is about: the record an activity regards, an opportunity's account.
        public var about: String? = nil
    }

    public struct Window: Sendable {
        public var entries: [Entry]
        public var timeZone: TimeZone
    }

    /// Entries starting in `[from, to)`, for one owner or every visible one.
    public func entries(from: Date, to: Date, ownerId: User.ID?, by principal: Principal) async throws -> Window {
        guard to > from else { throw ValidationError([FieldError("to", "must be after from")]) }
        guard to.timeIntervalSince(from) <= 500 * 86400 else { throw ValidationError([FieldError("to", "at most 500 days after from")]) }
        return try await env.store.read { session in
            let settings = Settings(try await session.settings())
            let zone = TimeZone(identifier: settings.timeZone) ?? TimeZone(identifier: "UTC")!
            let owners = ownerId.map { [$0] }
            var entries = try await Self.expand(try await session.calendarActivities(owners: owners, visibleTo: principal, from: from, to: to),
                                                zone: zone, from: from, to: to)
            for index in entries.indices { entries[index].invited = entries[index].activity?.invites(principal.userId) ?? false }
            let statuses = settings.calendarStates.filter { ["inProgress", "won", "lost"].contains($0) }
            let stages = settings.calendarStates.filter { UUID(uuidString: $0) != nil }
            let fromDay = Timestamp.calendarDay(from, in: zone)
            let toExclusive = Timestamp.calendarDay(to.addingTimeInterval(-1), in: zone).adding(days: 1)
            for opportunity in try await session.calendarOpportunities(statuses: statuses, stageIds: stages, from: fromDay, to: toExclusive,
                                                                       owners: owners, visibleTo: principal) {
                guard let day = opportunity.fields.expectedCloseDate, let start = Self.startOfDay(day, zone) else { continue }
                entries.append(Entry(kind: .opportunity, id: opportunity.id.uuid, title: opportunity.fields.name, activityKind: nil,
                                     status: opportunity.status.rawValue, start: start, end: nil, day: day.description, allDay: true, recurring: false,
                                     ownerId: opportunity.ownership.ownerId, path: "/opportunities/\(opportunity.id)", activity: nil,
                                     about: opportunity.names["accountName"]))
            }
            entries.sort { ($0.start, $0.title) < ($1.start, $1.title) }
            return Window(entries: entries, timeZone: zone)
        }
    }

    /// One entry per occurrence in the window: a recurring activity's starts come from its rule.
    public static func expand(_ activities: [Activity], zone: TimeZone, from: Date, to: Date) -> [Entry] {
        var entries: [Entry] = []
        for activity in activities {
            guard let when = activity.when else { continue }
            let length = activity.endAt.map { $0.timeIntervalSince(when) }
            let starts = activity.recurrence.map { $0.occurrences(start: when, timeZone: zone, from: from, to: to) } ?? [when]
            for start in starts {
                entries.append(Entry(kind: .activity, id: activity.id.uuid, title: activity.subject, activityKind: activity.kind,
                                     status: activity.status.rawValue, start: start, end: length.map { start.addingTimeInterval($0) },
                                     day: activity.allDay ? Timestamp.day(start, in: zone) : nil, allDay: activity.allDay,
                                     recurring: activity.recurrence != nil, ownerId: activity.ownership.ownerId,
                                     path: "/activities/\(activity.id)", activity: activity, about: activity.names["regardingName"]))
            }
        }
        return entries
    }

    static func startOfDay(_ day: Day, _ zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let (y, m, d) = Day.civil(day.ordinal)
        return calendar.date(from: DateComponents(year: y, month: m, day: d))
    }

    // MARK: the iCalendar feed

    /// The signed-in user's secret feed token, made on first use.
    public func feedToken(by principal: Principal) async throws -> String {
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            if let token = try await session.calendarFeedToken(of: principal.userId) { return token }
            let token = Self.newToken()
            try await session.setCalendarFeedToken(of: principal.userId, token, at: env.clock.now())
            return token
        }
    }

    /// The signed-in user's feed token if the feed is on; never makes one.
    public func currentFeedToken(by principal: Principal) async throws -> String? {
        try await env.store.read { session in try await session.calendarFeedToken(of: principal.userId) }
    }

    /// A new secret: the old feed address stops working at once.
    public func rotateFeed(by principal: Principal) async throws -> String {
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            let token = Self.newToken()
            try await session.setCalendarFeedToken(of: principal.userId, token, at: env.clock.now())
            transaction.audit("user", principal.userId.uuid, "calendar-feed-rotate", [])
            return token
        }
    }

    public func revokeFeed(by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            try await session.setCalendarFeedToken(of: principal.userId, nil, at: env.clock.now())
            transaction.audit("user", principal.userId.uuid, "calendar-feed-revoke", [])
        }
    }

    /// What a feed token shows: its user's activities from 90 days back to a year ahead (a
    /// recurring one once, with its rule) and the visible opportunities. Nil for an unknown token.
    public func feed(token: String) async throws -> (user: UserRecord, activities: [Activity], opportunities: [Entry], timeZone: TimeZone)? {
        guard token.count >= 20, token.count <= 100 else { return nil }
        let found = try await env.store.read { session -> (UserRecord, Principal)? in
            guard let userId = try await session.user(forCalendarToken: token), let user = try await session.user(id: userId) else { return nil }
            return (user, Principal(userId: user.id, role: user.role, teamId: user.teamId))
        }
        guard let (user, principal) = found else { return nil }
        let now = env.clock.now()
        let window = try await entries(from: now.addingTimeInterval(-90 * 86400), to: now.addingTimeInterval(365 * 86400),
                                       ownerId: user.id, by: principal)
        var seen = Set<UUID>()
        let activities = window.entries.compactMap { entry in entry.activity.flatMap { seen.insert($0.id.uuid).inserted ? $0 : nil } }
        return (user, activities, window.entries.filter { $0.kind == .opportunity }, window.timeZone)
    }

    static func newToken() -> String { SecretToken.generate() }
}
