import Foundation
import FurrowCore
import FurrowDomain

/// A server-drawn SVG funnel of one kind: a trapezoid per stage, as wide as the number of
/// opportunities that reached the stage and narrowing to the next stage's width, with the stage
/// name on the left and beside it how many reached it, the conversion from the stage before and
/// how many were lost in it. The chart's title and description carry the same numbers.
struct FunnelChart {
    struct Step {
        let name: String
        let fullName: String
        let reached: Int
        let points: String
        let shade: Int
        let labelY: Int
        let countY: Int
        let conversion: String
        let conversionY: Int
        let lost: String
        let detailY: Int
    }

    let id = "funnel-chart"
    let title: String
    let summary: String
    let steps: [Step]
    let width: Int
    let height: Int
    let labelX: Int
    let centreX: Int
    let textX: Int

    init(_ funnel: ReportService.Funnel) {
        let labelWidth = 170, area = 340, row = 52, shapeHeight = 46, top = 6, minimum = 36
        let widest = max(funnel.steps.first?.reached ?? 0, funnel.steps.map(\.reached).max() ?? 0, 1)
        let widths = funnel.steps.map { max(minimum, Int((Double($0.reached) / Double(widest) * Double(area)).rounded())) }
        let centre = labelWidth + 12 + area / 2
        steps = funnel.steps.enumerated().map { index, step in
            let y = top + index * row
            let upper = widths[index], lower = index + 1 < widths.count ? widths[index + 1] : widths[index] * 4 / 5
            let points = [(centre - upper / 2, y), (centre + upper / 2, y), (centre + lower / 2, y + shapeHeight),
                          (centre - lower / 2, y + shapeHeight)].map { "\($0.0),\($0.1)" }.joined(separator: " ")
            return Step(name: PipelineChart.short(step.stage.name), fullName: step.stage.name, reached: step.reached, points: points,
                        shade: index % 2, labelY: y + shapeHeight / 2 + 5, countY: y + shapeHeight / 2 + 5,
                        conversion: "\(step.reached) reached" + (Self.conversion(step).map { " · \($0)" } ?? ""),
                        conversionY: y + shapeHeight / 2 - 3,
                        lost: "\(step.lost) lost in this stage · \(step.open) open", detailY: y + shapeHeight / 2 + 14)
        }
        title = "Funnel of \(funnel.kind.name)"
        summary = funnel.steps.map { step in
            "\(step.stage.name): \(step.reached) reached" + (Self.conversion(step).map { ", \($0)" } ?? "") + ", \(step.lost) lost"
        }.joined(separator: "; ") + ". Won \(funnel.won), lost \(funnel.lost)."
        width = labelWidth + 12 + area + 16 + 300
        height = top * 2 + max(funnel.steps.count, 1) * row - (row - shapeHeight)
        labelX = labelWidth
        centreX = centre
        textX = labelWidth + 12 + area + 16
    }

    /// `62.5 % of the stage before`, or nil for the first stage (and after a stage nobody reached).
    static func conversion(_ step: ReportService.FunnelStep) -> String? {
        step.conversionPercent.map { ReportService.percentText($0) + " % of the stage before" }
    }
}
