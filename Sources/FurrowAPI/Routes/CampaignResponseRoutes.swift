import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Campaign responses (SPEC §8): entered by hand, captured from replies (`POST /inbound-email`),
/// listed per campaign and converted once into a lead or an opportunity.
struct CampaignResponseRoutes: RouteSet {
    let env: CoreEnvironment

    static let fields: Set<String> = ["campaignId", "channel", "party", "name", "email", "subject", "body", "receivedAt", "outcome"]
    static let ignored: Set<String> = JSONBody.serverOwned.union(["activityId", "convertedTo", "ownerId"])

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: Self.fields, ignoring: Self.ignored)
        body.require("campaignId")
        body.require("subject")
        var input = CampaignResponseService.Input()
        input.campaignId = body.id("campaignId", Campaign.self)
        input.channel = body.enumValue("channel", CampaignResponse.Channel.self)
        if var party = body.nested("party", allowed: ["type", "id"]) {
            party.require("type")
            party.require("id")
            let kind = party.enumValue("type", CampaignResponse.PartyKind.self), id = party.uuid("id")
            body.absorb(party)
            if let kind, let id { input.party = .init(kind, id) }
        }
        input.name = body.string("name")
        input.email = body.string("email")
        input.subject = body.string("subject")
        input.body = body.string("body")
        input.receivedAt = body.timestamp("receivedAt")
        input.outcome = body.enumValue("outcome", CampaignResponse.Outcome.self)
        try body.check()
        let response = try await CampaignResponseService(env).create(input, by: principal)
        return try .json(CampaignResponseDTO(response), status: .created, location: "/api/v1/campaign-responses/\(response.id)")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var campaign: Campaign.ID?, limit = 500
        for (key, value) in request.uri.queryParameters {
            switch key {
            case "campaignId":
                guard let id = Campaign.ID(String(value)) else { throw Problem.invalidQuery("campaignId must be a UUID.") }
                campaign = id
            case "limit":
                guard let n = Int(String(value)), (1...500).contains(n) else { throw Problem.invalidQuery("limit must be a whole number from 1 to 500.") }
                limit = n
            default: throw Problem.invalidQuery("Unknown parameter '\(key)'. Use campaignId and limit.")
            }
        }
        guard let campaign else { throw Problem.invalidQuery("campaignId is required.") }
        let responses = try await CampaignResponseService(env).list(of: campaign, limit: limit, by: principal)
        return try .json(Page(items: responses.map(CampaignResponseDTO.init), nextCursor: nil))
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(CampaignResponseDTO(try await CampaignResponseService(env).get(try context.id(CampaignResponse.self), by: principal)))
    }

    @Sendable func convert(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(CampaignResponse.self)
        var body = try await JSONBody(request, context: context, allowed: ["to", "leadId", "accountId"])
        body.require("to")
        var conversion = CampaignResponseService.Conversion()
        conversion.to = body.enumValue("to", CampaignResponse.Conversion.self)
        conversion.leadId = body.id("leadId", Lead.self)
        conversion.accountId = body.id("accountId", Account.self)
        try body.check()
        let (response, target) = try await CampaignResponseService(env).convert(id, conversion, by: principal)
        let path = response.convertedTo?.kind.collection ?? "leads"
        return try .json(CampaignResponseDTO(response), location: "/api/v1/\(path)/\(UUIDText.lowercase(target))")
    }

    /// A raw RFC 5322 message from a mail server: a reply to a campaign email becomes a response.
    @Sendable func inbound(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        // a named token reaches here only with the inbound-email scope (AuthMiddleware)
        guard context.apiToken != nil || principal.isAdmin else {
            throw CoreError.forbidden("hand in email with an inbound-email API token or as an administrator")
        }
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("message/rfc822") else {
            throw Problem(.unsupportedMediaType, 415, "Unsupported media type", "Send the raw email as message/rfc822.")
        }
        var request = request
        let buffer = try await request.collectBody(upTo: InboundMessage.maxBytes,
                                                   tooLarge: "An inbound email may be at most \(InboundMessage.maxBytes / 1024) KiB.")
        let response = try await CampaignResponseService(env).capture(Data(buffer: buffer))
        return try .json(CampaignResponseDTO(response), status: .created, location: "/api/v1/campaign-responses/\(response.id)")
    }
}

struct CampaignResponseDTO: Encodable, Sendable {
    struct Party: Encodable, Sendable { let type: String, id: String }
    struct Converted: Encodable, Sendable { let to: String, id: String }
    let id: String, campaignId: String, activityId: String?, channel: String, party: Party?, name: String?, email: String?, subject: String
    let body: String?, receivedAt: String, outcome: String, convertedTo: Converted?, ownerId: String, version: Int, createdAt: String, updatedAt: String

    init(_ r: CampaignResponse) {
        id = r.id.string; campaignId = r.campaignId.string; activityId = r.activityId?.string; channel = r.channel.rawValue
        party = r.party.map { Party(type: $0.kind.rawValue, id: UUIDText.lowercase($0.id)) }; name = r.name; email = r.email; subject = r.subject
        body = r.body; receivedAt = Timestamp.string(r.receivedAt); outcome = r.outcome.rawValue
        convertedTo = r.convertedTo.map { Converted(to: $0.kind.rawValue, id: UUIDText.lowercase($0.id)) }
        ownerId = r.ownership.ownerId.string; version = r.version; createdAt = Timestamp.string(r.createdAt); updatedAt = Timestamp.string(r.updatedAt)
    }
}
