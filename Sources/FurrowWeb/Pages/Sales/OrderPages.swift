import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// The sales orders list (filter by status, sort by number, date or total) and an order's page
/// (SPEC §5): its lines, the steps it may take, its tracking timeline and its invoices.
struct OrderPages {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("orders", use: list)
        group.get("orders/:id", use: show)
    }

    struct Row {
        let number: String, url: String, customer: String, customerURL: String?, status: String, statusKey: String
        let quoteURL: String?, created: String, total: String, owner: String
    }
    typealias ListModel = FilteredList<Row>

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let parameters = ListParameters(request, path: "/orders", fields: .orders, filters: ["status", "ownerId"])
        let orders = try await OrderService(web.env).list(parameters.query, by: principal)
        var filters = FilterBar(parameters, placeholder: "", selects: [
            .init("status", "Status", OrderStatus.allCases.map { ($0.rawValue, LedgerText.status($0)) }, parameters, empty: "Any status"),
            .init("ownerId", "Owner", try await PipelineParts(env: web.env).userOptions(), parameters, empty: "Anyone"),
        ])
        filters.count = try await web.listCount(.orders, parameters, principal, one: "order", many: "orders")
        filters.showsText = false
        return try await web.page("orders", "Sales orders", request, context) { shell in
            let rows = orders.map { o in
                Row(number: o.number, url: "/orders/\(o.id)", customer: o.names["accountName"] ?? "",
                    customerURL: o.accountId.map { "/accounts/\($0)" }, status: LedgerText.status(o.status), statusKey: o.status.rawValue,
                    quoteURL: o.quoteId.map { "/quotes/\($0)" }, created: shell.format(o.createdAt), total: MoneyText.format(o.totals.total),
                    owner: o.names["ownerName"] ?? "")
            }
            return ListModel(
                columns: parameters.columns([("Number", "number"), ("Customer", nil), ("Status", nil), ("Quote", nil), ("Created", "createdAt"),
                                             ("Total", "total"), ("Owner", nil)]),
                rows: rows, hasRows: !rows.isEmpty, filters: filters,
                next: parameters.nextLink(orders, sortValue: { $0.sortValue($1) }, id: { $0.id.string }), first: parameters.firstLink)
        }
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard let id = context.parameters.get("id").flatMap(SalesOrder.ID.init) else { throw Problem.notFound() }
        let order = try await OrderService(web.env).get(id, by: principal)
        let builder = OrderView.Builder(env: web.env, principal: principal)
        let data = try await builder.load(order)
        return try await web.page("order", "Sales order \(order.number)", request, context) { shell in
            var view = await builder.model(order, data, shell: shell,
                                           activities: try await ActivitySection.load(web.env, Regarding(.order, id.uuid), shell: shell, by: principal))
            view.recordNotes = try await NotesSection.load(web.env, Regarding(.order, id.uuid), shell: shell, by: principal)
            return view
        }
    }
}
