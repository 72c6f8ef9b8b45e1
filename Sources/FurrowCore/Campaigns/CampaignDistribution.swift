import Foundation
import FurrowDomain

/// Distributes running campaign activities a batch at a time (rule 69): the members of the
/// campaign's active lists are read a page at a time, never all at once; for each member not
/// reached before an email is queued (with its reply and unsubscribe token) or an activity made,
/// in the same transaction as the delivery that records it, so a member is reached once however
/// often a batch is retried and however many servers run it.
public struct CampaignDistribution: Sendable {
    let env: CoreEnvironment
    public init(env: CoreEnvironment) { self.env = env }

    /// Processes one batch of the oldest running distribution; false when none is running.
    @discardableResult
    public func step(batch: Int = 200) async throws -> Bool {
        guard let id = try await env.store.read({ try await $0.runningDistributions(limit: 1) }).first else { return false }
        let owner = try await env.store.read { session -> Principal? in
            guard let activity = try await session.campaignActivity(id: id, locked: false),
                  let user = try await session.user(id: activity.ownership.ownerId) else { return nil }
            return Principal(userId: user.id, role: user.role, teamId: user.teamId)
        }
        guard let owner else { return false }
        try await env.transaction(by: owner) { transaction in
            let session = transaction.session
            // on PostgreSQL another server holding the row skips it; it is taken up again on the next round
            guard let before = try await session.campaignActivity(id: id, locked: true), before.distribution == .running,
                  let campaign = try await session.campaign(id: before.campaignId, locked: false) else { return }
            var activity = before
            var lists: [MarketingList] = []
            for listId in try await session.linkedLists(of: campaign.id) {
                if let list = try await session.marketingList(id: listId, locked: false), list.active { lists.append(list) }
            }
            var (index, cursor) = Self.position(activity.cursor)
            if index < lists.count {
                let list = lists[index]
                let page = try await Self.page(of: list, after: cursor, limit: batch, session)
                try await reach(page.ids, of: list.targetType, activity: activity, campaign: campaign, transaction)
                activity.processed += page.ids.count
                if let next = page.next { cursor = next } else { index += 1; cursor = nil }
            }
            activity.cursor = Self.cursorText(index, cursor)
            if index >= lists.count {
                activity.distribution = .done
                activity.processed = max(activity.processed, 0)
                transaction.audit(CampaignActivity.entity, id.uuid, "distributed", [FieldChange(field: "distribution", old: "running", new: "done")])
            }
            activity.version += 1
            activity.updatedAt = env.clock.now()
            _ = try await session.updateCampaignActivity(activity, over: before)
        }
        return true
    }

    /// Runs batches until no distribution is left or `limit` batches ran.
    public func run(limit: Int = 50) async throws -> Int {
        var batches = 0
        while batches < limit, try await step() { batches += 1 }
        return batches
    }

    /// Reaches the members not reached before: their deliveries are recorded first, and only the
    /// new ones get their email or activity.
    func reach(_ ids: [UUID], of target: MarketingList.TargetType, activity: CampaignActivity, campaign: Campaign, _ transaction: Transaction) async throws {
        guard !ids.isEmpty else { return }
        let session = transaction.session, now = env.clock.now()
        let members = try await session.members(ids, of: target)
        var deliveries: [CampaignDelivery] = [], emails: [UUID: OutboxEmail] = [:], records: [UUID: Activity] = [:]
        switch activity.channel {
        case .email:
            let settings = try await transaction.settings()
            let suppressed = try await session.suppressed(members.compactMap { $0.email?.lowercased() })
            let (local, domain) = Self.replyParts(settings)
            for member in members {
                guard let address = member.email?.trimmingCharacters(in: .whitespaces), !address.isEmpty else {
                    deliveries.append(CampaignDelivery(memberId: member.id, outcome: .skipped))
                    continue
                }
                if suppressed.contains(address.lowercased()) {
                    deliveries.append(CampaignDelivery(memberId: member.id, outcome: .suppressed, address: address))
                    continue
                }
                let token = Self.token()
                let values = Self.values(member, target, campaign)
                let link = settings.publicURL + "/unsubscribe/" + token
                var email = OutboxEmail(id: env.ids.next(), to: address, subject: MergeTemplate.render(activity.subject, values: values),
                                        body: MergeTemplate.render(activity.body ?? "", values: values)
                                            + "\n\n--\nTo receive no more of these emails: \(link)",
                                        nextAttemptAt: activity.scheduledStart.map { max($0, now) } ?? now, createdAt: now,
                                        relatedEntity: CampaignActivity.entity, relatedId: activity.id.uuid)
                email.replyTo = "\(local)+\(token)@\(domain)"
                email.unsubscribeURL = link
                email.htmlBody = "<p>" + MergeTemplate.render(activity.body ?? "", values: values, html: true) + "</p>\n"
                    + "<p style=\"font-size:small;color:#666\"><a href=\"\(MergeTemplate.escape(link))\">Unsubscribe</a></p>"
                emails[member.id] = email
                deliveries.append(CampaignDelivery(memberId: member.id, outcome: .sent, address: address, token: token, emailId: email.id))
            }
        case .phoneCall, .letter, .appointment, .task:
            for member in members {
                let record = try Self.activity(for: member, target, activity, id: env.newID(), now: now)
                records[member.id] = record
                deliveries.append(CampaignDelivery(memberId: member.id, outcome: .created, recordId: record.id.uuid))
            }
        }
        let fresh = try await session.insertDeliveries(deliveries, of: activity.id, at: now)
        try await session.insertEmails(emails.filter { fresh.contains($0.key) }.map(\.value).sorted { $0.to < $1.to })
        for (member, record) in records where fresh.contains(member) { try await transaction.create(record) }
    }

