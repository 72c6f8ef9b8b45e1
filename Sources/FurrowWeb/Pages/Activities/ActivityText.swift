import Foundation
import FurrowCore
import FurrowDomain

/// Short human texts for activities: kinds with their icons, statuses, and when they happen.
enum ActivityText {
    static func kind(_ kind: Activity.Kind) -> String {
        switch kind {
        case .task: "Task"
        case .phoneCall: "Phone call"
        case .appointment: "Meeting"
        case .email: "Email"
        case .serviceVisit: "Service visit"
        }
    }

    /// A symbol beside the kind's name (decoration only: the name is always written out too).
    static func icon(_ kind: Activity.Kind) -> String {
        switch kind {
        case .task: "✔"
        case .phoneCall: "☎"
        case .appointment: "◷"
        case .email: "✉"
        case .serviceVisit: "⚒"
        }
    }

    static func status(_ status: Activity.Status) -> String {
        switch status {
        case .open: "Open"
        case .completed: "Completed"
        case .cancelled: "Cancelled"
        }
    }

    static func regarding(_ kind: Regarding.Kind) -> String {
        switch kind {
        case .lead: "Lead"
        case .account: "Account"
        case .contact: "Contact"
        case .opportunity: "Opportunity"
        case .quote: "Quote"
        case .order: "Sales order"
        case .invoice: "Invoice"
        }
    }

    /// `2026-11-22 09:00–10:00`, `2026-11-22 (all day)`, `due 2026-11-22 17:00`, or `No date`.
    static func when(_ activity: Activity, _ clock: LocalClock) -> String {
        if let start = activity.startAt {
            if activity.allDay {
                let first = clock.day(start)
                let last = activity.endAt.map { clock.day($0.addingTimeInterval(-1)) } ?? first
                return last > first ? "\(first) – \(last) (all day)" : "\(first) (all day)"
            }
            guard let end = activity.endAt else { return clock.stamp(start) }
            return clock.day(end) == clock.day(start) ? "\(clock.stamp(start))–\(clock.time(end))" : "\(clock.stamp(start)) – \(clock.stamp(end))"
        }
        if let due = activity.dueAt { return activity.allDay ? "due \(clock.day(due))" : "due \(clock.stamp(due))" }
        return "No date"
    }
}

/// Dates and times on the company's wall clock: what the forms show and read.
struct LocalClock {
    let zone: TimeZone
    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.firstWeekday = 2
        return calendar
    }

    init(_ zone: TimeZone) { self.zone = zone }

    /// The clock of the company's time zone (UTC when the setting names none).
    static func company(_ env: CoreEnvironment) async throws -> LocalClock {
        let settings = try await SettingsService(env).current()
        return LocalClock(TimeZone(identifier: settings.timeZone) ?? TimeZone(identifier: "UTC")!)
    }

    /// `YYYY-MM-DD`.
    func day(_ date: Date) -> String { Timestamp.day(date, in: zone) }

    /// `HH:MM`.
    func time(_ date: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }

    /// `YYYY-MM-DD HH:MM`.
    func stamp(_ date: Date) -> String { day(date) + " " + time(date) }

    /// The instant of a day (`YYYY-MM-DD`) and an optional time (`HH:MM`; none is midnight), or nil when either does not parse.
    func date(_ dayText: String, _ timeText: String? = nil) -> Date? {
        guard let day = Day(dayText.trimmedSpaces()) else { return nil }
        var hour = 0, minute = 0
        if let timeText = timeText?.trimmedSpaces(), !timeText.isEmpty {
            let parts = timeText.split(separator: ":")
            guard parts.count >= 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
            hour = h
            minute = m
        }
        let (y, mo, d) = Day.civil(day.ordinal)
        return calendar.date(from: DateComponents(year: y, month: mo, day: d, hour: hour, minute: minute))
    }

    /// `YYYY-MM-DDTHH:MM` (a `datetime-local` input's value) as an instant.
    func dateTime(_ text: String) -> Date? {
        let parts = text.trimmedSpaces().split(separator: "T", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        return date(parts[0], String(parts[1].prefix(5)))
    }

    func dateTimeValue(_ date: Date) -> String { day(date) + "T" + time(date) }

    /// The start of the day after `date`'s day.
    func nextMidnight(after date: Date) -> Date {
        calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: date)) ?? date.addingTimeInterval(86400)
    }
}
