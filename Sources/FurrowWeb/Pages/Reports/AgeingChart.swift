import Foundation
import FurrowCore
import FurrowDomain

/// A server-drawn SVG bar chart of one currency's receivables by age (current, 1–30, 31–60,
/// 61–90, over 90 days past due). Every bar has its bucket and amount as text beside it, and the
/// chart a title and description, so it reads without seeing the bars; the table below it holds
/// the same figures. Colours come from `app.css` classes (no inline styles under the CSP).
struct AgeingChart {
    struct Bar {
        let label: String
        let amount: String
        let bucket: String
        let y: Int
        let width: Int
        let textY: Int
        let valueX: Int
    }

    let id: String
    let currency: String
    let title: String
    let summary: String
    let total: String
    let bars: [Bar]
    let width: Int
    let height: Int
    let labelWidth: Int
    let labelX: Int
    let barHeight: Int
    let axisY: Int

    static let buckets: [(key: String, label: String, value: @Sendable (ReceivablesService.Buckets) -> Int128)] = [
        ("current", "Current", { $0.current }),
        ("days1to30", "1–30 days", { $0.days1to30 }),
        ("days31to60", "31–60 days", { $0.days31to60 }),
        ("days61to90", "61–90 days", { $0.days61to90 }),
        ("over90", "Over 90 days", { $0.over90 }),
    ]

    init(currency: Currency, buckets: ReceivablesService.Buckets, asOf: Day) {
        let labelWidth = 110, barArea = 400, row = 34, barHeight = 22, top = 8
        let values = Self.buckets.map { $0.value(buckets) }
        let largest = max(values.max() ?? 0, 1)
        bars = Self.buckets.enumerated().map { index, bucket in
            let value = values[index]
            let width = value <= 0 ? 0 : max(2, Int((Double(value) / Double(largest) * Double(barArea)).rounded()))
            let y = top + index * row
            return Bar(label: bucket.label, amount: LedgerText.money(value, currency), bucket: bucket.key, y: y, width: width,
                       textY: y + barHeight / 2 + 5, valueX: labelWidth + width + 8)
        }
        id = "ageing-" + currency.code.lowercased()
        self.currency = currency.code
        title = "Receivables in \(currency.code) by age on \(asOf)"
        summary = zip(Self.buckets, values).map { "\($0.label): \(LedgerText.money($1, currency))" }.joined(separator: "; ")
            + "; total \(LedgerText.money(buckets.total, currency))."
        total = LedgerText.money(buckets.total, currency)
        width = labelWidth + barArea + 150
        height = top * 2 + Self.buckets.count * row
        self.labelWidth = labelWidth
        labelX = labelWidth - 8
        self.barHeight = barHeight
        axisY = height - top
    }
}
