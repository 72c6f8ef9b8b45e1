import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The account as a customer (issue 22): what is open with it at a glance — the pipeline, the
/// open balance and what of it is overdue, each a link to the list behind it, and the same summed
/// over its child accounts — then its opportunities, orders, invoices and payments, newest first,
/// as the user may see them. The opportunities, quotes and orders found here also feed the
/// account's timeline, so the activities on them show on the account.
struct CustomerOverview {
    struct Tile { let title: String, value: String, note: String?, url: String?, warn: Bool }
    struct Cell { let label: String, text: String }
    struct Row {
        let title: String, url: String
        var titleLabel = ""
        var cells: [Cell] = []
        /// The values after the first column's, labelled by the table (a phone shows rows as cards).
        let values: [String]
        init(title: String, url: String, status: String, amount: String, date: String, extra: String? = nil) {
            self.title = title
            self.url = url
            values = [status, amount, date] + (extra.map { [$0] } ?? [])
        }
    }
    struct Table {
        let id: String, title: String
        let columns: [String]
        let rows: [Row]
        let hasRows: Bool
        let empty: String
        let allURL: String
    }

    let tiles: [Tile]
    let tables: [Table]
    /// The related records whose activities join the account's timeline.
    let related: [Regarding: ActivitySection.Related]

    static let shown = 10
    static let rollUpLimit = 2000

