import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// What an invoice's buttons do (SPEC §5; rules 44–45): a draft's terms and contact are changed,
/// it is issued (and optionally emailed) or deleted; an issued invoice is emailed again or
/// cancelled by a credit note, after a confirmation step that asks why. A refusal returns to the
/// invoice with the server's reason.
struct InvoiceActions {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.post("invoices/:id/edit", use: update)
        group.post("invoices/:id/issue", use: issue)
        group.get("invoices/:id/delete", use: confirmDelete)
        group.post("invoices/:id/delete", use: delete)
        group.post("invoices/:id/send", use: send)
        group.get("invoices/:id/credit-note", use: confirmCredit)
        group.post("invoices/:id/credit-note", use: credit)
    }

    func id(_ context: AppContext) throws -> Invoice.ID {
        guard let id = context.parameters.get("id").flatMap(Invoice.ID.init) else { throw Problem.notFound() }
        return id
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try id(context)
        _ = try await InvoiceService(web.env).get(id, by: principal)
        var errors: [FieldError] = []
        let term = PaymentTerm.ID(form["paymentTermId"])
        if term == nil { errors.append(FieldError("paymentTermId", "choose payment terms")) }
        let contact = form.optional("contactId").flatMap(Contact.ID.init)
        do {
            guard errors.isEmpty else { throw ValidationError(errors) }
            _ = try await InvoiceService(web.env).update(id, .init(contactId: .some(contact), paymentTermId: term),
                                                         expectedVersion: Int(form["version"]) ?? 0, by: principal)
            return .redirect("/invoices/\(id)", flash: "Changes saved.")
        } catch {
            let problem = try Problem.forForm(error)
            return try await InvoicePages(web: web).show(request, context, id: id, values: form, problem: problem)
        }
    }

    @Sendable func issue(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try id(context)
        _ = try await InvoiceService(web.env).get(id, by: principal)
        var errors: [FieldError] = []
        let day = DayField.parse(form.optional("date"), field: "issue date", errors: &errors)
        let email = form.flag("email")
        do {
            guard errors.isEmpty else { throw ValidationError(errors) }
            let invoice = try await InvoiceService(web.env).issue(id, on: day, email: email, by: principal)
            let emailed = email ? " " + MailNotice.queued(try await SettingsService(web.env).current()) : ""
            return .redirect("/invoices/\(id)", flash: "\(LedgerText.kind(invoice.kind)) \(invoice.number ?? "") issued." + emailed)
        } catch {
            return try Web.refusal(error, back: "/invoices/\(id)", failed: "Not issued:")
        }
    }

    @Sendable func confirmDelete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let invoice = try await InvoiceService(web.env).get(try id(context), by: principal)
        guard invoice.legalVerbs().contains(.delete) else { return .redirect("/invoices/\(invoice.id)", flash: "Only a draft can be deleted.", isError: true) }
        let model = ConfirmPage(heading: "Delete this draft invoice?",
                                text: "The draft and its lines are deleted; what it billed of its order can be invoiced again. Its history stays in the audit trail.",
                                action: "/invoices/\(invoice.id)/delete", button: "Delete draft", cancel: "/invoices/\(invoice.id)")
        return try await web.page("confirm", model.heading, model, request, context)
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try id(context)
        let invoice = try await InvoiceService(web.env).get(id, by: principal)
        do {
            try await InvoiceService(web.env).delete(id, by: principal)
        } catch {
            return try Web.refusal(error, back: "/invoices/\(id)", failed: "Not deleted:")
        }
        return .redirect(invoice.orderId.map { "/orders/\($0)" } ?? "/invoices", flash: "Draft invoice deleted.")
    }

    @Sendable func send(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try id(context)
        _ = try await InvoiceService(web.env).get(id, by: principal)
        let done = MailNotice.queued(try await SettingsService(web.env).current())
        return try await web.act(back: "/invoices/\(id)", done: done, failed: "Not sent:") {
            _ = try await InvoiceService(web.env).send(id, by: principal)
        }
    }

    /// The confirmation step before a credit note: what it does, and why (kept on the credit note).
    @Sendable func confirmCredit(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let invoice = try await InvoiceService(web.env).get(try id(context), by: principal)
        var fields = FormFields()
        fields.textarea("reason", "Reason", nil)
        let number = LedgerText.number(invoice)
        let paid = invoice.amountPaid.minorUnits > 0
            ? " The \(MoneyText.format(invoice.amountPaid)) paid on it stays with the customer as credit, to allocate to other invoices." : ""
        let model = ConfirmForm(heading: "Cancel \(number) with a credit note?",
                                text: "A credit note reverses the invoice in full and the invoice is cancelled. This cannot be undone." + paid,
                                action: "/invoices/\(invoice.id)/credit-note", button: "Issue credit note", cancel: "/invoices/\(invoice.id)",
                                fields: fields.result)
        return try await web.page("confirm", model.heading, model, request, context)
    }

    @Sendable func credit(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try id(context)
        _ = try await InvoiceService(web.env).get(id, by: principal)
        do {
            let (note, invoice) = try await InvoiceService(web.env).creditNote(id, reason: form.optional("reason"), by: principal)
            return .redirect("/invoices/\(note.id)",
                             flash: "Credit note \(note.number ?? "") issued; invoice \(invoice.number ?? "") is cancelled.")
        } catch {
            return try Web.refusal(error, back: "/invoices/\(id)", failed: "No credit note:")
        }
    }
}

/// A confirmation page with fields (`confirm.mustache`): a reason, for instance.
struct ConfirmForm {
    let heading: String
    let text: String
    let action: String
    let button: String
    let cancel: String
    let fields: [Field]
}
