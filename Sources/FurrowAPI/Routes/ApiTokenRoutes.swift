import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Named API tokens (SPEC §11): `/api-tokens`.
struct ApiTokenRoutes: RouteSet {
    let env: CoreEnvironment

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["name", "scopes", "expiresAt", "userId"])
        body.require("name")
        body.require("scopes")
        var input = ApiTokenService.Input()
        input.name = body.string("name")
        input.scopes = body.strings("scopes")
        input.expiresAt = body.timestamp("expiresAt")
        input.userId = body.id("userId", User.self)
        try body.check()
        let issued = try await ApiTokenService(env).create(input, within: context.apiToken?.scopes, by: principal)
        let names = try await Self.userNames(env, [issued.token])
        return try .json(ApiTokenDTO(issued.token, names: names, secret: issued.secret), status: .created,
                         location: "/api/v1/api-tokens/\(UUIDText.lowercase(issued.token.id))")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var user: User.ID?
        for (name, value) in request.uri.queryParameters {
            guard name == "userId", let id = User.ID(String(value)) else {
                throw Problem.invalidQuery("The only parameter is userId, a user's id.")
            }
            user = id
        }
        let tokens = try await ApiTokenService(env).list(of: user, by: principal)
        let names = try await Self.userNames(env, tokens)
        return try .json(Page(items: tokens.map { ApiTokenDTO($0, names: names) }, nextCursor: nil))
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let token = try await ApiTokenService(env).get(try context.id(ApiToken.self).uuid, by: principal)
        return try .json(ApiTokenDTO(token, names: try await Self.userNames(env, [token])))
    }

    @Sendable func revoke(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        _ = try await ApiTokenService(env).revoke(try context.id(ApiToken.self).uuid, by: principal)
        return .noContent
    }

    static func userNames(_ env: CoreEnvironment, _ tokens: [ApiToken]) async throws -> [User.ID: String] {
        let wanted = Set(tokens.flatMap { [$0.userId, $0.createdBy] })
        guard !wanted.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await UserService(env).listAsSystem().filter { wanted.contains($0.id) }.map { ($0.id, $0.name) })
    }
}

struct ApiTokenDTO: Encodable, Sendable {
    let id: String, name: String, prefix: String, scopes: [String], userId: String, userName: String?, createdBy: String, createdByName: String?
    let expiresAt: String?, lastUsedAt: String?, createdAt: String, revokedAt: String?, active: Bool
    /// Only in the answer that creates it.
    let token: String?

    init(_ t: ApiToken, names: [User.ID: String], secret: String? = nil, now: Date = Date()) {
        id = UUIDText.lowercase(t.id); name = t.name; prefix = t.prefix; scopes = t.scopes.sorted().map(\.rawValue)
        userId = t.userId.string; userName = names[t.userId]; createdBy = t.createdBy.string; createdByName = names[t.createdBy]
        expiresAt = t.expiresAt.map(Timestamp.string); lastUsedAt = t.lastUsedAt.map(Timestamp.string)
        createdAt = Timestamp.string(t.createdAt); revokedAt = t.revokedAt.map(Timestamp.string)
        active = t.usable(at: now)
        token = secret
    }
}
