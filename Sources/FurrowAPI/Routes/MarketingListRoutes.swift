import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Marketing lists (SPEC §8): static and dynamic lists, their members, the Find preview, copies,
/// and the campaigns they are linked to.
struct MarketingListRoutes: RouteSet {
    let env: CoreEnvironment

    static let fields: Set<String> = ["name", "description", "targetType", "listType", "query", "ownerId"]
    static let ignored: Set<String> = JSONBody.serverOwned.union(["active", "memberCount", "ownerName"])

    static func input(_ body: inout JSONBody) -> MarketingListService.Input {
        var input = MarketingListService.Input()
        input.name = body.string("name")
        input.description = body.string("description")
        input.targetType = body.enumValue("targetType", MarketingList.TargetType.self)
        input.listType = body.enumValue("listType", MarketingList.ListType.self)
        input.query = body.string("query")
        input.ownerId = body.id("ownerId", User.self)
        return input
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: Self.fields, ignoring: Self.ignored)
        for key in ["name", "targetType", "listType"] { body.require(key) }
        let input = Self.input(&body)
        try body.check()
        let list = try await MarketingListService(env).create(input, by: principal)
        let count = try await MarketingListService(env).count(list.id, by: principal)
        return try .json(MarketingListDTO(list, memberCount: count), status: .created, location: "/api/v1/marketing-lists/\(list.id)")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let limit = try Self.limit(request, allowed: [])
        let lists = try await MarketingListService(env).list(limit: limit, by: principal)
        return try .json(Page(items: lists.map { MarketingListDTO($0, memberCount: nil) }, nextCursor: nil))
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(MarketingList.self)
        let list = try await MarketingListService(env).get(id, by: principal)
        return try .json(MarketingListDTO(list, memberCount: try await MarketingListService(env).count(id, by: principal)))
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(MarketingList.self)
        var body = try await JSONBody(request, context: context, allowed: Self.fields.union(["version"]), ignoring: Self.ignored.subtracting(["version"]))
        let expected = try request.expectedVersion(&body)
        for key in ["name", "targetType", "listType"] { body.refuseNull(key) }
        let input = Self.input(&body)
        try body.check()
        let list = try await MarketingListService(env).update(id, input, expectedVersion: expected, by: principal)
        return try .json(MarketingListDTO(list, memberCount: try await MarketingListService(env).count(id, by: principal)))
    }

    @Sendable func deactivate(_ request: Request, context: AppContext) async throws -> Response {
        try await setActive(false, context)
    }

    @Sendable func reactivate(_ request: Request, context: AppContext) async throws -> Response {
        try await setActive(true, context)
    }

    func setActive(_ active: Bool, _ context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let list = try await MarketingListService(env).setActive(try context.id(MarketingList.self), active, by: principal)
        return try .json(MarketingListDTO(list, memberCount: nil))
    }

    /// `limit` (1–500, default 500) and the names in `allowed`; anything else is a 400.
    static func limit(_ request: Request, allowed: Set<String>, maximum: Int = 500) throws -> Int {
        var limit = maximum
        for (key, value) in request.uri.queryParameters {
            if allowed.contains(String(key)) { continue }
            guard key == "limit" else { throw Problem.invalidQuery("Unknown parameter '\(key)'. Use \((["limit"] + allowed.sorted()).joined(separator: ", ")).") }
            guard let n = Int(String(value)), (1...maximum).contains(n) else { throw Problem.invalidQuery("limit must be a whole number from 1 to \(maximum).") }
            limit = n
        }
        return limit
    }

    // MARK: members

    @Sendable func members(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(MarketingList.self)
        let limit = try Self.limit(request, allowed: ["cursor"], maximum: ListParameters.maxLimit)
        let cursor = try request.uri.queryParameters["cursor"].flatMap { $0.isEmpty ? nil : try Cursor.decode(String($0)) }
        let page = try await MarketingListService(env).members(id, cursor: cursor, limit: limit, by: principal)
        return try .json(Page(items: page.members.map(ListMemberDTO.init), nextCursor: page.next.map(Cursor.encode)))
    }

    @Sendable func addMembers(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(MarketingList.self)
        var body = try await JSONBody(request, context: context, allowed: ["memberIds", "query"])
        let query = body.string("query")
        var ids: [UUID] = []
        if body.has("memberIds") {
            for (index, text) in body.strings("memberIds").enumerated() {
                if let uuid = UUIDText.parse(text) { ids.append(uuid) } else { body.errors.append(FieldError("memberIds[\(index)]", "is not a UUID")) }
            }
        }
        if (query == nil) == !body.has("memberIds") || (query != nil && body.has("memberIds")) {
            body.fail("memberIds", "send memberIds (records by id) or query (the current matches of a filter), one of them")
        }
        try body.check()
        let service = MarketingListService(env)
        let added: Int
        if let query { added = try await service.addMatches(id, query: query, by: principal) } else { added = try await service.addMembers(id, ids, by: principal) }
        return try .json(MembersAddedDTO(added: added, memberCount: try await service.count(id, by: principal)))
    }

    @Sendable func removeMember(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(MarketingList.self)
        guard let member = context.parameters.get("memberId").flatMap(UUIDText.parse) else { throw Problem.notFound() }
        try await MarketingListService(env).removeMember(id, member, by: principal)
        return .noContent
    }

    @Sendable func preview(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let limit = try Self.limit(request, allowed: ["targetType", "query"], maximum: 100)
        guard let target = request.uri.queryParameters["targetType"].flatMap({ MarketingList.TargetType(rawValue: String($0)) }) else {
            throw Problem.invalidQuery("targetType (accounts, contacts or leads) is required.")
        }
        let query = request.uri.queryParameters["query"].map(String.init) ?? ""
        let found: (members: [ListMember], count: Int)
        do {
            found = try await MarketingListService(env).preview(target, query: query, limit: min(limit, 100), by: principal)
        } catch let error as QueryError {
            // a well-formed request whose filter does not fit the target, as saving the list would say
            throw ValidationError([FieldError("query", error.message)])
        }
        let (members, count) = found
        return try .json(PreviewDTO(count: count, items: members.map(ListMemberDTO.init)))
    }

    @Sendable func copy(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(MarketingList.self)
        var body = try await JSONBody(request, context: context, allowed: ["name"], emptyIsObject: true)
        let name = body.string("name")
        try body.check()
        let copy = try await MarketingListService(env).copy(id, name: name, by: principal)
        return try .json(MarketingListDTO(copy, memberCount: try await MarketingListService(env).count(copy.id, by: principal)),
                         status: .created, location: "/api/v1/marketing-lists/\(copy.id)")
    }

    @Sendable func quickCampaign(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(MarketingList.self)
        var body = try await JSONBody(request, context: context, allowed: ["name", "channel", "subject", "description"])
        for key in ["name", "channel", "subject"] { body.require(key) }
        let name = body.string("name"), channel = body.enumValue("channel", CampaignActivity.Channel.self)
        let subject = body.string("subject"), description = body.string("description")
        try body.check()
        let (campaign, activity) = try await CampaignService(env).quick(from: id, name: name, channel: channel, subject: subject,
                                                                        description: description, by: principal)
        return try .json(QuickCampaignDTO(campaign: CampaignDTO(campaign), activity: CampaignActivityDTO(.init(activity: activity, counts: [:]))),
                         status: .created, location: "/api/v1/campaigns/\(campaign.id)")
    }

    @Sendable func campaigns(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let campaigns = try await CampaignService(env).campaigns(of: try context.id(MarketingList.self), by: principal)
        return try .json(Page(items: campaigns.map(CampaignDTO.init), nextCursor: nil))
    }

    @Sendable func linkCampaign(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(MarketingList.self)
        let campaign = try await JSONBody.id("campaignId", Campaign.self, of: request, context: context)
        try await CampaignService(env).link(campaign, list: id, by: principal)
        return .noContent
    }
}

struct MarketingListDTO: Encodable, Sendable {
    let id: String, name: String, description: String?, targetType: String, listType: String, query: String?, active: Bool
    let memberCount: Int?, ownerId: String, version: Int, createdAt: String, updatedAt: String

    init(_ l: MarketingList, memberCount: Int?) {
        id = l.id.string; name = l.name; description = l.description; targetType = l.targetType.rawValue; listType = l.listType.rawValue
        query = l.query; active = l.active; self.memberCount = memberCount; ownerId = l.ownership.ownerId.string; version = l.version
        createdAt = Timestamp.string(l.createdAt); updatedAt = Timestamp.string(l.updatedAt)
    }
}

struct ListMemberDTO: Encodable, Sendable {
    let id: String, name: String, email: String?, organisation: String?
    init(_ m: ListMember) { id = UUIDText.lowercase(m.id); name = m.name; email = m.email; organisation = m.organisation }
}

struct MembersAddedDTO: Encodable, Sendable { let added: Int, memberCount: Int }
struct QuickCampaignDTO: Encodable, Sendable { let campaign: CampaignDTO, activity: CampaignActivityDTO }
struct PreviewDTO: Encodable, Sendable { let count: Int, items: [ListMemberDTO] }
