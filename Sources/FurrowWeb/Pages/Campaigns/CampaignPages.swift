import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Campaigns on the web: the list, and a campaign's page with its plan, the next move it allows,
/// deactivate and reactivate, and its marketing lists (link and unlink).
struct CampaignPages {
    static let path = "/campaigns"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("campaigns", use: list)
        group.get("campaigns/:id", use: show)
        group.post("campaigns/:id/move", use: move)
        group.post("campaigns/:id/deactivate", use: deactivate)
        group.post("campaigns/:id/reactivate", use: reactivate)
        group.post("campaigns/:id/marketing-lists", use: link)
        group.post("campaigns/:id/marketing-lists/:listId/unlink", use: unlink)
        group.post("campaigns/:id/products", use: addProduct)
        group.post("campaigns/:id/products/:productId/remove", use: removeProduct)
    }

    struct Row { let name: String, url: String, type: String, status: String, statusKey: String, dates: String, budget: String, owner: String }
    struct ListModel { let rows: [Row], hasRows: Bool, canCreate: Bool }
    struct Linked { let id: String, campaignId: String, name: String, url: String, target: String, kind: String, members: Int }
    struct ActivityRow { let url: String, subject: String, channel: String, state: String }
    struct Figure { let label: String, value: String }
    struct ProductRow { let id: String, campaignId: String, name: String, url: String, sku: String, canRemove: Bool }
    struct MoneyRow { let currency: String, won: String, cost: String, ratio: String }
    struct Model {
        let id: String, name: String, status: String, statusKey: String, active: Bool, facts: [Fact], canChange: Bool
        let next: Field.Option?, lists: [Linked], hasLists: Bool, listOptions: [Field.Option], hasListOptions: Bool
        let campaignActivities: [ActivityRow], hasCampaignActivities: Bool, canPlan: Bool, channels: [Field.Option]
        let responses: [CampaignResponsePages.Row], hasResponses: Bool, canRecord: Bool, outcomes: [Field.Option], responseChannels: [Field.Option]
        let chart: CampaignChart, figures: [Figure], money: [MoneyRow], hasMoney: Bool, csv: String
        /// Planning activities: tasks, calls and meetings about the campaign itself (rule 66).
        let activities: ActivitySection?
        let products: [ProductRow], hasProducts: Bool, productOptions: [Field.Option], hasProductOptions: Bool
        let literature: [ProductRow], hasLiterature: Bool, literatureOptions: [Field.Option], hasLiteratureOptions: Bool
        let mergeFields = MergeTemplate.fields.map { "{{\($0)}}" }.joined(separator: ", ")
    }

    static let kinds: [(Campaign.Kind, String)] = [(.advertisement, "Advertisement"), (.directMarketing, "Direct marketing"), (.event, "Event"),
                                                    (.coBranding, "Co-branding"), (.affiliate, "Affiliate"), (.partner, "Partner"),
                                                    (.webinar, "Webinar"), (.other, "Other")]
    static func kind(_ k: Campaign.Kind) -> String { kinds.first { $0.0 == k }?.1 ?? k.rawValue }
    static func status(_ c: Campaign) -> String {
        let word = ["planning": "Planning", "readyToLaunch": "Ready to launch", "launched": "Launched", "completed": "Completed"][c.status.rawValue] ?? ""
        return c.active ? word : word + ", inactive"
    }
    /// The next move and its button's words.
    static let moves: [Campaign.Status: (Campaign.Status, String)] = [.planning: (.readyToLaunch, "Ready to launch"), .readyToLaunch: (.launched, "Launch"),
                                                                      .launched: (.completed, "Complete")]

    static func dates(_ c: Campaign) -> String {
        switch (c.startDate, c.endDate) {
        case let (start?, end?): "\(start) – \(end)"
        case let (start?, nil): "from \(start)"
        case let (nil, end?): "until \(end)"
        default: "—"
        }
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let campaigns = try await CampaignService(web.env).list(by: principal)
        let users = try await RecordParts(env: web.env).userNames()
        let rows = campaigns.map { c in
            Row(name: c.quick ? c.name + " (quick)" : c.name, url: "\(Self.path)/\(c.id)", type: Self.kind(c.kind), status: Self.status(c), statusKey: c.active ? c.status.rawValue : "cancelled",
                dates: Self.dates(c), budget: c.budgetedCost.map(MoneyText.format) ?? "—", owner: users[c.ownership.ownerId] ?? "—")
        }
        return try await web.page("campaigns", "Campaigns", ListModel(rows: rows, hasRows: !rows.isEmpty, canCreate: principal.canWriteRecords), request, context)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let id = try Self.id(context)
        let service = CampaignService(web.env)
        let c = try await service.get(id, by: principal)
        let lists = try await service.lists(of: id, by: principal)
        let users = try await RecordParts(env: web.env).userNames()
        var facts = [
            Fact(label: "Type", value: Self.kind(c.kind), href: nil),
            Fact(label: "Dates", value: Self.dates(c), href: nil),
            Fact(label: "Budgeted cost", value: c.budgetedCost.map(MoneyText.format) ?? "—", href: nil),
            Fact(label: "Actual cost", value: c.actualCost.map(MoneyText.format) ?? "—", href: nil),
            Fact(label: "Expected revenue", value: c.expectedRevenue.map(MoneyText.format) ?? "—", href: nil),
            Fact(label: "Owner", value: users[c.ownership.ownerId] ?? "—", href: nil),
        ]
        if let offer = c.offer { facts.append(Fact(label: "Offer", value: offer, href: nil)) }
        if let description = c.description { facts.append(Fact(label: "Description", value: description, href: nil)) }
        let canChange = principal.canChange(c.ownership)
        var linked: [Linked] = []
        for list in lists {
            linked.append(Linked(id: list.id.string, campaignId: id.string, name: list.name, url: "\(MarketingListPages.path)/\(list.id)",
                                 target: MarketingListPages.target(list.targetType), kind: list.listType == .static ? "static" : "dynamic",
                                 members: try await MarketingListService(web.env).count(list.id, by: principal)))
        }
        let options = try await MarketingListService(web.env).list(by: principal)
            .filter { list in list.active && !lists.contains { $0.id == list.id } }
            .map { Field.Option(value: $0.id.string, label: "\($0.name) (\($0.targetType.rawValue))", selected: false) }
        let activities = try await CampaignActivityService(web.env).list(of: id, by: principal).map { a in
            ActivityRow(url: "\(CampaignActivityPages.path)/\(a.id)", subject: a.subject, channel: CampaignActivityPages.channel(a.channel),
                        state: ["notStarted": "Not distributed", "running": "Distributing (\(a.processed) of \(a.total))", "done": "Distributed"][a.distribution.rawValue] ?? "")
        }
        let next = Self.moves[c.status].flatMap { move in c.active && canChange ? Field.Option(value: move.0.rawValue, label: move.1, selected: false) : nil }
        let responses = try await CampaignResponseService(web.env).list(of: id, by: principal)
        let clock = try await LocalClock.company(web.env)
        let responseRows = CampaignResponsePages.rows(responses, clock: clock)
        let results = try await service.results(id, by: principal)
        let handedOut = try await LiteratureService(web.env).of(campaign: id, by: principal)
        let literatureRows = handedOut.map {
            ProductRow(id: $0.id.string, campaignId: id.string, name: $0.title, url: "\(LiteraturePages.path)/\($0.id)", sku: "", canRemove: canChange)
        }
        let literatureOptions = canChange && c.active
            ? try await LiteratureService(web.env).list().filter { piece in !handedOut.contains { $0.id == piece.id } }
                .map { Field.Option(value: $0.id.string, label: $0.title, selected: false) } : []
        let targets = try await service.products(of: id, by: principal)
        let productRows = targets.map { ProductRow(id: $0.id.string, campaignId: id.string, name: $0.name, url: "/products/\($0.id)", sku: $0.sku, canRemove: canChange) }
        let productOptions = canChange && c.active
            ? try await ProductService(web.env).products(ListQuery(limit: 500, sort: ListFields.products.defaultSort))
                .filter { product in product.active && !targets.contains { $0.id == product.id } }
                .map { Field.Option(value: $0.id.string, label: "\($0.name) (\($0.sku))", selected: false) } : []
        let figures = [Figure(label: "Emails queued", value: "\(results.sent)"), Figure(label: "Delivered", value: "\(results.delivered)"),
                       Figure(label: "Failed", value: "\(results.failed)"), Figure(label: "No address", value: "\(results.skipped)"),
                       Figure(label: "Unsubscribed", value: "\(results.unsubscribed + results.suppressed)"),
                       Figure(label: "Activities made", value: "\(results.activitiesMade)")]
        let money = results.money.map { m in
            MoneyRow(currency: m.currency.code, won: MoneyText.format(m.won), cost: m.cost.map { MoneyText.format($0) } ?? "—",
                     ratio: m.returnPercent.map { ReportService.signedPercentText($0) + " %" } ?? "—")
        }
        return try await web.page("campaign", c.name, request, context) { shell in
            Model(id: id.string, name: c.name, status: Self.status(c), statusKey: c.active ? c.status.rawValue : "cancelled", active: c.active,
                          facts: facts, canChange: canChange, next: next, lists: linked, hasLists: !linked.isEmpty, listOptions: options,
                          hasListOptions: !options.isEmpty && c.active, campaignActivities: activities, hasCampaignActivities: !activities.isEmpty,
                          canPlan: canChange && c.active && !lists.isEmpty,
                          channels: CampaignActivityPages.channels.map { Field.Option(value: $0.0.rawValue, label: $0.1, selected: $0.0 == .email) },
                          responses: responseRows, hasResponses: !responseRows.isEmpty, canRecord: principal.canWriteRecords,
                          outcomes: CampaignResponsePages.outcomes.map { Field.Option(value: $0.0.rawValue, label: $0.1, selected: $0.0 == .interested) },
                          responseChannels: CampaignResponsePages.channels.map { Field.Option(value: $0.0.rawValue, label: $0.1, selected: $0.0 == .phone) },
                          chart: CampaignChart(results), figures: figures, money: money, hasMoney: !money.isEmpty,
                          csv: "/api/v1/reports/campaigns/\(id)?format=csv",
                          activities: try await ActivitySection.load(web.env, Regarding(.campaign, id.uuid), shell: shell, by: principal),
                          products: productRows, hasProducts: !productRows.isEmpty, productOptions: productOptions,
                          hasProductOptions: !productOptions.isEmpty, literature: literatureRows, hasLiterature: !literatureRows.isEmpty,
                          literatureOptions: literatureOptions, hasLiteratureOptions: !literatureOptions.isEmpty)
        }
    }

    static func id(_ context: AppContext) throws -> Campaign.ID {
        guard let id = context.parameters.get("id").flatMap(Campaign.ID.init) else { throw Problem.notFound() }
        return id
    }

    @Sendable func move(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try Self.id(context)
        guard let status = Campaign.Status(rawValue: form["to"]) else { throw Problem.notFound() }
        let words = ["readyToLaunch": "Ready to launch.", "launched": "Launched.", "completed": "Completed."][status.rawValue] ?? "Moved."
        return try await web.act(back: "\(Self.path)/\(id)", done: words, failed: "Not moved:") {
            _ = try await CampaignService(web.env).move(id, to: status, by: principal)
        }
    }

    @Sendable func deactivate(_ request: Request, context: AppContext) async throws -> Response { try await setActive(false, request, context) }
    @Sendable func reactivate(_ request: Request, context: AppContext) async throws -> Response { try await setActive(true, request, context) }

    func setActive(_ active: Bool, _ request: Request, _ context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try Self.id(context)
        return try await web.act(back: "\(Self.path)/\(id)", done: active ? "Reactivated." : "Deactivated.", failed: "Not changed:") {
            _ = try await CampaignService(web.env).setActive(id, active, by: principal)
        }
    }

    @Sendable func link(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try Self.id(context)
        return try await web.act(back: "\(Self.path)/\(id)", done: "List linked.", failed: "Not linked:") {
            guard let list = form.optional("listId").flatMap(MarketingList.ID.init) else { throw ValidationError([FieldError("listId", "choose a list")]) }
            try await CampaignService(web.env).link(id, list: list, by: principal)
        }
    }

    @Sendable func addProduct(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try Self.id(context)
        return try await web.act(back: "\(Self.path)/\(id)#products", done: "Product added.", failed: "Not added:") {
            guard let product = form.optional("productId").flatMap(Product.ID.init) else { throw ValidationError([FieldError("productId", "choose a product")]) }
            try await CampaignService(web.env).addProduct(product, to: id, by: principal)
        }
    }

    @Sendable func removeProduct(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try Self.id(context)
        guard let product = context.parameters.get("productId").flatMap(Product.ID.init) else { throw Problem.notFound() }
        return try await web.act(back: "\(Self.path)/\(id)#products", done: "Product removed.", failed: "Not removed:") {
            try await CampaignService(web.env).removeProduct(product, from: id, by: principal)
        }
    }

    @Sendable func unlink(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try Self.id(context)
        guard let list = context.parameters.get("listId").flatMap(MarketingList.ID.init) else { throw Problem.notFound() }
        return try await web.act(back: "\(Self.path)/\(id)", done: "List unlinked.", failed: "Not unlinked:") {
            try await CampaignService(web.env).unlink(id, list: list, by: principal)
        }
    }
}
