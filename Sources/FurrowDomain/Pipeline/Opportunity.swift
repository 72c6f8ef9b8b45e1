import Foundation

/// A sales opportunity (SPEC §3; rule 96): who it is with, what it is worth, where it stands.
public struct Opportunity: Sendable, Equatable {
    public typealias ID = Identifier<Opportunity>

    public var id: ID
    public var fields: OpportunityFields {
        didSet {
            if fields.accountId != oldValue.accountId { names["accountName"] = nil }
            if fields.contactId != oldValue.contactId { names["contactName"] = nil }
        }
    }
    public var kindId: OpportunityKind.ID { didSet { if kindId != oldValue { names["kindName"] = nil } } }
    public var stageId: Stage.ID? { didSet { if stageId != oldValue { names["stageName"] = nil } } }
    public var status: OpportunityStatus
    public var probability: Int
    /// True once someone typed a probability; entering a stage then keeps it.
    public var probabilitySetByHand: Bool
    public var actualRevenue: Money?
    public var lostReasonId: Reason.ID?
    public var closedAt: Date?
    public var leadId: Lead.ID?
    public var ownership: Ownership { didSet { if ownership.ownerId != oldValue.ownerId { names["ownerName"] = nil } } }
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// The display names of the records it refers to, as read with it (`accountName`,
    /// `ownerName`, …): filled by the store's reads, empty on one built in memory. A name whose
    /// reference changes is dropped rather than left stale; the next read has the new one.
    public var names: [String: String] = [:]

    public init(id: ID, fields: OpportunityFields, kindId: OpportunityKind.ID, stageId: Stage.ID?, status: OpportunityStatus = .inProgress,
                probability: Int, probabilitySetByHand: Bool = false, actualRevenue: Money? = nil, lostReasonId: Reason.ID? = nil,
                closedAt: Date? = nil, leadId: Lead.ID? = nil, ownership: Ownership, version: Int = 1, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.fields = fields
        self.kindId = kindId
        self.stageId = stageId
        self.status = status
        self.probability = probability
        self.probabilitySetByHand = probabilitySetByHand
        self.actualRevenue = actualRevenue
        self.lostReasonId = lostReasonId
        self.closedAt = closedAt
        self.leadId = leadId
        self.ownership = ownership
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// A closed opportunity refuses edits, moves and new documents (rule 112).
    public func checkOpen() throws(PipelineError) {
        if status.isClosed { throw .opportunityClosed }
    }

    /// Moves to `target` under the kind's rules and the stage's gate; the probability follows the
    /// stage's default unless it was set by hand.
    public mutating func advance(to target: Stage, kind: OpportunityKind, facts: StageFacts) throws(PipelineError) {
        try checkOpen()
        try kind.checkMove(from: stageId, to: target.id)
        let missing = target.requirements.unmet(by: facts)
        if !missing.isEmpty { throw .stageRequirementsUnmet(missing) }
        stageId = target.id
        if !probabilitySetByHand { probability = target.defaultProbability }
    }

    /// Closes as won or lost (rules 93–94, 110–111): lost needs a reason; open quotes must be
    /// closed first. A won deal's actual revenue defaults to the estimate.
    /// What the deal counts for in reports, the board and the funnel: its actual revenue once
    /// won (net of tax), its estimate otherwise.
    public var value: Money? { status == .won ? (actualRevenue ?? fields.estimatedRevenue) : fields.estimatedRevenue }

    public mutating func close(won: Bool, actualRevenue: Money?, lostReason: Reason.ID?, hasOpenQuotes: Bool, at date: Date) throws(PipelineError) {
        let next = try status.applying(won ? .win : .lose)
        if hasOpenQuotes { throw .openQuotes }
        if !won && lostReason == nil { throw .lostReasonRequired }
        status = next
        self.actualRevenue = won ? (actualRevenue ?? fields.estimatedRevenue) : actualRevenue
        self.lostReasonId = won ? nil : lostReason
        probability = won ? 100 : 0
        closedAt = date
    }

    public mutating func reopen() throws(PipelineError) {
        status = try status.applying(.reopen)
        closedAt = nil
        lostReasonId = nil
        actualRevenue = nil
    }
}

public enum RevenueMode: String, Sendable, Codable, CaseIterable {
    /// Estimated revenue typed by the user.
    case user
    /// Estimated revenue = the sum of the product lines (rule 82).
    case system
}

public struct OpportunityFields: Sendable, Equatable {
    public var name: String
    public var accountId: Account.ID?
    public var contactId: Contact.ID?
    public var termsOfSale: String?
    public var estimatedRevenue: Money?
    public var currency: Currency
    public var revenueMode: RevenueMode
    public var expectedCloseDate: Day?
    public var source: LeadSource
    public var campaignId: UUID?
    public var comment: String?

