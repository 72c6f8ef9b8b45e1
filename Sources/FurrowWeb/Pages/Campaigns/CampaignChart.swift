import Foundation
import FurrowCore
import FurrowDomain

/// A server-drawn SVG chart of a campaign's results as a funnel: members, reached, responses,
/// leads, opportunities, won — each a bar with its count beside it. The chart has a title and a
/// description that give the same counts; colours come from `app.css`.
struct CampaignChart {
    struct Bar { let label: String, value: Int, y: Int, width: Int, textY: Int, valueX: Int }

    let title: String
    let summary: String
    let bars: [Bar]
    let width: Int
    let height: Int
    let labelWidth: Int
    let labelX: Int
    let axisY: Int

    init(_ r: CampaignResults) {
        let steps = [("Members", r.members), ("Reached", r.sent + r.activitiesMade), ("Responses", r.responseCount), ("Leads", r.leads),
                     ("Opportunities", r.opportunities), ("Won", r.won)]
        let labelWidth = 120, barArea = 380, step = 30, barHeight = 20, top = 8
        let largest = max(steps.map(\.1).max() ?? 0, 1)
        bars = steps.enumerated().map { index, item in
            let width = item.1 <= 0 ? 0 : max(2, Int((Double(item.1) / Double(largest) * Double(barArea)).rounded()))
            let y = top + index * step
            return Bar(label: item.0, value: item.1, y: y, width: width, textY: y + barHeight / 2 + 5, valueX: labelWidth + width + 8)
        }
        title = "Results of \(r.campaign.name)"
        summary = steps.map { "\($0.0): \($0.1)" }.joined(separator: "; ") + "."
        width = labelWidth + barArea + 80
        height = top * 2 + steps.count * step
        self.labelWidth = labelWidth
        labelX = labelWidth - 8
        axisY = height - top
    }
}
