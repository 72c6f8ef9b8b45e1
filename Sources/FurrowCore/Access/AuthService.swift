import Foundation
import FurrowDomain

/// Sign-in, API tokens and web sessions (SPEC §0). Secrets are random 256-bit strings stored
/// only as hashes. Failed sign-ins are throttled per account and per client address.
public struct AuthService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public static let failuresPerAccount = 5
    public static let failuresPerAddress = 20
    public static let throttleWindow: TimeInterval = 15 * 60
    public static let tokenLifetime: TimeInterval = 30 * 24 * 3600
    public static let sessionLifetime: TimeInterval = 12 * 3600

    public struct Issued: Sendable {
        public let secret: String
        public let csrf: String
        public let user: UserRecord
        public let expiresAt: Date
    }

    /// Checks the password and issues a new credential of the given kind.
    public func signIn(email: String, password: String, clientAddress: String,
                       kind: CredentialRecord.Kind = .token) async throws -> Issued {
        let email = Normalise.email(email)
        let keys = ["account:" + email, "address:" + clientAddress]
        let now = env.clock.now()
        let since = now.addingTimeInterval(-Self.throttleWindow)
        let user = try await env.store.read { session -> UserRecord? in
            let accountFailures = try await session.loginFailures(key: keys[0], since: since)
            let addressFailures = try await session.loginFailures(key: keys[1], since: since)
            if accountFailures >= Self.failuresPerAccount || addressFailures >= Self.failuresPerAddress {
                throw CoreError.throttled(retryAfter: Int(Self.throttleWindow))
            }
            return try await session.user(email: email)
        }
        // An unknown email is checked against a hash of the same cost, so both answers take as long.
        let hash: String
        if let user { hash = user.passwordHash } else { hash = await env.passwords.unknownUserHash() }
        let valid = await env.passwords.verify(password, hash: hash)
        guard let user, valid, user.active else {
            try await env.store.write { session in
                for key in keys { try await session.recordLoginFailure(key: key, at: now) }
            }
            throw CoreError.unauthorized
        }
        let secret = SecretToken.generate()
        let csrf = kind == .session ? SecretToken.generate() : ""
        let lifetime = kind == .session ? Self.sessionLifetime : Self.tokenLifetime
        let credential = CredentialRecord(hash: SecretToken.hash(secret), kind: kind, userId: user.id, csrf: csrf,
                                          createdAt: now, expiresAt: now.addingTimeInterval(lifetime))
        try await env.store.write { session in
            try await session.clearLoginFailures(key: keys[0])
            try await session.deleteExpiredCredentials(before: now)
            try await session.insertCredential(credential)
        }
        return Issued(secret: secret, csrf: csrf, user: user, expiresAt: credential.expiresAt)
    }

    /// The signed-in principal for a secret, or nil when it is unknown, expired or its user inactive.
    public func authenticate(_ secret: String, kind: CredentialRecord.Kind) async throws -> (Principal, CredentialRecord)? {
        let hash = SecretToken.hash(secret)
        let now = env.clock.now()
        return try await env.store.read { session in
            guard let credential = try await session.credential(hash: hash), credential.kind == kind, credential.expiresAt > now,
                  let user = try await session.user(id: credential.userId), user.active
            else { return nil }
            let managed = user.role == .manager ? try await session.teamIdsManaged(by: user.id) : []
            return (Principal(userId: user.id, role: user.role, teamId: user.teamId, managedTeamIds: Set(managed)), credential)
        }
    }

    /// Counts one attempt under each key (a password link asked for, a quote answered through its
    /// link), refusing it — `throttled` — when a key had its limit of attempts in the throttle window.
    static func countAttempt(_ limits: [(key: String, limit: Int)], _ env: CoreEnvironment) async throws {
        let now = env.clock.now(), since = now.addingTimeInterval(-throttleWindow)
        try await env.store.write { session in
            for (key, limit) in limits where try await session.loginFailures(key: key, since: since) >= limit {
                throw CoreError.throttled(retryAfter: Int(throttleWindow))
            }
            for (key, _) in limits { try await session.recordLoginFailure(key: key, at: now) }
        }
    }

    /// Named tokens, which the same `Authorization: Bearer` header carries.
    public var apiTokens: ApiTokenService { ApiTokenService(env) }

    public func revoke(_ secret: String) async throws {
        try await env.store.write { session in try await session.deleteCredential(hash: SecretToken.hash(secret)) }
    }

    /// Ends every web session and API token of the signed-in user, the current one included.
    public func signOutEverywhere(_ principal: Principal) async throws {
        try await env.store.write { session in try await session.deleteCredentials(of: principal.userId, keeping: nil) }
    }
}