    static func load(_ env: CoreEnvironment, account: Account, hierarchy: AccountHierarchy, shell: Shell,
                     by principal: Principal) async throws -> CustomerOverview {
        let id = account.id.string
        let mine = [Filter("accountId", .eq, [id])]
        let today = try await SettingsService(env).current().today(env.clock.now())
        let opportunities = try await OpportunityService(env).list(
            ListQuery(limit: 200, sort: [SortKey("createdAt", descending: true)], filters: mine), by: principal)
        let quotes = try await QuoteService(env).list(ListQuery(limit: 200, sort: [SortKey("createdAt", descending: true)], filters: mine), by: principal)
        let orders = try await OrderService(env).list(ListQuery(limit: 200, sort: [SortKey("createdAt", descending: true)], filters: mine), by: principal)
        let invoices = try await InvoiceService(env).list(ListQuery(limit: 200, sort: [SortKey("createdAt", descending: true)], filters: mine), by: principal)
        let payments = try await PaymentService(env).list(ListQuery(limit: shown, sort: [SortKey("date", descending: true)], filters: mine), by: principal)

        let open = opportunities.filter { $0.status == .inProgress }
        let unpaid = invoices.filter { $0.kind == .invoice && $0.status.isOpen }
        let overdue = unpaid.filter { ($0.dueDate ?? today) < today }
        var tiles = [
            Tile(title: "Open opportunities", value: "\(open.count)", note: Self.sum(open.compactMap(\.fields.estimatedRevenue)),
                 url: URLText.link("/opportunities", [("accountId", id), ("status", "inProgress")]), warn: false),
            Tile(title: "Open balance", value: Self.sum(unpaid.map(\.balance)) ?? "0.00", note: "\(unpaid.count) unpaid invoice\(unpaid.count == 1 ? "" : "s")",
                 url: "/invoices?accountId=\(id)&status=issued&status=partiallyPaid", warn: false),
            Tile(title: "Overdue", value: Self.sum(overdue.map(\.balance)) ?? "0.00", note: "\(overdue.count) past the due date",
                 url: "/invoices?accountId=\(id)&status=issued&status=partiallyPaid&dueDate[lt]=\(today)", warn: !overdue.isEmpty),
        ]
        let descendants = Self.descendants(hierarchy.tree)
        if !descendants.isEmpty {
            let family = [id] + descendants.map(\.string)
            let pipeline = try await OpportunityService(env).list(
                ListQuery(limit: rollUpLimit, filters: [Filter("accountId", .eq, family), Filter("status", .eq, ["inProgress"])]), by: principal)
            let owed = try await InvoiceService(env).list(
                ListQuery(limit: rollUpLimit, filters: [Filter("accountId", .eq, family), Filter("status", .eq, ["issued", "partiallyPaid"])]), by: principal)
            let withChildren = "with its \(descendants.count) child account\(descendants.count == 1 ? "" : "s")"
            tiles.append(Tile(title: "Open balance " + withChildren, value: Self.sum(owed.filter { $0.kind == .invoice }.map(\.balance)) ?? "0.00",
                              note: nil, url: nil, warn: false))
            tiles.append(Tile(title: "Pipeline " + withChildren, value: Self.sum(pipeline.compactMap(\.fields.estimatedRevenue)) ?? "0.00",
                              note: "\(pipeline.count) open deal\(pipeline.count == 1 ? "" : "s")", url: nil, warn: false))
        }

        let clock = LocalClock(shell.timeZone)
        let tables = [
            table(id: "opportunities", title: "Opportunities", columns: ["Name", "Stage or result", "Value", "Close"],
                  rows: (open + opportunities.filter { $0.status != .inProgress }).prefix(shown).map { o in
                      Row(title: o.fields.name, url: "/opportunities/\(o.id)",
                          status: o.status == .inProgress ? (o.names["stageName"] ?? PipelineText.status(o.status)) : PipelineText.status(o.status),
                          amount: o.value.map(MoneyText.format) ?? "—",
                          date: (o.status == .inProgress ? o.fields.expectedCloseDate?.description : o.closedAt.map(clock.day)) ?? "—")
                  }, hasRows: !opportunities.isEmpty, empty: "No opportunities.", allURL: URLText.link("/opportunities", [("accountId", id)])),
            table(id: "orders", title: "Orders", columns: ["Number", "Status", "Total", "Made"],
                  rows: orders.prefix(shown).map { o in
                      Row(title: o.number, url: "/orders/\(o.id)", status: LedgerText.status(o.status), amount: MoneyText.format(o.totals.total),
                          date: clock.day(o.createdAt))
                  }, hasRows: !orders.isEmpty, empty: "No orders.", allURL: URLText.link("/orders", [("accountId", id)])),
            table(id: "invoices", title: "Invoices", columns: ["Number", "Status", "Total", "Due", "Open"],
                  rows: invoices.prefix(shown).map { i in
                      Row(title: i.number ?? "Draft", url: "/invoices/\(i.id)", status: LedgerText.status(i.status),
                          amount: MoneyText.format(i.totals.total), date: i.dueDate?.description ?? "—",
                          extra: i.status.isOpen ? MoneyText.format(i.balance) : "—")
                  }, hasRows: !invoices.isEmpty, empty: "No invoices.", allURL: URLText.link("/invoices", [("accountId", id)])),
            table(id: "payments", title: "Payments", columns: ["Number", "Status", "Amount", "Date", "Not allocated"],
                  rows: payments.map { p in
                      Row(title: p.number, url: "/payments/\(p.id)", status: LedgerText.status(p.status), amount: MoneyText.format(p.amount),
                          date: p.date.description, extra: p.unallocated.minorUnits == 0 ? "—" : MoneyText.format(p.unallocated))
                  }, hasRows: !payments.isEmpty, empty: "No payments.", allURL: URLText.link("/payments", [("accountId", id)])),
        ]
        var related: [Regarding: ActivitySection.Related] = [:]
        for o in opportunities { related[Regarding(.opportunity, o.id.uuid)] = .init(ownership: o.ownership, label: "opportunity “\(o.fields.name)”") }
        for q in quotes { related[Regarding(.quote, q.id.uuid)] = .init(ownership: q.ownership, label: "\(q.number ?? "draft quote")") }
        for o in orders { related[Regarding(.order, o.id.uuid)] = .init(ownership: o.ownership, label: "order \(o.number)") }
        return CustomerOverview(tiles: tiles, tables: tables, related: related)
    }

    static func table(id: String, title: String, columns: [String], rows: [Row], hasRows: Bool, empty: String, allURL: String) -> Table {
        let labelled = rows.map { row in
            var row = row
            row.titleLabel = columns.first ?? ""
            row.cells = zip(columns.dropFirst(), row.values).map { Cell(label: $0, text: $1) }
            return row
        }
        return Table(id: id, title: title, columns: columns, rows: labelled, hasRows: hasRows, empty: empty, allURL: allURL)
    }

    static func descendants(_ node: AccountHierarchy.Node) -> [Account.ID] {
        node.children.flatMap { [$0.account.id] + descendants($0) }
    }

    /// `1,240.00 EUR`, or `1,240.00 EUR + 80.00 USD` across currencies; nil for nothing.
    static func sum(_ amounts: [Money]) -> String? {
        guard !amounts.isEmpty else { return nil }
        var totals: [String: MoneyTotal] = [:]
        for amount in amounts { totals[amount.currency.code, default: MoneyTotal(currency: amount.currency)].add(amount) }
        return totals.keys.sorted().compactMap { totals[$0].map(MoneyText.format) }.joined(separator: " + ")
    }
}
