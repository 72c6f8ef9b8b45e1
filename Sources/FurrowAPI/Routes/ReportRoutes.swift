import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

struct PipelineRowDTO: Encodable, Sendable {
    let key: String, label: String, count: Int, total: String, weightedTotal: String, currency: String
    init(_ row: ReportService.PipelineRow) {
        key = row.key; label = row.label; count = row.count; total = row.total.decimalString
        weightedTotal = row.weightedTotal.decimalString; currency = row.total.currency.code
    }
}

struct FunnelDTO: Encodable, Sendable {
    struct Amount: Encodable, Sendable { let currency: String, total: String }
    struct Step: Encodable, Sendable {
        let stageId: String, stageName: String, reached: Int, open: Int, lost: Int, won: Int, reachedTotals: [Amount]
        let conversionPercent: String?
    }
    let kind: KindDTO
    let items: [Step]
    let won: Int, wonTotals: [Amount], lost: Int

    init(_ funnel: ReportService.Funnel) {
        kind = KindDTO(funnel.kind)
        items = funnel.steps.map { step in
            Step(stageId: step.stage.id.string, stageName: step.stage.name, reached: step.reached, open: step.open, lost: step.lost,
                 won: step.won, reachedTotals: step.reachedTotals.map(Self.amount),
                 conversionPercent: step.conversionPercent.map(ReportService.percentText))
        }
        won = funnel.won; wonTotals = funnel.wonTotals.map(Self.amount); lost = funnel.lost
    }

    static func amount(_ money: MoneyTotal) -> Amount { Amount(currency: money.currency.code, total: money.decimalString) }
}

/// `GET /reports/pipeline?groupBy=stage|status|owner` and `GET /reports/funnel?kindId=`, as JSON
/// or, with `format=csv`, as a CSV download.
struct ReportRoutes: RouteSet {
    let env: CoreEnvironment


    struct Parameters {
        var groupBy: OpportunityGrouping?
        var kindId: OpportunityKind.ID?
        var ownerId: User.ID?
        var statuses: [OpportunityStatus]?
        var csv = false
    }

    static func parameters(_ request: Request, allowed: [String]) throws -> Parameters {
        var result = Parameters()
        for (key, value) in request.uri.queryParameters {
            let text = String(value)
            guard allowed.contains(String(key)) else {
                throw Problem.invalidQuery("Unknown parameter '\(key)'. Use \(allowed.joined(separator: ", ")).")
            }
            switch key {
            case "groupBy":
                guard let grouping = OpportunityGrouping(rawValue: text) else { throw Problem.invalidQuery("groupBy must be stage, status or owner.") }
                result.groupBy = grouping
            case "kindId":
                guard let id = OpportunityKind.ID(text) else { throw Problem.invalidQuery("kindId must be a UUID.") }
                result.kindId = id
            case "ownerId":
                guard let id = User.ID(text) else { throw Problem.invalidQuery("ownerId must be a UUID.") }
                result.ownerId = id
            case "status":
                result.statuses = try text.split(separator: ",").map { part in
                    guard let status = OpportunityStatus(rawValue: String(part)) else {
                        throw Problem.invalidQuery("status must be inProgress, won or lost (several separated by commas).")
                    }
                    return status
                }
                if result.statuses?.isEmpty ?? true { throw Problem.invalidQuery("status must name at least one status.") }
            default:
                guard text == "json" || text == "csv" else { throw Problem.invalidQuery("format must be json or csv.") }
                result.csv = text == "csv"
            }
        }
        return result
    }

    @Sendable func pipeline(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let p = try Self.parameters(request, allowed: ["groupBy", "kindId", "ownerId", "status", "format"])
        guard let grouping = p.groupBy else { throw Problem.invalidQuery("groupBy (stage, status or owner) is required.") }
        let rows = try await ReportService(env).pipeline(groupBy: grouping, kindId: p.kindId, ownerId: p.ownerId, statuses: p.statuses,
                                                         by: principal)
        if p.csv {
            return .csv(CSV.document(header: [grouping.rawValue, "currency", "count", "total", "weightedTotal"], rows: rows.map { row in
                [.text(row.label), .text(row.total.currency.code), .number("\(row.count)"), .number(row.total.decimalString),
                 .number(row.weightedTotal.decimalString)]
            }), filename: "pipeline-by-\(grouping.rawValue).csv")
        }
        return try .json(Page(items: rows.map(PipelineRowDTO.init), nextCursor: nil))
    }

    @Sendable func funnel(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let p = try Self.parameters(request, allowed: ["kindId", "ownerId", "format"])
        guard let kindId = p.kindId else { throw Problem.invalidQuery("kindId (the opportunity kind) is required.") }
        let funnel = try await ReportService(env).funnel(kind: kindId, ownerId: p.ownerId, by: principal)
        if p.csv {
            return .csv(CSV.document(header: ["stage", "reached", "conversionPercent", "open", "lost", "won", "reachedValue"],
                                     rows: funnel.steps.map { step in
                [.text(step.stage.name), .number("\(step.reached)"), .number(step.conversionPercent.map(ReportService.percentText) ?? ""),
                 .number("\(step.open)"), .number("\(step.lost)"), .number("\(step.won)"),
                 .text(step.reachedTotals.map { "\($0.decimalString) \($0.currency.code)" }.joined(separator: "; "))]
            }), filename: "funnel.csv")
        }
        return try .json(FunnelDTO(funnel))
    }
}
