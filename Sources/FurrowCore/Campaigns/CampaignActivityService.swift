import Foundation
import FurrowDomain

/// Campaign activities (SPEC §8, rules 67–69): made on a saved campaign, previewed for a member,
/// and distributed — an email queued in the outbox for every member with an address that has not
/// unsubscribed, or an activity made for every member — in batches by `CampaignDistribution`.
public struct CampaignActivityService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public struct Input: Sendable {
        public var channel: CampaignActivity.Channel?
        public var subject: String?
        public var body: String?
        public var scheduledStart: Date?
        public var scheduledEnd: Date?
        public var ownerId: User.ID?
        public init() {}
    }

    /// What distributing an activity has done so far.
    public struct Progress: Sendable, Equatable {
        public let activity: CampaignActivity
        public let counts: [CampaignDelivery.Outcome: Int]
        public init(activity: CampaignActivity, counts: [CampaignDelivery.Outcome: Int]) {
            self.activity = activity
            self.counts = counts
        }
    }

    public func create(on campaignId: Campaign.ID, _ input: Input, by principal: Principal) async throws -> CampaignActivity {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        guard let channel = input.channel else { throw ValidationError([FieldError("channel", "is required: email, phoneCall, letter, appointment or task")]) }
        let now = env.clock.now()
        let draft = try CampaignActivity(id: env.newID(), campaignId: campaignId, channel: channel, subject: input.subject ?? "", body: input.body,
                                         scheduledStart: input.scheduledStart, scheduledEnd: input.scheduledEnd,
                                         ownership: Ownership(ownerId: principal.userId, teamId: principal.teamId), createdAt: now, updatedAt: now).validated()
        return try await env.transaction(by: principal) { transaction in
            let campaign = try await transaction.loadChangeable(Campaign.self, campaignId)
            guard campaign.active else { throw CampaignError.campaignInactive }
            // rule 67: a campaign activity needs a marketing list on the campaign
            guard !(try await transaction.session.linkedLists(of: campaignId)).isEmpty else { throw CampaignError.noList }
            var activity = draft
            activity.ownership = try await transaction.session.ownership(requested: input.ownerId, by: principal)
            try await transaction.create(activity)
            return activity
        }
    }

    public func list(of campaignId: Campaign.ID, by principal: Principal) async throws -> [CampaignActivity] {
        try await env.reading(by: principal) { transaction in
            _ = try await transaction.load(Campaign.self, campaignId)
            return try await transaction.session.campaignActivities(of: campaignId)
        }
    }

    public func get(_ id: CampaignActivity.ID, by principal: Principal) async throws -> Progress {
        try await env.reading(by: principal) { transaction in
            let activity = try await transaction.load(CampaignActivity.self, id)
            return Progress(activity: activity, counts: try await transaction.session.deliveryCounts(of: id))
        }
    }

    /// The email as the member (or the first member of the campaign's lists) would get it.
    public struct Preview: Sendable, Equatable {
        public let member: ListMember?
        public let subject: String
        public let text: String
        public let html: String
    }

    public func preview(_ id: CampaignActivity.ID, member memberId: UUID?, by principal: Principal) async throws -> Preview {
        try await env.reading(by: principal) { transaction in
            let activity = try await transaction.load(CampaignActivity.self, id)
            let campaign = try await transaction.load(Campaign.self, activity.campaignId)
            let session = transaction.session
            var found: (ListMember, MarketingList.TargetType)?
            for listId in try await session.linkedLists(of: campaign.id) where found == nil {
                guard let list = try await session.marketingList(id: listId, locked: false) else { continue }
                if let memberId {
                    if let member = try await session.members([memberId], of: list.targetType).first { found = (member, list.targetType) }
                } else {
                    let ids = try await CampaignDistribution.page(of: list, after: nil, limit: 1, session).ids
                    if let member = try await session.members(ids, of: list.targetType).first { found = (member, list.targetType) }
                }
            }
            if memberId != nil && found == nil { throw CoreError.notFound("member") }
            let values = found.map { CampaignDistribution.values($0.0, $0.1, campaign) } ?? CampaignDistribution.values(nil, nil, campaign)
            return Preview(member: found?.0, subject: MergeTemplate.render(activity.subject, values: values),
                           text: MergeTemplate.render(activity.body ?? "", values: values),
                           html: MergeTemplate.render(activity.body ?? "", values: values, html: true))
        }
    }

    /// Starts (or resumes) the distribution (rule 68: the campaign is ready to launch or launched,
    /// and active). Members reached before are not reached again.
    public func distribute(_ id: CampaignActivity.ID, by principal: Principal) async throws -> Progress {
        try await env.transaction(by: principal) { transaction in
            let current = try await transaction.load(CampaignActivity.self, id)
            let campaign = try await transaction.load(Campaign.self, current.campaignId)
            guard current.access.changeable(by: principal) || campaign.access.changeable(by: principal) else {
                throw CoreError.forbidden("your role cannot distribute this campaign activity")
            }
            guard campaign.active, campaign.status.distributes else { throw CampaignError.notReady(campaign.status) }
            let session = transaction.session
            var total = 0, lists = 0
            for listId in try await session.linkedLists(of: campaign.id) {
                guard let list = try await session.marketingList(id: listId, locked: false), list.active else { continue }
                lists += 1
                total += try await MarketingListService.count(list, session)
            }
            guard lists > 0 else { throw CampaignError.noList }
            guard let before = try await session.campaignActivity(id: id, locked: true) else { throw CoreError.versionConflict(current: current.version) }
            var activity = before
            activity.distribution = .running
            activity.cursor = nil
            activity.total = total
            activity.processed = 0
            activity.version += 1
            activity.updatedAt = env.clock.now()
            guard try await session.updateCampaignActivity(activity, over: before) else { throw CoreError.versionConflict(current: before.version) }
            transaction.audit(CampaignActivity.entity, id.uuid, "distribute", [FieldChange(field: "distribution", old: before.distribution.rawValue, new: "running")])
            return Progress(activity: activity, counts: try await session.deliveryCounts(of: id))
        }
    }

    /// One-click unsubscribe (RFC 8058) from a campaign email's link: the address is suppressed
    /// for every later distribution. Answers the address; an unknown token is a 404.
    public func unsubscribe(token: String) async throws -> String {
        guard token.count == 32, token.allSatisfy({ $0.isHexDigit && $0.isASCII }) else { throw CoreError.notFound("unsubscribe link") }
        return try await env.store.write { session in
            guard let delivery = try await session.delivery(token: token.lowercased()), let address = delivery.address else {
                throw CoreError.notFound("unsubscribe link")
            }
            if try await session.suppress(address, reason: "unsubscribed from campaign activity \(delivery.activity)", at: env.clock.now()) {
                try await session.audit(env, entity: CampaignActivity.entity, id: delivery.activity.uuid, action: "unsubscribe", actor: nil,
                                        changes: [FieldChange(field: "suppressed", old: nil, new: address)])
            }
            return address
        }
    }
}

extension CampaignActivity: StoredRecord {
    static let entity = "campaignActivity"
    static let noun = "campaign activity"
    var access: RecordAccess { .published(ownership) }
    mutating func stamp(at time: Date) { updatedAt = time }
    static func load(_ id: ID, locked: Bool, in session: any StoreSession) async throws -> CampaignActivity? {
        try await session.campaignActivity(id: id, locked: false)
    }
    func insert(in session: any StoreSession) async throws { try await session.insertCampaignActivity(self) }
    func save(over before: CampaignActivity, in session: any StoreSession) async throws -> Bool { try await session.updateCampaignActivity(self, over: before) }

    var auditValues: [String: String] {
        var values = ["campaignId": "campaign:" + campaignId.string, "channel": channel.rawValue, "subject": subject,
                      "distribution": distribution.rawValue, "ownerId": ownership.ownerId.string]
        values["body"] = body
        values["scheduledStart"] = scheduledStart.map(Timestamp.string)
        values["scheduledEnd"] = scheduledEnd.map(Timestamp.string)
        return values
    }
}
