import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Activities (SPEC §6): create, edit, complete, cancel, reopen, reschedule; a record's timeline; my list.
struct ActivityRoutes: RouteSet {
    let env: CoreEnvironment
    static let fields: Set<String> = ["type", "subject", "description", "regarding", "ownerId", "dueAt", "startAt", "endAt", "allDay", "location",
                                      "attendees", "reminderAt", "recurrence", "budgetActivityId"]


    /// Reads the body over `base` (all of it on create, the fields sent on PATCH).
    static func input(_ body: inout JSONBody, over base: ActivityService.Input) -> ActivityService.Input {
        var input = base
        if body.has("type") { input.kind = body.enumValue("type", Activity.Kind.self) ?? input.kind }
        if body.has("subject") { input.subject = body.string("subject") ?? "" }
        if body.has("description") { input.description = body.string("description") }
        if body.has("regarding") {
            input.regarding = nil
            if var ref = body.nested("regarding", allowed: ["type", "id"]) {
                ref.require("type")
                ref.require("id")
                let kind = ref.enumValue("type", Regarding.Kind.self), id = ref.uuid("id")
                body.absorb(ref)
                if let kind, let id { input.regarding = Regarding(kind, id) }
            }
        }
        if body.has("ownerId") { input.ownerId = body.id("ownerId", User.self) }
        for (key, path) in [("dueAt", \ActivityService.Input.dueAt), ("startAt", \.startAt), ("endAt", \.endAt), ("reminderAt", \.reminderAt)] {
            guard body.has(key) else { continue }
            input[keyPath: path] = nil
            if let text = body.string(key) {
                if let date = Timestamp.date(text) { input[keyPath: path] = date } else {
                    body.fail(key, "must be an RFC 3339 UTC timestamp")
                }
            }
        }
        if body.has("allDay") { input.allDay = body.bool("allDay") ?? false }
        if body.has("budgetActivityId") { input.budgetActivityId = body.id("budgetActivityId", BudgetActivity.self) }
        if body.has("location") { input.location = body.string("location") }
        if body.has("attendees") {
            input.attendees = []
            for var item in body.list("attendees", allowed: ["type", "id"]) ?? [] {
                item.require("type")
                item.require("id")
                let kind = item.enumValue("type", Attendee.Kind.self), id = item.uuid("id")
                body.absorb(item)
                if let kind, let id { input.attendees.append(Attendee(kind, id)) }
            }
        }
        if body.has("recurrence") {
            input.recurrence = nil
            if let text = body.string("recurrence"), !text.isEmpty {
                do { input.recurrence = try Recurrence(rule: text) } catch { body.errors.append(contentsOf: error.errors) }
            }
        }
        return input
    }

    static func input(from a: Activity) -> ActivityService.Input {
        ActivityService.Input(kind: a.kind, subject: a.subject, description: a.description, regarding: a.regarding, ownerId: a.ownership.ownerId,
                              dueAt: a.dueAt, startAt: a.startAt, endAt: a.endAt, allDay: a.allDay, location: a.location, attendees: a.attendees,
                              reminderAt: a.reminderAt, recurrence: a.recurrence, budgetActivityId: a.budgetActivityId)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = try ListParameters.parse(request, fields: .activities)
        return try await ListExport.answer(request, query, .activities, env: env, by: principal)
    }

    /// What a change may send back and is ignored (its verbs change these).
    static let updateIgnored = JSONBody.serverOwned.union(["status", "outcome", "completedAt", "remindedAt", "sequence", "ownerName", "regardingName", "report"])

    /// What a new activity's body may hold, and what it may send back and is ignored.
    static let createFields = fields.union(["status", "outcome"])
    static let createIgnored = JSONBody.serverOwned.union(["ownerName", "regardingName", "report"])

    /// A new activity's body (a single create's or a bulk create's item): its fields, and the
    /// outcome it is completed with at once when its `status` is `completed`.
    static func newActivity(_ body: inout JSONBody) -> (input: ActivityService.Input, completedWith: String?) {
        body.require("type")
        body.require("subject")
        let input = Self.input(&body, over: ActivityService.Input(kind: .task, subject: ""))
        let status = body.has("status") ? body.enumValue("status", Activity.Status.self) : .open
        let outcome = body.string("outcome")
        if status == .cancelled { body.fail("status", "a new activity is open or completed") }
        if outcome != nil && status != .completed { body.fail("outcome", "is kept only with status completed") }
        return (input, status == .completed ? outcome ?? "" : nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: Self.createFields, ignoring: Self.createIgnored)
        let (input, outcome) = Self.newActivity(&body)
        try body.check()
        let activity = try await ActivityService(env).create(input, completedWith: outcome, by: principal)
        return try .json(ActivityDTO(activity), status: .created, location: "/api/v1/activities/\(activity.id)")
    }

