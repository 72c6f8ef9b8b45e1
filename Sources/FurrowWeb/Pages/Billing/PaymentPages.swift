import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// The payments list (filter by status and mode; sort by number, date or amount) and a
/// payment's page: its allocations, the credit it still holds with a form to allocate it to open
/// invoices, and "Reverse" (SPEC §5; rules 46–47).
struct PaymentPages {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("payments", use: list)
        group.get("payments/:id", use: show)
    }

    struct Row {
        let id: String, number: String, url: String, customer: String, customerURL: String, date: String, mode: String
        let amount: String, allocated: String, credit: String, status: String, statusKey: String
    }
    typealias ListModel = FilteredList<Row>

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let parameters = ListParameters(request, path: "/payments", fields: .payments, filters: ["status", "mode"])
        let payments = try await PaymentService(web.env).list(parameters.query, by: principal)
        var filters = FilterBar(parameters, placeholder: "", selects: [
            .init("status", "Status", Payment.Status.allCases.map { ($0.rawValue, LedgerText.status($0)) }, parameters, empty: "Any status"),
            .init("mode", "Mode", Payment.Mode.allCases.map { ($0.rawValue, LedgerText.mode($0)) }, parameters, empty: "Any mode"),
        ])
        filters.count = try await web.listCount(.payments, parameters, principal, one: "payment", many: "payments")
        filters.showsText = false
        let rows = payments.map { p in
            Row(id: p.id.string, number: p.number, url: "/payments/\(p.id)", customer: p.names["accountName"] ?? "", customerURL: "/accounts/\(p.accountId)",
                date: p.date.description, mode: LedgerText.mode(p.mode), amount: MoneyText.format(p.amount), allocated: MoneyText.format(p.allocated),
                credit: p.unallocated.minorUnits > 0 ? MoneyText.format(p.unallocated) : "", status: LedgerText.status(p.status),
                statusKey: p.status.rawValue)
        }
        let model = ListModel(
            columns: parameters.columns([("Number", "number"), ("Customer", nil), ("Date", "date"), ("Mode", nil), ("Amount", "amount"),
                                         ("Allocated", nil), ("Credit", nil), ("Status", nil)]),
            rows: rows, hasRows: !rows.isEmpty, filters: filters,
            next: parameters.nextLink(payments, sortValue: { $0.sortValue($1) }, id: { $0.id.string }), first: parameters.firstLink,
            canCreate: principal.canWriteRecords)
        return try await web.page("payments", "Payments", model, request, context)
    }

    struct AllocatedRow { let number: String, url: String, status: String, statusKey: String, amount: String, balance: String }
    struct Model {
        let id: String
        let number: String
        let status: String
        let statusKey: String
        let facts: [Fact]
        let allocations: [AllocatedRow]
        let hasAllocations: Bool
        let amount: String
        let allocated: String
        let credit: String
        let canAllocate: Bool
        let rows: [AllocationRow]
        let hasRows: Bool
        let allocateMessage: String?
        let canReverse: Bool
        let history: [RecordParts.HistoryRow]
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(Payment.ID.init) else { throw Problem.notFound() }
        return try await show(request, context, id: id, values: nil, problem: nil)
    }

    /// The page, or the page again with the allocations typed and the server's reason after a refusal.
    func show(_ request: Request, _ context: AppContext, id: Payment.ID, values: WebForm?, problem: Problem?) async throws -> Response {
        let principal = try web.principal(request, context)
        let payment = try await PaymentService(web.env).get(id, by: principal)
        let account = try await RecordParts(env: web.env).accountNames([payment.accountId])[payment.accountId]
        var invoices: [Invoice.ID: Invoice] = [:]
        for allocation in payment.allocations { invoices[allocation.invoiceId] = try? await InvoiceService(web.env).get(allocation.invoiceId, by: principal) }
        let canChange = principal.ledger.canChange(payment.ownership) && payment.status == .posted
        var open: [Invoice] = []
        if canChange && payment.unallocated.minorUnits > 0 {
            open = AllocationRow.ordered(try await PaymentService(web.env).openInvoices(account: payment.accountId, currency: payment.amount.currency,
                                                                                        by: principal), preferred: nil)
        }
        var errors = problem?.errors ?? []
        let amounts = values.map { AllocationRow.parse($0, currency: payment.amount.currency, errors: &errors).typed }
            ?? AllocationRow.suggested(payment.unallocated, over: open)
        let rows = AllocationRow.rows(open, amounts: amounts, errors: problem?.errors ?? [])
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("payment", "Payment \(payment.number)", request, context, status: status) { shell in
            var facts: [Fact] = [
                .init(label: "Customer", value: account ?? "—", href: "/accounts/\(payment.accountId)"),
                .init(label: "Date", value: payment.date.description, href: nil),
                .init(label: "Amount", value: MoneyText.format(payment.amount), href: nil),
                .init(label: "Mode", value: LedgerText.mode(payment.mode), href: nil),
                .init(label: "Reference", value: payment.reference ?? "—", href: nil),
            ]
            if let day = payment.reversedOn { facts.append(.init(label: "Reversed on", value: day.description, href: nil)) }
            facts.append(.init(label: "Recorded", value: shell.format(payment.createdAt), href: nil))
            let allocations = payment.allocations.map { allocation in
                let invoice = invoices[allocation.invoiceId]
                return AllocatedRow(number: invoice.map(LedgerText.number) ?? "(invoice)", url: "/invoices/\(allocation.invoiceId)",
                                    status: invoice.map { LedgerText.status($0.status) } ?? "", statusKey: invoice?.status.rawValue ?? "",
                                    amount: MoneyText.format(allocation.amount), balance: invoice.map { MoneyText.format($0.balance) } ?? "")
            }
            let message = problem.map { problem in
                problem.type == .validation && !(problem.errors ?? []).isEmpty && (problem.errors ?? []).allSatisfy({ $0.field.hasPrefix("allocation-") })
                    ? "Check the amounts marked below." : Web.reason(problem)
            }
            return Model(
                id: payment.id.string, number: payment.number, status: LedgerText.status(payment.status), statusKey: payment.status.rawValue,
                facts: facts, allocations: allocations, hasAllocations: !allocations.isEmpty, amount: MoneyText.format(payment.amount),
                allocated: MoneyText.format(payment.allocated), credit: MoneyText.format(payment.unallocated),
                canAllocate: !rows.isEmpty, rows: rows, hasRows: !rows.isEmpty, allocateMessage: message, canReverse: canChange,
                history: await RecordParts(env: web.env).historyIfKnown("payment", payment.id.uuid, by: principal, shell: shell))
        }
    }
}
