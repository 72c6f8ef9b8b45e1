import Foundation
import FurrowCore
import FurrowDomain

/// A server-drawn horizontal bar chart of one currency's pipeline: a bar per group (stage, status
/// or owner) for the total, with the probability-weighted total drawn over it from the same
/// origin. Every bar has its figures as text beside it and the chart a title and description, so
/// it reads without seeing the bars; the table holds the same figures. Colours come from
/// `app.css` classes (no inline styles under the CSP).
struct PipelineChart {
    struct Bar {
        let label: String
        let fullLabel: String
        let figures: String
        let y: Int
        let totalWidth: Int
        let weightedY: Int
        let weightedWidth: Int
        let textY: Int
        let valueX: Int
    }

    let id: String
    let currency: String
    let title: String
    let summary: String
    let bars: [Bar]
    let width: Int
    let height: Int
    let labelWidth: Int
    let labelX: Int
    let barHeight: Int
    let weightedHeight: Int
    let axisY: Int

    /// `rows` are the report's rows in one currency, in the report's order.
    init(currency: Currency, rows: [ReportService.PipelineRow], grouping: OpportunityGrouping, kindName: String?) {
        let labelWidth = 170, barArea = 380, rowHeight = 36, barHeight = 24, weightedHeight = 12, top = 8
        let largest = max(rows.map { max($0.total.minorUnits, $0.weightedTotal.minorUnits) }.max() ?? 0, 1)
        func scaled(_ value: Int128) -> Int {
            value <= 0 ? 0 : max(2, Int((Double(value) / Double(largest) * Double(barArea)).rounded()))
        }
        bars = rows.enumerated().map { index, row in
            let y = top + index * rowHeight
            let totalWidth = scaled(row.total.minorUnits)
            return Bar(label: Self.short(row.label), fullLabel: row.label,
                       figures: "\(MoneyText.amount(row.total)) · weighted \(MoneyText.amount(row.weightedTotal)) · \(Self.count(row.count))",
                       y: y, totalWidth: totalWidth, weightedY: y + (barHeight - weightedHeight) / 2,
                       weightedWidth: scaled(row.weightedTotal.minorUnits), textY: y + barHeight / 2 + 5,
                       valueX: labelWidth + totalWidth + 8)
        }
        id = "pipeline-" + currency.code.lowercased()
        self.currency = currency.code
        title = "Pipeline in \(currency.code) by \(grouping.rawValue)" + (kindName.map { ", \($0) only" } ?? "")
        summary = rows.map { row in
            "\(row.label): \(Self.count(row.count)), total \(MoneyText.format(row.total)), weighted \(MoneyText.format(row.weightedTotal))"
        }.joined(separator: "; ") + "."
        width = labelWidth + barArea + 340
        height = top * 2 + max(rows.count, 1) * rowHeight
        self.labelWidth = labelWidth
        labelX = labelWidth - 8
        self.barHeight = barHeight
        self.weightedHeight = weightedHeight
        axisY = height - top
    }

    static func count(_ count: Int) -> String { "\(count) opportunit\(count == 1 ? "y" : "ies")" }

    /// A label that fits beside the bars; the full one is in the bar's tooltip and the table.
    static func short(_ label: String) -> String {
        label.count > 22 ? String(label.prefix(21)) + "…" : label
    }
}
