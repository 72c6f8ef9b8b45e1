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
}
