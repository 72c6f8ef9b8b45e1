import Foundation
import FurrowDomain

/// Named API tokens: part of a store session.
public protocol ApiTokenSession: Sendable {
    func insertApiToken(_ token: ApiToken, hash: String) async throws
    func apiToken(hash: String) async throws -> ApiToken?
    func apiToken(id: ApiToken.ID) async throws -> ApiToken?
    /// The tokens of one user, or of everyone when `user` is nil; newest first.
    func apiTokens(of user: User.ID?, limit: Int) async throws -> [ApiToken]
    /// Marks the token revoked; false when it was revoked already.
    func revokeApiToken(_ id: ApiToken.ID, at: Date) async throws -> Bool
    func touchApiToken(_ id: ApiToken.ID, at: Date) async throws
}
