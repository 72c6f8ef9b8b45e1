import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// Reports (SPEC §10): the pipeline by stage, status or owner (`?groupBy=`, optionally one kind
/// with `kindId=`) as a table and a bar chart per currency, and the funnel of a kind with stages
/// (`funnelKindId=`). Plain GET forms; every role sees them, each user only the opportunities
/// they may see (Core applies visibility). The CSV links go to the JSON API, which accepts the
/// session cookie for GET.
struct ReportsPage {
    let web: Web
    static let path = "/reports"

    func add(to group: RouterGroup<AppContext>) {
        group.get("reports", use: show)
    }

    struct PipelineRow {
        let label: String, currency: String, count: Int, total: String, weighted: String
    }
    struct Pipeline {
        let groupings: [Field.Option]
        let kinds: [Field.Option]
        let groupTitle: String
        let rows: [PipelineRow]
        let totals: [PipelineRow]
        let hasRows: Bool
        let charts: [PipelineChart]
        let csv: String
        let scope: String
    }
    struct FunnelRow {
        let name: String, reached: Int, conversion: String, open: Int, lost: Int, won: Int, values: [String]
    }
    struct Funnel {
        let kindName: String
        let chart: FunnelChart
        let rows: [FunnelRow]
        let won: Int
        let wonValue: String
        let lost: Int
        let csv: String
    }
    struct Model {
        let pipeline: Pipeline
        let funnelKinds: [Field.Option]
        let funnel: Funnel?
        let hasFunnelKinds: Bool
        let groupBy: String
        let kindId: String?
        let funnelKindId: String?
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let kinds = try await CatalogService(web.env).kinds()
        let grouping = OpportunityGrouping(rawValue: request.query("groupBy")) ?? .stage
        let kind = OpportunityKind.ID(request.query("kindId")).flatMap { id in kinds.first { $0.id == id } }
        let staged = kinds.filter { $0.type != .none && !$0.stageIds.isEmpty }
        let funnelKind = OpportunityKind.ID(request.query("funnelKindId")).flatMap { id in staged.first { $0.id == id } } ?? staged.first

        let rows = try await ReportService(web.env).pipeline(groupBy: grouping, kindId: kind?.id, by: principal)
        let pipeline = Self.pipeline(rows, grouping: grouping, kind: kind, kinds: kinds)
        var funnel: Funnel?
        if let funnelKind {
            funnel = Self.funnel(try await ReportService(web.env).funnel(kind: funnelKind.id, by: principal))
        }
        let model = Model(pipeline: pipeline,
                          funnelKinds: staged.map { Field.Option(value: $0.id.string, label: $0.name, selected: $0.id == funnelKind?.id) },
                          funnel: funnel, hasFunnelKinds: !staged.isEmpty, groupBy: grouping.rawValue, kindId: kind?.id.string,
                          funnelKindId: funnelKind?.id.string)
        return try await web.page("reports", "Reports", model, request, context)
    }

    static let groupings: [(OpportunityGrouping, String)] = [(.stage, "Stage"), (.status, "Status"), (.owner, "Owner")]

    static func pipeline(_ rows: [ReportService.PipelineRow], grouping: OpportunityGrouping, kind: OpportunityKind?,
                         kinds: [OpportunityKind]) -> Pipeline {
        let currencies = Set(rows.map(\.total.currency)).sorted { $0.code < $1.code }
        let charts = currencies.map { currency in
            PipelineChart(currency: currency, rows: rows.filter { $0.total.currency == currency }, grouping: grouping, kindName: kind?.name)
        }
        let totals = currencies.map { currency in
            let part = rows.filter { $0.total.currency == currency }
            return PipelineRow(label: "Total", currency: currency.code, count: part.reduce(0) { $0 + $1.count },
                               total: MoneyText.amount(MoneyTotal(minorUnits: part.reduce(0) { $0 + $1.total.minorUnits }, currency: currency)),
                               weighted: MoneyText.amount(MoneyTotal(minorUnits: part.reduce(0) { $0 + $1.weightedTotal.minorUnits }, currency: currency)))
        }
        let csv = URLText.link("/api/v1/reports/pipeline", [("groupBy", grouping.rawValue), ("kindId", kind?.id.string ?? ""), ("format", "csv")])
        return Pipeline(groupings: groupings.map { Field.Option(value: $0.0.rawValue, label: $0.1, selected: $0.0 == grouping) },
                        kinds: kinds.map { Field.Option(value: $0.id.string, label: $0.name, selected: $0.id == kind?.id) },
                        groupTitle: groupings.first { $0.0 == grouping }?.1 ?? grouping.rawValue,
                        rows: rows.map { row in
                            PipelineRow(label: row.label, currency: row.total.currency.code, count: row.count,
                                        total: MoneyText.amount(row.total), weighted: MoneyText.amount(row.weightedTotal))
                        },
                        totals: totals, hasRows: !rows.isEmpty, charts: charts, csv: csv,
                        scope: grouping == .status ? "All opportunities, open and closed" : "Open opportunities")
    }

    static func funnel(_ funnel: ReportService.Funnel) -> Funnel {
        func value(_ totals: [MoneyTotal]) -> String { totals.isEmpty ? "—" : totals.map { MoneyText.format($0) }.joined(separator: " · ") }
        let rows = funnel.steps.map { step in
            FunnelRow(name: step.stage.name, reached: step.reached,
                      conversion: step.conversionPercent.map { ReportService.percentText($0) + " %" } ?? "—",
                      open: step.open, lost: step.lost, won: step.won, values: step.reachedTotals.map { MoneyText.format($0) })
        }
        return Funnel(kindName: funnel.kind.name, chart: FunnelChart(funnel), rows: rows, won: funnel.won, wonValue: value(funnel.wonTotals),
                      lost: funnel.lost,
                      csv: URLText.link("/api/v1/reports/funnel", [("kindId", funnel.kind.id.string), ("format", "csv")]))
    }
}
