import Foundation
import FurrowDomain

/// Marketing lists, their members and campaigns: the campaign part of a store session.
public protocol CampaignSession: Sendable {
    func insertMarketingList(_ list: MarketingList) async throws
    func updateMarketingList(_ list: MarketingList, over before: MarketingList) async throws -> Bool
    func marketingList(id: MarketingList.ID, locked: Bool) async throws -> MarketingList?
    /// The lists the caller may see, newest first.
    func marketingLists(visibleTo principal: Principal, limit: Int) async throws -> [MarketingList]

    /// A static list's member ids after `after` (by id), at most `limit`.
    func staticMembers(of list: MarketingList.ID, after: UUID?, limit: Int) async throws -> [UUID]
    func staticMemberCount(of list: MarketingList.ID) async throws -> Int
    /// Adds the members not in the list yet; answers how many were added.
    func insertMembers(of list: MarketingList.ID, _ ids: [UUID], at: Date) async throws -> Int
    func deleteMember(of list: MarketingList.ID, _ id: UUID) async throws -> Bool
    /// Which of these ids are settled records of the target type the caller may see.
    func visibleTargets(_ ids: [UUID], of type: MarketingList.TargetType, visibleTo principal: Principal) async throws -> Set<UUID>
    /// How many records of the target type a filter matches for the caller (one COUNT: a dynamic list's size).
    func matchCount(_ query: ListQuery, of type: MarketingList.TargetType, visibleTo principal: Principal) async throws -> Int
    /// The members' names, addresses and organisations, in the order of `ids` (ids of no record are left out).
    func members(_ ids: [UUID], of type: MarketingList.TargetType) async throws -> [ListMember]

    func insertCampaign(_ campaign: Campaign) async throws
    func updateCampaign(_ campaign: Campaign, over before: Campaign) async throws -> Bool
    func campaign(id: Campaign.ID, locked: Bool) async throws -> Campaign?
    /// Every campaign (everyone reads them: they are lead sources), newest first; quick ones or the others when `quick` is given.
    func campaigns(quick: Bool?, limit: Int) async throws -> [Campaign]

    /// Links a list to a campaign; false when it was linked already.
    func linkList(_ list: MarketingList.ID, to campaign: Campaign.ID, at: Date) async throws -> Bool
    func unlinkList(_ list: MarketingList.ID, from campaign: Campaign.ID) async throws -> Bool
    func linkedLists(of campaign: Campaign.ID) async throws -> [MarketingList.ID]
    func linkedCampaigns(of list: MarketingList.ID) async throws -> [Campaign.ID]
    /// A campaign's target products (rule 65): adds one (false when it was there), removes one, lists them in the order added.
    func addTargetProduct(_ product: Product.ID, to campaign: Campaign.ID, at: Date) async throws -> Bool
    func removeTargetProduct(_ product: Product.ID, from campaign: Campaign.ID) async throws -> Bool
    func targetProducts(of campaign: Campaign.ID) async throws -> [Product.ID]

    func insertCampaignActivity(_ activity: CampaignActivity) async throws
    func updateCampaignActivity(_ activity: CampaignActivity, over before: CampaignActivity) async throws -> Bool
    /// Locked: on PostgreSQL the row is taken `FOR UPDATE SKIP LOCKED`, nil when another server holds it.
    func campaignActivity(id: CampaignActivity.ID, locked: Bool) async throws -> CampaignActivity?
    func campaignActivities(of campaign: Campaign.ID) async throws -> [CampaignActivity]
    /// Activities whose distribution is running, oldest first.
    func runningDistributions(limit: Int) async throws -> [CampaignActivity.ID]

    /// Records the deliveries not recorded yet (one per activity and member); answers the members that were new.
    func insertDeliveries(_ deliveries: [CampaignDelivery], of activity: CampaignActivity.ID, at: Date) async throws -> Set<UUID>
    /// How many members each outcome has.
    func deliveryCounts(of activity: CampaignActivity.ID) async throws -> [CampaignDelivery.Outcome: Int]
    /// The activity, member and address a reply or unsubscribe token was given for.
    func delivery(token: String) async throws -> (activity: CampaignActivity.ID, member: UUID, address: String?)?
    /// Puts an address on the suppression list; false when it was there.
    func suppress(_ address: String, reason: String, at: Date) async throws -> Bool
    /// Which of these (lower-case) addresses are suppressed.
    func suppressed(_ addresses: [String]) async throws -> Set<String>
    /// The delivery of the email with this outbox id.
    func delivery(emailId: UUID) async throws -> (activity: CampaignActivity.ID, member: UUID, token: String?)?
    /// Whether the id is a lead's, a contact's or an account's.
    func partyKind(of id: UUID) async throws -> CampaignResponse.PartyKind?

    func insertCampaignResponse(_ response: CampaignResponse) async throws
    func updateCampaignResponse(_ response: CampaignResponse, over before: CampaignResponse) async throws -> Bool
    func campaignResponse(id: CampaignResponse.ID) async throws -> CampaignResponse?
    /// A campaign's responses, newest first.
    func campaignResponses(of campaign: Campaign.ID, limit: Int) async throws -> [CampaignResponse]

    /// The figures of a campaign's results: its deliveries by outcome and outbox state, the
    /// addresses it reached that unsubscribed, its responses by outcome, and the leads and
    /// opportunities the caller may see that name it as their source.
    func campaignFigures(of campaign: Campaign.ID, visibleTo principal: Principal) async throws -> CampaignFigures
}

public struct CampaignFigures: Sendable, Equatable {
    public var deliveries: [String: Int] = [:]
    /// Queued emails by outbox status (`queued`, `sending`, `sent`, `failed`).
    public var emails: [String: Int] = [:]
    public var unsubscribed = 0
    public var responses: [CampaignResponse.Outcome: Int] = [:]
    public var leads = 0
    /// Per status, per currency: how many and their value.
    public var opportunities: [OpportunityStatus: [Currency: (count: Int, value: Int128)]] = [:]
    public init() {}

    public static func == (lhs: CampaignFigures, rhs: CampaignFigures) -> Bool {
        lhs.deliveries == rhs.deliveries && lhs.emails == rhs.emails && lhs.unsubscribed == rhs.unsubscribed && lhs.responses == rhs.responses
            && lhs.leads == rhs.leads && lhs.opportunities.mapValues { $0.mapValues { "\($0.count)/\($0.value)" } }
                == rhs.opportunities.mapValues { $0.mapValues { "\($0.count)/\($0.value)" } }
    }
}

/// What distributing a campaign activity did for one member.
public struct CampaignDelivery: Sendable, Equatable {
    public enum Outcome: String, Sendable, CaseIterable {
        /// An email was queued.
        case sent
        /// No address to send to.
        case skipped
        /// The address unsubscribed.
        case suppressed
        /// An activity was made for the member (the other channels).
        case created
    }
    public let memberId: UUID
    public let outcome: Outcome
    public let address: String?
    public let token: String?
    public let emailId: UUID?
    public let recordId: UUID?

    public init(memberId: UUID, outcome: Outcome, address: String? = nil, token: String? = nil, emailId: UUID? = nil, recordId: UUID? = nil) {
        self.memberId = memberId
        self.outcome = outcome
        self.address = address
        self.token = token
        self.emailId = emailId
        self.recordId = recordId
    }
}
