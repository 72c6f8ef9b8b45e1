import Foundation
import FurrowDomain

/// Marketing lists (SPEC §8, rules 57–63): static lists whose members are added by hand or from
/// the current matches of a filter, and dynamic lists whose saved filter is evaluated whenever
/// they are read, as their owner sees the records, so that a record made later that matches is a
/// member (rule 63).
public struct MarketingListService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    /// At most this many members are added from one filter, or copied into a static list.
    public static let maxAdded = 50_000

    public struct Input: Sendable {
        public var name: String?
        public var description: String?
        public var targetType: MarketingList.TargetType?
        public var listType: MarketingList.ListType?
        public var query: String?
        public var ownerId: User.ID?
        public init() {}
    }

    public func create(_ input: Input, by principal: Principal) async throws -> MarketingList {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        var missing: [FieldError] = []
        if input.targetType == nil { missing.append(FieldError("targetType", "is required: accounts, contacts or leads")) }
        if input.listType == nil { missing.append(FieldError("listType", "is required: static or dynamic")) }
        guard missing.isEmpty, let target = input.targetType, let kind = input.listType else {
            if input.name?.trimmedSpaces().isEmpty ?? true { missing.insert(FieldError("name", "is required"), at: 0) }
            throw ValidationError(missing)
        }
        let now = env.clock.now()
        let list = try MarketingList(id: env.newID(), name: input.name ?? "", description: input.description, targetType: target, listType: kind,
                                     query: input.query, ownership: Ownership(ownerId: principal.userId, teamId: principal.teamId),
                                     createdAt: now, updatedAt: now).validated()
        try Self.checkQuery(list)
        return try await env.transaction(by: principal) { transaction in
            var list = list
            list.ownership = try await transaction.session.ownership(requested: input.ownerId, by: principal)
            try await transaction.create(list)
            return list
        }
    }

    public func get(_ id: MarketingList.ID, by principal: Principal) async throws -> MarketingList {
        try await env.reading(by: principal) { transaction in try await transaction.load(MarketingList.self, id) }
    }

    public func list(limit: Int = 500, by principal: Principal) async throws -> [MarketingList] {
        try await env.store.read { session in try await session.marketingLists(visibleTo: principal, limit: limit) }
    }

    /// Renames, describes or (for a dynamic list) re-words the rule; `targetType` and `listType`
    /// given differently are refused (rule 60).
    public func update(_ id: MarketingList.ID, _ input: Input, expectedVersion: Int?, by principal: Principal) async throws -> MarketingList {
        try await env.transaction(by: principal) { transaction in
            try await transaction.change(MarketingList.self, id, action: "update", expectedVersion: expectedVersion) { list in
                try list.checkUnchanged(targetType: input.targetType, listType: input.listType)
                if let name = input.name { list.name = name }
                if let description = input.description { list.description = description.isEmpty ? nil : description }
                if let query = input.query { list.query = query }
                list = try list.validated()
                try Self.checkQuery(list)
                if let owner = input.ownerId { list.ownership = try await transaction.session.ownership(requested: owner, by: principal) }
            }
        }
    }

    public func setActive(_ id: MarketingList.ID, _ active: Bool, by principal: Principal) async throws -> MarketingList {
        try await env.transaction(by: principal) { transaction in
            try await transaction.change(MarketingList.self, id, action: active ? "reactivate" : "deactivate") { list in list.active = active }
        }
    }

    // MARK: members

    /// One page of members: a static list's by id, a dynamic list's in the record list's order.
    /// `cursor` continues after the previous page; the answer's `next` is nil on the last page.
    public func members(_ id: MarketingList.ID, cursor: [String]?, limit: Int, by principal: Principal) async throws -> (members: [ListMember], next: [String]?) {
        try await env.reading(by: principal) { transaction in
            let list = try await transaction.load(MarketingList.self, id)
            let session = transaction.session
            switch list.listType {
            case .static:
                let after = try cursor.map { values -> UUID in
                    guard values.count == 1, let id = UUIDText.parse(values[0]) else { throw QueryError("The cursor does not belong to this list; start again without it.") }
                    return id
                }
                let ids = try await session.staticMembers(of: id, after: after, limit: limit)
                return (try await session.members(ids, of: list.targetType), ids.count == limit ? ids.last.map { [UUIDText.lowercase($0)] } : nil)
            case .dynamic:
                var query = try Self.query(list.query ?? "", list.targetType, limit: limit)
                if let cursor {
                    guard cursor.count == query.sort.count + 1 else { throw QueryError("The cursor does not belong to this list; start again without it.") }
                    query.after = cursor
                }
                let (ids, next) = try await Self.matches(query, list.targetType, visibleTo: try await Self.owner(of: list, session), session)
                return (try await session.members(ids, of: list.targetType), next)
            }
        }
    }

    /// How many members the list has now (a dynamic list's matches, as its owner sees them).
    public func count(_ id: MarketingList.ID, by principal: Principal) async throws -> Int {
        try await env.reading(by: principal) { transaction in
            let list = try await transaction.load(MarketingList.self, id)
            return try await Self.count(list, transaction.session)
        }
    }

    static func count(_ list: MarketingList, _ session: any StoreSession) async throws -> Int {
        switch list.listType {
        case .static: return try await session.staticMemberCount(of: list.id)
        case .dynamic:
            return try await session.matchCount(try Self.query(list.query ?? "", list.targetType, limit: 1), of: list.targetType,
                                                visibleTo: try await owner(of: list, session))
        }
    }

    /// The seed's **Find**: the records a filter matches for the caller now (the first `limit`), and how many in all.
    public func preview(_ target: MarketingList.TargetType, query text: String, limit: Int = 20,
                        by principal: Principal) async throws -> (members: [ListMember], count: Int) {
        let query = try Self.query(text, target, limit: limit)
        return try await env.store.read { session in
            let (ids, _) = try await Self.matches(query, target, visibleTo: principal, session)
            let count = try await session.matchCount(query, of: target, visibleTo: principal)
            return (try await session.members(ids, of: target), count)
        }
    }

    /// Adds records by id to a static list (each one the caller can see, of the list's type); answers how many were new.
    public func addMembers(_ id: MarketingList.ID, _ ids: [UUID], by principal: Principal) async throws -> Int {
        guard !ids.isEmpty else { throw ValidationError([FieldError("memberIds", "names at least one record")]) }
        guard ids.count <= 1000 else { throw ValidationError([FieldError("memberIds", "takes at most 1000 ids at once; add a filter's matches for more")]) }
        return try await env.transaction(by: principal) { transaction in
            let list = try await Self.staticList(id, transaction)
            let visible = try await transaction.session.visibleTargets(ids, of: list.targetType, visibleTo: principal)
            let unknown = ids.enumerated().filter { !visible.contains($0.element) }
            if !unknown.isEmpty {
                throw ValidationError(unknown.prefix(20).map { FieldError("memberIds[\($0.offset)]", "is not one of the \(list.targetType.rawValue) you can see") })
            }
            let added = try await transaction.session.insertMembers(of: id, Array(Set(ids)).sorted { $0.uuidString < $1.uuidString }, at: env.clock.now())
            transaction.audit(MarketingList.entity, id.uuid, "add members", [FieldChange(field: "members", old: nil, new: "+\(added)")])
            return added
        }
    }

    /// Adds the current matches of a filter, as the caller sees them, to a static list (once: later records are not added).
    public func addMatches(_ id: MarketingList.ID, query text: String, by principal: Principal) async throws -> Int {
        try await env.transaction(by: principal) { transaction in
            let list = try await Self.staticList(id, transaction)
            try Self.checkQuery(text, list.targetType)
            let ids = try await Self.allMatches(text, list.targetType, visibleTo: principal, transaction.session, cap: Self.maxAdded)
            let added = try await transaction.session.insertMembers(of: id, ids, at: env.clock.now())
            transaction.audit(MarketingList.entity, id.uuid, "add members", [FieldChange(field: "members", old: nil, new: "+\(added) matching \(text)")])
            return added
        }
    }

    public func removeMember(_ id: MarketingList.ID, _ member: UUID, by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in
            _ = try await Self.staticList(id, transaction)
            guard try await transaction.session.deleteMember(of: id, member) else { throw CoreError.notFound("member") }
            transaction.audit(MarketingList.entity, id.uuid, "remove member", [FieldChange(field: "members", old: UUIDText.lowercase(member), new: nil)])
        }
    }

    /// A new static list holding the list's members now (a dynamic list's matches as its owner sees them).
    public func copy(_ id: MarketingList.ID, name: String?, by principal: Principal) async throws -> MarketingList {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        return try await env.transaction(by: principal) { transaction in
            let source = try await transaction.load(MarketingList.self, id)
            let session = transaction.session
            let now = env.clock.now()
            let copy = try MarketingList(id: env.newID(), name: name ?? "\(source.name) (copy)", description: source.description,
                                         targetType: source.targetType, listType: .static,
                                         ownership: Ownership(ownerId: principal.userId, teamId: principal.teamId), createdAt: now, updatedAt: now).validated()
            try await transaction.create(copy)
            var ids: [UUID] = []
            switch source.listType {
            case .static:
                var after: UUID?
                while ids.count < Self.maxAdded {
                    let page = try await session.staticMembers(of: id, after: after, limit: 5000)
                    ids += page
                    guard page.count == 5000 else { break }
                    after = page.last
                }
            case .dynamic:
                ids = try await Self.allMatches(source.query ?? "", source.targetType, visibleTo: try await Self.owner(of: source, session), session,
                                                cap: Self.maxAdded)
            }
            _ = try await session.insertMembers(of: copy.id, Array(ids.prefix(Self.maxAdded)), at: now)
            return copy
        }
    }

    // MARK: rules

    static func staticList(_ id: MarketingList.ID, _ transaction: Transaction) async throws -> MarketingList {
        let list = try await transaction.loadChangeable(MarketingList.self, id, locked: true)
        try list.checkActive()
        guard list.listType == .static else { throw CampaignError.notStatic }
        return list
    }

    static func fields(_ target: MarketingList.TargetType) -> ListFields {
        switch target {
        case .accounts: .accounts
        case .contacts: .contacts
        case .leads: .leads
        }
    }

    /// A filter (`industry=Logistics&q=acme`), or plain words, which are searched for as `q`.
    static func query(_ text: String, _ target: MarketingList.TargetType, limit: Int) throws(QueryError) -> ListQuery {
        let words = text.trimmingCharacters(in: .whitespaces)
        if !words.isEmpty && !words.contains("=") {
            var query = ListQuery(limit: limit, sort: fields(target).defaultSort)
            query.text = words
            return query
        }
        return try ListQuery.filter(text, fields: fields(target), limit: limit)
    }

    /// A dynamic list's rule must read as a filter of its target's list (a 422 naming `query` otherwise).
    static func checkQuery(_ list: MarketingList) throws {
        if let text = list.query { try checkQuery(text, list.targetType) }
    }

    static func checkQuery(_ text: String, _ target: MarketingList.TargetType) throws {
        do { _ = try query(text, target, limit: 1) } catch { throw ValidationError([FieldError("query", error.message)]) }
    }

    /// How the list's owner sees records: a dynamic list's members are the matches visible to them.
    static func owner(of list: MarketingList, _ session: any StoreSession) async throws -> Principal {
        guard let user = try await session.user(id: list.ownership.ownerId), user.active else {
            return Principal(userId: list.ownership.ownerId, role: .readonly, teamId: list.ownership.teamId)
        }
        return Principal(userId: user.id, role: user.role, teamId: user.teamId, managedTeamIds: Set(try await session.teamIdsManaged(by: user.id)))
    }

    /// One page of matching ids, and the cursor after it.
    static func matches(_ query: ListQuery, _ target: MarketingList.TargetType, visibleTo principal: Principal,
                        _ session: any StoreSession) async throws -> (ids: [UUID], next: [String]?) {
        func page<R: KeysetItem>(_ records: [R], _ id: (R) -> UUID) -> ([UUID], [String]?) {
            (records.map(id), records.count == query.limit ? records.last.map { $0.cursorValues(for: query) } : nil)
        }
        switch target {
        case .accounts: return page(try await session.accounts(query, visibleTo: principal.ledger)) { $0.id.uuid }
        case .contacts: return page(try await session.contacts(query, visibleTo: principal)) { $0.id.uuid }
        case .leads: return page(try await session.leads(query, visibleTo: principal)) { $0.id.uuid }
        }
    }

    /// Every matching id, page after page, up to `cap`.
    static func allMatches(_ text: String, _ target: MarketingList.TargetType, visibleTo principal: Principal, _ session: any StoreSession,
                           cap: Int) async throws -> [UUID] {
        var query = try Self.query(text, target, limit: 1000)
        var ids: [UUID] = []
        while ids.count < cap {
            let (page, next) = try await matches(query, target, visibleTo: principal, session)
            ids += page
            guard let next else { break }
            query.after = next
        }
        return Array(ids.prefix(cap))
    }
}

extension MarketingList: StoredRecord {
    static let entity = "marketingList"
    static let noun = "marketing list"
    var access: RecordAccess { .owned(ownership) }
    mutating func stamp(at time: Date) { updatedAt = time }
    static func load(_ id: ID, locked: Bool, in session: any StoreSession) async throws -> MarketingList? {
        try await session.marketingList(id: id, locked: locked)
    }
    func insert(in session: any StoreSession) async throws { try await session.insertMarketingList(self) }
    func save(over before: MarketingList, in session: any StoreSession) async throws -> Bool { try await session.updateMarketingList(self, over: before) }

    var auditValues: [String: String] {
        var values = ["name": name, "targetType": targetType.rawValue, "listType": listType.rawValue, "active": String(active),
                      "ownerId": ownership.ownerId.string]
        values["description"] = description
        values["query"] = query
        return values
    }
}
