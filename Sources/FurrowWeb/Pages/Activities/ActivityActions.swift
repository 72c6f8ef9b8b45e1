import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird
import NIOCore

/// An activity's state changes and the record pages' quick forms (SPEC §6). Each returns to the
/// page it came from (`back`, a local path); a refusal comes back as an error message there.
/// Moving (the calendar's drag and drop) answers JSON to scripts and redirects forms.
struct ActivityActions {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.post("activities/quick", use: quick)
        group.post("activities/:id/complete", use: complete)
        group.post("activities/:id/cancel", use: cancel)
        group.post("activities/:id/reopen", use: reopen)
        group.post("activities/:id/move", use: move)
    }

    static func back(_ form: WebForm, _ id: Activity.ID) -> String {
        form.optional("back").map { URLText.localPath($0, fallback: "/activities/\(id)") } ?? "/activities/\(id)"
    }

    /// "Log a call" (a call completed now, with its outcome), "Schedule a meeting", "Add a task".
    @Sendable func quick(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        var form = try await web.form(request, context)
        guard let kind = Regarding.Kind(rawValue: form["regardingType"]), let id = UUID(uuidString: form["regardingId"]) else {
            throw Problem.notFound()
        }
        let back = Regarding(kind, id).path + "#activities"
        let service = ActivityService(web.env)
        switch form["quick"] {
        case "call":
            return try await web.act(back: back, done: "Call logged.", failed: "Call not logged:") {
                _ = try await service.create(ActivityService.Input(kind: .phoneCall, subject: form["subject"].trimmedSpaces(),
                                                                   regarding: Regarding(kind, id), dueAt: web.env.clock.now()),
                                             completedWith: form.optional("outcome") ?? "", by: principal)
            }
        case "meeting", "task":
            let meeting = form["quick"] == "meeting"
            form.set("type", [meeting ? Activity.Kind.appointment.rawValue : Activity.Kind.task.rawValue])
            let reader = ActivityForm(clock: try await LocalClock.company(web.env))
            return try await web.act(back: back, done: meeting ? "Meeting scheduled." : "Task added.",
                                     failed: meeting ? "Meeting not scheduled:" : "Task not added:") {
                _ = try await service.create(try reader.input(form), by: principal)
            }
        default:
            return .redirect(back, flash: "Nothing added: choose what to add.", isError: true)
        }
    }

    @Sendable func complete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try ActivityView.id(context)
        // a service visit's form also carries its report: time spent, parts, the customer's feedback
        var errors: [FieldError] = []
        let minutes = form.optional("timeSpentMinutes").flatMap { text -> Int? in
            if let n = Int(text) { return n }
            errors.append(FieldError("timeSpentMinutes", "must be a whole number of minutes"))
            return nil
        }
        let report = VisitReport(rating: form.optional("rating").flatMap { Int($0) }, comment: form.optional("feedback"),
                                 signedBy: form.optional("signedBy"), timeSpentMinutes: minutes,
                                 parts: form["parts"].split(whereSeparator: \.isNewline).map(String.init))
        return try await web.act(back: Self.back(form, id), done: "Activity completed.", failed: "Not completed:") {
            if !errors.isEmpty { throw ValidationError(errors) }
            _ = try await ActivityService(web.env).complete(id, outcome: form.optional("outcome"), report: report.isEmpty ? nil : report, by: principal)
        }
    }

    @Sendable func cancel(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try ActivityView.id(context)
        return try await web.act(back: Self.back(form, id), done: "Activity cancelled.", failed: "Not cancelled:") {
            _ = try await ActivityService(web.env).cancel(id, by: principal)
        }
    }

    @Sendable func reopen(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try ActivityView.id(context)
        return try await web.act(back: Self.back(form, id), done: "Activity reopened.", failed: "Not reopened:") {
            _ = try await ActivityService(web.env).reopen(id, by: principal)
        }
    }

    struct Moved: Encodable { let id: String, start: String, when: String, time: String }

    /// Moves an activity to `start` (`YYYY-MM-DDTHH:MM` on the company's clock), keeping its length.
    /// A script (`Accept: application/json`) gets the new time or the problem; a form goes back.
    @Sendable func move(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try ActivityView.id(context)
        let wantsJSON = request.headers[.accept]?.contains("application/json") ?? false
        let clock = try await LocalClock.company(web.env)
        do {
            guard let start = clock.dateTime(form["start"]) else {
                throw ValidationError([FieldError("start", "must be a date and time such as 2026-11-22T09:00")])
            }
            let activity = try await ActivityService(web.env).reschedule(id, to: start, by: principal)
            let when = ActivityText.when(activity, clock)
            guard wantsJSON else { return .redirect(Self.back(form, id), flash: "Moved to \(when).") }
            var time = ""
            if let start = activity.when, !activity.allDay {
                time = clock.time(start) + (activity.endAt.map { "–" + clock.time($0) } ?? "")
            }
            let body = try JSONEncoder().encode(Moved(id: activity.id.string, start: activity.when.map(clock.dateTimeValue) ?? "", when: when,
                                                      time: time))
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: body)))
        } catch {
            guard wantsJSON else { return try Web.refusal(error, back: Self.back(form, id), failed: "Not moved:") }
            guard var problem = Problem.from(error), [403, 404, 409, 412, 422].contains(problem.status) else { throw error }
            problem.detail = problem.sentence
            return problem.response()
        }
    }
}
