import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The budget form: a new master budget for an account or opportunity, or an edit of a budget's
/// latest version (in place while it is open, else saved as a correction, as the rules say).
/// Each line is a budget activity with its income and cost; blank lines are left out.
struct BudgetForms {
    let web: Web
    static let blankLines = 3

    func add(to group: RouterGroup<AppContext>) {
        group.get("budgets/new", use: newForm)
        group.post("budgets", use: create)
        group.get("budgets/:id/edit", use: editForm)
        group.post("budgets/:id/edit", use: update)
    }

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard let kind = BudgetTarget.Kind(rawValue: request.query("type")), let id = UUIDText.parse(request.query("id")) else { throw Problem.notFound() }
        let settings = try await SettingsService(web.env).current()
        guard settings.budgetTracking else { throw BudgetError.trackingDisabled }
        let year = settings.today(web.env.clock.now()).year
        let values = WebForm(values: ["type": kind.rawValue, "id": id.uuidString.lowercased(), "currency": settings.baseCurrency,
                                      "from": Day(year: year, month: 1, day: 1).description, "to": Day(year: year, month: 12, day: 31).description])
        return try await formPage(request, context, principal, values: values, editing: nil, problem: nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        var mapping: [Int] = []
        do {
            let target = BudgetTarget.Kind(rawValue: form["type"]).flatMap { kind in UUIDText.parse(form["id"]).map { BudgetTarget(kind, $0) } }
            let currency = Currency(form["currency"].trimmedSpaces().uppercased())
            let (draft, errors, rows) = Self.draft(form, currency: currency)
            mapping = rows
            var all = errors
            if currency == nil { all.insert(FieldError("currency", "is not an ISO 4217 currency code"), at: 0) }
            try FormCheck.check(all) { _ = try draft?.validated() }
            guard let draft else { throw ValidationError([FieldError("currency", "is required")]) }
            let reading = try await BudgetService(web.env).create(.init(target: target, currency: currency, draft: draft), by: principal)
            return .redirect("/budgets/\(reading.budget.id)", flash: "Budget saved. It can change in every respect until the end of today.")
        } catch {
            return try await formPage(request, context, principal, values: form, editing: nil, problem: Self.onForm(try Problem.forForm(error), rows: mapping))
        }
    }

