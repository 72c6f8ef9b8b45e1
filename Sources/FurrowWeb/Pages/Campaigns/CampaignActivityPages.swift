import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Campaign activities on the web: planned from the campaign's page, and each on a page of its
/// own with the email as the first member gets it, Distribute behind a confirmation that says how
/// many members it reaches, and the distribution's progress.
struct CampaignActivityPages {
    static let path = "/campaign-activities"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.post("campaigns/:id/activities", use: create)
        group.get("campaign-activities/:id", use: show)
        group.get("campaign-activities/:id/distribute", use: confirm)
        group.post("campaign-activities/:id/distribute", use: distribute)
    }

    static let channels: [(CampaignActivity.Channel, String)] = [(.email, "Email"), (.phoneCall, "Phone call"), (.letter, "Letter"),
                                                                 (.appointment, "Appointment"), (.task, "Task")]
    static func channel(_ c: CampaignActivity.Channel) -> String { channels.first { $0.0 == c }?.1 ?? c.rawValue }

    struct Count { let label: String, value: Int }
    struct Model {
        let id: String, subject: String, channel: String, campaign: String, campaignURL: String, isEmail: Bool
        let facts: [Fact], previewTo: String?, previewSubject: String, previewText: String, hasPreview: Bool
        let distribution: String, running: Bool, done: Bool, processed: Int, total: Int, counts: [Count], canDistribute: Bool, readyMessage: String?
        let members: Int
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let campaign = try CampaignPages.id(context)
        let back = "\(CampaignPages.path)/\(campaign)"
        var made: CampaignActivity?
        let refused = try await web.act(back: back + "#campaign-activities", done: "", failed: "Not planned:") {
            var errors: [FieldError] = []
            var input = CampaignActivityService.Input()
            input.channel = CampaignActivity.Channel(rawValue: form["channel"])
            input.subject = form["subject"]
            input.body = form.optional("body")
            if let day = DayField.parse(form["scheduledDay"], field: "scheduledDay", errors: &errors) {
                let settings = try await SettingsService(web.env).current()
                input.scheduledStart = settings.instant(day, minute: 9 * 60)
            }
            if !errors.isEmpty { throw ValidationError(errors) }
            made = try await CampaignActivityService(web.env).create(on: campaign, input, by: principal)
        }
        guard let made else { return refused }
        return .redirect("\(Self.path)/\(made.id)", flash: "Planned. Check the preview, then distribute it.")
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        return try await page(request, context, principal, confirming: false)
    }

    @Sendable func confirm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        return try await page(request, context, principal, confirming: true)
    }

    func page(_ request: Request, _ context: AppContext, _ principal: Principal, confirming: Bool) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(CampaignActivity.ID.init) else { throw Problem.notFound() }
        let service = CampaignActivityService(web.env)
        let progress = try await service.get(id, by: principal)
        let a = progress.activity
        let campaign = try await CampaignService(web.env).get(a.campaignId, by: principal)
        let preview = try? await service.preview(id, member: nil, by: principal)
        let users = try await RecordParts(env: web.env).userNames()
        var members = 0
        for list in try await CampaignService(web.env).lists(of: campaign.id, by: principal) where list.active {
            members += try await MarketingListService(web.env).count(list.id, by: principal)
        }
        let build: (Shell) async throws -> Any = { shell in
            let clock = LocalClock(shell.timeZone)
            var facts = [Fact(label: "Channel", value: Self.channel(a.channel), href: nil),
                         Fact(label: "Campaign", value: campaign.name, href: "\(CampaignPages.path)/\(campaign.id)"),
                         Fact(label: "Owner", value: users[a.ownership.ownerId] ?? "—", href: nil),
                         Fact(label: "Members of its lists", value: "\(members)", href: nil)]
            if let start = a.scheduledStart { facts.insert(Fact(label: "Scheduled", value: clock.stamp(start), href: nil), at: 1) }
            if a.channel != .email, let body = a.body { facts.append(Fact(label: "About", value: body, href: nil)) }
            let canChange = principal.canChange(a.ownership) || principal.canChange(campaign.ownership)
            let ready = campaign.active && campaign.status.distributes
            let counts = a.channel == .email
                ? [Count(label: "Emails queued", value: progress.counts[.sent] ?? 0), Count(label: "No address", value: progress.counts[.skipped] ?? 0),
                   Count(label: "Unsubscribed", value: progress.counts[.suppressed] ?? 0)]
                : [Count(label: "Activities made", value: progress.counts[.created] ?? 0)]
            return Model(
                id: id.string, subject: a.subject, channel: Self.channel(a.channel), campaign: campaign.name, campaignURL: "\(CampaignPages.path)/\(campaign.id)",
                isEmail: a.channel == .email, facts: facts, previewTo: preview?.member.map { "\($0.name) <\($0.email ?? "no address")>" },
                previewSubject: preview?.subject ?? a.subject, previewText: preview?.text ?? (a.body ?? ""), hasPreview: preview != nil,
                distribution: ["notStarted": "Not distributed yet", "running": "Distributing…", "done": "Distributed"][a.distribution.rawValue] ?? "",
                running: a.distribution == .running, done: a.distribution == .done, processed: a.processed, total: max(a.total, a.processed),
                counts: counts, canDistribute: canChange && ready,
                readyMessage: ready ? nil : "Distribute once the campaign is ready to launch or launched (it is \(CampaignPages.status(campaign).lowercased())).",
                members: members)
        }
        if confirming { return try await web.page("campaign-activity-confirm", "Distribute " + a.subject, request, context, model: build) }
        return try await web.page("campaign-activity", a.subject, request, context, model: build)
    }

    @Sendable func distribute(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        guard let id = context.parameters.get("id").flatMap(CampaignActivity.ID.init) else { throw Problem.notFound() }
        return try await web.act(back: "\(Self.path)/\(id)", done: "Distribution started: it goes out in batches; this page shows how far it got.",
                                 failed: "Not distributed:") {
            _ = try await CampaignActivityService(web.env).distribute(id, by: principal)
        }
    }
}
