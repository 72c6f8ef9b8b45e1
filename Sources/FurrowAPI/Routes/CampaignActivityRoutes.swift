import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Campaign activities (SPEC §8): made on a campaign, previewed, and distributed to the members
/// of its marketing lists.
struct CampaignActivityRoutes: RouteSet {
    let env: CoreEnvironment

    static let fields: Set<String> = ["channel", "subject", "body", "scheduledStart", "scheduledEnd", "ownerId"]
    static let ignored: Set<String> = JSONBody.serverOwned.union(["campaignId", "distribution", "total", "processed", "counts"])

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let campaign = try context.id(Campaign.self)
        var body = try await JSONBody(request, context: context, allowed: Self.fields, ignoring: Self.ignored)
        body.require("channel")
        body.require("subject")
        var input = CampaignActivityService.Input()
        input.channel = body.enumValue("channel", CampaignActivity.Channel.self)
        input.subject = body.string("subject")
        input.body = body.string("body")
        input.scheduledStart = body.timestamp("scheduledStart")
        input.scheduledEnd = body.timestamp("scheduledEnd")
        input.ownerId = body.id("ownerId", User.self)
        try body.check()
        let activity = try await CampaignActivityService(env).create(on: campaign, input, by: principal)
        let progress = try await CampaignActivityService(env).get(activity.id, by: principal)
        return try .json(CampaignActivityDTO(progress), status: .created, location: "/api/v1/campaign-activities/\(activity.id)")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let activities = try await CampaignActivityService(env).list(of: try context.id(Campaign.self), by: principal)
        return try .json(Page(items: activities.map { CampaignActivityDTO(.init(activity: $0, counts: [:]), counts: false) }, nextCursor: nil))
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(CampaignActivityDTO(try await CampaignActivityService(env).get(try context.id(CampaignActivity.self), by: principal)))
    }

    @Sendable func preview(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var member: UUID?
        for (key, value) in request.uri.queryParameters {
            guard key == "memberId" else { throw Problem.invalidQuery("Unknown parameter '\(key)'. Use memberId.") }
            guard let id = UUIDText.parse(String(value)) else { throw Problem.invalidQuery("memberId must be a UUID.") }
            member = id
        }
        let preview = try await CampaignActivityService(env).preview(try context.id(CampaignActivity.self), member: member, by: principal)
        return try .json(PreviewMessageDTO(memberId: preview.member.map { UUIDText.lowercase($0.id) }, memberName: preview.member?.name,
                                           to: preview.member?.email, subject: preview.subject, text: preview.text, html: preview.html))
    }

    @Sendable func distribute(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let progress = try await CampaignActivityService(env).distribute(try context.id(CampaignActivity.self), by: principal)
        return try .json(CampaignActivityDTO(progress), status: .accepted)
    }
}

struct CampaignActivityDTO: Encodable, Sendable {
    struct Counts: Encodable, Sendable { let sent: Int, skipped: Int, suppressed: Int, created: Int }
    let id: String, campaignId: String, channel: String, subject: String, body: String?, scheduledStart: String?, scheduledEnd: String?
    let distribution: String, total: Int, processed: Int, counts: Counts?, ownerId: String, version: Int, createdAt: String, updatedAt: String

    init(_ p: CampaignActivityService.Progress, counts withCounts: Bool = true) {
        let a = p.activity
        id = a.id.string; campaignId = a.campaignId.string; channel = a.channel.rawValue; subject = a.subject; body = a.body
        scheduledStart = a.scheduledStart.map(Timestamp.string); scheduledEnd = a.scheduledEnd.map(Timestamp.string)
        distribution = a.distribution.rawValue; total = a.total; processed = a.processed
        counts = withCounts ? Counts(sent: p.counts[.sent] ?? 0, skipped: p.counts[.skipped] ?? 0, suppressed: p.counts[.suppressed] ?? 0,
                                     created: p.counts[.created] ?? 0) : nil
        ownerId = a.ownership.ownerId.string; version = a.version; createdAt = Timestamp.string(a.createdAt); updatedAt = Timestamp.string(a.updatedAt)
    }
}

struct PreviewMessageDTO: Encodable, Sendable {
    let memberId: String?, memberName: String?, to: String?, subject: String, text: String, html: String
}
