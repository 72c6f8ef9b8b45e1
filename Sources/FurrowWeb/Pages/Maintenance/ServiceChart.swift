import Foundation
import FurrowCore
import FurrowDomain

/// A server-drawn SVG chart of the service report: per technician (or customer), a stacked bar of
/// the visits done, overdue and upcoming, the counts and the average rating as text beside it.
/// The chart has a title and a description that say the same, and the table below holds the
/// figures; colours come from `app.css` classes.
struct ServiceChart {
    struct Segment { let kind: String, x: Int, width: Int, label: String }
    struct Bar { let name: String, y: Int, textY: Int, segments: [Segment], valueX: Int, value: String }

    let id: String
    let title: String
    let summary: String
    let bars: [Bar]
    let width: Int
    let height: Int
    let labelWidth: Int
    let labelX: Int
    let axisY: Int

    init(id: String, title: String, rows: [ServiceReport.Row]) {
        let labelWidth = 170, barArea = 360, step = 30, barHeight = 20, top = 8
        let largest = max(rows.map(\.due).max() ?? 0, 1)
        var summary: [String] = []
        bars = rows.enumerated().map { index, item in
            let y = top + index * step
            var x = labelWidth, segments: [Segment] = []
            for (kind, count) in [("done", item.done), ("overdue", item.overdue), ("upcoming", item.upcoming)] where count > 0 {
                let width = max(2, Int((Double(count) / Double(largest) * Double(barArea)).rounded()))
                segments.append(Segment(kind: kind, x: x, width: width, label: "\(count) \(kind)"))
                x += width
            }
            let rating = item.averageRating.map { ", rated \(ReportService.percentText($0))/5" } ?? ""
            let value = "\(item.done) of \(item.due) done" + (item.overdue > 0 ? ", \(item.overdue) overdue" : "") + rating
            summary.append("\(item.name): \(value)")
            return Bar(name: ServiceChart.short(item.name), y: y, textY: y + barHeight / 2 + 5, segments: segments, valueX: x + 8, value: value)
        }
        self.id = id
        self.title = title
        self.summary = summary.joined(separator: "; ") + "."
        width = labelWidth + barArea + 260
        height = top * 2 + max(rows.count, 1) * step
        self.labelWidth = labelWidth
        labelX = labelWidth - 8
        axisY = height - top
    }

    static func short(_ name: String) -> String { name.count > 24 ? String(name.prefix(23)) + "…" : name }
}
