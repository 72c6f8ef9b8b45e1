import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// Receivables (SPEC §5; rule 46): what customers owe on a day (`?asOf=2026-11-18`, today by
/// default), aged by days past due, per currency (never summed across currencies): a chart per
/// currency, then each account's buckets, balance and credit with its open invoices.
struct ReceivablesPage {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("receivables", use: show)
    }

    struct ItemRow {
        let number: String, url: String, issueDate: String, dueDate: String, daysPastDue: String, overdue: Bool, balance: String
    }
    struct AccountRow {
        let name: String, url: String, current: String, days1to30: String, days31to60: String, days61to90: String, over90: String
        let balance: String, credit: String, items: [ItemRow], hasItems: Bool, itemsLabel: String
    }
    struct CurrencyTable {
        let currency: String
        let accounts: [AccountRow]
        let totals: AccountRow
    }
    struct Model {
        let asOf: String
        let asOfError: String?
        let charts: [AgeingChart]
        let tables: [CurrencyTable]
        let hasTables: Bool
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        var errors: [FieldError] = []
        let asOf = DayField.parse(request.query("asOf").nonEmpty, field: "asOf", errors: &errors)
        let report = try await ReceivablesService(web.env).report(asOf: asOf, accountId: nil, by: principal)
        let currencies = Set(report.totals.keys).union(report.credits.keys).sorted { $0.code < $1.code }
        let tables = currencies.map { currency in
            let accounts = report.accounts.filter { $0.currency == currency }.sorted { $0.accountName.lowercased() < $1.accountName.lowercased() }
            let rows = accounts.map { Self.row($0, asOf: report.asOf) }
            let totals = Self.amounts(name: "Total", url: "", report.totals[currency] ?? .init(),
                                      credit: MoneyTotal(minorUnits: report.credits[currency] ?? 0, currency: currency), items: [])
            return CurrencyTable(currency: currency.code, accounts: rows, totals: totals)
        }
        let charts = currencies.compactMap { currency in
            report.totals[currency].map { AgeingChart(currency: currency, buckets: $0, asOf: report.asOf) }
        }
        let model = Model(asOf: report.asOf.description, asOfError: errors.first.map { "As of " + $0.message }, charts: charts,
                          tables: tables, hasTables: !tables.isEmpty)
        return try await web.page("receivables", "Receivables", model, request, context)
    }

    static func row(_ account: ReceivablesService.AccountAgeing, asOf: Day) -> AccountRow {
        let items = account.items.sorted { $0.row.dueDate < $1.row.dueDate }.map { item in
            ItemRow(number: item.row.number, url: "/invoices/\(item.row.invoiceId)", issueDate: item.row.issueDate.description,
                    dueDate: item.row.dueDate.description,
                    daysPastDue: item.daysPastDue > 0 ? "\(item.daysPastDue) day\(item.daysPastDue == 1 ? "" : "s") past due" : "not due yet",
                    overdue: item.daysPastDue > 0, balance: LedgerText.money(item.balance, account.currency))
        }
        return amounts(name: account.accountName, url: "/accounts/\(account.accountId)", account.buckets, credit: account.credit, items: items)
    }

    static func amounts(name: String, url: String, _ buckets: ReceivablesService.Buckets, credit: MoneyTotal, items: [ItemRow]) -> AccountRow {
        let currency = credit.currency
        func text(_ value: Int128) -> String { value == 0 ? "" : LedgerText.money(value, currency) }
        return AccountRow(name: name, url: url, current: text(buckets.current), days1to30: text(buckets.days1to30),
                          days31to60: text(buckets.days31to60), days61to90: text(buckets.days61to90), over90: text(buckets.over90),
                          balance: LedgerText.money(buckets.total, currency), credit: credit.minorUnits == 0 ? "" : MoneyText.format(credit),
                          items: items, hasItems: !items.isEmpty,
                          itemsLabel: "\(items.count) open invoice\(items.count == 1 ? "" : "s")")
    }
}
