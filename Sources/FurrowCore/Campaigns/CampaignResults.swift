import Foundation
import FurrowDomain

/// A campaign's results (SPEC §8): who it reached and how, what came back, and what it earned
/// against what it cost, per currency (never added across currencies).
public struct CampaignResults: Sendable, Equatable {
    public struct Money: Sendable, Equatable {
        public let currency: Currency
        /// Won revenue of the opportunities that name the campaign as their source.
        public let won: MoneyTotal
        /// The campaign's actual cost, in its currency only.
        public let cost: MoneyTotal?
        /// (won − cost) ÷ cost in percent, one decimal; nil without a cost in this currency.
        public let returnPercent: Decimal?
    }

    public let campaign: Campaign
    /// Members of its active lists now.
    public let members: Int
    public let sent: Int, delivered: Int, failed: Int, skipped: Int, suppressed: Int, unsubscribed: Int, activitiesMade: Int
    public let responses: [CampaignResponse.Outcome: Int]
    public let leads: Int
    public let opportunities: Int, won: Int, lost: Int
    public let money: [Money]

    public var responseCount: Int { responses.values.reduce(0, +) }
}

extension CampaignService {
    public func results(_ id: Campaign.ID, by principal: Principal) async throws -> CampaignResults {
        try await env.reading(by: principal) { transaction in
            let campaign = try await transaction.load(Campaign.self, id)
            let session = transaction.session
            var members = 0
            for listId in try await session.linkedLists(of: id) {
                if let list = try await session.marketingList(id: listId, locked: false), list.active {
                    members += try await MarketingListService.count(list, session)
                }
            }
            let f = try await session.campaignFigures(of: id, visibleTo: principal)
            var currencies = Set(f.opportunities.values.flatMap(\.keys))
            if campaign.actualCost != nil { currencies.insert(campaign.currency) }
            let money = currencies.sorted { $0.code < $1.code }.map { currency -> CampaignResults.Money in
                let won = MoneyTotal(minorUnits: f.opportunities[.won]?[currency]?.value ?? 0, currency: currency)
                let cost = currency == campaign.currency ? campaign.actualCost.map(MoneyTotal.init) : nil
                var ratio: Decimal?
                if let cost, cost.minorUnits > 0 {
                    ratio = ReportService.oneDecimal(Decimal(string: String(won.minorUnits - cost.minorUnits))! * 100 / Decimal(string: String(cost.minorUnits))!)
                }
                return .init(currency: currency, won: won, cost: cost, returnPercent: ratio)
            }
            func count(_ status: OpportunityStatus) -> Int { f.opportunities[status]?.values.reduce(0) { $0 + $1.count } ?? 0 }
            return CampaignResults(campaign: campaign, members: members, sent: f.deliveries["sent"] ?? 0, delivered: f.emails["sent"] ?? 0,
                                   failed: f.emails["failed"] ?? 0, skipped: f.deliveries["skipped"] ?? 0, suppressed: f.deliveries["suppressed"] ?? 0,
                                   unsubscribed: f.unsubscribed, activitiesMade: f.deliveries["created"] ?? 0, responses: f.responses, leads: f.leads,
                                   opportunities: count(.inProgress) + count(.won) + count(.lost), won: count(.won), lost: count(.lost), money: money)
        }
    }
}
