import Foundation
import FurrowDomain

/// Named API tokens (SPEC §11): made, listed and revoked by their users, and by administrators
/// for anyone (integration tokens acting as a chosen user). Made through a token, a token gets
/// at most that token's scopes.
public struct ApiTokenService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public struct Input: Sendable {
        public var name: String?
        public var scopes: [String]?
        public var expiresAt: Date?
        /// The user the token acts as (administrators only; default the caller).
        public var userId: User.ID?
        public init() {}
    }

    public struct Issued: Sendable {
        public let token: ApiToken
        /// The secret, shown once.
        public let secret: String
    }

    /// Tokens a user may hold at once (revoked ones not counted).
    public static let maxActivePerUser = 50

    /// Makes a token; `within` is the scopes of the token the request came through (nil: a session or sign-in token).
    public func create(_ input: Input, within: Set<ApiToken.Scope>? = nil, by principal: Principal) async throws -> Issued {
        let now = env.clock.now()
        var errors: [FieldError] = []
        let name = input.name?.trimmedSpaces() ?? ""
        if name.isEmpty { errors.append(FieldError("name", "is required")) }
        if name.count > ApiToken.maxNameLength { errors.append(FieldError("name", "is at most \(ApiToken.maxNameLength) characters")) }
        var scopes = Set<ApiToken.Scope>()
        if let requested = input.scopes, !requested.isEmpty {
            for (index, text) in requested.enumerated() {
                guard let scope = ApiToken.Scope(rawValue: text) else {
                    errors.append(FieldError("scopes[\(index)]", "is not a scope: use \(ApiToken.Scope.allCases.map(\.rawValue).joined(separator: ", "))"))
                    continue
                }
                scopes.insert(scope)
            }
        } else {
            errors.append(FieldError("scopes", "names at least one scope: \(ApiToken.Scope.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        if let expiresAt = input.expiresAt {
            if expiresAt <= now { errors.append(FieldError("expiresAt", "is in the past")) }
            else if !Bounds.contains(expiresAt) { errors.append(FieldError("expiresAt", Bounds.timeMessage)) }
        }
        let userId = input.userId ?? principal.userId
        if userId != principal.userId && !principal.isAdmin {
            errors.append(FieldError("userId", "only administrators make tokens for other users"))
        }
        let user = try await env.store.read { try await $0.user(id: userId) }
        if input.userId != nil, user?.active != true { errors.append(FieldError("userId", "is not an active user")) }
        if let user {
            if scopes.contains(.admin) && user.role != .admin { errors.append(FieldError("scopes", "admin is only for an administrator's token")) }
            if scopes.contains(.inboundEmail) && !principal.isAdmin { errors.append(FieldError("scopes", "inbound-email tokens are made by administrators")) }
            if scopes.contains(.write) && user.role == .readonly { errors.append(FieldError("scopes", "write is not for a read-only user")) }
        }
        if let within, !scopes.isSubset(of: within) {
            errors.append(FieldError("scopes", "a token made with a token gets at most its scopes (\(within.sorted().map(\.rawValue).joined(separator: ", ")))"))
        }
        guard errors.isEmpty else { throw ValidationError(errors) }
        let secret = ApiToken.secretPrefix + SecretToken.generate()
        let token = ApiToken(id: env.ids.next(), name: name, userId: userId, createdBy: principal.userId, prefix: String(secret.prefix(ApiToken.secretPrefix.count + 6)),
                             scopes: scopes, expiresAt: input.expiresAt, createdAt: now)
        try await env.transaction(by: principal) { transaction in
            let active = try await transaction.session.apiTokens(of: userId, limit: Self.maxActivePerUser + 1000).filter { $0.usable(at: now) }
            guard active.count < Self.maxActivePerUser else {
                throw ValidationError([FieldError("userId", "already holds \(Self.maxActivePerUser) tokens; revoke one first")])
            }
            try await transaction.session.insertApiToken(token, hash: SecretToken.hash(secret))
            transaction.audit("api-token", token.id, "create", [FieldChange(field: "name", old: nil, new: name),
                                                               FieldChange(field: "scopes", old: nil, new: token.scopes.sorted().map(\.rawValue).joined(separator: ", "))])
        }
        return Issued(token: token, secret: secret)
    }

    /// The caller's tokens; an administrator's list holds everyone's (or one user's).
    public func list(of user: User.ID? = nil, by principal: Principal) async throws -> [ApiToken] {
        let owner: User.ID? = principal.isAdmin ? user : principal.userId
        return try await env.store.read { try await $0.apiTokens(of: owner, limit: 500) }
    }

    public func get(_ id: ApiToken.ID, by principal: Principal) async throws -> ApiToken {
        guard let token = try await env.store.read({ try await $0.apiToken(id: id) }), token.userId == principal.userId || principal.isAdmin else {
            throw CoreError.notFound("API token")
        }
        return token
    }

    /// Revokes a token at once: the next request with it is refused. Revoking one already revoked changes nothing.
    public func revoke(_ id: ApiToken.ID, by principal: Principal) async throws -> ApiToken {
        let token = try await get(id, by: principal)
        let now = env.clock.now()
        try await env.transaction(by: principal) { transaction in
            if try await transaction.session.revokeApiToken(id, at: now) {
                transaction.audit("api-token", id, "revoke", [FieldChange(field: "revokedAt", old: nil, new: Timestamp.string(now))])
            }
        }
        return try await get(token.id, by: principal)
    }

    /// The principal a named token's secret signs in, with its scopes; nil when unknown, revoked,
    /// expired or its user inactive. Notes the use, at most once a minute.
    public func authenticate(_ secret: String) async throws -> (Principal, ApiToken)? {
        guard secret.hasPrefix(ApiToken.secretPrefix) else { return nil }
        let hash = SecretToken.hash(secret), now = env.clock.now()
        guard let (principal, token) = try await env.store.read({ session -> (Principal, ApiToken)? in
            guard let token = try await session.apiToken(hash: hash), token.usable(at: now),
                  let user = try await session.user(id: token.userId), user.active else { return nil }
            let managed = user.role == .manager ? try await session.teamIdsManaged(by: user.id) : []
            let principal = Principal(userId: user.id, role: user.role, teamId: user.teamId, managedTeamIds: Set(managed))
            return (token.scopes.contains(.admin) ? principal : principal.withoutAdministration, token)
        }) else { return nil }
        if token.lastUsedAt.map({ now.timeIntervalSince($0) >= ApiToken.lastUseGranularity }) ?? true {
            try await env.store.write { try await $0.touchApiToken(token.id, at: now) }
        }
        return (principal, token)
    }
}
