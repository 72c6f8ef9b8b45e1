import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// A campaign's plan, new or edited: name, type, dates, the money in one currency, offer and
/// description. Every wrong field is marked at once; an edit is refused if someone saved meanwhile.
struct CampaignForm {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("campaigns/new", use: newForm)
        group.post("campaigns", use: create)
        group.get("campaigns/:id/edit", use: editForm)
        group.post("campaigns/:id/edit", use: update)
    }

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard principal.canWriteRecords else { throw CoreError.forbidden("Your role can read records but not create them.") }
        let settings = try await SettingsService(web.env).current()
        return try await page(request, context, values: WebForm(values: ["type": "directMarketing", "currency": settings.baseCurrency]), id: nil, problem: nil)
    }

    @Sendable func editForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let id = try CampaignPages.id(context)
        let c = try await CampaignService(web.env).get(id, by: principal)
        guard principal.canChange(c.ownership) else { throw CoreError.forbidden("Your role cannot change this campaign.") }
        let values = WebForm(values: ["name": c.name, "type": c.kind.rawValue, "startDate": c.startDate?.description, "endDate": c.endDate?.description,
                                      "currency": c.currency.code, "budgetedCost": c.budgetedCost?.decimalString, "actualCost": c.actualCost?.decimalString,
                                      "expectedRevenue": c.expectedRevenue?.decimalString, "offer": c.offer, "description": c.description,
                                      "version": String(c.version)])
        return try await page(request, context, values: values, id: id, problem: nil)
    }

    /// Every field as sent (blank clears an optional one), or the problems of the ones that cannot be read.
    static func input(_ form: WebForm) throws -> CampaignService.Input {
        var errors: [FieldError] = []
        var input = CampaignService.Input()
        input.name = form["name"]
        input.kind = Campaign.Kind(rawValue: form["type"])
        if input.kind == nil { errors.append(FieldError("type", "choose a type")) }
        input.startDate = .some(DayField.parse(form["startDate"], field: "startDate", errors: &errors))
        input.endDate = .some(DayField.parse(form["endDate"], field: "endDate", errors: &errors))
        let currency = Currency(form["currency"].trimmedSpaces().uppercased())
        if currency == nil { errors.append(FieldError("currency", "is not an ISO 4217 currency code")) }
        input.currency = currency
        for (field, keyPath) in [("budgetedCost", \CampaignService.Input.budgetedCost), ("actualCost", \.actualCost), ("expectedRevenue", \.expectedRevenue)] {
            guard let text = form.optional(field)?.replacingOccurrences(of: ",", with: "") else { input[keyPath: keyPath] = .some(nil); continue }
            guard let currency else { continue }
            guard let money = Money(text, currency: currency) else { errors.append(FieldError(field, "must be an amount such as 2500.00")); continue }
            input[keyPath: keyPath] = .some(money)
        }
        input.offer = .some(form.optional("offer"))
        input.description = .some(form.optional("description"))
        if !errors.isEmpty {
            let named = Set(errors.map(\.field))
            throw ValidationError(errors + CampaignService.fieldErrors(input, currency: currency ?? Currency("EUR")!).filter { !named.contains($0.field) })
        }
        return input
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        do {
            let campaign = try await CampaignService(web.env).create(try Self.input(form), by: principal)
            return .redirect("\(CampaignPages.path)/\(campaign.id)", flash: "Campaign “\(campaign.name)” saved, in planning. Link its marketing lists below.")
        } catch {
            return try await page(request, context, values: form, id: nil, problem: try Problem.forForm(error))
        }
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try CampaignPages.id(context)
        do {
            _ = try await CampaignService(web.env).update(id, try Self.input(form), expectedVersion: Int(form["version"]), by: principal)
            return .redirect("\(CampaignPages.path)/\(id)", flash: "Saved.")
        } catch {
            return try await page(request, context, values: form, id: id, problem: try Problem.forForm(error))
        }
    }

    func page(_ request: Request, _ context: AppContext, values: WebForm, id: Campaign.ID?, problem: Problem?) async throws -> Response {
        var fields = FormFields(problem)
        fields.add("name", "Name", values["name"], required: true)
        fields.select("type", "Type", CampaignPages.kinds.map { ($0.0.rawValue, $0.1) }, selected: values["type"], required: true)
        fields.add("startDate", "Starts", values["startDate"], type: "date")
        fields.add("endDate", "Ends", values["endDate"], type: "date")
        fields.add("currency", "Currency", values["currency"], required: true, hint: "The amounts below are in it.")
        fields.add("budgetedCost", "Budgeted cost", values["budgetedCost"], hint: "For example 4500.00.")
        fields.add("actualCost", "Actual cost", values["actualCost"])
        fields.add("expectedRevenue", "Expected revenue", values["expectedRevenue"])
        fields.textarea("offer", "Offer", values["offer"])
        fields.textarea("description", "Description", values["description"])
        let action = id.map { "\(CampaignPages.path)/\($0)/edit" } ?? CampaignPages.path
        var page = FormPage(heading: id == nil ? "New campaign" : "Edit campaign", action: action, submitLabel: "Save",
                            cancel: id.map { "\(CampaignPages.path)/\($0)" } ?? CampaignPages.path)
        if id != nil { page.hidden = [.init(name: "version", value: values["version"])] }
        if id == nil { page.intro = "A campaign starts in planning; link its marketing lists, then make it ready to launch." }
        page.apply(fields, problem: problem)
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("form", page.heading, page, request, context, status: status)
    }
}
