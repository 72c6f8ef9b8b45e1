import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain

/// What an invoice's page shows: number, kind and status, customer, order, payment terms and due
/// date, the lines and totals, what is paid and what is owed, the payments allocated to it, the
/// credit note that cancelled it (or the invoice a credit note reverses), its emails and history.
/// A draft can change its terms and contact, be issued (and emailed) or deleted; an issued
/// invoice has its PDF, can be emailed, credited, and paid: the buttons of the verbs the invoice
/// allows (`Invoice.legalVerbs`) to a user whose role may change it.
struct InvoiceView {
    struct PaymentRow {
        let number: String, url: String, date: String, mode: String, allocated: String, reversed: Bool, status: String, statusKey: String
    }
    struct Related { let text: String, number: String, url: String }

    let id: String
    let number: String
    let kind: String
    let isCreditNote: Bool
    let status: String
    let statusKey: String
    let facts: [Fact]
    let lines: [QuoteView.LineRow]
    let hasLines: Bool
    let discountTotal: String
    let subtotal: String
    let taxTotal: String
    let total: String
    let showsBalance: Bool
    let amountPaid: String
    let balance: String
    let dueDate: String?
    let overdue: String?
    let notes: String?
    let related: Related?
    let isDraft: Bool
    let draftForm: [Field]
    let draftMessage: String?
    let version: Int
    let canIssue: Bool
    let today: String
    let emailTo: String?
    let canDelete: Bool
    let pdfURL: String?
    let canSend: Bool
    let canCredit: Bool
    /// A maintenance contract on the invoice's lines (an issued invoice, a user who writes records).
    let contractURL: String?
    let recordPaymentURL: String?
    let payments: [PaymentRow]
    let hasPayments: Bool
    let emails: [OutboxPage.Row]
    let hasEmails: Bool
    let history: [RecordParts.HistoryRow]
    let activities: ActivitySection?
    /// Notes and files on the record, set by its page.
    var recordNotes: NotesSection? = nil

    struct Data {
        var today: Day
        var word: QuoteWord
        var account: String?
        var contact: Contact?
        var order: SalesOrder?
        var related: Invoice?
        var terms: [PaymentTerm]
        var contacts: [(String, String)]
        var catalog: SalesCatalog
        var payments: [(Payment, Money)]
        var emails: [OutboxEmail]
    }

    struct Builder {
        let env: CoreEnvironment
        let principal: Principal

        func load(_ invoice: Invoice) async throws -> Data {
            let settings = try await SettingsService(env).current()
            let service = InvoiceService(env)
            var data = Data(today: settings.today(env.clock.now()), word: QuoteWord(settings),
                            account: try await RecordParts(env: env).accountNames([invoice.accountId])[invoice.accountId],
                            terms: try await service.paymentTerms(), contacts: [],
                            catalog: try await SalesCatalog.load(env, priceLists: false),
                            payments: try await service.payments(invoice.id, by: principal),
                            emails: (try? await OutboxService(env).list(relatedTo: invoice.id.uuid, by: principal)) ?? [])
            if let id = invoice.contactId { data.contact = try? await ContactService(env).get(id, by: principal) }
            if let id = invoice.orderId { data.order = try? await OrderService(env).get(id, by: principal) }
            if let id = invoice.relatedInvoiceId { data.related = try? await service.get(id, by: principal) }
            if invoice.legalVerbs().contains(.edit) {
                let ofAccount = try await ContactService(env).list(
                    ListQuery(limit: 200, sort: ListFields.contacts.defaultSort, filters: [Filter("accountId", .eq, [invoice.accountId.string])]),
                    by: principal).map { ($0.id.string, $0.fields.fullName) }
                data.contacts = ofAccount.isEmpty
                    ? try await PipelineParts(env: env).contactOptions(by: principal, selected: invoice.contactId?.string) : ofAccount
                if let contact = data.contact, !data.contacts.contains(where: { $0.0 == contact.id.string }) {
                    data.contacts.append((contact.id.string, contact.fields.fullName))
                }
            }
            return data
        }

        func facts(_ invoice: Invoice, _ data: Data, shell: Shell) -> [Fact] {
            let term = data.terms.first { $0.id == invoice.paymentTermId }
            var facts: [Fact] = [
                .init(label: "Customer", value: data.account ?? "—", href: "/accounts/\(invoice.accountId)"),
                .init(label: "Contact", value: data.contact?.fields.fullName ?? "—", href: data.contact.map { "/contacts/\($0.id)" }),
            ]
            if let id = invoice.orderId {
                facts.append(.init(label: "Sales order", value: data.order?.number ?? "(order)", href: "/orders/\(id)"))
            }
            if invoice.kind == .invoice { facts.append(.init(label: "Payment terms", value: term?.name ?? "—", href: nil)) }
            facts.append(.init(label: "Issue date", value: invoice.issueDate?.description ?? "not issued yet", href: nil))
            if invoice.kind == .invoice { facts.append(.init(label: "Due date", value: invoice.dueDate?.description ?? "—", href: nil)) }
            facts += [
                .init(label: "Currency", value: invoice.currency.code, href: nil),
                .init(label: "Created", value: shell.format(invoice.createdAt), href: nil),
                .init(label: "Last changed", value: shell.format(invoice.updatedAt) + " (version \(invoice.version))", href: nil),
            ]
            if let day = invoice.cancelledOn { facts.append(.init(label: "Cancelled on", value: day.description, href: nil)) }
            return facts
        }

