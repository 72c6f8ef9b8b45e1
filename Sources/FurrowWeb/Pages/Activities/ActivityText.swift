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
        case .contract: "Maintenance contract"
        case .campaign: "Campaign"
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