    @Sendable func activity(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(ActivityDTO(try await ActivityService(env).get(try context.id(Activity.self), by: principal)))
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Activity.self)
        let current = try await ActivityService(env).get(id, by: principal)
        var body = try await JSONBody(request, context: context, allowed: Self.fields.union(["version"]), ignoring: Self.updateIgnored)
        let version = try request.expectedVersion(&body)
        let input = Self.input(&body, over: Self.input(from: current))
        try body.check()
        guard let version else { throw CoreError.versionRequired }
        return try .json(ActivityDTO(try await ActivityService(env).update(id, input, expectedVersion: version, by: principal)))
    }

    @Sendable func complete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Activity.self)
        var body = try await JSONBody(request, context: context, allowed: ["outcome", "feedback", "timeSpentMinutes", "parts"], emptyIsObject: true)
        let outcome = body.string("outcome")
        var report = VisitReport(timeSpentMinutes: body.int("timeSpentMinutes"), parts: body.has("parts") ? body.strings("parts") : [])
        if var feedback = body.nested("feedback", allowed: ["rating", "comment", "signedBy"]) {
            report.rating = feedback.int("rating")
            report.comment = feedback.string("comment")
            report.signedBy = feedback.string("signedBy")
            body.absorb(feedback)
        }
        try body.check()
        return try .json(ActivityDTO(try await ActivityService(env).complete(id, outcome: outcome, report: report.isEmpty ? nil : report, by: principal)))
    }

    @Sendable func cancel(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(ActivityDTO(try await ActivityService(env).cancel(try context.id(Activity.self), by: principal)))
    }

    @Sendable func reopen(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(ActivityDTO(try await ActivityService(env).reopen(try context.id(Activity.self), by: principal)))
    }

    @Sendable func reschedule(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Activity.self)
        var body = try await JSONBody(request, context: context, allowed: ["start"])
        body.require("start")
        let text = body.string("start")
        try body.check()
        guard let start = text.flatMap(Timestamp.date) else { throw Problem.validation([FieldError("start", "must be an RFC 3339 UTC timestamp")]) }
        return try .json(ActivityDTO(try await ActivityService(env).reschedule(id, to: start, by: principal)))
    }

    @Sendable func timeline(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard let kind = context.parameters.get("type").flatMap(Regarding.Kind.init(rawValue:)),
              let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Problem.notFound() }
        let items = try await ActivityService(env).timeline(Regarding(kind, id), by: principal)
        return try .json(Page(items: items.map(ActivityDTO.init), nextCursor: nil))
    }

    @Sendable func mine(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(MyActivitiesDTO(try await ActivityService(env).mine(by: principal)))
    }
}

/// The calendar (SPEC §6), the secret iCalendar feed address, and reminder preferences.
struct CalendarRoutes: RouteSet {
    let env: CoreEnvironment


    @Sendable func calendar(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = request.uri.queryParameters
        for (key, _) in query where !["from", "to", "ownerId"].contains(String(key)) {
            throw Problem.invalidQuery("Unknown parameter '\(key)'. Use from, to and ownerId.")
        }
        guard let from = query["from"].flatMap({ Self.instant(String($0)) }), let to = query["to"].flatMap({ Self.instant(String($0)) }) else {
            throw Problem.invalidQuery("from and to are required: RFC 3339 UTC timestamps or YYYY-MM-DD days.")
        }
        var owner: User.ID? = nil
        if let text = query["ownerId"] {
            guard let id = User.ID(String(text)) else { throw Problem.invalidQuery("ownerId is not an id.") }
            owner = id
        }
        let window = try await CalendarService(env).entries(from: from, to: to, ownerId: owner, by: principal)
        return try .json(CalendarDTO(from: Timestamp.string(from), to: Timestamp.string(to), timeZone: window.timeZone.identifier,
                                     items: window.entries.map(CalendarEntryDTO.init)))
    }

    /// A timestamp, or a day taken as its start in UTC, in the years of `Bounds.years`.
    static func instant(_ text: String) -> Date? {
        guard let date = Timestamp.date(text) ?? (text.count == 10 ? Timestamp.date(text + "T00:00:00Z") : nil), Bounds.contains(date) else {
            return nil
        }
        return date
    }

    func reply(_ token: String, _ request: Request) throws -> Response {
        let path = "/calendar/\(token).ics"
        let host = request.head.authority ?? "localhost"
        return try .secret(CalendarFeedDTO(url: "http://\(host)\(path)", path: path))
    }

    @Sendable func feed(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try reply(try await CalendarService(env).feedToken(by: principal), request)
    }

    @Sendable func rotate(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try reply(try await CalendarService(env).rotateFeed(by: principal), request)
    }

    @Sendable func revoke(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try await CalendarService(env).revokeFeed(by: principal)
        return .noContent
    }

    @Sendable func preferences(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(PreferencesDTO(emailReminders: try await UserPreferences(env).emailReminders(by: principal)))
    }

    @Sendable func setPreferences(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["emailReminders"])
        let flag = body.bool("emailReminders")
        try body.check()
        if let flag { try await UserPreferences(env).setEmailReminders(flag, by: principal) }
        return try .json(PreferencesDTO(emailReminders: try await UserPreferences(env).emailReminders(by: principal)))
    }
}