    /// The activity made for a member: regarding it, owned by the campaign activity's owner.
    static func activity(for member: ListMember, _ target: MarketingList.TargetType, _ source: CampaignActivity, id: Activity.ID, now: Date) throws -> Activity {
        let regarding = Regarding(target == .accounts ? .account : target == .contacts ? .contact : .lead, member.id)
        let kind: Activity.Kind = switch source.channel {
        case .phoneCall: .phoneCall
        case .appointment: .appointment
        default: .task
        }
        let start = source.scheduledStart ?? now
        let subject = (source.channel == .letter ? "Letter: " : "") + source.subject
        let activity = Activity(id: id, kind: kind, subject: String(subject.prefix(200)), description: source.body, regarding: regarding,
                                dueAt: kind.isScheduled ? nil : source.scheduledStart, startAt: kind.isScheduled ? start : nil,
                                endAt: kind.isScheduled ? (source.scheduledEnd ?? start.addingTimeInterval(3600)) : nil,
                                ownership: source.ownership, createdAt: now, updatedAt: now)
        return try activity.validated()
    }

    /// The merge fields' values for a member of a list of this target (none for a preview without members).
    static func values(_ member: ListMember?, _ target: MarketingList.TargetType?, _ campaign: Campaign) -> [String: String] {
        var values = ["campaign.name": campaign.name, "campaign.offer": campaign.offer ?? ""]
        guard let member else { return values }
        values["member.name"] = member.name
        values["member.email"] = member.email ?? ""
        values["member.organisation"] = member.organisation ?? (target == .accounts ? member.name : "")
        switch target {
        case .accounts?: values["account.name"] = member.name
        case .contacts?:
            values["contact.firstName"] = member.firstName ?? ""
            values["contact.lastName"] = member.lastName ?? ""
            values["account.name"] = member.organisation ?? ""
        case .leads?:
            values["lead.firstName"] = member.firstName ?? ""
            values["lead.lastName"] = member.lastName ?? ""
            values["lead.company"] = member.organisation ?? ""
        case nil: break
        }
        return values
    }

    /// The reply address's parts: the sender's local part, and the inbound domain (else the sender's).
    static func replyParts(_ settings: Settings) -> (String, String) {
        let parts = settings.mailFrom.split(separator: "@", maxSplits: 1).map(String.init)
        let local = parts.first.flatMap { $0.isEmpty ? nil : $0 } ?? "replies"
        let domain = settings.inboundDomain.isEmpty ? (parts.count == 2 ? parts[1] : "localhost") : settings.inboundDomain
        return (local.split(separator: "+").first.map(String.init) ?? local, domain)
    }

    /// 128 random bits as 32 hex digits: the reply and unsubscribe token of one delivery.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// One page of a list's member ids after a cursor (a static list's by id, a dynamic list's in its order, as its owner sees them).
    static func page(of list: MarketingList, after cursor: [String]?, limit: Int, _ session: any StoreSession) async throws -> (ids: [UUID], next: [String]?) {
        switch list.listType {
        case .static:
            let after = cursor?.first.flatMap(UUIDText.parse)
            let ids = try await session.staticMembers(of: list.id, after: after, limit: limit)
            return (ids, ids.count == limit ? ids.last.map { [UUIDText.lowercase($0)] } : nil)
        case .dynamic:
            var query = try MarketingListService.query(list.query ?? "", list.targetType, limit: limit)
            if let cursor, cursor.count == query.sort.count + 1 { query.after = cursor }
            return try await MarketingListService.matches(query, list.targetType, visibleTo: try await MarketingListService.owner(of: list, session), session)
        }
    }

    /// `<list index>` and the cursor in that list, stored as `2|["…","…"]`.
    static func position(_ text: String?) -> (Int, [String]?) {
        guard let text, let bar = text.firstIndex(of: "|"), let index = Int(text[..<bar]) else { return (0, nil) }
        let json = text[text.index(after: bar)...]
        let cursor = json.isEmpty ? nil : (try? JSONDecoder().decode([String].self, from: Data(json.utf8)))
        return (index, cursor)
    }

    static func cursorText(_ index: Int, _ cursor: [String]?) -> String {
        "\(index)|" + (cursor.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) } ?? "")
    }
}
