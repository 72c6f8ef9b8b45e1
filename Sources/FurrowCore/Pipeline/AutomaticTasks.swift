import Foundation
import FurrowDomain

/// The tasks rules make for an opportunity (stage tasks, rule 104; follow-ups, seed 000 rule 7):
/// when they fall due, and what becomes of them when the opportunity closes.
public enum AutomaticTasks {
    /// The morning a task made `days` after `now` falls due: 09:00 in the company's time zone on
    /// that day, moved past a weekend to Monday, and to the next working morning if it has passed.
    public static func dueMorning(after now: Date, days: Int, timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let today = calendar.startOfDay(for: now)
        var day = calendar.date(byAdding: .day, value: max(0, days), to: today) ?? today
        func morning(_ day: Date) -> Date { calendar.date(bySettingHour: 9, minute: 0, second: 0, of: day) ?? day }
        while calendar.isDateInWeekend(day) || morning(day) <= now {
            day = calendar.date(byAdding: .day, value: 1, to: day) ?? day.addingTimeInterval(86400)
        }
        return morning(day)
    }

    /// Cancels the open tasks rules made for a closing opportunity and its quotes, each audited;
    /// reopening the opportunity leaves them cancelled.
    static func cancel(ofOpportunity id: Opportunity.ID, in transaction: Transaction) async throws {
        for activity in try await transaction.session.openAutomaticActivities(ofOpportunity: id) {
            var cancelled = activity
            try cancelled.cancel()
            try await transaction.save(&cancelled, over: activity, action: "cancel",
                                       extra: [FieldChange(field: "reason", old: nil, new: "the opportunity closed")])
        }
    }
}
