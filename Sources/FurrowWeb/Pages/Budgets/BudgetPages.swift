import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// A budget's page: its versions side by side (the master, then each correction, what changed
/// marked), when each locks, and budget vs actual as a chart and a table, by activity or month.
struct BudgetPages {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("budgets/:id", use: show)
        group.post("budgets/:id/delete", use: delete)
        group.post("budgets/:id/corrections/:number/delete", use: deleteCorrection)
    }

    struct Version { let title: String, author: String, made: String, lock: String, locked: Bool, deleteAction: String? }
    struct Cell { let text: String, changed: Bool }
    /// One activity: its income and cost in each version, side by side.
    struct LineRow { let activity: String, cells: [Cell] }
    struct ActualRow {
        let label: String, month: String, budgetedIncome: String, actualIncome: String, incomeVariance: String, incomeConsumed: String
        let budgetedCost: String, actualCost: String, costVariance: String, costConsumed: String, overCost: Bool, isTotal: Bool
    }
    struct Model {
        let heading: String, targetName: String, targetURL: String, period: String, currency: String, lockText: String
        let canChange: Bool, editURL: String, deleteAction: String?
        let versions: [Version], lines: [LineRow]
        let actual: [ActualRow], hasActual: Bool, unconverted: [String], hasUnconverted: Bool
        let chart: BudgetChart?
        let byActivityURL: String, byMonthURL: String, csvURL: String, byMonth: Bool
    }

    static func id(_ context: AppContext) throws -> Budget.ID {
        guard let id = context.parameters.get("id").flatMap(Budget.ID.init) else { throw Problem.notFound() }
        return id
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let id = try Self.id(context)
        let grouping = VersusActual.Grouping(rawValue: request.query("groupBy")) ?? .activity
        let service = BudgetService(web.env)
        let (reading, table) = try await service.versusActual(id, grouping: grouping, by: principal)
        let names = Dictionary(uniqueKeysWithValues: try await BudgetCatalogService(web.env).activities(by: principal).map { ($0.id, $0.name) })
        let users = try await RecordParts(env: web.env).userNames()
        let b = reading.budget
        let canChange = BudgetService.access(b.target.kind, b.targetOwnership).changeable(by: principal)
        let targetName = b.names["targetName"] ?? (b.target.kind == .account ? "Account" : "Opportunity")
        let targetURL = (b.target.kind == .account ? "/accounts/" : "/opportunities/") + b.target.id.uuidString.lowercased()
        return try await web.page("budget", "Budget for \(targetName)", request, context) { shell in
            let last = b.versions.count - 1
            let versions = b.versions.indices.map { n in
                let v = b.versions[n], locked = reading.locked[n]
                return Version(title: v.isMaster ? "Master" : "Correction \(n)", author: users[v.createdBy] ?? "—", made: shell.format(v.createdAt),
                               lock: (locked ? "Locked since " : "Open until ") + shell.format(reading.lockedAt[n]), locked: locked,
                               deleteAction: canChange && !locked && ((n == 0 && last == 0) || (n > 0 && n == last))
                                   ? (n == 0 ? "/budgets/\(b.id)/delete" : "/budgets/\(b.id)/corrections/\(n)/delete") : nil)
            }
            var activities: [BudgetActivity.ID] = []
            for line in b.versions.flatMap(\.lines) where !activities.contains(line.budgetActivityId) { activities.append(line.budgetActivityId) }
            let lines = activities.map { activity in
                LineRow(activity: names[activity] ?? "—",
                        cells: b.versions.indices.flatMap { n in [Self.cell(b, n, activity, \.income), Self.cell(b, n, activity, \.cost)] })
            }
            let rows = table.rows.map { Self.row($0, label: names[$0.budgetActivityId] ?? "—") } + [table.total].compactMap { $0 }.map { Self.row($0, label: "Total", total: true) }
            return Model(
                heading: "Budget for \(targetName)", targetName: targetName, targetURL: targetURL, period: "\(b.from) – \(b.to)", currency: b.currency.code,
                lockText: reading.locked[0] ? "The master locked on \(shell.format(reading.lockedAt[0])); its dates stay, new numbers are saved as corrections."
                    : "Open until \(shell.format(reading.lockedAt[0])): until then everything can change, or it can be deleted.",
                canChange: canChange, editURL: "/budgets/\(b.id)/edit", deleteAction: versions.first?.deleteAction,
                versions: versions, lines: lines, actual: rows, hasActual: !rows.isEmpty,
                unconverted: table.unconverted.map { "\(names[$0.budgetActivityId] ?? "—"): \($0.kind == .income ? "income" : "expenses") of \(MoneyText.format($0.amount))" },
                hasUnconverted: !table.unconverted.isEmpty,
                chart: grouping == .activity && !table.rows.isEmpty ? BudgetChart(table: table, names: names, currency: b.currency) : nil,
                byActivityURL: "/budgets/\(b.id)#actual", byMonthURL: "/budgets/\(b.id)?groupBy=month#actual",
                csvURL: "/api/v1/budgets/\(b.id)/versus-actual?format=csv" + (grouping == .month ? "&groupBy=month" : ""), byMonth: grouping == .month)
        }
    }

    static func cell(_ b: Budget, _ n: Int, _ activity: BudgetActivity.ID, _ amount: KeyPath<BudgetLine, Money>) -> Cell {
        let value = b.versions[n].line(activity)?[keyPath: amount]
        let before = n > 0 ? b.versions[n - 1].line(activity)?[keyPath: amount] : value
        return Cell(text: value.map(Self.amount) ?? "—", changed: n > 0 && before != value)
    }

    /// An amount in the budget's currency, which the page's heading names: `26,000.00`.
    static func amount(_ money: Money) -> String { Money.grouped(money.decimalString) }

    static func row(_ r: VersusActual.Row, label: String, total: Bool = false) -> ActualRow {
        ActualRow(label: label, month: r.month ?? "", budgetedIncome: amount(r.budgetedIncome), actualIncome: amount(r.actualIncome),
                  incomeVariance: amount(r.incomeVariance), incomeConsumed: r.incomeConsumed.map { $0 + " %" } ?? "—",
                  budgetedCost: amount(r.budgetedCost), actualCost: amount(r.actualCost),
                  costVariance: amount(r.costVariance), costConsumed: r.costConsumed.map { $0 + " %" } ?? "—",
                  overCost: r.actualCost.minorUnits > r.budgetedCost.minorUnits, isTotal: total)
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try Self.id(context)
        let budget = try await BudgetService(web.env).get(id, by: principal).budget
        let back = (budget.target.kind == .account ? "/accounts/" : "/opportunities/") + budget.target.id.uuidString.lowercased() + "#economy"
        do {
            try await BudgetService(web.env).delete(id, by: principal)
        } catch {
            return try Web.refusal(error, back: "/budgets/\(id)", failed: "Not deleted:")
        }
        return .redirect(back, flash: "Budget deleted.")
    }

    @Sendable func deleteCorrection(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try Self.id(context)
        guard let number = context.parameters.get("number").flatMap({ Int($0) }) else { throw Problem.notFound() }
        return try await web.act(back: "/budgets/\(id)", done: "Correction \(number) deleted.", failed: "Not deleted:") {
            _ = try await BudgetService(web.env).deleteCorrection(id, number: number, by: principal)
        }
    }
}
