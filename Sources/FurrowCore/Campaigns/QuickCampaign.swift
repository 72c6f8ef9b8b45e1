import Foundation
import FurrowDomain

extension CampaignService {
    /// The quick campaign wizard (rules 74–75): from an active list, a launched quick campaign
    /// with that list and one campaign activity, whose distribution starts at once — an email or
    /// an activity for every member, each completable; its responses convert as any campaign's.
    public func quick(from listId: MarketingList.ID, name: String?, channel: CampaignActivity.Channel?, subject: String?, description: String?,
                      by principal: Principal) async throws -> (Campaign, CampaignActivity) {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        let settings = try await SettingsService(env).current()
        let now = env.clock.now()
        let ownership = Ownership(ownerId: principal.userId, teamId: principal.teamId)
        var errors: [FieldError] = []
        if channel == nil { errors.append(FieldError("channel", "is required: email, phoneCall, letter, appointment or task")) }
        var campaign = Campaign(id: env.newID(), name: name ?? "", kind: .directMarketing, status: .launched,
                                currency: Currency(settings.baseCurrency) ?? Currency("EUR")!, description: description, quick: true,
                                ownership: ownership, createdAt: now, updatedAt: now)
        do { campaign = try campaign.validated() } catch { errors += error.errors }
        var activity = CampaignActivity(id: env.newID(), campaignId: campaign.id, channel: channel ?? .task, subject: subject ?? "", body: description,
                                        ownership: ownership, createdAt: now, updatedAt: now)
        do { activity = try activity.validated() } catch { errors += error.errors }
        if !errors.isEmpty { throw ValidationError(errors) }
        let made = activity, quick = campaign
        return try await env.transaction(by: principal) { transaction in
            let campaign = quick
            let list = try await transaction.load(MarketingList.self, listId)
            try list.checkActive()
            try await transaction.create(campaign)
            _ = try await transaction.session.linkList(listId, to: campaign.id, at: now)
            var activity = made
            activity.distribution = .running
            activity.total = try await MarketingListService.count(list, transaction.session)
            try await transaction.create(activity)
            return (campaign, activity)
        }
    }
}
