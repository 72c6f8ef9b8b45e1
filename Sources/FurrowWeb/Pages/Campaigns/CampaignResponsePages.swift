import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Campaign responses on the web: recorded from the campaign's page, and each on a page of its
/// own with the convert form (a new lead filled in from it, an existing lead, or an opportunity).
struct CampaignResponsePages {
    static let path = "/campaign-responses"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.post("campaigns/:id/responses", use: create)
        group.get("campaign-responses/:id", use: show)
        group.post("campaign-responses/:id/convert", use: convert)
    }

    static let outcomes: [(CampaignResponse.Outcome, String)] = [(.interested, "Interested"), (.moreInformation, "Wants more information"),
                                                                 (.notInterested, "Not interested"), (.doNotContact, "Do not contact"), (.other, "Other")]
    static let channels: [(CampaignResponse.Channel, String)] = [(.email, "Email"), (.phone, "Phone"), (.letter, "Letter"), (.web, "Web"),
                                                                 (.event, "Event"), (.other, "Other")]
    static func outcome(_ o: CampaignResponse.Outcome) -> String { outcomes.first { $0.0 == o }?.1 ?? o.rawValue }

    struct Row { let url: String, received: String, from: String, subject: String, outcome: String, converted: String? }

    /// The campaign page's rows.
    static func rows(_ responses: [CampaignResponse], clock: LocalClock) -> [Row] {
        responses.map { r in
            Row(url: "\(path)/\(r.id)", received: clock.stamp(r.receivedAt), from: [r.name, r.email].compactMap { $0 }.joined(separator: " · ").nonEmpty ?? "—",
                subject: r.subject, outcome: outcome(r.outcome),
                converted: r.convertedTo.map { $0.kind.noun })
        }
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let campaign = try CampaignPages.id(context)
        var made: CampaignResponse?
        let refused = try await web.act(back: "\(CampaignPages.path)/\(campaign)#responses", done: "", failed: "Not recorded:") {
            var input = CampaignResponseService.Input()
            input.campaignId = campaign
            input.channel = CampaignResponse.Channel(rawValue: form["channel"])
            input.name = form.optional("name")
            input.email = form.optional("email")
            input.subject = form["subject"]
            input.body = form.optional("body")
            input.outcome = CampaignResponse.Outcome(rawValue: form["outcome"])
            made = try await CampaignResponseService(web.env).create(input, by: principal)
        }
        guard let made else { return refused }
        return .redirect("\(Self.path)/\(made.id)", flash: "Response recorded. Convert it when it is worth following up.")
    }

    struct Model {
        let id: String, subject: String, facts: [Fact], body: String?, converted: Fact?, canConvert: Bool
        let leads: [Field.Option], hasLeads: Bool, accounts: [Field.Option]
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard let id = context.parameters.get("id").flatMap(CampaignResponse.ID.init) else { throw Problem.notFound() }
        let r = try await CampaignResponseService(web.env).get(id, by: principal)
        let campaign = try await CampaignService(web.env).get(r.campaignId, by: principal)
        let users = try await RecordParts(env: web.env).userNames()
        var party: Fact?
        if let p = r.party {
            let target = CampaignResponseService.target(p.kind)
            let member = try await web.env.store.read { try await $0.members([p.id], of: target) }.first
            party = Fact(label: p.kind.rawValue.capitalized, value: member?.name ?? "—", href: MarketingListPages.recordPath(target, p.id))
        }
        let canConvert = r.convertedTo == nil && principal.canChange(r.ownership)
        let leads = canConvert ? try await LeadService(web.env).list(ListQuery(limit: 200, sort: ListFields.leads.defaultSort), by: principal)
            .filter { $0.status != .qualified && $0.status != .disqualified }
            .map { Field.Option(value: $0.id.string, label: "\($0.fields.topic)\($0.fields.companyName.map { " (\($0))" } ?? "")", selected: false) } : []
        let accounts = canConvert ? try await RecordParts(env: web.env).accountOptions(by: principal, selected: nil)
            .map { Field.Option(value: $0.0, label: $0.1, selected: r.party?.kind == .account && $0.0 == r.party.map { UUIDText.lowercase($0.id) }) } : []
        return try await web.page("campaign-response", r.subject, request, context) { shell in
            let clock = LocalClock(shell.timeZone)
            var facts = [Fact(label: "Campaign", value: campaign.name, href: "\(CampaignPages.path)/\(campaign.id)"),
                         Fact(label: "Received", value: clock.stamp(r.receivedAt), href: nil),
                         Fact(label: "Channel", value: Self.channels.first { $0.0 == r.channel }?.1 ?? r.channel.rawValue, href: nil),
                         Fact(label: "Outcome", value: Self.outcome(r.outcome), href: nil),
                         Fact(label: "Owner", value: users[r.ownership.ownerId] ?? "—", href: nil)]
            if let party { facts.insert(party, at: 1) }
            if let name = r.name { facts.insert(Fact(label: "Name", value: name, href: nil), at: 1) }
            if let email = r.email { facts.insert(Fact(label: "Email", value: email, href: "mailto:" + email), at: 1) }
            let converted = r.convertedTo.map { c in
                Fact(label: "Became the " + c.kind.noun.lowercased(), value: "Open it", href: "/\(c.kind.collection)/" + UUIDText.lowercase(c.id))
            }
            return Model(id: id.string, subject: r.subject, facts: facts, body: r.body, converted: converted, canConvert: canConvert,
                         leads: leads, hasLeads: !leads.isEmpty, accounts: accounts)
        }
    }

    @Sendable func convert(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        guard let id = context.parameters.get("id").flatMap(CampaignResponse.ID.init) else { throw Problem.notFound() }
        var target: (CampaignResponse.Conversion, UUID)?
        let refused = try await web.act(back: "\(Self.path)/\(id)", done: "", failed: "Not converted:") {
            var conversion = CampaignResponseService.Conversion()
            conversion.to = CampaignResponse.Conversion(rawValue: form["to"])
            conversion.leadId = form.optional("leadId").flatMap(Lead.ID.init)
            conversion.accountId = form.optional("accountId").flatMap(Account.ID.init)
            let (response, made) = try await CampaignResponseService(web.env).convert(id, conversion, by: principal)
            target = response.convertedTo.map { ($0.kind, made) }
        }
        guard let (kind, made) = target else { return refused }
        let path = "/\(kind.collection)/" + UUIDText.lowercase(made)
        let words = switch kind {
        case .newLead: "A new lead was made from the response; its source campaign is set."
        case .existingLead: "The response joined the lead; its source campaign is set."
        case .opportunity: "An opportunity was made from the response; its source campaign is set."
        case .quote: "A draft quote was made from the response, on an opportunity whose source campaign is set."
        case .order: "An order was made from the response, on an opportunity whose source campaign is set: add its lines."
        }
        return .redirect(path, flash: words)
    }
}
