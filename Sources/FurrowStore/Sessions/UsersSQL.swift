import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    func insertUser(_ user: UserRecord) async throws {
        try await run("""
            INSERT INTO users (id, email, name, role, team_id, active, password_hash, version, created_at, updated_at)
            VALUES (\(bind: user.id.string), \(bind: user.email), \(bind: user.name), \(bind: user.role.rawValue),
                    \(bind: user.teamId?.string), \(bind: user.active), \(bind: user.passwordHash), \(bind: user.version),
                    \(bind: Timestamp.string(user.createdAt)), \(bind: Timestamp.string(user.updatedAt)))
            """)
    }

    func updateUser(_ user: UserRecord, expectedVersion: Int) async throws -> Bool {
        !(try await rows("""
            UPDATE users SET email = \(bind: user.email), name = \(bind: user.name), role = \(bind: user.role.rawValue),
                team_id = \(bind: user.teamId?.string), active = \(bind: user.active), password_hash = \(bind: user.passwordHash),
                version = \(bind: user.version), updated_at = \(bind: Timestamp.string(user.updatedAt))
            WHERE id = \(bind: user.id.string) AND version = \(bind: expectedVersion) RETURNING id
            """)).isEmpty
    }

    func user(id: User.ID) async throws -> UserRecord? {
        try await rows("SELECT * FROM users WHERE id = \(bind: id.string)").first.map(userRecord)
    }

    func user(email: String) async throws -> UserRecord? {
        try await rows("SELECT * FROM users WHERE email = \(bind: email)").first.map(userRecord)
    }

    func users() async throws -> [UserRecord] {
        try await rows("SELECT * FROM users ORDER BY name, id").map(userRecord)
    }

    func userCount() async throws -> Int {
        try await count("SELECT COUNT(*) AS n FROM users")
    }

    func insertTeam(_ team: TeamRecord) async throws {
        try await run("""
            INSERT INTO teams (id, name, manager_id, created_at)
            VALUES (\(bind: team.id.string), \(bind: team.name), \(bind: team.managerId?.string), \(bind: Timestamp.string(team.createdAt)))
            """)
    }

    func updateTeam(_ team: TeamRecord) async throws {
        try await run("UPDATE teams SET name = \(bind: team.name), manager_id = \(bind: team.managerId?.string) WHERE id = \(bind: team.id.string)")
    }

    func teams() async throws -> [TeamRecord] {
        try await rows("SELECT * FROM teams ORDER BY name, id").map(teamRecord)
    }

    func team(id: Team.ID) async throws -> TeamRecord? {
        try await rows("SELECT * FROM teams WHERE id = \(bind: id.string)").first.map(teamRecord)
    }

    func teamIdsManaged(by user: User.ID) async throws -> [Team.ID] {
        try await rows("SELECT id FROM teams WHERE manager_id = \(bind: user.string)").map { try $0.id("id") }
    }

    func reassignTeam(ofRecordsOwnedBy user: User.ID, to team: Team.ID?) async throws {
        for table in SQLStore.ownedTables {
            try await run("UPDATE \(unsafeRaw: table) SET team_id = \(bind: team?.string) WHERE owner_id = \(bind: user.string)")
        }
    }

    func insertCredential(_ credential: CredentialRecord) async throws {
        try await run("""
            INSERT INTO credentials (hash, kind, user_id, csrf, created_at, expires_at)
            VALUES (\(bind: credential.hash), \(bind: credential.kind.rawValue), \(bind: credential.userId.string),
                    \(bind: credential.csrf), \(bind: Timestamp.string(credential.createdAt)), \(bind: Timestamp.string(credential.expiresAt)))
            """)
    }

    func credential(hash: String) async throws -> CredentialRecord? {
        guard let row = try await rows("SELECT * FROM credentials WHERE hash = \(bind: hash)").first else { return nil }
        return CredentialRecord(hash: try row.string("hash"), kind: try row.status("kind", CredentialRecord.Kind.self),
                                userId: try row.id("user_id"), csrf: try row.string("csrf"),
                                createdAt: try row.date("created_at"), expiresAt: try row.date("expires_at"))
    }

    func deleteCredential(hash: String) async throws {
        try await run("DELETE FROM credentials WHERE hash = \(bind: hash)")
    }

    func deleteCredentials(of user: User.ID, keeping: String?) async throws {
        try await run("DELETE FROM credentials WHERE user_id = \(bind: user.string) AND hash <> \(bind: keeping ?? "")")
        try await run("DELETE FROM password_links WHERE user_id = \(bind: user.string)")
    }

    func insertPasswordLink(_ link: PasswordLinkRecord) async throws {
        try await run("""
            INSERT INTO password_links (hash, user_id, purpose, created_at, expires_at)
            VALUES (\(bind: link.hash), \(bind: link.userId.string), \(bind: link.purpose.rawValue),
                    \(bind: Timestamp.string(link.createdAt)), \(bind: Timestamp.string(link.expiresAt)))
            """)
    }

    func passwordLink(hash: String) async throws -> PasswordLinkRecord? {
        guard let row = try await rows("SELECT * FROM password_links WHERE hash = \(bind: hash)").first else { return nil }
        return PasswordLinkRecord(hash: try row.string("hash"), userId: try row.id("user_id"),
                                  purpose: try row.status("purpose", PasswordLinkRecord.Purpose.self),
                                  createdAt: try row.date("created_at"), expiresAt: try row.date("expires_at"))
    }

    func deleteExpiredCredentials(before: Date) async throws {
        try await run("DELETE FROM credentials WHERE expires_at < \(bind: Timestamp.string(before))")
        try await run("DELETE FROM password_links WHERE expires_at < \(bind: Timestamp.string(before))")
        try await run("DELETE FROM login_failures WHERE at < \(bind: Timestamp.string(before.addingTimeInterval(-86400)))")
    }

    func recordLoginFailure(key: String, at: Date) async throws {
        try await run("INSERT INTO login_failures (key, at) VALUES (\(bind: key), \(bind: Timestamp.string(at)))")
    }

    func loginFailures(key: String, since: Date) async throws -> Int {
        try await count("SELECT COUNT(*) AS n FROM login_failures WHERE key = \(bind: key) AND at >= \(bind: Timestamp.string(since))")
    }

    func clearLoginFailures(key: String) async throws {
        try await run("DELETE FROM login_failures WHERE key = \(bind: key)")
    }

    func settings() async throws -> [String: String] {
        var values: [String: String] = [:]
        for row in try await rows("SELECT key, value FROM settings") { values[try row.string("key")] = try row.string("value") }
        return values
    }

    func setSetting(_ key: String, _ value: String) async throws {
        try await run("""
            INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: value))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """)
    }

    private func userRecord(_ row: any SQLRow) throws -> UserRecord {
        UserRecord(id: try row.id("id"), email: try row.string("email"), name: try row.string("name"),
                   role: try row.status("role", Role.self), teamId: try row.optionalID("team_id"),
                   active: try row.decode(column: "active", as: Bool.self), passwordHash: try row.string("password_hash"),
                   version: try row.int("version"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    private func teamRecord(_ row: any SQLRow) throws -> TeamRecord {
        TeamRecord(id: try row.id("id"), name: try row.string("name"), managerId: try row.optionalID("manager_id"),
                   createdAt: try row.date("created_at"))
    }
}
