import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The budget activities catalog for administrators (rule 17): every activity with its code and
/// whether it is in use, a form to add one, and a button to stop or resume using each.
struct BudgetActivitiesPage {
    static let path = "/budget-activities"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("budget-activities", use: show)
        group.post("budget-activities", use: create)
        group.post("budget-activities/:id/active", use: toggle)
    }

    struct Row { let name: String, code: String, active: Bool, action: String, button: String }
    struct Model { let rows: [Row], hasRows: Bool, form: FormPage }

    func admin(_ request: Request, _ context: AppContext) throws -> Principal {
        let principal = try web.principal(request, context)
        guard principal.isAdmin else { throw CoreError.forbidden("Only administrators manage budget activities.") }
        return principal
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        try await page(request, context, try admin(request, context), values: WebForm(""), problem: nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try admin(request, context)
        let form = try await web.form(request, context)
        do {
            let activity = try await BudgetCatalogService(web.env).create(name: form["name"], code: form.optional("code"), by: principal)
            return .redirect(Self.path, flash: "“\(activity.name)” added.")
        } catch {
            return try await page(request, context, principal, values: form, problem: try Problem.forForm(error))
        }
    }

    @Sendable func toggle(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try admin(request, context)
        let form = try await web.form(request, context)
        guard let id = context.parameters.get("id").flatMap(BudgetActivity.ID.init) else { throw Problem.notFound() }
        let active = form.flag("active")
        return try await web.act(back: Self.path, done: active ? "In use again." : "No longer offered for new tasks and budgets.", failed: "Not changed:") {
            _ = try await BudgetCatalogService(web.env).update(id, name: nil, code: nil, active: active, by: principal)
        }
    }

    func page(_ request: Request, _ context: AppContext, _ principal: Principal, values: WebForm, problem: Problem?) async throws -> Response {
        let activities = try await BudgetCatalogService(web.env).activities(by: principal)
        let rows = activities.map {
            Row(name: $0.name, code: $0.code ?? "", active: $0.active, action: "\(Self.path)/\($0.id)/active",
                button: $0.active ? "Stop using" : "Use again")
        }
        var fields = FormFields(problem)
        fields.add("name", "Name", values["name"], required: true, hint: "Such as Road work or Maintenance.")
        fields.add("code", "Code", values["code"], hint: "Optional, e.g. for the ledger.")
        var form = FormPage(heading: "Add a budget activity", action: Self.path, submitLabel: "Add")
        form.apply(fields, problem: problem)
        if problem == nil { form.fields = form.fields.map { var field = $0; field.autofocus = false; return field } }
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("budget-activities", "Budget activities", Model(rows: rows, hasRows: !rows.isEmpty, form: form),
                                  request, context, status: status)
    }
}
