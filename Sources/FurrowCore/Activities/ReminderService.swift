import Foundation
import FurrowDomain

/// Work the server does on its own (SPEC §6): firing due reminders as notifications (and email,
/// per user), and the follow-up rule that leaves no sent quote or open opportunity unattended.
public struct ReminderService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    /// Fires the reminders due now, each exactly once however many servers run; returns how many.
    @discardableResult
    public func fireDueReminders(limit: Int = 50) async throws -> Int {
        let now = env.clock.now()
        return try await env.store.write { session in
            let due = try await session.claimDueReminders(now: now, limit: limit)
            guard !due.isEmpty else { return 0 }
            let settings = Settings(try await session.settings())
            let zone = TimeZone(identifier: settings.timeZone) ?? TimeZone(identifier: "UTC")!
            for activity in due {
                let occurrence = try await Self.occurrence(remindedOf: activity, zone: zone, in: session)
                let when = occurrence.map { Self.describe($0, zone) } ?? "no date"
                let message = "Reminder: \(activity.subject) (\(when))"
                try await session.insertNotification(NotificationRecord(id: env.ids.next(), userId: activity.ownership.ownerId, message: message,
                                                                        link: "/activities/\(activity.id)", createdAt: now))
                if try await session.emailReminders(of: activity.ownership.ownerId), let user = try await session.user(id: activity.ownership.ownerId) {
                    var body = "\(activity.subject)\nWhen: \(when)\n"
                    if let location = activity.location { body += "Where: \(location)\n" }
                    if let description = activity.description { body += "\n\(description)\n" }
                    try await session.insertEmail(OutboxEmail(id: env.ids.next(), to: user.email, subject: message, body: body, nextAttemptAt: now,
                                                              createdAt: now, relatedEntity: "activity", relatedId: activity.id.uuid))
                }
            }
            return due.count
        }
    }

    /// The occurrence a fired reminder is for: the activity's time, or for a recurring activity the
    /// occurrence it came before; its reminder then moves to the next occurrence, the same time ahead.
    static func occurrence(remindedOf activity: Activity, zone: TimeZone, in session: any StoreSession) async throws -> Date? {
        guard let recurrence = activity.recurrence, let start = activity.when, let reminder = activity.reminderAt else { return activity.when }
        let ahead = start.timeIntervalSince(reminder)
        let target = reminder.addingTimeInterval(ahead)
        let upcoming = recurrence.occurrences(start: start, timeZone: zone, from: target.addingTimeInterval(-1),
                                              to: target.addingTimeInterval(400 * 86400), limit: 2)
        if upcoming.count > 1 { try await session.setReminder(activity.id, at: upcoming[1].addingTimeInterval(-ahead)) }
        return upcoming.first ?? start
    }

    /// Gives every sent quote and in-progress opportunity left without an open activity for the
    /// configured number of days a follow-up task for its owner (seed 000 rule 7); returns how many.
    @discardableResult
    public func createFollowUps(limit: Int = 200) async throws -> Int {
        let now = env.clock.now()
        return try await env.store.write { session in
            let settings = Settings(try await session.settings())
            guard settings.followUpDays > 0 else { return 0 }
            try await session.serialiseSweep()
            let idle = try await session.idleRecords(before: now.addingTimeInterval(-Double(settings.followUpDays) * 86400), limit: limit)
            let zone = TimeZone(identifier: settings.timeZone) ?? TimeZone(identifier: "UTC")!
            for record in idle {
                let word = record.regarding.kind == .quote ? settings.quoteWord.lowercased() : "opportunity"
                let task = Activity(id: env.newID(), kind: .task, subject: "Follow up: \(record.title)",
                                    description: "No activity on this \(word) for \(settings.followUpDays) days.", regarding: record.regarding,
                                    dueAt: AutomaticTasks.dueMorning(after: now, days: 1, timeZone: zone),
                                    ownership: record.ownership, createdAt: now, updatedAt: now)
                try await session.insertActivity(task, origin: .followUp)
                try await session.audit(env, entity: "activity", id: task.id.uuid, action: "follow-up", actor: nil,
                                        changes: AuditDiff.changes(from: [:], to: task.auditValues))
                try await session.insertNotification(NotificationRecord(id: env.ids.next(), userId: record.ownership.ownerId, message: task.subject,
                                                                        link: "/activities/\(task.id)", createdAt: now))
            }
            return idle.count
        }
    }

    static func describe(_ date: Date, _ zone: TimeZone) -> String {
        let stamp = Timestamp.string(date.addingTimeInterval(TimeInterval(zone.secondsFromGMT(for: date))))
        return "\(stamp.prefix(10)) \(stamp.dropFirst(11).prefix(5))"
    }
}
