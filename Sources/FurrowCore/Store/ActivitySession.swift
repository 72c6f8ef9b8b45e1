import Foundation
import FurrowDomain

/// Activities, reminders, follow-ups and calendar feeds: the activities part of a store session.
public protocol ActivitySession: Sendable {
    /// A new activity; `origin` names the rule that made it, if one did.
    func insertActivity(_ activity: Activity, origin: ActivityOrigin?) async throws
    /// Many activities of one origin in a few statements.
    func insertActivities(_ activities: [Activity], origin: ActivityOrigin?) async throws
    /// Sets the next reminder of a recurring activity (and that it has not fired yet).
    func setReminder(_ id: Activity.ID, at time: Date) async throws
    /// The open activities a rule made regarding an opportunity or one of its quotes.
    func openAutomaticActivities(ofOpportunity id: Opportunity.ID) async throws -> [Activity]
    /// Saves over `before` when its version is still stored; the attendees only when they changed.
    func updateActivity(_ activity: Activity, over before: Activity) async throws -> Bool
    func activity(id: Activity.ID) async throws -> Activity?
    func activities(regarding id: UUID) async throws -> [Activity]
    /// The activities regarding any of the records, in one statement.
    func activities(regardingAny ids: [UUID]) async throws -> [Activity]
    func activities(_ query: ListQuery, visibleTo principal: Principal) async throws -> [Activity]
    /// Open activities of an owner that happen (or are due) before `before`, soonest first.
    func openActivities(owner: User.ID, before: Date, limit: Int) async throws -> [Activity]
    /// Activities of the owners (nil: every visible one) that may fall in `[from, to)`: those
    /// starting or due inside it, spanning it, and recurring ones that start before its end.
    func calendarActivities(owners: [User.ID]?, visibleTo principal: Principal, from: Date, to: Date) async throws -> [Activity]
    /// Marks up to `limit` due, unsent reminders as sent and returns them; two servers never
    /// claim the same one (PostgreSQL: `FOR UPDATE SKIP LOCKED`; SQLite: one writer).
    func claimDueReminders(now: Date, limit: Int) async throws -> [Activity]
    /// Makes concurrent follow-up sweeps of several servers take turns (PostgreSQL: an advisory
    /// lock held to the end of the transaction; SQLite has one writer already).
    func serialiseSweep() async throws
    /// Sent quotes and in-progress opportunities untouched since `before` with no open activity.
    func idleRecords(before: Date, limit: Int) async throws -> [IdleRecord]
    /// Opportunities in the statuses or stages, expected to close within the days.
    func calendarOpportunities(statuses: [String], stageIds: [String], from: Day, to: Day, owners: [User.ID]?,
                               visibleTo principal: Principal) async throws -> [Opportunity]

    func emailReminders(of user: User.ID) async throws -> Bool
    func setEmailReminders(of user: User.ID, _ on: Bool) async throws
    func numberStyle(of user: User.ID) async throws -> NumberStyle
    func setNumberStyle(of user: User.ID, _ style: NumberStyle) async throws
    func calendarFeedToken(of user: User.ID) async throws -> String?
    func setCalendarFeedToken(of user: User.ID, _ token: String?, at: Date) async throws
    func user(forCalendarToken token: String) async throws -> User.ID?
}

extension ActivitySession {
    func insertActivity(_ activity: Activity) async throws { try await insertActivity(activity, origin: nil) }
}

/// A record the follow-up rule looks after (seed 000 rule 7).
public struct IdleRecord: Sendable, Equatable {
    public var regarding: Regarding
    public var title: String
    public var ownership: Ownership
    public init(regarding: Regarding, title: String, ownership: Ownership) {
        self.regarding = regarding
        self.title = title
        self.ownership = ownership
    }
}

/// The rule that made an activity: a stage's task (rule 104) or the follow-up rule (seed 000 rule 7).
public enum ActivityOrigin: String, Sendable, CaseIterable {
    case stage, followUp = "follow-up"
}
