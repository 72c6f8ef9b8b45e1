import Foundation

/// A marketing list (seed 003, rules 57–63): the accounts, contacts or leads a campaign is sent
/// to — named by hand (static) or by a saved filter evaluated whenever it is read (dynamic). What
/// it targets and how it is made are fixed once it is saved.
public struct MarketingList: Sendable, Equatable {
    public typealias ID = Identifier<MarketingList>

    public enum TargetType: String, Sendable, CaseIterable { case accounts, contacts, leads }
    public enum ListType: String, Sendable, CaseIterable { case `static`, dynamic }

    public var id: ID
    public var name: String
    public var description: String?
    public var targetType: TargetType
    public var listType: ListType
    /// A dynamic list's rule in the record lists' filter language (`industry=Logistics&q=acme`).
    public var query: String?
    public var active: Bool
    public var ownership: Ownership
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: ID, name: String, description: String? = nil, targetType: TargetType, listType: ListType, query: String? = nil,
                active: Bool = true, ownership: Ownership, version: Int = 1, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.description = description
        self.targetType = targetType
        self.listType = listType
        self.query = query
        self.active = active
        self.ownership = ownership
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The list as entered (texts trimmed), or every field error at once: a dynamic list needs
    /// its rule, a static one takes none.
    public func validated() throws(ValidationError) -> MarketingList {
        var check = Validator()
        var list = self
        list.name = check.text("name", name, required: true, maxLength: 200) ?? ""
        list.description = check.text("description", description, maxLength: 2000)
        list.query = query?.trimmingCharacters(in: .whitespacesAndNewlines)
        if list.query?.isEmpty == true { list.query = nil }
        if (list.query?.count ?? 0) > 2000 { check.add("query", "must be at most 2000 characters") }
        switch listType {
        case .dynamic where list.query == nil: check.add("query", "a dynamic list needs its filter, such as industry=Logistics")
        case .static where list.query != nil: check.add("query", "a static list has members, not a filter")
        default: break
        }
        try check.check()
        return list
    }

    /// Rule 60: what a list targets and how it is made cannot change once it is saved.
    public func checkUnchanged(targetType: TargetType?, listType: ListType?) throws(CampaignError) {
        if let targetType, targetType != self.targetType { throw .listImmutable("targetType") }
        if let listType, listType != self.listType { throw .listImmutable("listType") }
    }

    /// Rule 61 and an inactive list's limits: it is not distributed to, linked or changed in membership.
    public func checkActive() throws(CampaignError) {
        guard active else { throw .listInactive }
    }
}

/// A member of a marketing list as the lists and the distribution read it.
public struct ListMember: Sendable, Equatable {
    public let id: UUID
    public let name: String
    public let email: String?
    /// For contacts, their account's name; for leads, their company.
    public let organisation: String?
    /// A contact's or lead's names (the merge fields).
    public var firstName: String?
    public var lastName: String?

    public init(id: UUID, name: String, email: String?, organisation: String?, firstName: String? = nil, lastName: String? = nil) {
        self.id = id
        self.name = name
        self.email = email
        self.organisation = organisation
        self.firstName = firstName
        self.lastName = lastName
    }
}

/// Why a campaign or marketing list operation is refused.
public enum CampaignError: Error, Sendable, Equatable {
    /// `targetType` or `listType` of a saved list.
    case listImmutable(String)
    case listInactive
    case campaignInactive
    case illegalMove(from: Campaign.Status, to: Campaign.Status)
    /// Members are added by hand only to a static list.
    case notStatic
    /// Rule 68: distributed only when ready to launch or launched (and active).
    case notReady(Campaign.Status)
    /// Rule 67: a campaign activity needs an active marketing list on the campaign.
    case noList
    /// Rule 71: a response converts once.
    case responseConverted
}
