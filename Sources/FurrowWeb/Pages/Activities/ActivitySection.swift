import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain

/// The "Activities" section of a record's page (`activity-timeline.mustache`, SPEC §6): open
/// activities first (soonest first), then completed and cancelled ones (newest first), each
/// with the buttons of the verbs it allows (`Activity.legalVerbs`) to a user whose role may
/// change it; and the quick forms that log a call, schedule a meeting or add a task regarding
/// the record.
struct ActivitySection {
    struct Row {
        let id: String, url: String, icon: String, kind: String, subject: String, when: String, owner: String
        let status: String, statusKey: String, outcome: String?, recurring: Bool
        /// On a customer's timeline, the related record (an opportunity, a quote, an order) it regards.
        let about: String?, aboutURL: String?
        /// Completed or cancelled: the row is shown muted.
        let closed: Bool
        let canComplete: Bool, canCancel: Bool, canReopen: Bool
    }
    struct Option { let value: String, label: String, selected: Bool }

    let rows: [Row]
    let hasRows: Bool
    let canAdd: Bool
    let regardingType: String
    let regardingId: String
    let back: String
    let newURL: String
    let today: String
    let meetingDay: String
    let nextHour: String
    let durations: [Option]

    static let durationChoices = [(15, "15 minutes"), (30, "30 minutes"), (45, "45 minutes"), (60, "1 hour"), (90, "1½ hours"),
                                  (120, "2 hours"), (180, "3 hours"), (240, "4 hours")]

    /// A record related to the one whose timeline is shown: whose it is, and how it is named.
    struct Related { let ownership: Ownership, label: String }

    /// The record's timeline, with the quick forms when the user may add activities; with
    /// `related` records, their activities too, each saying which record it is on.
    static func load(_ env: CoreEnvironment, _ regarding: Regarding, related: [Regarding: Related] = [:], shell: Shell,
                     by principal: Principal) async throws -> ActivitySection {
        let activities = try await ActivityService(env).timeline(regarding, related: related.mapValues(\.ownership), by: principal)
        let users = try await RecordParts(env: env).userNames()
        let clock = LocalClock(shell.timeZone)
        let rows = activities.map { a in
            let legal = principal.canChange(a.ownership) ? a.legalVerbs() : []
            return Row(id: a.id.string, url: "/activities/\(a.id)", icon: ActivityText.icon(a.kind), kind: ActivityText.kind(a.kind),
                       subject: a.subject, when: ActivityText.when(a, clock), owner: users[a.ownership.ownerId] ?? "—",
                       status: ActivityText.status(a.status), statusKey: a.status.rawValue, outcome: a.outcome?.nonEmpty,
                       recurring: a.recurrence != nil,
                       about: a.regarding.flatMap { related[$0]?.label }, aboutURL: a.regarding.flatMap { related[$0] == nil ? nil : $0.path },
                       closed: a.status != .open, canComplete: legal.contains(.complete),
                       canCancel: legal.contains(.cancel), canReopen: legal.contains(.reopen))
        }
        let now = env.clock.now()
        let hour = clock.calendar.dateComponents([.year, .month, .day, .hour], from: now)
        let next = (clock.calendar.date(from: hour) ?? now).addingTimeInterval(3600)
        return ActivitySection(
            rows: rows, hasRows: !rows.isEmpty, canAdd: principal.canWriteRecords, regardingType: regarding.kind.rawValue,
            regardingId: UUIDText.lowercase(regarding.id), back: regarding.path + "#activities",
            newURL: URLText.link("/activities/new", [("regardingType", regarding.kind.rawValue),
                                                     ("regardingId", UUIDText.lowercase(regarding.id))]),
            today: clock.day(now), meetingDay: clock.day(next), nextHour: clock.time(next),
            durations: durationChoices.map { Option(value: String($0.0), label: $0.1, selected: $0.0 == 60) })
    }
}