        func related(_ invoice: Invoice, _ data: Data) -> Related? {
            guard let id = invoice.relatedInvoiceId else { return nil }
            let number = data.related.map(LedgerText.number) ?? "(document)"
            let text = invoice.kind == .creditNote ? "This credit note reverses invoice" : "Cancelled by credit note"
            return Related(text: text, number: number, url: "/invoices/\(id)")
        }

        /// The draft's terms and contact, with the values sent and the messages beside them after a refusal.
        func draftFields(_ invoice: Invoice, _ data: Data, values: WebForm?, problem: Problem?) -> [Field] {
            var fields = FormFields(problem)
            let terms = data.terms.filter { $0.active || $0.id == invoice.paymentTermId }.map { ($0.id.string, "\($0.name) (\($0.days) days)") }
            fields.select("paymentTermId", "Payment terms", terms, selected: values?["paymentTermId"] ?? invoice.paymentTermId?.string, required: true)
            fields.select("contactId", "Contact", data.contacts, selected: values?["contactId"] ?? invoice.contactId?.string,
                          hint: "Whom the invoice is addressed and emailed to.")
            var result = fields.result
            if problem == nil { for index in result.indices { result[index].autofocus = false } }
            return result
        }

        /// Ids in the history shown by name.
        func names(_ invoice: Invoice, _ data: Data) -> [String: String] {
            var names = Dictionary(data.terms.map { ($0.id.string, $0.name) }, uniquingKeysWith: { a, _ in a })
            if let id = invoice.orderId { names[id.string] = data.order?.number }
            if let id = invoice.relatedInvoiceId { names[id.string] = data.related.map(LedgerText.number) }
            if let contact = data.contact { names[contact.id.string] = contact.fields.fullName }
            for (id, name) in data.contacts { names[id] = name }
            return names
        }

        /// `15 days overdue` for an open invoice past its due date.
        static func overdue(_ invoice: Invoice, today: Day) -> String? {
            guard invoice.status.isOpen, let due = invoice.dueDate, today > due else { return nil }
            let days = today.ordinal - due.ordinal
            return "\(days) day\(days == 1 ? "" : "s") overdue"
        }

        func model(_ invoice: Invoice, _ data: Data, shell: Shell, values: WebForm?, problem: Problem?,
                   activities: ActivitySection?) async -> InvoiceView {
            let legal = principal.ledger.canChange(invoice.ownership) ? invoice.legalVerbs() : []
            let isDraft = invoice.status == .draft
            let hasRenderer = env.documentRenderer != nil
            let email = hasRenderer ? data.contact?.fields.email : nil
            let totals = invoice.totals
            let lines = QuoteView.rows(invoice.lines.map(\.line), invoice.currency, data.catalog)
            let payments = data.payments.map { payment, amount in
                PaymentRow(number: payment.number, url: "/payments/\(payment.id)", date: payment.date.description, mode: LedgerText.mode(payment.mode),
                           allocated: MoneyText.format(amount), reversed: payment.status == .reversed, status: LedgerText.status(payment.status),
                           statusKey: payment.status.rawValue)
            }
            let emails = OutboxPage.rows(data.emails, shell: shell, word: data.word)
            let isInvoice = invoice.kind == .invoice
            let message = problem.flatMap { $0.type == .validation ? nil : Web.reason($0) }
            return InvoiceView(
                id: invoice.id.string, number: LedgerText.number(invoice), kind: LedgerText.kind(invoice.kind), isCreditNote: !isInvoice,
                status: LedgerText.status(invoice.status), statusKey: invoice.status.rawValue, facts: facts(invoice, data, shell: shell),
                lines: lines, hasLines: !lines.isEmpty, discountTotal: MoneyText.format(totals.discountTotal),
                subtotal: MoneyText.format(totals.subtotal), taxTotal: MoneyText.format(totals.taxTotal), total: MoneyText.format(totals.total),
                showsBalance: isInvoice && !isDraft && invoice.status != .cancelled, amountPaid: MoneyText.format(invoice.amountPaid),
                balance: MoneyText.format(invoice.balance), dueDate: isInvoice ? invoice.dueDate?.description : nil,
                overdue: Self.overdue(invoice, today: data.today), notes: invoice.notes?.nonEmpty,
                related: related(invoice, data), isDraft: legal.contains(.edit),
                draftForm: legal.contains(.edit) ? draftFields(invoice, data, values: values, problem: problem) : [], draftMessage: message,
                version: invoice.version, canIssue: legal.contains(.issue), today: data.today.description,
                emailTo: isDraft && email != nil ? data.contact?.fields.fullName : nil, canDelete: legal.contains(.delete),
                pdfURL: hasRenderer && !isDraft ? "/invoices/\(invoice.id)/pdf" : nil, canSend: legal.contains(.send) && email != nil,
                canCredit: legal.contains(.credit),
                contractURL: isInvoice && !isDraft && invoice.status != .cancelled && principal.canWriteRecords
                    ? URLText.link("/amc-contracts/new", [("invoiceId", invoice.id.string)]) : nil,
                recordPaymentURL: invoice.legalVerbs().contains(.recordPayment) && principal.canWriteRecords
                    ? URLText.link("/payments/new", [("accountId", invoice.accountId.string), ("invoiceId", invoice.id.string)]) : nil,
                payments: payments, hasPayments: !payments.isEmpty, emails: emails, hasEmails: !emails.isEmpty,
                history: await RecordParts(env: env).historyIfKnown("invoice", invoice.id.uuid, by: principal, shell: shell, names: names(invoice, data)),
                activities: activities)
        }
    }
}
