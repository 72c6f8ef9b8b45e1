import Foundation

/// A response to a campaign (seed 003, rules 70–72): entered by hand or captured from a reply to
/// a campaign email, from a known member (a lead, contact or account) or someone named by name and
/// address; converted once into a new or existing lead or an opportunity, whose source campaign is set.
public struct CampaignResponse: Sendable, Equatable {
    public typealias ID = Identifier<CampaignResponse>

    public enum Channel: String, Sendable, CaseIterable { case email, phone, letter, web, event, other }
    public enum Outcome: String, Sendable, CaseIterable { case interested, moreInformation, notInterested, doNotContact, other }
    public enum PartyKind: String, Sendable, CaseIterable { case lead, contact, account }
    public enum Conversion: String, Sendable, CaseIterable {
        case newLead, existingLead, opportunity, quote, order

        /// The web and API collection of the record it made.
        public var collection: String {
            switch self {
            case .newLead, .existingLead: "leads"
            case .opportunity: "opportunities"
            case .quote: "quotes"
            case .order: "orders"
            }
        }
        /// The record it made, in words.
        public var noun: String {
            switch self {
            case .newLead, .existingLead: "Lead"
            case .opportunity: "Opportunity"
            case .quote: "Quote"
            case .order: "Order"
            }
        }
    }

    public struct Party: Sendable, Equatable {
        public let kind: PartyKind
        public let id: UUID
        public init(_ kind: PartyKind, _ id: UUID) {
            self.kind = kind
            self.id = id
        }
    }

    public var id: ID
    public var campaignId: Campaign.ID
    public var activityId: CampaignActivity.ID?
    public var channel: Channel
    public var party: Party?
    public var name: String?
    public var email: String?
    public var subject: String
    public var body: String?
    public var receivedAt: Date
    public var outcome: Outcome
    /// What it was converted into: the lead's or opportunity's id.
    public var convertedTo: (kind: Conversion, id: UUID)?
    public var ownership: Ownership
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: ID, campaignId: Campaign.ID, activityId: CampaignActivity.ID? = nil, channel: Channel, party: Party? = nil, name: String? = nil,
                email: String? = nil, subject: String, body: String? = nil, receivedAt: Date, outcome: Outcome = .other,
                ownership: Ownership, version: Int = 1, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.campaignId = campaignId
        self.activityId = activityId
        self.channel = channel
        self.party = party
        self.name = name
        self.email = email
        self.subject = subject
        self.body = body
        self.receivedAt = receivedAt
        self.outcome = outcome
        self.ownership = ownership
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public static func == (lhs: CampaignResponse, rhs: CampaignResponse) -> Bool {
        lhs.id == rhs.id && lhs.version == rhs.version && lhs.outcome == rhs.outcome && lhs.convertedTo?.id == rhs.convertedTo?.id
            && lhs.subject == rhs.subject && lhs.body == rhs.body && lhs.party == rhs.party && lhs.name == rhs.name && lhs.email == rhs.email
    }

    /// The response as entered, or every field error at once: someone it is from (a party, or a name or address).
    public func validated() throws(ValidationError) -> CampaignResponse {
        var check = Validator()
        var response = self
        response.subject = check.text("subject", subject, required: true, maxLength: 300) ?? ""
        response.name = check.text("name", name, maxLength: 200)
        response.email = email.flatMap { $0.trimmedSpaces().isEmpty ? nil : check.email("email", $0) }
        response.body = body?.trimmingCharacters(in: .whitespacesAndNewlines)
        if response.body?.isEmpty == true { response.body = nil }
        if let text = response.body, text.count > 20_000 { response.body = String(text.prefix(20_000)) }
        if party == nil && response.name == nil && response.email == nil { check.add("name", "say who responded: a party, a name or an email address") }
        try check.check()
        return response
    }

    /// Rule 71: a response converts once.
    public func checkConvertible() throws(CampaignError) {
        if convertedTo != nil { throw .responseConverted }
    }

    /// A name split for a new lead: the last word is the last name.
    public var names: (first: String?, last: String?) {
        guard let name = name?.trimmedSpaces(), !name.isEmpty else { return (nil, nil) }
        let words = name.split(separator: " ")
        guard words.count > 1 else { return (nil, name) }
        return (words.dropLast().joined(separator: " "), String(words.last!))
    }
}