    public init(name: String, accountId: Account.ID? = nil, contactId: Contact.ID? = nil, termsOfSale: String? = nil,
                estimatedRevenue: Money? = nil, currency: Currency, revenueMode: RevenueMode = .user, expectedCloseDate: Day? = nil,
                source: LeadSource = LeadSource(), campaignId: UUID? = nil, comment: String? = nil) {
        self.name = name
        self.accountId = accountId
        self.contactId = contactId
        self.termsOfSale = termsOfSale
        self.estimatedRevenue = estimatedRevenue
        self.currency = currency
        self.revenueMode = revenueMode
        self.expectedCloseDate = expectedCloseDate
        self.source = source
        self.campaignId = campaignId
        self.comment = comment
    }

    public func validated() throws(ValidationError) -> OpportunityFields {
        var check = Validator()
        var result = self
        result.name = check.text("name", name, required: true) ?? ""
        result.termsOfSale = check.text("termsOfSale", termsOfSale, maxLength: 1000)
        result.comment = check.text("comment", comment, maxLength: 4000)
        result.source.text = check.text("sourceText", source.text, maxLength: 200)
        if let revenue = estimatedRevenue {
            if revenue.currency != currency { check.add("estimatedRevenue", "must be in the opportunity's currency \(currency)") }
            if revenue.minorUnits < 0 { check.add("estimatedRevenue", "cannot be negative") }
        }
        try check.check()
        return result
    }

    /// The fields a stage gate can ask for that are filled.
    public var filledFields: Set<String> {
        var filled: Set<String> = []
        if accountId != nil { filled.insert("accountId") }
        if contactId != nil { filled.insert("contactId") }
        if estimatedRevenue != nil { filled.insert("estimatedRevenue") }
        if expectedCloseDate != nil { filled.insert("expectedCloseDate") }
        if termsOfSale != nil { filled.insert("termsOfSale") }
        if comment != nil { filled.insert("comment") }
        if source.channelId != nil { filled.insert("channelId") }
        return filled
    }
}

/// A party of an opportunity with its role (rule 96; rule 85 for stakeholders and competitors).
public struct OpportunityParty: Sendable, Equatable {
    public enum Role: String, Sendable, Codable, CaseIterable { case stakeholder, salesTeam, competitor, contactPerson }
    public enum PartyKind: String, Sendable, Codable, CaseIterable { case account, contact, user, competitor }
    public var role: Role
    public var partyType: PartyKind
    public var partyId: UUID

    public init(role: Role, partyType: PartyKind, partyId: UUID) {
        self.role = role
        self.partyType = partyType
        self.partyId = partyId
    }
}

/// A line of the customer's initial request (rules 105–106).
public struct DemandLine: Sendable, Equatable {
    public var description: String
    public var productId: UUID?
    public var quantity: Micros
    public var amount: Money?
    public var comment: String?

    public init(description: String, productId: UUID? = nil, quantity: Micros, amount: Money? = nil, comment: String? = nil) {
        self.description = description
        self.productId = productId
        self.quantity = quantity
        self.amount = amount
        self.comment = comment
    }
}

extension Opportunity {
    /// A probability is a whole percentage (SPEC §3).
    public static let probabilities = 0...100

    /// The field error of a probability out of range, if it is.
    public static func probabilityError(_ value: Int?) -> FieldError? {
        guard let value, !probabilities.contains(value) else { return nil }
        return FieldError("probability", "must be from 0 to 100")
    }
}
