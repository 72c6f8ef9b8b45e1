import Foundation
import FurrowCore
import FurrowDocuments
import FurrowDomain
import FurrowHTTP
import Hummingbird
import NIOCore

/// The per-user iCalendar feed (SPEC §6; RFC 5545) at a secret address, for Outlook, Google
/// and Apple calendar subscriptions: no sign-in, the token is the key. Answers 304 to a
/// matching `If-None-Match`.
struct CalendarFeedRoute {
    let env: CoreEnvironment

    func add(to router: Router<AppContext>) {
        router.get("calendar/:file", use: feed)
    }

    @Sendable func feed(_ request: Request, context: AppContext) async throws -> Response {
        guard let file = context.parameters.get("file"), file.hasSuffix(".ics"),
              let found = try await CalendarService(env).feed(token: String(file.dropLast(4))) else {
            throw Problem.notFound("calendar")
        }
        let base = "http://\(request.head.authority ?? "localhost")"
        let organizer = (name: found.user.name, email: found.user.email)
        var items = found.activities.map { Self.item($0, zone: found.timeZone, base: base, organizer: organizer) }
        items += found.opportunities.compactMap { entry in
            guard let day = entry.day.flatMap(Day.init) else { return nil }
            return CalendarFeedItem(kind: .event, uid: "\(UUIDText.lowercase(entry.id))-close@furrow", stamp: entry.start,
                                    summary: "Expected close: \(entry.title)", url: base + entry.path, categories: ["Opportunity"],
                                    allDayStart: day, allDayEnd: day.adding(days: 1), status: "TENTATIVE")
        }
        let text = ICalendar.feed(name: "Furrow — \(found.user.name)", timeZone: found.timeZone, items: items)
        let tag = "\"" + SecretToken.hash(text).prefix(32) + "\""
        var headers: HTTPFields = [.contentType: "text/calendar; charset=utf-8", .eTag: tag, .cacheControl: "private, max-age=300"]
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmedSpaces() == tag }) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentDisposition] = "inline; filename=\"furrow.ics\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func item(_ a: Activity, zone: TimeZone, base: String, organizer: (name: String, email: String)) -> CalendarFeedItem {
        let label = switch a.kind {
        case .task: "Task"
        case .phoneCall: "Phone call"
        case .appointment: "Appointment"
        case .email: "Email"
        case .serviceVisit: "Service visit"
        }
        var item = CalendarFeedItem(kind: a.kind.isScheduled ? .event : .todo, uid: "\(a.id)@furrow", sequence: a.sequence, stamp: a.updatedAt,
                                    summary: a.subject, description: a.description, location: a.location, url: base + "/activities/\(a.id)",
                                    categories: [label], rrule: a.recurrence?.rule, organizerName: organizer.name, organizerEmail: organizer.email)
        let day = { (date: Date) in Day(Timestamp.day(date, in: zone)) }
        if a.kind.isScheduled {
            item.status = a.status == .cancelled ? "CANCELLED" : "CONFIRMED"
            if a.allDay, let start = a.startAt.flatMap(day) {
                item.allDayStart = start
                item.allDayEnd = (a.endAt.flatMap(day) ?? start).adding(days: 1)
            } else {
                item.start = a.startAt
                item.end = a.endAt
            }
        } else {
            item.status = switch a.status {
            case .open: "NEEDS-ACTION"
            case .completed: "COMPLETED"
            case .cancelled: "CANCELLED"
            }
            item.completed = a.completedAt
            if a.allDay { item.dueDay = a.dueAt.flatMap(day) } else { item.due = a.dueAt }
        }
        return item
    }
}
