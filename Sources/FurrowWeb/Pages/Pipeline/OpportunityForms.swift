import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// Creating and editing opportunities (SPEC §3). The kind is chosen on creation (allowed kinds
/// only) and fixed afterwards; a closed opportunity is not edited.
struct OpportunityForms {
    let web: Web
    var pipeline: PipelineParts { PipelineParts(env: web.env) }

    func add(to group: RouterGroup<AppContext>) {
        group.get("opportunities/new", use: newForm)
        group.post("opportunities", use: create)
        group.get("opportunities/:id/edit", use: editForm)
        group.post("opportunities/:id/edit", use: update)
    }

    /// What the form sets; `base` keeps what the form does not show (the campaign).
    static func input(_ form: WebForm, base: OpportunityFields?, currency defaultCode: String) throws -> OpportunityInput {
        var errors: [FieldError] = []
        let code = form.optional("currency")?.uppercased() ?? defaultCode
        let currency = Currency(code)
        var revenue: Money?
        if currency == nil {
            errors.append(FieldError("currency", "is not an ISO 4217 currency code such as EUR"))
        } else {
            revenue = MoneyText.parse(form.optional("estimatedRevenue"), currency: code, field: "estimatedRevenue", errors: &errors)
        }
        var probability: Int?
        if let text = form.optional("probability") {
            if let value = Int(text), Opportunity.probabilities.contains(value) { probability = value }
            else { errors.append(FieldError("probability", "must be a whole number from 0 to 100")) }
        }
        let source = SourceForm.parse(form, errors: &errors)
        let closeDate = DayField.parse(form.optional("expectedCloseDate"), field: "expectedCloseDate", message: Bounds.dateMessage, errors: &errors)
        let fields = OpportunityFields(
            name: form["name"], accountId: form.optional("accountId").flatMap(Account.ID.init),
            contactId: form.optional("contactId").flatMap(Contact.ID.init), termsOfSale: form.optional("termsOfSale"),
            estimatedRevenue: revenue, currency: currency ?? Currency("EUR")!,
            revenueMode: RevenueMode(rawValue: form["revenueMode"]) ?? base?.revenueMode ?? .user,
            expectedCloseDate: closeDate, source: source, campaignId: base?.campaignId,
            comment: form.optional("comment"))
        try FormCheck.check(errors) { _ = try fields.validated() }
        return OpportunityInput(fields: fields, kindId: form.optional("kindId").flatMap(OpportunityKind.ID.init),
                                ownerId: form.optional("ownerId").flatMap(User.ID.init), probability: probability)
    }

    static func values(_ opportunity: Opportunity) -> WebForm {
        let f = opportunity.fields
        var values: [String: String?] = [
            "name": f.name, "accountId": f.accountId?.string, "contactId": f.contactId?.string, "termsOfSale": f.termsOfSale,
            "estimatedRevenue": f.estimatedRevenue?.decimalString, "currency": f.currency.code, "revenueMode": f.revenueMode.rawValue,
            "probability": String(opportunity.probability), "expectedCloseDate": f.expectedCloseDate?.description, "comment": f.comment,
            "ownerId": opportunity.ownership.ownerId.string, "version": String(opportunity.version),
        ]
        values.merge(SourceForm.values(f.source)) { a, _ in a }
        return WebForm(values: values)
    }

    func id(_ context: AppContext) throws -> Opportunity.ID {
        guard let id = context.parameters.get("id").flatMap(Opportunity.ID.init) else { throw Problem.notFound() }
        return id
    }

