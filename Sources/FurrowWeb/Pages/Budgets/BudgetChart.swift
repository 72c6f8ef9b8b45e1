import Foundation
import FurrowCore
import FurrowDomain

/// A server-drawn SVG chart of budget vs actual: per budget activity, budgeted and actual income,
/// then budgeted and actual cost, as horizontal bars on one scale. Every bar carries its amount as
/// text and the chart a title and a description, so it reads without seeing it; the table below
/// holds the same figures. Colours come from `app.css` classes.
struct BudgetChart {
    struct Bar { let label: String, amount: String, kind: String, y: Int, width: Int, textY: Int, valueX: Int }
    struct Group { let name: String, y: Int }

    let title: String
    let summary: String
    let bars: [Bar]
    let groups: [Group]
    let width: Int
    let height: Int
    let labelWidth: Int
    let labelX: Int
    let axisY: Int

    init(table: VersusActual, names: [BudgetActivity.ID: String], currency: Currency) {
        let labelWidth = 150, barArea = 380, bar = 14, gap = 3, groupGap = 18, top = 8
        let largest = max(table.rows.flatMap { [$0.budgetedIncome, $0.actualIncome, $0.budgetedCost, $0.actualCost].map(\.minorUnits) }.max() ?? 0, 1)
        var bars: [Bar] = [], groups: [Group] = [], y = top, summary: [String] = []
        for row in table.rows {
            let name = names[row.budgetActivityId] ?? "—"
            groups.append(Group(name: name, y: y + 12))
            let series: [(String, String, Money)] = [("Income budgeted", "budget-income", row.budgetedIncome), ("Income actual", "actual-income", row.actualIncome),
                                                     ("Cost budgeted", "budget-cost", row.budgetedCost), ("Cost actual", "actual-cost", row.actualCost)]
            for (label, kind, money) in series {
                let width = money.minorUnits <= 0 ? 0 : max(2, Int((Double(money.minorUnits) / Double(largest) * Double(barArea)).rounded()))
                bars.append(Bar(label: label, amount: MoneyText.format(money), kind: kind, y: y, width: width, textY: y + bar - 3,
                                valueX: labelWidth + width + 6))
                y += bar + gap
            }
            y += groupGap
            summary.append("\(name): income \(MoneyText.format(row.actualIncome)) of \(MoneyText.format(row.budgetedIncome)) budgeted, cost \(MoneyText.format(row.actualCost)) of \(MoneyText.format(row.budgetedCost))")
        }
        title = "Budget vs actual in \(currency.code)"
        self.summary = summary.joined(separator: "; ") + "."
        self.bars = bars
        self.groups = groups
        width = labelWidth + barArea + 250
        height = y
        self.labelWidth = labelWidth
        labelX = labelWidth - 8
        axisY = y - groupGap + 4
    }
}
