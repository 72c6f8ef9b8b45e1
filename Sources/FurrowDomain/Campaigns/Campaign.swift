import Foundation

/// A marketing campaign (seed 003, rules 64–69 and 73): its plan (dates, budget, expected
/// revenue, offer) and its lifecycle, planning → ready to launch → launched → completed; it can be
/// deactivated (a completed one too) and reactivated.
public struct Campaign: Sendable, Equatable {
    public typealias ID = Identifier<Campaign>

    public enum Kind: String, Sendable, CaseIterable { case advertisement, directMarketing, event, coBranding, affiliate, partner, webinar, other }

    public enum Status: String, Sendable, CaseIterable {
        case planning, readyToLaunch, launched, completed

        /// The moves a campaign may make, declared once.
        public static let transitions: [Status: Set<Status>] = [
            .planning: [.readyToLaunch],
            .readyToLaunch: [.launched],
            .launched: [.completed],
            .completed: [],
        ]
        public func canMove(to next: Status) -> Bool { Self.transitions[self]?.contains(next) == true }
        /// Rule 68: campaign activities are distributed only from here on.
        public var distributes: Bool { self == .readyToLaunch || self == .launched }
    }

    public var id: ID
    public var name: String
    public var kind: Kind
    public var status: Status
    public var active: Bool
    public var startDate: Day?
    public var endDate: Day?
    public var currency: Currency
    public var budgetedCost: Money?
    public var actualCost: Money?
    public var expectedRevenue: Money?
    public var offer: String?
    public var description: String?
    /// Made by the quick campaign wizard from a list (rules 74–75).
    public var quick: Bool
    public var ownership: Ownership
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: ID, name: String, kind: Kind = .other, status: Status = .planning, active: Bool = true, startDate: Day? = nil,
                endDate: Day? = nil, currency: Currency, budgetedCost: Money? = nil, actualCost: Money? = nil, expectedRevenue: Money? = nil,
                offer: String? = nil, description: String? = nil, quick: Bool = false, ownership: Ownership, version: Int = 1,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.kind = kind
        self.status = status
        self.active = active
        self.startDate = startDate
        self.endDate = endDate
        self.currency = currency
        self.budgetedCost = budgetedCost
        self.actualCost = actualCost
        self.expectedRevenue = expectedRevenue
        self.offer = offer
        self.description = description
        self.quick = quick
        self.ownership = ownership
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The campaign as entered, or every field error at once: the end not before the start, the
    /// amounts not negative and in the campaign's currency.
    public func validated() throws(ValidationError) -> Campaign {
        var check = Validator()
        var campaign = self
        campaign.name = check.text("name", name, required: true, maxLength: 200) ?? ""
        campaign.offer = check.text("offer", offer, maxLength: 2000)
        campaign.description = check.text("description", description, maxLength: 5000)
        if let start = startDate, let end = endDate, end < start { check.add("endDate", "must not be before startDate") }
        for (field, money) in [("budgetedCost", budgetedCost), ("actualCost", actualCost), ("expectedRevenue", expectedRevenue)] {
            guard let money else { continue }
            if money.minorUnits < 0 { check.add(field, "must not be negative") }
            if money.currency != currency { check.add(field, "must be in \(currency.code), the campaign's currency") }
        }
        try check.check()
        return campaign
    }

    /// Moves the campaign along its lifecycle (an inactive campaign does not move).
    public mutating func move(to next: Status) throws(CampaignError) {
        guard active else { throw .campaignInactive }
        guard status.canMove(to: next) else { throw .illegalMove(from: status, to: next) }
        status = next
    }
}
