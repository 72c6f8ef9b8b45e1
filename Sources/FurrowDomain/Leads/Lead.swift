import Foundation

/// A lead (SPEC §2): someone who may buy, before qualification. It may come from a campaign or
/// be created directly; its source names the channel it came through.
public struct Lead: Sendable, Equatable {
    public typealias ID = Identifier<Lead>

    public var id: ID
    public var fields: LeadFields { didSet { if fields.source.channelId != oldValue.source.channelId { names["channelName"] = nil } } }
    public var status: LeadStatus
    public var disqualifyReasonId: Reason.ID?
    public var qualified: Qualification?
    public var ownership: Ownership { didSet { if ownership.ownerId != oldValue.ownerId { names["ownerName"] = nil } } }
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// The display names of the records it refers to, as read with it (see `Contact.names`).
    public var names: [String: String] = [:]

    public init(id: ID, fields: LeadFields, status: LeadStatus = .new, disqualifyReasonId: Reason.ID? = nil,
                qualified: Qualification? = nil, ownership: Ownership, version: Int = 1, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.fields = fields
        self.status = status
        self.disqualifyReasonId = disqualifyReasonId
        self.qualified = qualified
        self.ownership = ownership
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The records a qualification created or linked (rule 51).
    public struct Qualification: Sendable, Equatable {
        public let accountId: Account.ID?
        public let contactId: Contact.ID?
        public let opportunityId: Opportunity.ID

        public init(accountId: Account.ID?, contactId: Contact.ID?, opportunityId: Opportunity.ID) {
            self.accountId = accountId
            self.contactId = contactId
            self.opportunityId = opportunityId
        }
    }

    /// A qualified or disqualified lead is no longer edited; a manager reactivates a disqualified one.
    public func checkEditable() throws(PipelineError) {
        if status == .qualified { throw .leadAlreadyQualified }
        if status == .disqualified { throw .leadDisqualified }
    }
}

public struct LeadFields: Sendable, Equatable {
    public var topic: String
    public var firstName: String?
    public var lastName: String?
    public var companyName: String?
    public var email: String?
    public var phone: String?
    public var requirements: String?
    public var estimatedValue: Money?
    public var source: LeadSource
    public var campaignId: UUID?

    public init(topic: String, firstName: String? = nil, lastName: String? = nil, companyName: String? = nil,
                email: String? = nil, phone: String? = nil, requirements: String? = nil, estimatedValue: Money? = nil,
                source: LeadSource = LeadSource(), campaignId: UUID? = nil) {
        self.topic = topic
        self.firstName = firstName
        self.lastName = lastName
        self.companyName = companyName
        self.email = email
        self.phone = phone
        self.requirements = requirements
        self.estimatedValue = estimatedValue
        self.source = source
        self.campaignId = campaignId
    }

    /// A lead names a person, an organisation, or both (rule 53).
    public func validated() throws(ValidationError) -> LeadFields {
        var check = Validator()
        var result = self
        result.topic = check.text("topic", topic, required: true) ?? ""
        result.firstName = check.text("firstName", firstName, maxLength: 100)
        result.lastName = check.text("lastName", lastName, maxLength: 100)
        result.companyName = check.text("companyName", companyName)
        result.email = check.email("email", email)
        result.phone = check.phone("phone", phone)
        result.requirements = check.text("requirements", requirements, maxLength: 4000)
        result.source.text = check.text("sourceText", source.text, maxLength: 200)
        if result.lastName == nil && result.companyName == nil {
            check.add("lastName", "a lead needs a last name or a company name")
        }
        if let value = estimatedValue, value.minorUnits < 0 { check.add("estimatedValue", "cannot be negative") }
        try check.check()
        return result
    }

    public var personName: String? {
        let name = [firstName, lastName].compactMap { $0 }.joined(separator: " ")
        return name.isEmpty ? nil : name
    }

    public var searchText: String {
        [topic, personName, companyName, email, phone, phone.map(Normalise.phone)].compactMap { $0 }.joined(separator: " ")
    }
}

/// A catalog row with a name: disqualify reasons, reasons for losing, competitors.
public struct Reason: Sendable, Equatable {
    public typealias ID = Identifier<Reason>
    public var id: ID
    public var kind: Kind
    public var name: String
    public var active: Bool

    public enum Kind: String, Sendable, Codable, CaseIterable { case disqualify, lost, competitor }

    public init(id: ID, kind: Kind, name: String, active: Bool = true) {
        self.id = id
        self.kind = kind
        self.name = name
        self.active = active
    }
}