    @Sendable func editForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let reading = try await BudgetService(web.env).get(try BudgetPages.id(context), by: principal)
        let b = reading.budget, current = b.current
        var values: [String: String?] = ["from": b.from.description, "to": b.to.description, "currency": b.currency.code, "version": String(b.version)]
        for (index, line) in current.lines.enumerated() {
            values["lines[\(index)].budgetActivityId"] = line.budgetActivityId.string
            values["lines[\(index)].income"] = line.income.decimalString
            values["lines[\(index)].cost"] = line.cost.decimalString
        }
        return try await formPage(request, context, principal, values: WebForm(values: values), editing: reading, problem: nil)
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let reading = try await BudgetService(web.env).get(try BudgetPages.id(context), by: principal)
        let b = reading.budget
        var mapping: [Int] = []
        do {
            var (draft, errors, rows) = Self.draft(form, currency: b.currency)
            mapping = rows
            // a locked master's form has no dates: they stay
            if form.all("from").isEmpty { draft?.from = b.from }
            if form.all("to").isEmpty { draft?.to = b.to }
            try FormCheck.check(errors) { _ = try draft?.validated() }
            guard let draft else { throw ValidationError([FieldError("lines", "is required")]) }
            let (_, outcome) = try await BudgetService(web.env).edit(b.id, draft: draft, expectedVersion: Int(form["version"]), by: principal)
            let flash = switch outcome {
            case .inPlace(0): "Changes saved."
            case .inPlace(let n): "Correction \(n) updated."
            case .correction(let n): "Saved as correction \(n); the version before it stays as it was."
            }
            return .redirect("/budgets/\(b.id)", flash: flash)
        } catch {
            return try await formPage(request, context, principal, values: form, editing: reading, problem: Self.onForm(try Problem.forForm(error), rows: mapping))
        }
    }

    /// A problem whose `lines[k]` (the k-th line kept) names the form's row it came from.
    static func onForm(_ problem: Problem, rows: [Int]) -> Problem {
        var problem = problem
        problem.errors = problem.errors?.map { error in
            guard error.field.hasPrefix("lines["), let close = error.field.firstIndex(of: "]"),
                  let k = Int(error.field[error.field.index(error.field.startIndex, offsetBy: 6)..<close]), k < rows.count else { return error }
            return FieldError("lines[\(rows[k])]" + error.field[close...].dropFirst(), error.message)
        }
        return problem
    }

    /// The lines typed into the form (blank ones left out), the amounts that do not read (named,
    /// like the rules' errors, by the line's place among those kept), and the form row of each.
    static func draft(_ form: WebForm, currency: Currency?) -> (BudgetDraft?, [FieldError], [Int]) {
        var errors: [FieldError] = []
        var lines: [BudgetDraft.Line] = [], rows: [Int] = []
        var index = 0
        while !form.all("lines[\(index)].budgetActivityId").isEmpty {
            let prefix = "lines[\(index)]."
            let activity = form.optional(prefix + "budgetActivityId"), income = form.optional(prefix + "income"), cost = form.optional(prefix + "cost")
            index += 1
            guard activity != nil || income != nil || cost != nil else { continue }
            var amounts: [Money?] = []
            for (field, text) in [("income", income), ("cost", cost)] {
                guard let text, let currency else { amounts.append(nil); continue }
                let money = Money(text.replacingOccurrences(of: ",", with: ""), currency: currency)
                if money == nil { errors.append(FieldError("lines[\(lines.count)].\(field)", "must be an amount such as 1234.50")) }
                amounts.append(money)
            }
            rows.append(index - 1)
            lines.append(BudgetDraft.Line(budgetActivityId: activity.flatMap(BudgetActivity.ID.init), income: amounts[0], cost: amounts[1]))
        }
        let draft = currency.map { BudgetDraft(from: Day(form["from"].trimmedSpaces()), to: Day(form["to"].trimmedSpaces()), currency: $0, lines: lines) }
        if draft?.from == nil && !form["from"].isEmpty { errors.append(FieldError("from", "must be a date such as 2027-01-01")) }
        if draft?.to == nil && !form["to"].isEmpty { errors.append(FieldError("to", "must be a date such as 2027-12-31")) }
        return (draft, errors, rows)
    }

    func formPage(_ request: Request, _ context: AppContext, _ principal: Principal, values: WebForm, editing: BudgetService.Reading?,
                  problem: Problem?) async throws -> Response {
        var fields = FormFields(problem)
        let masterOpen = editing.map { $0.budget.versions.count == 1 && !$0.locked[0] } ?? true
        if masterOpen {
            fields.add("from", "From", values["from"], type: "date", required: true)
            fields.add("to", "To", values["to"], type: "date", required: true, hint: "The last day the budget covers.")
        }
        if editing == nil {
            fields.add("currency", "Currency", values["currency"], required: true, hint: "Every amount of the budget is in it.")
        }
        let kept = Set(editing?.budget.versions.flatMap(\.lines).map(\.budgetActivityId.string) ?? [])
        let activities = try await BudgetCatalogService(web.env).activities(by: principal).filter { $0.active || kept.contains($0.id.string) }
        let options = activities.map { ($0.id.string, $0.name + ($0.active ? "" : " (no longer in use)")) }
        var count = 0
        while !values.all("lines[\(count)].budgetActivityId").isEmpty { count += 1 }
        for index in 0..<(count + Self.blankLines) {
            let prefix = "lines[\(index)]."
            fields.select(prefix + "budgetActivityId", "Budget activity", options, selected: values.optional(prefix + "budgetActivityId"), empty: "—")
            fields.add(prefix + "income", "Income", values[prefix + "income"], hint: nil)
            fields.add(prefix + "cost", "Cost", values[prefix + "cost"])
            fields.group(from: fields.fields.count - 3, "Line \(index + 1)")
        }
        var page: FormPage
        if let editing {
            let b = editing.budget
            page = FormPage(heading: "Edit budget \(b.from) – \(b.to)", action: "/budgets/\(b.id)/edit", submitLabel: "Save", cancel: "/budgets/\(b.id)")
            page.hidden = [FormPage.Hidden(name: "version", value: values.optional("version") ?? String(b.version))]
            page.intro = masterOpen ? "The master is open until the end of the day it was made: everything can change."
                : "The master has locked: its dates stay, and the numbers are saved as a correction (your own correction of today changes in place)."
        } else {
            let kind = BudgetTarget.Kind(rawValue: values["type"]) ?? .account
            page = FormPage(heading: "New budget", action: "/budgets", submitLabel: "Save budget",
                            cancel: (kind == .account ? "/accounts/" : "/opportunities/") + values["id"] + "#economy")
            page.hidden = [FormPage.Hidden(name: "type", value: values["type"]), FormPage.Hidden(name: "id", value: values["id"])]
            page.intro = "A master budget: income and cost per budget activity over a period. It can be changed in every respect until the end of today; after that only its numbers change, as corrections."
        }
        page.apply(fields, problem: problem)
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("form", page.heading, page, request, context, status: status)
    }
}
