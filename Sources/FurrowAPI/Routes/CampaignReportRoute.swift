import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// `GET /reports/campaigns/{id}`: a campaign's results as JSON or, with `format=csv`, a CSV download.
extension CampaignRoutes {
    @Sendable func results(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var csv = false
        for (key, value) in request.uri.queryParameters {
            guard key == "format" else { throw Problem.invalidQuery("Unknown parameter '\(key)'. Use format.") }
            guard value == "json" || value == "csv" else { throw Problem.invalidQuery("format must be json or csv.") }
            csv = value == "csv"
        }
        let results = try await CampaignService(env).results(try context.id(Campaign.self), by: principal)
        let dto = CampaignResultsDTO(results)
        guard csv else { return try .json(dto) }
        var rows: [[CSV.Cell]] = [
            ("members", dto.members), ("emailsQueued", dto.sent), ("emailsDelivered", dto.delivered), ("emailsFailed", dto.failed),
            ("noAddress", dto.skipped), ("suppressed", dto.suppressed), ("unsubscribed", dto.unsubscribed), ("activitiesMade", dto.activitiesMade),
            ("responses", dto.responses), ("leads", dto.leads), ("opportunities", dto.opportunities), ("won", dto.won), ("lost", dto.lost),
        ].map { [.text($0.0), .number("\($0.1)"), .text("")] }
        rows += results.responses.sorted { $0.key.rawValue < $1.key.rawValue }.map { [.text("responses." + $0.key.rawValue), .number("\($0.value)"), .text("")] }
        for money in dto.money {
            rows.append([.text("wonRevenue"), .number(money.won), .text(money.currency)])
            if let cost = money.cost { rows.append([.text("actualCost"), .number(cost), .text(money.currency)]) }
            if let ratio = money.returnPercent { rows.append([.text("returnPercent"), .number(ratio), .text(money.currency)]) }
        }
        return .csv(CSV.document(header: ["figure", "value", "currency"], rows: rows), filename: "campaign-results.csv")
    }
}

struct CampaignResultsDTO: Encodable, Sendable {
    struct Money: Encodable, Sendable { let currency: String, won: String, cost: String?, returnPercent: String? }
    let campaignId: String, members: Int, sent: Int, delivered: Int, failed: Int, skipped: Int, suppressed: Int, unsubscribed: Int
    let activitiesMade: Int, responses: Int, responsesByOutcome: [String: Int], leads: Int, opportunities: Int, won: Int, lost: Int, money: [Money]

    init(_ r: CampaignResults) {
        campaignId = r.campaign.id.string; members = r.members; sent = r.sent; delivered = r.delivered; failed = r.failed; skipped = r.skipped
        suppressed = r.suppressed; unsubscribed = r.unsubscribed; activitiesMade = r.activitiesMade; responses = r.responseCount
        responsesByOutcome = Dictionary(uniqueKeysWithValues: r.responses.map { ($0.key.rawValue, $0.value) })
        leads = r.leads; opportunities = r.opportunities; won = r.won; lost = r.lost
        money = r.money.map { Money(currency: $0.currency.code, won: $0.won.decimalString, cost: $0.cost?.decimalString,
                                    returnPercent: $0.returnPercent.map(ReportService.signedPercentText)) }
    }
}
