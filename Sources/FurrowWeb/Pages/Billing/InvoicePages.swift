import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird
import NIOCore

/// The invoices list (filter by status and kind; sort by number, dates, total or balance), an
/// invoice's or credit note's page and its PDF (SPEC §5).
struct InvoicePages {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("invoices", use: list)
        group.get("invoices/:id", use: show)
        group.get("invoices/:id/pdf", use: pdf)
    }

    typealias ListModel = FilteredList<InvoiceRow>

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let parameters = ListParameters(request, path: "/invoices", fields: .invoices, filters: ["status", "kind"])
        let invoices = try await InvoiceService(web.env).list(parameters.query, by: principal)
        let accounts = try await RecordParts(env: web.env).accountNames(invoices.map(\.accountId))
        var filters = FilterBar(parameters, placeholder: "", selects: [
            .init("status", "Status", InvoiceStatus.allCases.map { ($0.rawValue, LedgerText.status($0)) }, parameters, empty: "Any status"),
            .init("kind", "Kind", Invoice.Kind.allCases.map { ($0.rawValue, LedgerText.kind($0) + "s") }, parameters,
                  empty: "Invoices and credit notes"),
        ])
        filters.count = try await web.listCount(.invoices, parameters, principal, one: "invoice", many: "invoices")
        filters.showsText = false
        let rows = invoices.map { InvoiceRow($0, account: accounts[$0.accountId] ?? "") }
        let model = ListModel(
            columns: parameters.columns([("Number", "number"), ("Customer", nil), ("Issued", "issueDate"), ("Due", "dueDate"),
                                         ("Total", "total"), ("Paid", nil), ("Balance", "balance"), ("Status", nil)]),
            rows: rows, hasRows: !rows.isEmpty, filters: filters,
            next: parameters.nextLink(invoices, sortValue: { $0.sortValue($1) }, id: { $0.id.string }), first: parameters.firstLink)
        return try await web.page("invoices", "Invoices", model, request, context)
    }

    func id(_ context: AppContext) throws -> Invoice.ID {
        guard let id = context.parameters.get("id").flatMap(Invoice.ID.init) else { throw Problem.notFound() }
        return id
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        try await show(request, context, id: try id(context), values: nil, problem: nil)
    }

    /// The page, or the page again with the draft form's values and the server's messages beside its fields.
    func show(_ request: Request, _ context: AppContext, id: Invoice.ID, values: WebForm?, problem: Problem?) async throws -> Response {
        let principal = try web.principal(request, context)
        let invoice = try await InvoiceService(web.env).get(id, by: principal)
        let builder = InvoiceView.Builder(env: web.env, principal: principal)
        let data = try await builder.load(invoice)
        let title = invoice.number.map { "\(LedgerText.kind(invoice.kind)) \($0)" } ?? LedgerText.number(invoice)
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("invoice", title, request, context, status: status) { shell in
            var view = await builder.model(invoice, data, shell: shell, values: values, problem: problem,
                                           activities: try await ActivitySection.load(web.env, Regarding(.invoice, id.uuid), shell: shell, by: principal))
            view.recordNotes = try await NotesSection.load(web.env, Regarding(.invoice, id.uuid), shell: shell, by: principal)
            return view
        }
    }

    /// The printable document, when the server can render documents.
    @Sendable func pdf(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let id = try id(context)
        guard web.env.documentRenderer != nil else { throw Problem.notFound() }
        let (invoice, data) = try await InvoiceService(web.env).pdf(id, by: principal)
        let name = invoice.number ?? "draft-invoice"
        return Response(status: .ok, headers: [.contentType: "application/pdf", .contentDisposition: "inline; filename=\"\(name).pdf\""],
                        body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}
