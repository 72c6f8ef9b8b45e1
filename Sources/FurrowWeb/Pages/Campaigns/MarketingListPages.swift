import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Marketing lists on the web: the list of lists, and a list's page with its members (a page at a
/// time), and for a static list the Find-and-add section; deactivate, reactivate, copy into a
/// static list, and the campaigns it is linked to.
struct MarketingListPages {
    static let path = "/marketing-lists"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("marketing-lists", use: list)
        group.get("marketing-lists/:id", use: show)
        group.post("marketing-lists/:id/members", use: addMembers)
        group.post("marketing-lists/:id/members/:memberId/remove", use: removeMember)
        group.post("marketing-lists/:id/deactivate", use: deactivate)
        group.post("marketing-lists/:id/reactivate", use: reactivate)
        group.post("marketing-lists/:id/copy", use: copy)
        group.post("marketing-lists/:id/campaigns", use: linkCampaign)
        group.post("marketing-lists/:id/quick-campaign", use: quickCampaign)
    }

    struct Row { let name: String, url: String, target: String, kind: String, active: Bool, owner: String }
    struct ListModel { let rows: [Row], hasRows: Bool, canCreate: Bool }
    struct Member { let id: String, listId: String, name: String, email: String?, organisation: String?, url: String }
    struct Linked { let name: String, url: String, status: String }
    struct Found { let id: String, text: String }
    struct Model {
        let id: String, name: String, facts: [Fact], active: Bool, isStatic: Bool, canChange: Bool
        let members: [Member], hasMembers: Bool, next: String?, count: Int
        let find: String?, found: [Found], hasFound: Bool, foundCount: Int, findError: String?
        let campaigns: [Linked], hasCampaigns: Bool, campaignOptions: [Field.Option], hasCampaignOptions: Bool
        let canQuick: Bool, channels: [Field.Option]
    }

    static func target(_ type: MarketingList.TargetType) -> String { type.rawValue.prefix(1).uppercased() + type.rawValue.dropFirst() }
    static func memberText(_ m: ListMember) -> String {
        [m.name, m.organisation, m.email].compactMap { $0 }.joined(separator: " · ")
    }
    static func recordPath(_ type: MarketingList.TargetType, _ id: UUID) -> String { "/\(type.rawValue)/\(UUIDText.lowercase(id))" }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let lists = try await MarketingListService(web.env).list(by: principal)
        let users = try await RecordParts(env: web.env).userNames()
        let rows = lists.map { l in
            Row(name: l.name, url: "\(Self.path)/\(l.id)", target: Self.target(l.targetType), kind: l.listType == .static ? "Static" : "Dynamic",
                active: l.active, owner: users[l.ownership.ownerId] ?? "—")
        }
        return try await web.page("marketing-lists", "Marketing lists", ListModel(rows: rows, hasRows: !rows.isEmpty, canCreate: principal.canWriteRecords),
                                  request, context)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard let id = context.parameters.get("id").flatMap(MarketingList.ID.init) else { throw Problem.notFound() }
        let service = MarketingListService(web.env)
        let list = try await service.get(id, by: principal)
        let cursor = try request.query("cursor").nonEmpty.map { try Cursor.decode($0) }
        let page = try await service.members(id, cursor: cursor, limit: 50, by: principal)
        let count = try await service.count(id, by: principal)
        let users = try await RecordParts(env: web.env).userNames()
        var facts = [
            Fact(label: "Targets", value: Self.target(list.targetType), href: nil),
            Fact(label: "Kind", value: list.listType == .static ? "Static: members added by hand" : "Dynamic: the records its filter matches now", href: nil),
            Fact(label: "Members", value: "\(count)", href: nil),
            Fact(label: "Owner", value: users[list.ownership.ownerId] ?? "—", href: nil),
            Fact(label: "Active", value: list.active ? "Yes" : "No: it is not sent to or changed until reactivated", href: nil),
        ]
        if let query = list.query { facts.insert(Fact(label: "Filter", value: query, href: "/\(list.targetType.rawValue)?\(query)"), at: 2) }
        if let description = list.description { facts.append(Fact(label: "Description", value: description, href: nil)) }
        let canChange = principal.canChange(list.ownership)
        // Find-and-add for a static list
        let find = request.query("find").nonEmpty
        var found: [Found] = [], foundCount = 0, findError: String?
        if let find, list.listType == .static {
            do {
                let preview = try await service.preview(list.targetType, query: find, limit: 50, by: principal)
                found = preview.members.map { Found(id: UUIDText.lowercase($0.id), text: Self.memberText($0)) }
                foundCount = preview.count
            } catch let error as QueryError { findError = error.message }
        }
        let linked = try await CampaignService(web.env).campaigns(of: id, by: principal)
        let options = try await CampaignService(web.env).list(by: principal)
            .filter { campaign in campaign.active && !linked.contains { $0.id == campaign.id } }
            .map { Field.Option(value: $0.id.string, label: $0.name, selected: false) }
        let model = Model(id: id.string, name: list.name, facts: facts, active: list.active, isStatic: list.listType == .static, canChange: canChange,
                          members: page.members.map { m in
                              Member(id: UUIDText.lowercase(m.id), listId: id.string, name: m.name, email: m.email, organisation: m.organisation,
                                     url: Self.recordPath(list.targetType, m.id))
                          },
                          hasMembers: !page.members.isEmpty,
                          next: page.next.map { URLText.link("\(Self.path)/\(id)", [("cursor", Cursor.encode($0))]) }, count: count,
                          find: find, found: found, hasFound: !found.isEmpty, foundCount: foundCount, findError: findError,
                          campaigns: linked.map { Linked(name: $0.name, url: "\(CampaignPages.path)/\($0.id)", status: CampaignPages.status($0)) },
                          hasCampaigns: !linked.isEmpty, campaignOptions: options, hasCampaignOptions: !options.isEmpty && list.active,
                          canQuick: list.active && principal.canWriteRecords,
                          channels: CampaignActivityPages.channels.map { Field.Option(value: $0.0.rawValue, label: $0.1, selected: $0.0 == .phoneCall) })
        return try await web.page("marketing-list", list.name, model, request, context)
    }

    func id(_ context: AppContext) throws -> MarketingList.ID {
        guard let id = context.parameters.get("id").flatMap(MarketingList.ID.init) else { throw Problem.notFound() }
        return id
    }

    @Sendable func addMembers(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try id(context)
        let service = MarketingListService(web.env)
        let added: Int
        do {
            if let query = form.optional("query") {
                added = try await service.addMatches(id, query: query, by: principal)
            } else {
                let ids = form.all("memberIds").compactMap(UUIDText.parse)
                guard !ids.isEmpty else { throw ValidationError([FieldError("memberIds", "tick at least one record to add")]) }
                added = try await service.addMembers(id, ids, by: principal)
            }
        } catch {
            return try Web.refusal(error, back: "\(Self.path)/\(id)", failed: "Not added:")
        }
        let back = form.optional("find").map { URLText.link("\(Self.path)/\(id)", [("find", $0)]) } ?? "\(Self.path)/\(id)"
        return .redirect(back, flash: added == 1 ? "1 member added." : "\(added) members added.")
    }

    @Sendable func removeMember(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try id(context)
        guard let member = context.parameters.get("memberId").flatMap(UUIDText.parse) else { throw Problem.notFound() }
        return try await web.act(back: "\(Self.path)/\(id)", done: "Removed from the list.", failed: "Not removed:") {
            try await MarketingListService(web.env).removeMember(id, member, by: principal)
        }
    }

    @Sendable func deactivate(_ request: Request, context: AppContext) async throws -> Response {
        try await setActive(false, request, context)
    }

    @Sendable func reactivate(_ request: Request, context: AppContext) async throws -> Response {
        try await setActive(true, request, context)
    }

    func setActive(_ active: Bool, _ request: Request, _ context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try id(context)
        return try await web.act(back: "\(Self.path)/\(id)", done: active ? "Reactivated." : "Deactivated: it keeps its members.",
                                 failed: "Not changed:") {
            _ = try await MarketingListService(web.env).setActive(id, active, by: principal)
        }
    }

    @Sendable func copy(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try id(context)
        var made: MarketingList?
        let refused = try await web.act(back: "\(Self.path)/\(id)", done: "", failed: "Not copied:") {
            made = try await MarketingListService(web.env).copy(id, name: nil, by: principal)
        }
        guard let made else { return refused }
        return .redirect("\(Self.path)/\(made.id)", flash: "Copied into the static list “\(made.name)”.")
    }

    @Sendable func quickCampaign(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try id(context)
        var made: Campaign?
        let refused = try await web.act(back: "\(Self.path)/\(id)#quick", done: "", failed: "No quick campaign:") {
            made = try await CampaignService(web.env).quick(from: id, name: form.optional("name"), channel: CampaignActivity.Channel(rawValue: form["channel"]),
                                                            subject: form.optional("subject"), description: form.optional("description"), by: principal).0
        }
        guard let made else { return refused }
        return .redirect("\(CampaignPages.path)/\(made.id)", flash: "Quick campaign “\(made.name)” launched: its activity is going out to every member.")
    }

    @Sendable func linkCampaign(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try id(context)
        return try await web.act(back: "\(Self.path)/\(id)", done: "Linked to the campaign.", failed: "Not linked:") {
            guard let campaign = form.optional("campaignId").flatMap(Campaign.ID.init) else {
                throw ValidationError([FieldError("campaignId", "choose a campaign")])
            }
            try await CampaignService(web.env).link(campaign, list: id, by: principal)
        }
    }
}
