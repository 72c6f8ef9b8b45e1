import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// A new maintenance contract, from an account's page: the period, the visits, the value and the
/// technicians (users with the service role). It is saved as a draft, to be activated on its page.
struct ContractForm {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("amc-contracts/new", use: newForm)
        group.post("amc-contracts", use: create)
    }

    static let frequencies = [("monthly", "Monthly"), ("quarterly", "Quarterly"), ("halfYearly", "Every six months"), ("yearly", "Yearly"),
                              ("everyNDays", "Every few days")]

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard principal.canWriteRecords else { throw CoreError.forbidden("Your role can read records but not create them.") }
        let settings = try await SettingsService(web.env).current()
        var accountId = Account.ID(request.query("accountId")), items: [MaintenanceContract.CoveredItem] = []
        let invoiceId = Invoice.ID(request.query("invoiceId")), productId = Product.ID(request.query("productId"))
        var currency = settings.baseCurrency
        if invoiceId != nil || productId != nil,
           let prefill = try await ContractService(web.env).prefill(invoice: invoiceId, product: productId, by: principal) {
            accountId = prefill.accountId
            items = prefill.items
        }
        if let invoiceId, let invoice = try? await InvoiceService(web.env).get(invoiceId, by: principal) { currency = invoice.currency.code }
        var values = WebForm(values: ["accountId": accountId?.string, "currency": currency,
                                      "startDate": settings.today(web.env.clock.now()).description, "durationMonths": "12",
                                      "frequency": "monthly", "visitMinutes": "60", "billing": "upfront"])
        values.set("items", items.map(\.key))
        return try await page(request, context, principal, values: values, problem: nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        do {
            var errors: [FieldError] = []
            var input = ContractService.Input()
            input.accountId = form.optional("accountId").flatMap(Account.ID.init)
            input.startDate = DayField.parse(form["startDate"], field: "startDate", errors: &errors)
            input.durationMonths = Self.number(form, "durationMonths", &errors)
            input.frequency = MaintenanceContract.Frequency(rawValue: form["frequency"])
            input.everyNDays = input.frequency == .everyNDays ? Self.number(form, "everyNDays", &errors) : nil
            input.visitMinutes = Self.number(form, "visitMinutes", &errors)
            let currency = Currency(form["currency"].trimmedSpaces().uppercased())
            if currency == nil { errors.append(FieldError("currency", "is not an ISO 4217 currency code")) }
            input.value = currency.flatMap { Money(form["value"].trimmedSpaces().replacingOccurrences(of: ",", with: ""), currency: $0) }
            if currency != nil && input.value == nil { errors.append(FieldError("value", "must be an amount such as 2400.00")) }
            input.billing = MaintenanceContract.Billing(rawValue: form["billing"])
            input.slaResponseHours = form.optional("slaResponseHours").flatMap { Int($0) }
            input.technicianIds = form.all("technicianIds").compactMap(User.ID.init)
            input.serviceTeamId = form.optional("serviceTeamId").flatMap(Team.ID.init)
            input.terms = form.optional("terms")
            input.items = form.all("items").compactMap { MaintenanceContract.CoveredItem(key: $0) }
            if !errors.isEmpty { throw ValidationError(errors) }
            let contract = try await ContractService(web.env).create(input, by: principal)
            return .redirect("\(ContractPages.path)/\(contract.id)", flash: "Contract \(contract.number ?? "") saved as a draft. Activate it to plan the visits.")
        } catch {
            return try await page(request, context, principal, values: form, problem: try Problem.forForm(error))
        }
    }

    static func number(_ form: WebForm, _ field: String, _ errors: inout [FieldError]) -> Int? {
        guard let text = form.optional(field) else { return nil }
        guard let value = Int(text) else { errors.append(FieldError(field, "must be a whole number")); return nil }
        return value
    }

    func page(_ request: Request, _ context: AppContext, _ principal: Principal, values: WebForm, problem: Problem?) async throws -> Response {
        var fields = FormFields(problem)
        let accounts = try await RecordParts(env: web.env).accountOptions(by: principal, selected: values.optional("accountId"))
        fields.select("accountId", "Account", accounts, selected: values["accountId"], required: true, picker: "accounts")
        if let account = values.optional("accountId").flatMap(Account.ID.init) {
            let coverable = try await ContractService(web.env).coverable(account: account, by: principal)
            fields.checkboxGroup("items", "Covers", coverable.map { ($0.item.key, $0.text) }, checked: Set(values.all("items")),
                                 hint: "The machines sold and the invoice lines the contract maintains.")
        }
        fields.add("startDate", "Starts", values["startDate"], type: "date", required: true)
        fields.add("durationMonths", "Months", values["durationMonths"], type: "number", required: true, hint: "From 1 to 120.")
        fields.select("frequency", "Visits", Self.frequencies, selected: values["frequency"], required: true)
        fields.add("everyNDays", "Every … days", values["everyNDays"], type: "number", hint: "Only for “Every few days”.")
        fields.add("visitMinutes", "Visit length (minutes)", values["visitMinutes"], type: "number")
        let service = try await UserService(web.env).listAsSystem().filter { $0.role == .service && $0.active }
        let technicians = service.map { ($0.id.string, $0.name) }
        fields.checkboxGroup("technicianIds", "Technicians", technicians, checked: Set(values.all("technicianIds")),
                             hint: technicians.isEmpty ? "No user has the service role yet." : "Visits go to them in turn.")
        let serviceTeams = Set(service.compactMap(\.teamId))
        let teams = try await UserService(web.env).teams().filter { serviceTeams.contains($0.id) }.map { ($0.id.string, $0.name) }
        if !teams.isEmpty {
            fields.select("serviceTeamId", "Or a service team", [("", "No team")] + teams, selected: values["serviceTeamId"],
                          hint: "Its technicians join the ones ticked above.")
        }
        fields.add("value", "Value", values["value"], required: true, hint: "For the whole contract.")
        fields.add("currency", "Currency", values["currency"], required: true)
        fields.select("billing", "Billing", [("upfront", "Up front"), ("perPeriod", "Per period")], selected: values["billing"], required: true)
        fields.add("slaResponseHours", "Response time (hours)", values["slaResponseHours"], type: "number")
        fields.textarea("terms", "Terms", values["terms"])
        var page = FormPage(heading: "New maintenance contract", action: ContractPages.path, submitLabel: "Save as draft",
                            cancel: values.optional("accountId").map { "/accounts/" + $0 } ?? ContractPages.path)
        page.intro = "Saved as a draft: its visits are planned when it is activated, on working days, by its technicians in turn."
        page.apply(fields, problem: problem)
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("form", page.heading, page, request, context, status: status)
    }
}
