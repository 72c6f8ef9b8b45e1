import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

/// Named API tokens (`M0026ApiTokens`).
extension SQLSession {
    func insertApiToken(_ t: ApiToken, hash: String) async throws {
        try await run("""
            INSERT INTO api_tokens (id, name, user_id, created_by, hash, prefix, scopes, expires_at, last_used_at, created_at, revoked_at)
            VALUES (\(bind: UUIDText.lowercase(t.id)), \(bind: t.name), \(bind: t.userId.string), \(bind: t.createdBy.string), \(bind: hash),
                \(bind: t.prefix), \(bind: t.scopes.sorted().map(\.rawValue).joined(separator: ",")), \(bind: t.expiresAt.map(Timestamp.string)),
                \(bind: t.lastUsedAt.map(Timestamp.string)), \(bind: Timestamp.string(t.createdAt)), \(bind: t.revokedAt.map(Timestamp.string)))
            """)
    }

    func apiToken(hash: String) async throws -> ApiToken? {
        try await rows("SELECT * FROM api_tokens WHERE hash = \(bind: hash)").first.map(apiTokenRecord)
    }

    func apiToken(id: ApiToken.ID) async throws -> ApiToken? {
        try await rows("SELECT * FROM api_tokens WHERE id = \(bind: UUIDText.lowercase(id))").first.map(apiTokenRecord)
    }

    func apiTokens(of user: User.ID?, limit: Int) async throws -> [ApiToken] {
        let filter: SQLQueryString = user.map { "WHERE user_id = \(bind: $0.string)" } ?? ""
        return try await rows("SELECT * FROM api_tokens \(filter) ORDER BY created_at DESC, id LIMIT \(literal: limit)").map(apiTokenRecord)
    }

    func revokeApiToken(_ id: ApiToken.ID, at time: Date) async throws -> Bool {
        !(try await rows("""
            UPDATE api_tokens SET revoked_at = \(bind: Timestamp.string(time)) WHERE id = \(bind: UUIDText.lowercase(id)) AND revoked_at IS NULL RETURNING id
            """)).isEmpty
    }

    func touchApiToken(_ id: ApiToken.ID, at time: Date) async throws {
        try await run("UPDATE api_tokens SET last_used_at = \(bind: Timestamp.string(time)) WHERE id = \(bind: UUIDText.lowercase(id))")
    }

    private func apiTokenRecord(_ row: any SQLRow) throws -> ApiToken {
        let text = try row.string("scopes")
        let scopes = try text.split(separator: ",").map { part -> ApiToken.Scope in
            guard let scope = ApiToken.Scope(rawValue: String(part)) else { throw StoreError.notSupported("unknown token scope '\(part)'") }
            return scope
        }
        return ApiToken(id: UUIDText.parse(try row.string("id")) ?? UUID(), name: try row.string("name"), userId: try row.id("user_id"),
                        createdBy: try row.id("created_by"), prefix: try row.string("prefix"), scopes: Set(scopes),
                        expiresAt: try row.optional("expires_at").flatMap(Timestamp.date), lastUsedAt: try row.optional("last_used_at").flatMap(Timestamp.date),
                        createdAt: try row.date("created_at"), revokedAt: try row.optional("revoked_at").flatMap(Timestamp.date))
    }
}
