import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// An activity's page: its facts, the buttons of the verbs it allows (`Activity.legalVerbs`:
/// complete with an outcome, cancel, reopen) to a user whose role may change it, a link to the
/// record it regards, the edit form (with the version it was read at, so a concurrent change is
/// reported, not overwritten) and its history.
struct ActivityView {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("activities/:id", use: show)
        group.post("activities/:id/edit", use: update)
    }

    struct Model {
        let id: String
        let subject: String
        let icon: String
        let kind: String
        let status: String
        let statusKey: String
        let canComplete: Bool
        let canCancel: Bool
        let canReopen: Bool
        let canEdit: Bool
        let regardingName: String?
        let regardingURL: String?
        let facts: [Fact]
        let description: String?
        let form: FormPage
        let editOpen: Bool
        let back: String
        let history: [RecordParts.HistoryRow]
        let entries: TaskEntries?
        /// A service visit: its completion form asks for the report, its page shows it.
        let isVisit: Bool
        let ratings: [String]
    }

    static func id(_ context: AppContext) throws -> Activity.ID {
        guard let id = context.parameters.get("id").flatMap(Activity.ID.init) else { throw Problem.notFound() }
        return id
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let activity = try await ActivityService(web.env).get(try Self.id(context), by: principal)
        let clock = try await LocalClock.company(web.env)
        return try await page(request, context, principal, activity, values: ActivityForm(clock: clock).values(activity), problem: nil)
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let service = ActivityService(web.env)
        let activity = try await service.get(try Self.id(context), by: principal)
        let reader = ActivityForm(clock: try await LocalClock.company(web.env))
        do {
            var input = try reader.input(form)
            // with budget tracking off the form has no selector: the task keeps its budget activity
            if form.all("budgetActivityId").isEmpty { input.budgetActivityId = activity.budgetActivityId }
            _ = try await service.update(activity.id, input, expectedVersion: Int(form["version"]) ?? activity.version, by: principal)
            return .redirect("/activities/\(activity.id)", flash: "Changes saved.")
        } catch {
            return try await page(request, context, principal, activity, values: form, problem: try ActivityForm.problem(error))
        }
    }

    func page(_ request: Request, _ context: AppContext, _ principal: Principal, _ a: Activity, values: WebForm,
              problem: Problem?) async throws -> Response {
        let card = try await ActivityService(web.env).regardingCard(of: a, by: principal)
        let regardingName = card?.name ?? a.regarding.map { "(\(ActivityText.regarding($0.kind).lowercased()))" }
        let regardingURL = card?.canOpen == true ? a.regarding?.path : nil
        let reach = [card?.phone, card?.email].compactMap { $0 }.joined(separator: " · ")
        let users = try await RecordParts(env: web.env).userNames()
        let fields = try await ActivityFields(env: web.env, principal: principal).make(values, problem: problem)
        var form = FormPage(heading: "Edit", action: "/activities/\(a.id)/edit", submitLabel: "Save changes")
        form.hidden = ActivityFields.hidden(values, version: true)
        form.apply(fields, problem: problem)
        // The form is folded away until there is something to correct: no field grabs the focus.
        if problem == nil { form.fields = form.fields.map { var field = $0; field.autofocus = false; return field } }
        let attendees = try await ActivityFields(env: web.env, principal: principal).names(of: a.attendees)
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("activity", a.subject, request, context, status: status) { shell in
            let clock = LocalClock(shell.timeZone)
            var facts: [Fact] = [
                .init(label: "Type", value: ActivityText.kind(a.kind), href: nil),
                .init(label: "When", value: ActivityText.when(a, clock), href: nil),
                .init(label: "Regarding", value: a.regarding.map { "\(ActivityText.regarding($0.kind)): \(regardingName ?? "")" } ?? "—",
                      href: regardingURL),
                .init(label: "Phone and email", value: reach.isEmpty ? "—" : reach, href: nil),
                .init(label: "Owner", value: users[a.ownership.ownerId] ?? "—", href: nil),
                .init(label: "Location", value: a.location ?? "—", href: nil),
                .init(label: "Attendees", value: attendees.isEmpty ? "—" : attendees.joined(separator: ", "), href: nil),
                .init(label: "Repeats", value: a.recurrence.map { Self.describe($0, clock) } ?? "No", href: nil),
                .init(label: "Reminder", value: a.reminderAt.map { clock.stamp($0) + (a.remindedAt == nil ? "" : " (sent)") } ?? "None", href: nil),
                .init(label: "Status", value: ActivityText.status(a.status), href: nil),
                .init(label: "Outcome", value: a.outcome ?? "—", href: nil),
            ]
            if let completed = a.completedAt { facts.append(.init(label: "Completed", value: shell.format(completed), href: nil)) }
            if let report = a.report {
                if let rating = report.rating { facts.append(.init(label: "Customer's rating", value: "\(rating) of 5", href: nil)) }
                if let comment = report.comment { facts.append(.init(label: "Customer's comment", value: comment, href: nil)) }
                if let signed = report.signedBy { facts.append(.init(label: "Signed off by", value: signed, href: nil)) }
                if let minutes = report.timeSpentMinutes { facts.append(.init(label: "Time spent", value: "\(minutes) minutes", href: nil)) }
                if !report.parts.isEmpty { facts.append(.init(label: "Parts used", value: report.parts.joined(separator: "; "), href: nil)) }
            }
            facts += [.init(label: "Created", value: shell.format(a.createdAt), href: nil),
                      .init(label: "Last changed", value: shell.format(a.updatedAt) + " (version \(a.version))", href: nil)]
            let legal = principal.canChange(a.ownership) ? a.legalVerbs() : []
            return Model(id: a.id.string, subject: a.subject, icon: ActivityText.icon(a.kind), kind: ActivityText.kind(a.kind),
                         status: ActivityText.status(a.status), statusKey: a.status.rawValue, canComplete: legal.contains(.complete),
                         canCancel: legal.contains(.cancel), canReopen: legal.contains(.reopen), canEdit: legal.contains(.edit),
                         regardingName: regardingName, regardingURL: regardingURL, facts: facts,
                         description: a.description, form: form, editOpen: problem != nil, back: "/activities/\(a.id)",
                         history: try await RecordParts(env: web.env).history("activity", a.id.uuid, by: principal, shell: shell),
                         entries: try await TaskEntries.load(web.env, a, canChange: principal.canChange(a.ownership), by: principal),
                         isVisit: a.kind == .serviceVisit, ratings: ["1", "2", "3", "4", "5"])
        }
    }

    static let dayNames = ["MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday", "SA": "Saturday", "SU": "Sunday"]

    /// `Monday`, `Monday and Thursday`, `Monday, Wednesday and Friday`.
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    /// `Every 2 weeks on Monday and Wednesday, 5 times`.
    static func describe(_ r: Recurrence, _ clock: LocalClock) -> String {
        let unit = switch r.frequency {
        case .daily: "day"
        case .weekly: "week"
        case .monthly: "month"
        }
        var text = r.interval == 1 ? "Every \(unit)" : "Every \(r.interval) \(unit)s"
        if !r.byDay.isEmpty { text += " on " + Self.list(r.byDay.map { Self.dayNames[$0] ?? $0 }) }
        if let count = r.count { text += ", \(count) time\(count == 1 ? "" : "s")" }
        if let until = r.until { text += ", until \(clock.day(until))" }
        return text
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
