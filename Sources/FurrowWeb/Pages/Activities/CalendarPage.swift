import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// The calendar (SPEC §6): `?view=month|week|day&date=YYYY-MM-DD&ownerId=` — the signed-in
/// user's (default), a colleague's, or everyone's visible activities, and the opportunities the
/// settings make visible on their expected close date. In the week and day views an open,
/// non-repeating activity can be dragged to another hour (`calendar.js`, posting to
/// `/activities/{id}/move`); without a script, the activity's edit form does the same.
struct CalendarPage {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("calendar", use: show)
    }

    struct Link { let label: String, url: String, current: Bool }
    struct Model {
        let title: String
        let view: String
        let date: String
        let ownerValue: String
        let previous: String
        let next: String
        let today: String
        let views: [Link]
        let owners: [Field.Option]
        let isMonth: Bool
        let month: CalendarGrid.Month?
        let days: CalendarGrid.Days?
        let canMove: Bool
        let canCreate: Bool
        let opportunitiesShown: Bool
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let clock = try await LocalClock.company(web.env)
        let settings = try await SettingsService(web.env).current()
        let todayText = clock.day(web.env.clock.now())
        let view = ["month", "week", "day"].contains(request.query("view")) ? request.query("view") : "week"
        let day = Day(request.query("date")) ?? Day(todayText) ?? Day(ordinal: 0)
        let ownerValue = request.query("ownerId") == "all" || User.ID(request.query("ownerId")) != nil ? request.query("ownerId") : ""
        let ownerId: User.ID? = ownerValue == "all" ? nil : (User.ID(ownerValue) ?? principal.userId)
        let link = { (view: String, date: String) in
            URLText.link("/calendar", [("view", view), ("date", date), ("ownerId", ownerValue)])
        }
        let (first, end, previous, next, title) = Self.window(view, day)
        guard let from = clock.date(first.description), let to = clock.date(end.description) else { throw Problem.notFound() }
        let window = try await CalendarService(web.env).entries(from: from, to: to, ownerId: ownerId, by: principal)
        let grid = CalendarGrid(clock: clock, today: todayText, link: link)
        let canMove = { (entry: CalendarService.Entry) in entry.activity.map { principal.canChange($0.ownership) } ?? false }
        var owners = [Field.Option(value: "", label: "Me", selected: ownerValue.isEmpty)]
        owners += try await PipelineParts(env: web.env).userOptions().filter { $0.0 != principal.userId.string }.map {
            Field.Option(value: $0.0, label: $0.1, selected: $0.0 == ownerValue)
        }
        owners.append(Field.Option(value: "all", label: "Everyone I can see", selected: ownerValue == "all"))
        let model = Model(
            title: title, view: view, date: day.description, ownerValue: ownerValue,
            previous: link(view, previous.description), next: link(view, next.description), today: link(view, todayText),
            views: [("month", "Month"), ("week", "Week"), ("day", "Day")].map { Link(label: $0.1, url: link($0.0, day.description), current: $0.0 == view) },
            owners: owners, isMonth: view == "month",
            month: view == "month" ? grid.month(of: day, entries: window.entries) : nil,
            days: view == "month" ? nil : grid.days(from: first, count: view == "day" ? 1 : 7, entries: window.entries, canMove: canMove),
            canMove: view != "month" && principal.canWriteRecords, canCreate: principal.canWriteRecords, opportunitiesShown: !settings.calendarStates.isEmpty)
        return try await web.page("calendar", "Calendar · " + title, model, request, context)
    }

    /// The first day shown, the day after the last, the dates the arrows go to, and the heading.
    static func window(_ view: String, _ day: Day) -> (Day, Day, Day, Day, String) {
        switch view {
        case "month":
            let (start, end) = CalendarGrid.monthRange(day)
            let (y, m, _) = Day.civil(day.ordinal)
            let previous = Day(ordinal: Day.ordinal(year: m == 1 ? y - 1 : y, month: m == 1 ? 12 : m - 1, day: 1))
            let next = Day(ordinal: Day.ordinal(year: m == 12 ? y + 1 : y, month: m == 12 ? 1 : m + 1, day: 1))
            return (start, end, previous, next, CalendarGrid.monthTitle(day))
        case "day":
            return (day, day.adding(days: 1), day.adding(days: -1), day.adding(days: 1),
                    "\(CalendarGrid.weekdays[CalendarGrid.weekday(day)]) \(day.description)")
        default:
            let monday = day.adding(days: -CalendarGrid.weekday(day))
            return (monday, monday.adding(days: 7), day.adding(days: -7), day.adding(days: 7),
                    "Week of \(monday.description) – \(monday.adding(days: 6).description)")
        }
    }
}
