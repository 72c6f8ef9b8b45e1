import Foundation
import FurrowDomain

/// Campaigns (SPEC §8, rules 64–69 and 73): made and edited by their owners, moved through
/// planning → ready to launch → launched → completed, deactivated and reactivated, and linked to
/// marketing lists from either side. Everyone reads campaigns: leads and opportunities name them
/// as their source.
public struct CampaignService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public struct Input: Sendable {
        public var name: String?
        public var kind: Campaign.Kind?
        public var startDate: Day??
        public var endDate: Day??
        public var currency: Currency?
        public var budgetedCost: Money??
        public var actualCost: Money??
        public var expectedRevenue: Money??
        public var offer: String??
        public var description: String??
        public var ownerId: User.ID?
        public init() {}
    }

    public func create(_ input: Input, quick: Bool = false, by principal: Principal) async throws -> Campaign {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        let settings = try await SettingsService(env).current()
        let now = env.clock.now()
        var campaign = Campaign(id: env.newID(), name: input.name ?? "", kind: input.kind ?? .other,
                                currency: input.currency ?? Currency(settings.baseCurrency) ?? Currency("EUR")!, quick: quick,
                                ownership: Ownership(ownerId: principal.userId, teamId: principal.teamId), createdAt: now, updatedAt: now)
        Self.apply(input, to: &campaign)
        let valid = try campaign.validated()
        return try await env.transaction(by: principal) { transaction in
            var campaign = valid
            campaign.ownership = try await transaction.session.ownership(requested: input.ownerId, by: principal)
            try await transaction.create(campaign)
            return campaign
        }
    }

    /// The fields given (a double optional set to nil clears one).
    static func apply(_ input: Input, to campaign: inout Campaign) {
        if let name = input.name { campaign.name = name }
        if let kind = input.kind { campaign.kind = kind }
        if let start = input.startDate { campaign.startDate = start }
        if let end = input.endDate { campaign.endDate = end }
        if let currency = input.currency { campaign.currency = currency }
        if let cost = input.budgetedCost { campaign.budgetedCost = cost }
        if let cost = input.actualCost { campaign.actualCost = cost }
        if let revenue = input.expectedRevenue { campaign.expectedRevenue = revenue }
        if let offer = input.offer { campaign.offer = offer }
        if let description = input.description { campaign.description = description }
    }

    /// The field errors of a new campaign made of `input` (for a caller that found others of its own, to report all at once).
    public static func fieldErrors(_ input: Input, currency: Currency) -> [FieldError] {
        var campaign = Campaign(id: Campaign.ID(UUID()), name: input.name ?? "", currency: input.currency ?? currency,
                                ownership: Ownership(ownerId: User.ID(UUID()), teamId: nil), createdAt: Date(), updatedAt: Date())
        apply(input, to: &campaign)
        do { _ = try campaign.validated() } catch { return error.errors }
        return []
    }

    public func get(_ id: Campaign.ID, by principal: Principal) async throws -> Campaign {
        try await env.reading(by: principal) { transaction in try await transaction.load(Campaign.self, id) }
    }

    public func list(quick: Bool? = nil, limit: Int = 500, by principal: Principal) async throws -> [Campaign] {
        _ = principal
        return try await env.store.read { session in try await session.campaigns(quick: quick, limit: limit) }
    }

    public func update(_ id: Campaign.ID, _ input: Input, expectedVersion: Int?, by principal: Principal) async throws -> Campaign {
        try await env.transaction(by: principal) { transaction in
            try await transaction.change(Campaign.self, id, action: "update", expectedVersion: expectedVersion) { campaign in
                Self.apply(input, to: &campaign)
                campaign = try campaign.validated()
                if let owner = input.ownerId { campaign.ownership = try await transaction.session.ownership(requested: owner, by: principal) }
            }
        }
    }

    /// Moves the campaign to the next status.
    public func move(_ id: Campaign.ID, to status: Campaign.Status, by principal: Principal) async throws -> Campaign {
        try await env.transaction(by: principal) { transaction in
            try await transaction.change(Campaign.self, id, action: status.rawValue, locked: true) { campaign in try campaign.move(to: status) }
        }
    }

    /// Deactivates (whatever its status: a completed campaign too, rule 73) or reactivates it.
    public func setActive(_ id: Campaign.ID, _ active: Bool, by principal: Principal) async throws -> Campaign {
        try await env.transaction(by: principal) { transaction in
            try await transaction.change(Campaign.self, id, action: active ? "reactivate" : "deactivate") { campaign in campaign.active = active }
        }
    }

    // MARK: linked lists (rule 64)

    /// Links an active list to a saved campaign; the caller must be able to change one of them and see both.
    public func link(_ campaignId: Campaign.ID, list listId: MarketingList.ID, by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in
            let campaign = try await transaction.load(Campaign.self, campaignId), list = try await transaction.load(MarketingList.self, listId)
            guard campaign.access.changeable(by: principal) || list.access.changeable(by: principal) else {
                throw CoreError.forbidden("your role cannot change the campaign or the list")
            }
            guard campaign.active else { throw CampaignError.campaignInactive }
            try list.checkActive()
            if try await transaction.session.linkList(listId, to: campaignId, at: env.clock.now()) {
                transaction.audit(Campaign.entity, campaignId.uuid, "link list", [FieldChange(field: "marketingLists", old: nil, new: "marketingList:" + listId.string)])
            }
        }
    }

    public func unlink(_ campaignId: Campaign.ID, list listId: MarketingList.ID, by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in
            let campaign = try await transaction.load(Campaign.self, campaignId), list = try await transaction.load(MarketingList.self, listId)
            guard campaign.access.changeable(by: principal) || list.access.changeable(by: principal) else {
                throw CoreError.forbidden("your role cannot change the campaign or the list")
            }
            guard try await transaction.session.unlinkList(listId, from: campaignId) else { throw CoreError.notFound("linked marketing list") }
            transaction.audit(Campaign.entity, campaignId.uuid, "unlink list", [FieldChange(field: "marketingLists", old: "marketingList:" + listId.string, new: nil)])
        }
    }

    // MARK: target products (rule 65)

    public func addProduct(_ productId: Product.ID, to id: Campaign.ID, by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in
            _ = try await transaction.loadChangeable(Campaign.self, id)
            guard try await transaction.session.product(id: productId) != nil else { throw ValidationError([FieldError("productId", "is not a product")]) }
            if try await transaction.session.addTargetProduct(productId, to: id, at: env.clock.now()) {
                transaction.audit(Campaign.entity, id.uuid, "add product", [FieldChange(field: "products", old: nil, new: "product:" + productId.string)])
            }
        }
    }

    public func removeProduct(_ productId: Product.ID, from id: Campaign.ID, by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in
            _ = try await transaction.loadChangeable(Campaign.self, id)
            guard try await transaction.session.removeTargetProduct(productId, from: id) else { throw CoreError.notFound("target product") }
            transaction.audit(Campaign.entity, id.uuid, "remove product", [FieldChange(field: "products", old: "product:" + productId.string, new: nil)])
        }
    }

    public func products(of id: Campaign.ID, by principal: Principal) async throws -> [Product] {
        try await env.reading(by: principal) { transaction in
            _ = try await transaction.load(Campaign.self, id)
            var products: [Product] = []
            for productId in try await transaction.session.targetProducts(of: id) {
                if let product = try await transaction.session.product(id: productId) { products.append(product) }
            }
            return products
        }
    }

    /// The lists linked to a campaign that the caller may see.
    public func lists(of id: Campaign.ID, by principal: Principal) async throws -> [MarketingList] {
        try await env.reading(by: principal) { transaction in
            _ = try await transaction.load(Campaign.self, id)
            var lists: [MarketingList] = []
            for listId in try await transaction.session.linkedLists(of: id) {
                if let list = try await transaction.session.marketingList(id: listId, locked: false), list.access.visible(to: principal) { lists.append(list) }
            }
            return lists
        }
    }

    /// The campaigns a list is linked to.
    public func campaigns(of id: MarketingList.ID, by principal: Principal) async throws -> [Campaign] {
        try await env.reading(by: principal) { transaction in
            _ = try await transaction.load(MarketingList.self, id)
            var campaigns: [Campaign] = []
            for campaignId in try await transaction.session.linkedCampaigns(of: id) {
                if let campaign = try await transaction.session.campaign(id: campaignId, locked: false) { campaigns.append(campaign) }
            }
            return campaigns
        }
    }
}

extension Campaign: StoredRecord {
    static let entity = "campaign"
    var access: RecordAccess { .published(ownership) }
    mutating func stamp(at time: Date) { updatedAt = time }
    static func load(_ id: ID, locked: Bool, in session: any StoreSession) async throws -> Campaign? { try await session.campaign(id: id, locked: locked) }
    func insert(in session: any StoreSession) async throws { try await session.insertCampaign(self) }
    func save(over before: Campaign, in session: any StoreSession) async throws -> Bool { try await session.updateCampaign(self, over: before) }

    var auditValues: [String: String] {
        var values = ["name": name, "type": kind.rawValue, "status": status.rawValue, "active": String(active), "currency": currency.code,
                      "quick": String(quick), "ownerId": ownership.ownerId.string]
        values["startDate"] = startDate?.description
        values["endDate"] = endDate?.description
        values["budgetedCost"] = budgetedCost?.decimalString
        values["actualCost"] = actualCost?.decimalString
        values["expectedRevenue"] = expectedRevenue?.decimalString
        values["offer"] = offer
        values["description"] = description
        return values
    }
}