    func formPage(_ request: Request, _ context: AppContext, _ principal: Principal, values: WebForm, editing: Opportunity?,
                  problem: Problem?) async throws -> Response {
        let kinds = try await CatalogService(web.env).kinds()
        var fields = FormFields(problem)
        fields.add("name", "Name", values["name"], required: true, autocomplete: "off", hint: "What is being sold, e.g. “Fleet renewal 2026”.")
        if editing == nil {
            let allowed = kinds.filter(\.allowed).map { ($0.id.string, $0.name) }
            fields.select("kindId", "Kind", allowed, selected: values.optional("kindId") ?? allowed.first?.0, required: true,
                          hint: "The sales process it follows. It cannot change later.")
        }
        let accounts = try await pipeline.parts.accountOptions(by: principal, selected: values.optional("accountId"))
        fields.select("accountId", "Account", accounts, selected: values["accountId"], picker: "accounts")
        let contacts = try await pipeline.contactOptions(by: principal, selected: values.optional("contactId"))
        fields.select("contactId", "Contact", contacts, selected: values["contactId"], picker: "contacts", pickerAccount: "#f-accountId")
        fields.add("estimatedRevenue", "Estimated revenue", values["estimatedRevenue"], hint: "An amount such as 1250.00.")
        let base = try await pipeline.baseCurrency()
        fields.add("currency", "Currency", values.optional("currency") ?? base, list: "currencies")
        fields.select("revenueMode", "Revenue", [("user", "Typed by hand"), ("system", "Sum of the product lines")],
                      selected: values.optional("revenueMode") ?? "user", required: true)
        fields.add("probability", "Probability (%)", values["probability"], type: "number",
                   hint: editing == nil ? "Leave empty to use the first stage’s default." : "From 0 to 100.")
        fields.add("expectedCloseDate", "Expected close date", values["expectedCloseDate"], type: "date")
        fields.textarea("termsOfSale", "Terms of sale", values["termsOfSale"])
        let channels = try await CatalogService(web.env).channels()
        let records = try await pipeline.sourceOptions(by: principal, selected: values.optional("sourceRef"))
        SourceForm.add(to: &fields, values, channels: channels, records: records)
        fields.textarea("comment", "Comment", values["comment"])
        let owners = try await pipeline.parts.ownerOptions(by: principal, selected: values.optional("ownerId"))
        if !owners.isEmpty {
            fields.select("ownerId", "Owner", owners, selected: values.optional("ownerId") ?? principal.userId.string, required: true, picker: "users")
        }
        var page: FormPage
        if let editing {
            page = FormPage(heading: "Edit " + editing.fields.name, action: "/opportunities/\(editing.id)/edit",
                            submitLabel: "Save changes", cancel: "/opportunities/\(editing.id)")
            page.hidden = [FormPage.Hidden(name: "version", value: values.optional("version") ?? String(editing.version))]
            page.intro = "Kind: " + (kinds.first { $0.id == editing.kindId }?.name ?? "—") + " (fixed once created)."
        } else {
            page = FormPage(heading: "New opportunity", action: "/opportunities", submitLabel: "Create opportunity", cancel: "/opportunities")
        }
        page.datalists = [FormPage.Datalist(id: "currencies", options: SettingsPage.currencies.map {
            Field.Option(value: $0, label: $0, selected: false)
        })]
        page.apply(fields, problem: problem)
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("form", page.heading, page, request, context, status: status)
    }

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard principal.canWriteRecords else { throw CoreError.forbidden("Your role can read records but not create them.") }
        let values = WebForm(values: ["accountId": request.query("accountId").nonEmpty, "contactId": request.query("contactId").nonEmpty])
        return try await formPage(request, context, principal, values: values, editing: nil, problem: nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        do {
            let input = try Self.input(form, base: nil, currency: try await pipeline.baseCurrency())
            let opportunity = try await OpportunityService(web.env).create(input, by: principal)
            return .redirect("/opportunities/\(opportunity.id)", flash: "Opportunity created.")
        } catch {
            let problem = try Problem.forForm(error)
            return try await formPage(request, context, principal, values: form, editing: nil, problem: problem)
        }
    }

    @Sendable func editForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let opportunity = try await OpportunityService(web.env).get(try id(context), by: principal).opportunity
        guard principal.canChange(opportunity.ownership) else { throw CoreError.forbidden("Your role cannot change this opportunity.") }
        guard opportunity.legalVerbs().contains(.edit) else {
            return .redirect("/opportunities/\(opportunity.id)", flash: "A closed opportunity is not edited; a manager can reopen it.",
                             isError: true)
        }
        return try await formPage(request, context, principal, values: Self.values(opportunity), editing: opportunity, problem: nil)
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let opportunity = try await OpportunityService(web.env).get(try id(context), by: principal).opportunity
        do {
            var input = try Self.input(form, base: opportunity.fields, currency: opportunity.fields.currency.code)
            input.kindId = nil
            _ = try await OpportunityService(web.env).update(opportunity.id, input, expectedVersion: Int(form["version"]), by: principal)
            return .redirect("/opportunities/\(opportunity.id)", flash: "Changes saved.")
        } catch {
            let problem = try Problem.forForm(error)
            return try await formPage(request, context, principal, values: form, editing: opportunity, problem: problem)
        }
    }
}
