import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// Recording a payment (SPEC §5; rules 44–47): the customer is chosen first (a GET form, so the
/// page lists their open invoices without JavaScript), then date, amount, currency, mode and
/// reference, and an amount per open invoice, suggested oldest due first (the invoice the form
/// was opened from first). "Suggest from the amount" fills them again on the server; `payment.js`
/// does it while typing. Refusals (over-allocation, currency mismatch) show on the form.
struct PaymentForms {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("payments/new", use: newForm)
        group.post("payments", use: create)
    }

    struct Model {
        let accounts: [Field.Option]
        let accountId: String?
        let accountName: String?
        let fields: [Field]
        let rows: [AllocationRow]
        let hasRows: Bool
        let invoiceId: String?
        let formMessage: String?
        let generalErrors: [String]
        let hasGeneralErrors: Bool
        let datalists: [FormPage.Datalist]
    }

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard principal.canWriteRecords else { throw CoreError.forbidden("Your role can read records but not record payments.") }
        var values: [String: String] = ["mode": Payment.Mode.bankTransfer.rawValue]
        for name in ["accountId", "amount", "currency"] { values[name] = request.query(name).nonEmpty }
        let preferred = Invoice.ID(request.query("invoiceId"))
        if let preferred, let invoice = try? await InvoiceService(web.env).get(preferred, by: principal) {
            values["accountId"] = invoice.accountId.string
            values["currency"] = values["currency"] ?? invoice.currency.code
            if invoice.legalVerbs().contains(.recordPayment) { values["amount"] = values["amount"] ?? LedgerText.input(invoice.balance) }
        }
        return try await page(request, context, principal, form: WebForm(values: values), preferred: preferred, suggest: true, problem: nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let preferred = Invoice.ID(form["invoiceId"])
        if form.optional("suggest") != nil {
            return try await page(request, context, principal, form: form, preferred: preferred, suggest: true, problem: nil)
        }
        var errors: [FieldError] = []
        let account = Account.ID(form["accountId"])
        if account == nil { errors.append(FieldError("accountId", "choose the customer who paid")) }
        let code = form.optional("currency")?.uppercased() ?? ""
        let amount = MoneyText.parse(form.optional("amount"), currency: code, field: "amount", errors: &errors)
        if amount == nil && form.optional("amount") == nil { errors.append(FieldError("amount", "is required")) }
        let date = DayField.parse(form.optional("date"), field: "date", errors: &errors)
        let mode = Payment.Mode(rawValue: form["mode"])
        if mode == nil { errors.append(FieldError("mode", "choose how it was paid")) }
        let (allocations, _) = AllocationRow.parse(form, currency: Currency(code), errors: &errors)
        do {
            guard errors.isEmpty, let account, let amount, let mode else { throw ValidationError(errors) }
            let payment = try await PaymentService(web.env).record(
                .init(accountId: account, date: date, amount: amount, mode: mode, reference: form.optional("reference"), allocations: allocations),
                by: principal)
            let credit = payment.unallocated.minorUnits > 0 ? "; \(MoneyText.format(payment.unallocated)) stays as the customer's credit" : ""
            let flash = "Payment \(payment.number) recorded: \(MoneyText.format(payment.allocated)) allocated\(credit)."
            if let preferred, allocations.contains(where: { $0.invoiceId == preferred }) { return .redirect("/invoices/\(preferred)", flash: flash) }
            return .redirect("/payments/\(payment.id)", flash: flash)
        } catch {
            let problem = try Problem.forForm(error)
            return try await page(request, context, principal, form: form, preferred: preferred, suggest: false, problem: problem)
        }
    }

    /// The form for `form`'s values; `suggest` fills the allocations from the amount instead of keeping those typed.
    func page(_ request: Request, _ context: AppContext, _ principal: Principal, form: WebForm, preferred: Invoice.ID?, suggest: Bool,
              problem: Problem?) async throws -> Response {
        let settings = try await SettingsService(web.env).current()
        let parts = RecordParts(env: web.env)
        let accountId = Account.ID(form["accountId"])
        let accounts = try await parts.accountOptions(by: principal, selected: accountId?.string)
        var invoices: [Invoice] = []
        if let accountId { invoices = (try? await PaymentService(web.env).openInvoices(account: accountId, currency: nil, by: principal)) ?? [] }
        invoices = AllocationRow.ordered(invoices, preferred: preferred)
        let code = form.optional("currency")?.uppercased() ?? (Set(invoices.map(\.currency.code)).count == 1 ? invoices[0].currency.code : settings.baseCurrency)
        var ignored: [FieldError] = []
        let amounts: [Invoice.ID: String]
        if suggest {
            let amount = Currency(code).flatMap { MoneyText.parse(form.optional("amount"), currency: $0.code, field: "amount", errors: &ignored) }
            amounts = AllocationRow.suggested(amount, over: invoices)
        } else {
            amounts = AllocationRow.parse(form, currency: Currency(code), errors: &ignored).typed
        }
        var fields = FormFields(problem)
        fields.add("amount", "Amount", form["amount"], required: true, autocomplete: "off", hint: "An amount such as 1250.00.")
        fields.add("currency", "Currency", code, required: true, list: "currencies")
        fields.add("date", "Date", form.optional("date") ?? settings.today(web.env.clock.now()).description, type: "date", required: true)
        fields.select("mode", "Mode", Payment.Mode.allCases.map { ($0.rawValue, LedgerText.mode($0)) },
                      selected: form.optional("mode") ?? Payment.Mode.bankTransfer.rawValue, required: true)
        fields.add("reference", "Reference", form["reference"], autocomplete: "off", hint: "The bank's reference or the cheque number.")
        let rows = AllocationRow.rows(invoices, amounts: amounts, errors: fields.errors)
        let placed = Set(rows.map(\.field) + ["accountId"])
        let general = fields.errors.filter { error in !placed.contains(error.field) && !fields.fields.contains { $0.name == error.field } }
            .map { RecordParts.label($0.field) + " " + $0.message }
        var message = problem.flatMap { $0.type == .validation ? nil : "Not recorded: " + Web.reason($0) }
        if let error = fields.message(for: "accountId") { message = "Customer: " + error }
        let model = Model(
            accounts: accounts.map { Field.Option(value: $0.0, label: $0.1, selected: $0.0 == accountId?.string) },
            accountId: accountId?.string, accountName: accounts.first { $0.0 == accountId?.string }?.1,
            fields: accountId == nil ? [] : fields.result, rows: rows, hasRows: !rows.isEmpty, invoiceId: preferred?.string,
            formMessage: message, generalErrors: general, hasGeneralErrors: !general.isEmpty,
            datalists: [FormPage.Datalist(id: "currencies", options: SettingsPage.currencies.map { Field.Option(value: $0, label: $0, selected: false) })])
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("payment-form", "Record a payment", model, request, context, status: status)
    }
}
