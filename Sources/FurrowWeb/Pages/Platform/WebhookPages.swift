import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Webhook subscriptions for administrators (SPEC §11): the list and a form for a new one (its
/// secret shown once), and a subscription's page: its settings, a test ping, the delivery log
/// with each attempt and a replay button, resume when paused, delete.
struct WebhookPages {
    static let path = "/webhooks"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("webhooks", use: list)
        group.post("webhooks", use: create)
        group.get("webhooks/:id", use: show)
        group.post("webhooks/:id", use: update)
        group.post("webhooks/:id/ping", use: ping)
        group.post("webhooks/:id/delete", use: delete)
        group.post("webhooks/:id/deliveries/:delivery/replay", use: replay)
    }

    struct Row { let url: String, link: String, events: String, state: String, ok: Bool, description: String }
    struct Form { let heading: String, action: String, submitLabel: String, message: String?, fields: [Field] }
    struct ListModel { let rows: [Row], hasRows: Bool, secret: String?, form: Form }

    struct Attempt { let at: String, result: String, ok: Bool, time: String }
    struct Delivery { let type: String, record: String, occurred: String, status: String, ok: Bool, attempts: [Attempt], replay: String, request: String }
    struct Model {
        let url: String, state: String, ok: Bool, pausedReason: String?, events: String, description: String
        let ping: String, delete: String, deliveries: [Delivery], hasDeliveries: Bool, form: Form
    }

    func admin(_ request: Request, _ context: AppContext) throws -> Principal {
        let principal = try web.principal(request, context)
        guard principal.isAdmin else { throw CoreError.forbidden("Only administrators keep webhooks.") }
        return principal
    }

    static func state(_ w: Webhook) -> (String, Bool) {
        if w.pausedAt != nil { return ("Paused", false) }
        return w.active ? ("Active", true) : ("Switched off", false)
    }

    static func input(_ form: WebForm) -> WebhookService.Input {
        var input = WebhookService.Input()
        input.url = form["url"].trimmedSpaces()
        let events = form.all("events")
        input.events = events.contains("*") ? ["*"] : events
        input.active = form.flag("active")
        input.description = .some(form.optional("description"))
        return input
    }

    func fields(_ values: WebForm, _ problem: Problem?) -> [Field] {
        var fields = FormFields(problem)
        fields.add("url", "Address", values["url"], type: "url", required: true,
                   hint: "Where events are POSTed: an https address of a public host (or one allowed in the settings).")
        fields.textarea("description", "Description", values["description"])
        let options = [("*", "Every event")] + WebhookEvents.types.map { ($0, $0) }
        fields.checkboxGroup("events", "Events", options, checked: Set(values.all("events")), hint: "Every event, or the ones ticked.")
        fields.checkbox("active", "Deliver events", checked: values.flag("active"), hint: "Ticked on a paused webhook, it resumes.")
        return fields.fields
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try admin(request, context)
        var values = WebForm(values: ["active": "true"])
        values.set("events", ["*"])
        return try await render(request, context, principal, values: values, problem: nil, secret: nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try admin(request, context)
        let form = try await web.form(request, context)
        do {
            let webhook = try await WebhookService(web.env).create(Self.input(form), by: principal)
            var values = WebForm(values: ["active": "true"])
            values.set("events", ["*"])
            return try await render(request, context, principal, values: values, problem: nil, secret: webhook.secret, status: .created)
        } catch {
            return try await render(request, context, principal, values: form, problem: try Problem.forForm(error), secret: nil, status: .unprocessableContent)
        }
    }

    func render(_ request: Request, _ context: AppContext, _ principal: Principal, values: WebForm, problem: Problem?, secret: String?,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let hooks = try await WebhookService(web.env).list(by: principal)
        let rows = hooks.map { w in
            let (state, ok) = Self.state(w)
            return Row(url: w.url, link: "\(Self.path)/\(UUIDText.lowercase(w.id))", events: w.events.joined(separator: ", "), state: state, ok: ok,
                       description: w.description ?? "")
        }
        let model = ListModel(rows: rows, hasRows: !rows.isEmpty, secret: secret,
                              form: Form(heading: "New webhook", action: Self.path, submitLabel: "Add webhook",
                                         message: problem.map { _ in "Please correct the fields marked below." }, fields: fields(values, problem)))
        return try await web.page("webhooks", "Webhooks", model, request, context, status: status)
    }

    func id(_ context: AppContext, _ name: String = "id") throws -> UUID {
        guard let id = context.parameters.get(name).flatMap(UUIDText.parse) else { throw Problem.notFound("webhook") }
        return id
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try admin(request, context)
        let webhook = try await WebhookService(web.env).get(try id(context), by: principal)
        var values = ["url": webhook.url, "description": webhook.description ?? ""]
        if webhook.active && webhook.pausedAt == nil { values["active"] = "true" }
        var form = WebForm(values: values)
        form.set("events", webhook.events)
        return try await detail(request, context, principal, webhook, values: form, problem: nil)
    }

    func detail(_ request: Request, _ context: AppContext, _ principal: Principal, _ webhook: Webhook, values: WebForm, problem: Problem?,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let logged = try await WebhookService(web.env).deliveries(of: webhook.id, by: principal)
        let base = "\(Self.path)/\(UUIDText.lowercase(webhook.id))"
        return try await web.page("webhook", "Webhook", request, context, status: status) { shell in
            let deliveries = logged.map { item in
                let d = item.delivery
                return Delivery(type: d.event.type, record: "\(d.event.entity) \(UUIDText.lowercase(d.event.entityId).prefix(8))",
                                occurred: shell.format(d.event.occurredAt),
                                status: d.status == .pending && d.attempts > 0 ? "Retrying \(shell.format(d.nextAttemptAt))" : d.status.rawValue.capitalized,
                                ok: d.status == .succeeded,
                                attempts: item.attempts.map { a in
                                    Attempt(at: shell.format(a.at), result: a.statusCode.map { "HTTP \($0)" } ?? (a.error ?? "no answer"),
                                            ok: a.statusCode.map { (200..<300).contains($0) } ?? false, time: "\(a.milliseconds) ms")
                                },
                                replay: "\(base)/deliveries/\(UUIDText.lowercase(d.id))/replay",
                                request: String(decoding: WebhookDispatch.body(d.event), as: UTF8.self))
            }
            let (state, ok) = Self.state(webhook)
            return Model(url: webhook.url, state: state, ok: ok, pausedReason: webhook.pausedReason, events: webhook.events.joined(separator: ", "),
                         description: webhook.description ?? "", ping: "\(base)/ping", delete: "\(base)/delete",
                         deliveries: deliveries, hasDeliveries: !deliveries.isEmpty,
                         form: Form(heading: "Change", action: base, submitLabel: "Save",
                                    message: problem.map { _ in "Please correct the fields marked below." }, fields: fields(values, problem)))
        }
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try admin(request, context)
        let form = try await web.form(request, context)
        let id = try id(context)
        do {
            _ = try await WebhookService(web.env).update(id, Self.input(form), expectedVersion: nil, by: principal)
            return .redirect("\(Self.path)/\(UUIDText.lowercase(id))", flash: "Webhook saved.")
        } catch {
            let problem = try Problem.forForm(error)
            let webhook = try await WebhookService(web.env).get(id, by: principal)
            return try await detail(request, context, principal, webhook, values: form, problem: problem, status: .unprocessableContent)
        }
    }

    @Sendable func ping(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try admin(request, context)
        _ = try await web.form(request, context)
        let id = try id(context)
        _ = try await WebhookService(web.env).ping(id, by: principal)
        return .redirect("\(Self.path)/\(UUIDText.lowercase(id))#deliveries", flash: "Ping queued: it shows in the log below once sent.")
    }

    @Sendable func replay(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try admin(request, context)
        _ = try await web.form(request, context)
        let id = try id(context)
        _ = try await WebhookService(web.env).replay(try self.id(context, "delivery"), of: id, by: principal)
        return .redirect("\(Self.path)/\(UUIDText.lowercase(id))#deliveries", flash: "The delivery is queued again.")
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try admin(request, context)
        _ = try await web.form(request, context)
        try await WebhookService(web.env).delete(try id(context), by: principal)
        return .redirect(Self.path, flash: "Webhook deleted.")
    }
}
