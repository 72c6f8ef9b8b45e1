import Foundation
import FurrowDomain

/// What a caller sets on an opportunity; nil leaves a value as it is on update.
public struct OpportunityInput: Sendable {
    public var fields: OpportunityFields
    public var kindId: OpportunityKind.ID?
    public var ownerId: User.ID?
    public var probability: Int?
    public var parties: [OpportunityParty]?
    public var demandLines: [DemandLine]?
    /// Product lines made with it (rules 81–83), priced as of today from `priceListId`, as `PUT /opportunities/{id}/lines` does.
    public var productLines: [QuoteInput.Line]?
    public var priceListId: PriceList.ID?

    public init(fields: OpportunityFields, kindId: OpportunityKind.ID? = nil, ownerId: User.ID? = nil, probability: Int? = nil,
                parties: [OpportunityParty]? = nil, demandLines: [DemandLine]? = nil) {
        self.fields = fields
        self.kindId = kindId
        self.ownerId = ownerId
        self.probability = probability
        self.parties = parties
        self.demandLines = demandLines
    }
}

/// An opportunity with what hangs off it, as read by the API and the pages.
public struct OpportunityDetail: Sendable {
    public let opportunity: Opportunity
    public let parties: [OpportunityParty]
    public let demandLines: [DemandLine]
}

extension StoreSession {
    /// Checks a source against its channel, and that a referenced record exists (rule 109).
    func checkSource(_ source: LeadSource, campaign campaignId: UUID? = nil) async throws {
        if let campaignId, try await campaign(id: Campaign.ID(campaignId), locked: false) == nil {
            throw ValidationError([FieldError("campaignId", "is not a campaign")])
        }
        let channel = try await source.channelId.asyncMap { try await self.channel(id: $0) } ?? nil
        if source.channelId != nil && channel == nil { throw ValidationError([FieldError("channelId", "is not a channel")]) }
        try source.check(against: channel)
        guard let type = source.refType, let id = source.refId else { return }
        let exists: Bool
        switch type {
        case .user: exists = try await user(id: User.ID(id)) != nil
        case .account: exists = try await account(id: Account.ID(id)) != nil
        case .contact: exists = try await contact(id: Contact.ID(id)) != nil
        case .campaign: exists = try await campaign(id: Campaign.ID(id), locked: false) != nil
        case .other: exists = false
        }
        if !exists { throw ValidationError([FieldError("sourceRef", "no \(type.rawValue) with that id")]) }
    }

    func checkParties(_ parties: [OpportunityParty], by principal: Principal) async throws {
        for (index, party) in parties.enumerated() {
            let ok: Bool
            switch party.partyType {
            case .account: ok = try await account(id: Account.ID(party.partyId)).map { principal.canSee($0.ownership) } ?? false
            case .contact: ok = try await contact(id: Contact.ID(party.partyId)).map { principal.canSee($0.ownership) } ?? false
            case .user: ok = try await user(id: User.ID(party.partyId)) != nil
            case .competitor: ok = try await reason(id: Reason.ID(party.partyId))?.kind == .competitor
            }
            if !ok { throw ValidationError([FieldError("parties[\(index)].partyId", "is not a \(party.partyType.rawValue) you can see")]) }
            if party.role == .competitor && party.partyType != .competitor && party.partyType != .account {
                throw ValidationError([FieldError("parties[\(index)].partyType", "a competitor is a competitor or an account")])
            }
        }
    }

    func visibleOpportunity(_ id: Opportunity.ID, _ principal: Principal) async throws -> Opportunity {
        guard let opportunity = try await opportunity(id: id), principal.canSee(opportunity.ownership) else {
            throw CoreError.notFound("opportunity")
        }
        return opportunity
    }

    func changeableOpportunity(_ id: Opportunity.ID, _ principal: Principal) async throws -> Opportunity {
        let opportunity = try await visibleOpportunity(id, principal)
        guard principal.canChange(opportunity.ownership) else { throw CoreError.forbidden("your role cannot change records") }
        return opportunity
    }
}

extension Opportunity {
    var auditValues: [String: String] {
        var values = ["name": fields.name, "kindId": kindId.string, "status": status.rawValue, "probability": String(probability),
                      "currency": fields.currency.code, "revenueMode": fields.revenueMode.rawValue, "ownerId": ownership.ownerId.string]
        values["accountId"] = fields.accountId?.string
        values["contactId"] = fields.contactId?.string
        values["stageId"] = stageId?.string
        values["termsOfSale"] = fields.termsOfSale
        values["estimatedRevenue"] = fields.estimatedRevenue?.decimalString
        values["expectedCloseDate"] = fields.expectedCloseDate?.description
        values["channelId"] = fields.source.channelId?.string
        values["sourceRef"] = fields.source.refId.map { "\(fields.source.refType?.rawValue ?? ""):\($0.uuidString.lowercased())" }
        values["sourceText"] = fields.source.text
        values["campaignId"] = fields.campaignId?.uuidString.lowercased()
        values["comment"] = fields.comment
        values["actualRevenue"] = actualRevenue?.decimalString
        values["lostReasonId"] = lostReasonId?.string
        return values
    }

    var searchEntry: SearchEntry {
        SearchEntry(kind: .opportunity, id: id.uuid, title: fields.name,
                    subtitle: [status.label, fields.estimatedRevenue?.displayText].compactMap { $0 }.joined(separator: " · "),
                    text: [fields.name, fields.comment].compactMap { $0 }.joined(separator: " "), ownership: ownership)
    }
}
