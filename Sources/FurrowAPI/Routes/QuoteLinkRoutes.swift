import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// A quote's public link for the customer (issue 23).
struct QuoteLinkRoutes: RouteSet {
    let env: CoreEnvironment

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard let (link, responses) = try await QuoteLinks(env).link(of: try context.id(Quote.self), by: principal) else {
            throw Problem.notFound("link")
        }
        let settings = try await SettingsService(env).current()
        return try .json(QuoteLinkDTO(link, responses, base: settings.publicURL))
    }

    @Sendable func revoke(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try await QuoteLinks(env).revoke(try context.id(Quote.self), by: principal)
        return .noContent
    }
}

struct QuoteLinkDTO: Encodable {
    struct Answer: Encodable { let answer: String, name: String, reason: String?, signed: Bool, address: String, at: String }
    let publicUrl: String, active: Bool, createdAt: String, firstViewedAt: String?, lastViewedAt: String?, views: Int
    let answers: [Answer]

    init(_ link: QuoteLink, _ responses: [QuoteResponse], base: String) {
        publicUrl = "\(base)/q/\(link.token)"
        active = link.revokedAt == nil
        createdAt = Timestamp.string(link.createdAt)
        firstViewedAt = link.firstViewedAt.map(Timestamp.string)
        lastViewedAt = link.lastViewedAt.map(Timestamp.string)
        views = link.views
        answers = responses.map { Answer(answer: $0.answer.rawValue, name: $0.name, reason: $0.reason, signed: $0.signature != nil,
                                         address: $0.address, at: Timestamp.string($0.at)) }
    }
}
