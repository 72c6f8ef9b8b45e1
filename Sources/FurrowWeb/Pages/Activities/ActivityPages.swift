import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// "My activities" (overdue, today, upcoming, undated) and the full form for a new activity (SPEC §6).
struct ActivityPages {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("activities", use: mine)
        group.get("activities/new", use: newForm)
        group.post("activities", use: create)
    }

    struct Item {
        let id: String, url: String, icon: String, kind: String, subject: String, when: String
        let regarding: String?, regardingURL: String?, recurring: Bool
    }
    struct Group { let id: String, title: String, items: [Item], hasItems: Bool, count: Int, empty: String, warn: Bool }
    struct Model { let groups: [Group], canCreate: Bool }

    @Sendable func mine(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let mine = try await ActivityService(web.env).mine(by: principal)
        let all = mine.overdue + mine.today + mine.upcoming + mine.undated
        var names: [Regarding: String] = [:]
        var seen = Set<Regarding>()
        for activity in all where activity.regarding.map({ seen.insert($0).inserted }) == true && seen.count <= 50 {
            if let card = try await ActivityService(web.env).regardingCard(of: activity, by: principal) { names[activity.regarding!] = card.name }
        }
        return try await web.page("activities", "My activities", request, context) { shell in
            let clock = LocalClock(shell.timeZone)
            func items(_ list: [Activity]) -> [Item] {
                list.map { a in
                    Item(id: a.id.string, url: "/activities/\(a.id)", icon: ActivityText.icon(a.kind), kind: ActivityText.kind(a.kind),
                         subject: a.invites(principal.userId) ? a.subject + " (invited)" : a.subject, when: ActivityText.when(a, clock),
                         regarding: a.regarding.map { names[$0] ?? ActivityText.regarding($0.kind) }, regardingURL: a.regarding?.path,
                         recurring: a.recurrence != nil)
                }
            }
            func group(_ id: String, _ title: String, _ list: [Activity], empty: String, warn: Bool = false) -> Group {
                Group(id: id, title: title, items: items(list), hasItems: !list.isEmpty, count: list.count, empty: empty, warn: warn && !list.isEmpty)
            }
            return Model(groups: [
                group("overdue", "Overdue", mine.overdue, empty: "Nothing overdue.", warn: true),
                group("today", "Today", mine.today, empty: "Nothing more today."),
                group("upcoming", "Upcoming", mine.upcoming, empty: "Nothing in the next two weeks."),
                group("undated", "No date", mine.undated, empty: "None."),
            ], canCreate: principal.canWriteRecords)
        }
    }

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard principal.canWriteRecords else { throw CoreError.forbidden("Your role can read records but not create them.") }
        var values = WebForm(values: ["type": request.query("type").nonEmpty, "regardingType": request.query("regardingType").nonEmpty,
                                      "regardingId": request.query("regardingId").nonEmpty])
        if values.optional("regardingType") == nil || values.optional("regardingId").flatMap(UUID.init(uuidString:)) == nil {
            values = WebForm(values: ["type": request.query("type").nonEmpty])
        }
        return try await formPage(request, context, principal, values: values, problem: nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let reader = ActivityForm(clock: try await LocalClock.company(web.env))
        do {
            let activity = try await ActivityService(web.env).create(try reader.input(form), by: principal)
            return .redirect(activity.regarding.map { $0.path + "#activities" } ?? "/activities/\(activity.id)",
                             flash: "\(ActivityText.kind(activity.kind)) “\(activity.subject)” added.")
        } catch {
            return try await formPage(request, context, principal, values: form, problem: try ActivityForm.problem(error))
        }
    }

    func formPage(_ request: Request, _ context: AppContext, _ principal: Principal, values: WebForm, problem: Problem?) async throws -> Response {
        let fields = try await ActivityFields(env: web.env, principal: principal).make(values, problem: problem)
        var cancel = "/activities"
        var page = FormPage(heading: "New activity", action: "/activities", submitLabel: "Create activity")
        if let kind = Regarding.Kind(rawValue: values["regardingType"]), let id = UUID(uuidString: values["regardingId"]) {
            let regarding = Regarding(kind, id)
            let name = await RegardingName.of(regarding, web.env, by: principal)
            page.intro = "Regarding the \(ActivityText.regarding(kind).lowercased()) “\(name)”."
            cancel = regarding.path
        }
        page.cancel = cancel
        page.hidden = ActivityFields.hidden(values, version: false)
        page.apply(fields, problem: problem)
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("form", page.heading, page, request, context, status: status)
    }
}
