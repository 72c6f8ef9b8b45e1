import Foundation
import FurrowDomain

/// Why an inbound email is not taken as a campaign response.
public struct InboundRefusal: Error, Sendable, Equatable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// Campaign responses (SPEC §8, rules 70–72): entered by hand, captured from replies to campaign
/// emails through the mail gateway, and converted once into a new or an existing lead or an
/// opportunity whose source campaign is set.
public struct CampaignResponseService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public struct Input: Sendable {
        public var campaignId: Campaign.ID?
        public var channel: CampaignResponse.Channel?
        public var party: CampaignResponse.Party?
        public var name: String?
        public var email: String?
        public var subject: String?
        public var body: String?
        public var receivedAt: Date?
        public var outcome: CampaignResponse.Outcome?
        public init() {}
    }

    public func create(_ input: Input, by principal: Principal) async throws -> CampaignResponse {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        guard let campaignId = input.campaignId else { throw ValidationError([FieldError("campaignId", "is required")]) }
        let now = env.clock.now()
        let response = try CampaignResponse(id: env.newID(), campaignId: campaignId, channel: input.channel ?? .other, party: input.party,
                                            name: input.name, email: input.email, subject: input.subject ?? "", body: input.body,
                                            receivedAt: input.receivedAt ?? now, outcome: input.outcome ?? .other,
                                            ownership: Ownership(ownerId: principal.userId, teamId: principal.teamId), createdAt: now, updatedAt: now)
            .validated()
        return try await env.transaction(by: principal) { transaction in
            guard try await transaction.session.campaign(id: campaignId, locked: false) != nil else {
                throw ValidationError([FieldError("campaignId", "is not a campaign")])
            }
            if let party = response.party, try await !Self.visible(party, principal, transaction.session) {
                throw ValidationError([FieldError("party.id", "is not a \(party.kind.rawValue) you can see")])
            }
            try await transaction.create(response)
            return response
        }
    }

    static func visible(_ party: CampaignResponse.Party, _ principal: Principal, _ session: any StoreSession) async throws -> Bool {
        try await session.visibleTargets([party.id], of: target(party.kind), visibleTo: principal).contains(party.id)
    }

    public func get(_ id: CampaignResponse.ID, by principal: Principal) async throws -> CampaignResponse {
        try await env.reading(by: principal) { transaction in try await transaction.load(CampaignResponse.self, id) }
    }

    public func list(of campaign: Campaign.ID, limit: Int = 500, by principal: Principal) async throws -> [CampaignResponse] {
        try await env.reading(by: principal) { transaction in
            _ = try await transaction.load(Campaign.self, campaign)
            return try await transaction.session.campaignResponses(of: campaign, limit: limit).filter { $0.access.visible(to: principal) }
        }
    }

    /// Sets how the response turned out (a captured reply starts as `other`).
    public func setOutcome(_ id: CampaignResponse.ID, _ outcome: CampaignResponse.Outcome, by principal: Principal) async throws -> CampaignResponse {
        try await env.transaction(by: principal) { transaction in
            try await transaction.change(CampaignResponse.self, id, action: "update") { $0.outcome = outcome }
        }
    }

    // MARK: replies (rule 70)

    /// Takes a raw email: a reply to a campaign email (by the token in the address it was sent to,
    /// or by the message it answers) becomes a response of that campaign from that member, owned
    /// by the campaign activity's owner. Anything else is refused with the reason.
    public func capture(_ data: Data) async throws -> CampaignResponse {
        let message = try InboundMessage.parse(data)
        return try await env.store.write { session in
            var found: (activity: CampaignActivity.ID, member: UUID)?
            if let token = message.replyToken, let delivery = try await session.delivery(token: token) { found = (delivery.activity, delivery.member) }
            if found == nil {
                for answered in message.answers {
                    guard let local = answered.split(separator: "@").first, answered.hasSuffix("@furrow"),
                          let emailId = UUIDText.parse(String(local)), let delivery = try await session.delivery(emailId: emailId) else { continue }
                    found = (delivery.activity, delivery.member)
                    break
                }
            }
            guard let found, let activity = try await session.campaignActivity(id: found.activity, locked: false) else {
                throw InboundRefusal("It is not a reply to a campaign email: no reply address with a token and no campaign email it answers.")
            }
            let now = env.clock.now()
            let kind = try await session.partyKind(of: found.member)
            var response = CampaignResponse(id: env.newID(), campaignId: activity.campaignId, activityId: activity.id, channel: .email,
                                            party: kind.map { .init($0, found.member) }, name: message.fromName, email: nil,
                                            subject: message.subject.isEmpty ? "(no subject)" : message.subject, body: message.text,
                                            receivedAt: message.date.map { Bounds.contains($0) ? $0 : now } ?? now, ownership: activity.ownership,
                                            createdAt: now, updatedAt: now)
            if let address = message.fromAddress, EmailAddress.problem(address) == nil { response.email = address }
            let valid = try response.validated()
            try await session.insertCampaignResponse(valid)
            try await session.audit(env, entity: CampaignResponse.entity, id: valid.id.uuid, action: "capture", actor: nil,
                                    changes: AuditDiff.changes(from: [:], to: valid.auditValues))
            try await session.insertNotification(NotificationRecord(id: env.ids.next(), userId: activity.ownership.ownerId,
                                                                    message: "A reply to “\(activity.subject)”: \(valid.subject)",
                                                                    link: "/campaign-responses/\(valid.id)", createdAt: now))
            return valid
        }
    }

    // MARK: conversion (rules 71–72)

    public struct Conversion: Sendable {
        public var to: CampaignResponse.Conversion?
        public var leadId: Lead.ID?
        public var accountId: Account.ID?
        public init() {}
    }

    /// Converts the response once: into a new lead filled in from it, an existing lead, or an
    /// opportunity of an account; the lead's or opportunity's source campaign is the response's.
    public func convert(_ id: CampaignResponse.ID, _ conversion: Conversion, by principal: Principal) async throws -> (CampaignResponse, UUID) {
        guard let to = conversion.to else { throw ValidationError([FieldError("to", "is required: newLead, existingLead or opportunity")]) }
        return try await env.transaction(by: principal) { transaction in
            let response = try await transaction.loadChangeable(CampaignResponse.self, id, locked: true)
            try response.checkConvertible()
            let session = transaction.session
            let campaign = try await transaction.load(Campaign.self, response.campaignId)
            let channel = try await session.channels().first { $0.impactType == .campaign }
            let source = LeadSource(channelId: channel?.id, refType: channel == nil ? nil : .campaign, refId: channel == nil ? nil : campaign.id.uuid)
            let target: UUID
            switch to {
            case .newLead:
                var fields = LeadFields(topic: response.subject, email: response.email, requirements: response.body, source: source,
                                        campaignId: campaign.id.uuid)
                (fields.firstName, fields.lastName) = response.names
                if let party = response.party, let member = try await session.members([party.id], of: Self.target(party.kind)).first {
                    fields.firstName = member.firstName ?? fields.firstName
                    fields.lastName = member.lastName ?? (party.kind == .account ? nil : member.name)
                    fields.companyName = party.kind == .account ? member.name : member.organisation
                    fields.email = fields.email ?? member.email
                }
                if fields.lastName == nil && fields.companyName == nil { fields.lastName = response.email ?? "Unknown" }
                fields.topic = String(fields.topic.prefix(200))
                let lead = try await LeadService(env).insert(try fields.validated(),
                                                             ownership: Ownership(ownerId: principal.userId, teamId: principal.teamId), in: transaction)
                target = lead.id.uuid
            case .existingLead:
                guard let leadId = conversion.leadId else { throw ValidationError([FieldError("leadId", "is required to convert into an existing lead")]) }
                let lead = try await transaction.change(Lead.self, leadId, action: "source campaign") { lead in lead.fields.campaignId = campaign.id.uuid }
                target = lead.id.uuid
            case .opportunity, .quote, .order:
                var accountId = conversion.accountId, contactId: Contact.ID?
                if let party = response.party {
                    switch party.kind {
                    case .account: accountId = accountId ?? Account.ID(party.id)
                    case .contact:
                        contactId = Contact.ID(party.id)
                        let contact = try await session.contact(id: Contact.ID(party.id))
                        if accountId == nil { accountId = contact?.fields.accountId }
                    case .lead: break
                    }
                }
                guard let accountId else { throw ValidationError([FieldError("accountId", "name the account the opportunity is for")]) }
                let fields = try OpportunityFields(name: String(response.subject.prefix(200)), accountId: accountId, contactId: contactId,
                                                   currency: campaign.currency, source: source,
                                                   campaignId: campaign.id.uuid, comment: response.body.map { String($0.prefix(2000)) }).validated()
                let opportunity = try await OpportunityService(env).insert(fields, input: OpportunityInput(fields: fields),
                                                                           ownership: Ownership(ownerId: principal.userId, teamId: principal.teamId),
                                                                           leadId: nil, in: transaction)
                switch to {
                case .quote:
                    // rule 74: a quick campaign's response may become a quote (a draft on the campaign's opportunity)
                    target = try await QuoteService(env).draft(QuoteInput(opportunityId: opportunity.id, contactId: contactId,
                                                                          name: String(response.subject.prefix(200))), in: transaction).id.uuid
                case .order:
                    target = try await OrderService(env).insert(.init(accountId: accountId, contactId: contactId, opportunityId: opportunity.id,
                                                                      currency: campaign.currency, lines: []), in: transaction).id.uuid
                default:
                    target = opportunity.id.uuid
                }
            }
            let converted = try await transaction.change(CampaignResponse.self, id, action: "convert") { response in
                response.convertedTo = (to, target)
            }
            return (converted, target)
        }
    }

    public static func target(_ kind: CampaignResponse.PartyKind) -> MarketingList.TargetType {
        switch kind {
        case .lead: .leads
        case .contact: .contacts
        case .account: .accounts
        }
    }
}

