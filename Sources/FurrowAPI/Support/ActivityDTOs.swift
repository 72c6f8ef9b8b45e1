import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP

struct ActivityDTO: Encodable, Sendable {
    struct Ref: Encodable, Sendable { let type: String, id: String }
    let id: String, type: String, subject: String, description: String?, regarding: Ref?, ownerId: String
    let dueAt: String?, startAt: String?, endAt: String?, allDay: Bool, location: String?, attendees: [Ref], reminderAt: String?
    let remindedAt: String?, status: String, outcome: String?, recurrence: String?, completedAt: String?, sequence: Int, version: Int
    let createdAt: String, updatedAt: String
    let ownerName: String?, regardingName: String?, budgetActivityId: String?
    struct Report: Encodable, Sendable { let rating: Int?, comment: String?, signedBy: String?, timeSpentMinutes: Int?, parts: [String] }
    let report: Report?

    init(_ a: Activity) {
        id = a.id.string; type = a.kind.rawValue; subject = a.subject; description = a.description
        regarding = a.regarding.map { Ref(type: $0.kind.rawValue, id: $0.id.uuidString.lowercased()) }; ownerId = a.ownership.ownerId.string
        dueAt = a.dueAt.map(Timestamp.string); startAt = a.startAt.map(Timestamp.string); endAt = a.endAt.map(Timestamp.string); allDay = a.allDay
        location = a.location; attendees = a.attendees.map { Ref(type: $0.kind.rawValue, id: $0.id.uuidString.lowercased()) }
        reminderAt = a.reminderAt.map(Timestamp.string); remindedAt = a.remindedAt.map(Timestamp.string); status = a.status.rawValue
        outcome = a.outcome; recurrence = a.recurrence?.rule; completedAt = a.completedAt.map(Timestamp.string); sequence = a.sequence
        version = a.version; createdAt = Timestamp.string(a.createdAt); updatedAt = Timestamp.string(a.updatedAt)
        ownerName = a.names["ownerName"]; regardingName = a.names["regardingName"]; budgetActivityId = a.budgetActivityId?.string
        report = a.report.map { Report(rating: $0.rating, comment: $0.comment, signedBy: $0.signedBy, timeSpentMinutes: $0.timeSpentMinutes, parts: $0.parts) }
    }
}

struct MyActivitiesDTO: Encodable, Sendable {
    let overdue: [ActivityDTO], today: [ActivityDTO], upcoming: [ActivityDTO], undated: [ActivityDTO]
    init(_ m: ActivityService.Mine) {
        overdue = m.overdue.map(ActivityDTO.init); today = m.today.map(ActivityDTO.init); upcoming = m.upcoming.map(ActivityDTO.init)
        undated = m.undated.map(ActivityDTO.init)
    }
}

struct CalendarEntryDTO: Encodable, Sendable {
    let kind: String, id: String, title: String, type: String?, status: String, start: String, end: String?, day: String?, allDay: Bool
    let recurring: Bool, invited: Bool, ownerId: String, url: String
    init(_ e: CalendarService.Entry) {
        invited = e.invited
        kind = e.kind.rawValue; id = UUIDText.lowercase(e.id); title = e.title; type = e.activityKind?.rawValue; status = e.status
        start = Timestamp.string(e.start); end = e.end.map(Timestamp.string); day = e.day; allDay = e.allDay; recurring = e.recurring
        ownerId = e.ownerId.string; url = e.path
    }
}

struct CalendarDTO: Encodable, Sendable {
    let from: String, to: String, timeZone: String, items: [CalendarEntryDTO]
}

struct CalendarFeedDTO: Encodable, Sendable {
    let url: String, path: String
}

struct PreferencesDTO: Encodable, Sendable {
    let emailReminders: Bool
}
