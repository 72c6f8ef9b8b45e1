import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// Creating and editing leads (SPEC §2). A 422 shows the form again with messages beside the
/// fields; a stale version says someone else changed the lead.
struct LeadForms {
    let web: Web
    var pipeline: PipelineParts { PipelineParts(env: web.env) }

    func add(to group: RouterGroup<AppContext>) {
        group.get("leads/new", use: newForm)
        group.post("leads", use: create)
        group.get("leads/:id/edit", use: editForm)
        group.post("leads/:id/edit", use: update)
    }

    /// The lead's fields as typed; `base` keeps what the form does not show (the campaign).
    static func fields(_ form: WebForm, base: LeadFields?, currency: String) throws -> LeadFields {
        var errors: [FieldError] = []
        let value = MoneyText.parse(form.optional("estimatedValue"), currency: form.optional("currency") ?? currency,
                                    field: "estimatedValue", errors: &errors)
        let source = SourceForm.parse(form, errors: &errors)
        let fields = LeadFields(topic: form["topic"], firstName: form.optional("firstName"), lastName: form.optional("lastName"),
                                companyName: form.optional("companyName"), email: form.optional("email"), phone: form.optional("phone"),
                                requirements: form.optional("requirements"), estimatedValue: value, source: source,
                                campaignId: base?.campaignId)
        try FormCheck.check(errors) { _ = try fields.validated() }
        return fields
    }

    static func values(_ lead: Lead) -> WebForm {
        let f = lead.fields
        var values: [String: String?] = ["topic": f.topic, "firstName": f.firstName, "lastName": f.lastName, "companyName": f.companyName,
                                         "email": f.email, "phone": f.phone, "requirements": f.requirements,
                                         "estimatedValue": f.estimatedValue?.decimalString, "currency": f.estimatedValue?.currency.code,
                                         "ownerId": lead.ownership.ownerId.string, "version": String(lead.version)]
        values.merge(SourceForm.values(f.source)) { a, _ in a }
        return WebForm(values: values)
    }

    func id(_ context: AppContext) throws -> Lead.ID {
        guard let id = context.parameters.get("id").flatMap(Lead.ID.init) else { throw Problem.notFound() }
        return id
    }

    func formPage(_ request: Request, _ context: AppContext, _ principal: Principal, values: WebForm, editing: Lead?,
                  problem: Problem?) async throws -> Response {
        let base = try await pipeline.baseCurrency()
        var fields = FormFields(problem)
        fields.add("topic", "Topic", values["topic"], required: true, hint: "What they are interested in, e.g. “50 office chairs”.")
        fields.add("firstName", "First name", values["firstName"], autocomplete: "off")
        fields.add("lastName", "Last name", values["lastName"], autocomplete: "off", hint: "A last name or a company name is needed.")
        fields.add("companyName", "Company", values["companyName"], autocomplete: "off")
        fields.add("email", "Email", values["email"], type: "email", autocomplete: "off")
        fields.add("phone", "Phone", values["phone"], type: "tel", autocomplete: "off")
        fields.textarea("requirements", "Requirements", values["requirements"])
        fields.add("estimatedValue", "Estimated value", values["estimatedValue"], hint: "An amount such as 1,250.00 or 1250.00.")
        fields.add("currency", "Currency", values.optional("currency") ?? base, list: "currencies")
        let channels = try await CatalogService(web.env).channels()
        let records = try await pipeline.sourceOptions(by: principal, selected: values.optional("sourceRef"))
        SourceForm.add(to: &fields, values, channels: channels, records: records)
        let owners = try await pipeline.parts.ownerOptions(by: principal, selected: values.optional("ownerId"))
        if !owners.isEmpty {
            fields.select("ownerId", "Owner", owners, selected: values.optional("ownerId") ?? principal.userId.string, required: true, picker: "users")
        }
        var page: FormPage
        if let editing {
            page = FormPage(heading: "Edit lead " + editing.fields.topic, action: "/leads/\(editing.id)/edit", submitLabel: "Save changes",
                            cancel: "/leads/\(editing.id)")
            page.hidden = [FormPage.Hidden(name: "version", value: values.optional("version") ?? String(editing.version))]
        } else {
            page = FormPage(heading: "New lead", action: "/leads", submitLabel: "Create lead", cancel: "/leads")
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
        return try await formPage(request, context, principal, values: WebForm(""), editing: nil, problem: nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        do {
            let fields = try Self.fields(form, base: nil, currency: try await pipeline.baseCurrency())
            let lead = try await LeadService(web.env).create(fields, ownerId: form.optional("ownerId").flatMap(User.ID.init), by: principal)
            return .redirect("/leads/\(lead.id)", flash: "Lead created.")
        } catch {
            let problem = try Problem.forForm(error)
            return try await formPage(request, context, principal, values: form, editing: nil, problem: problem)
        }
    }

    @Sendable func editForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let lead = try await LeadService(web.env).get(try id(context), by: principal)
        guard principal.canChange(lead.ownership) else { throw CoreError.forbidden("Your role cannot change this lead.") }
        guard lead.legalVerbs().contains(.edit) else {
            return .redirect("/leads/\(lead.id)", flash: "A \(lead.status.rawValue) lead is no longer edited.", isError: true)
        }
        return try await formPage(request, context, principal, values: Self.values(lead), editing: lead, problem: nil)
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let lead = try await LeadService(web.env).get(try id(context), by: principal)
        do {
            let fields = try Self.fields(form, base: lead.fields, currency: try await pipeline.baseCurrency())
            _ = try await LeadService(web.env).update(lead.id, fields: fields, ownerId: form.optional("ownerId").flatMap(User.ID.init),
                                                      expectedVersion: Int(form["version"]), by: principal)
            return .redirect("/leads/\(lead.id)", flash: "Changes saved.")
        } catch {
            let problem = try Problem.forForm(error)
            return try await formPage(request, context, principal, values: form, editing: lead, problem: problem)
        }
    }
}