extension CampaignResponse: StoredRecord {
    static let entity = "campaignResponse"
    static let noun = "campaign response"
    var access: RecordAccess { .owned(ownership) }
    mutating func stamp(at time: Date) { updatedAt = time }
    static func load(_ id: ID, locked: Bool, in session: any StoreSession) async throws -> CampaignResponse? { try await session.campaignResponse(id: id) }
    func insert(in session: any StoreSession) async throws { try await session.insertCampaignResponse(self) }
    func save(over before: CampaignResponse, in session: any StoreSession) async throws -> Bool { try await session.updateCampaignResponse(self, over: before) }

    var auditValues: [String: String] {
        var values = ["campaignId": "campaign:" + campaignId.string, "channel": channel.rawValue, "subject": subject, "outcome": outcome.rawValue,
                      "receivedAt": Timestamp.string(receivedAt), "ownerId": ownership.ownerId.string]
        values["activityId"] = activityId.map { "campaignActivity:" + $0.string }
        values["party"] = party.map { "\($0.kind.rawValue):\(UUIDText.lowercase($0.id))" }
        values["name"] = name
        values["email"] = email
        values["convertedTo"] = convertedTo.map { "\($0.kind.rawValue):\(UUIDText.lowercase($0.id))" }
        return values
    }
}
