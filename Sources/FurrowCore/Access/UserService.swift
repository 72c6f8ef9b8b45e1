import Foundation
import FurrowDomain

/// The fields an administrator sets on a user; `password` is write-only.
public struct UserInput: Sendable {
    public var email: String?
    public var name: String?
    public var password: String?
    public var role: Role?
    public var teamId: Team.ID?
    public var clearTeam: Bool
    public var active: Bool?

    public init(email: String? = nil, name: String? = nil, password: String? = nil, role: Role? = nil,
                teamId: Team.ID? = nil, clearTeam: Bool = false, active: Bool? = nil) {
        self.email = email
        self.name = name
        self.password = password
        self.role = role
        self.teamId = teamId
        self.clearTeam = clearTeam
        self.active = active
    }
}

/// Users and teams (SPEC §0). Only administrators manage them; the first administrator is
/// created by the CLI, the environment, or the first-run page of an empty database.
public struct UserService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public func hasUsers() async throws -> Bool {
        try await env.store.read { try await $0.userCount() > 0 }
    }

    /// Creates the first administrator of an empty database; refused once any user exists.
    public func setUpFirstAdmin(email: String, password: String, name: String?) async throws -> UserRecord {
        let input = UserInput(email: email, name: name, password: password, role: .admin)
        return try await create(input, actor: nil, onlyIfEmpty: true).user
    }

    public func create(_ input: UserInput, by principal: Principal) async throws -> UserRecord {
        guard principal.isAdmin else { throw CoreError.forbidden("only administrators manage users") }
        return try await create(input, actor: principal.userId, onlyIfEmpty: false).user
    }

    /// Creates a user without a password and emails them a link to choose one (valid a week),
    /// in one transaction; `input.password` must be nil.
    public func invite(_ input: UserInput, by principal: Principal) async throws -> (user: UserRecord, link: PasswordLinks.Issued) {
        guard principal.isAdmin else { throw CoreError.forbidden("only administrators manage users") }
        if input.password != nil { throw ValidationError([FieldError("password", "an invited user chooses their own password")]) }
        let created = try await create(input, actor: principal.userId, onlyIfEmpty: false, invite: true)
        guard let link = created.link else { throw CoreError.notFound("invitation") }
        return (created.user, link)
    }

    /// Creates a user without a signed-in caller (CLI, demo).
    public func createAsSystem(_ input: UserInput) async throws -> UserRecord {
        try await create(input, actor: nil, onlyIfEmpty: false).user
    }

    private func create(_ input: UserInput, actor: User.ID?, onlyIfEmpty: Bool,
                        invite: Bool = false) async throws -> (user: UserRecord, link: PasswordLinks.Issued?) {
        var check = Validator()
        let email = check.email("email", input.email).map(Normalise.email)
        if input.email?.isEmpty ?? true { check.add("email", "is required") }
        let name = check.text("name", input.name, maxLength: 100)
        // an invited user's password is a secret no one knows until they choose theirs
        let password = invite ? SecretToken.generate() : input.password ?? ""
        if password.count < 8 { check.add("password", "must be at least 8 characters") }
        if password.exceeds(maxLength: 72) { check.add("password", "must be at most 72 characters") }
        try check.check()
        let hash = await env.passwords.hash(password)
        return try await env.store.write { session in
            if onlyIfEmpty, try await session.userCount() > 0 { throw CoreError.alreadySetUp }
            if try await session.user(email: email ?? "") != nil { throw CoreError.emailTaken }
            if let teamId = input.teamId, try await session.team(id: teamId) == nil {
                throw ValidationError([FieldError("teamId", "is not a team")])
            }
            let now = env.clock.now()
            let user = UserRecord(id: env.newID(), email: email ?? "", name: name ?? email ?? "", role: input.role ?? .sales,
                                  teamId: input.teamId, active: input.active ?? true, passwordHash: hash,
                                  version: 1, createdAt: now, updatedAt: now)
            try await session.insertUser(user)
            try await session.audit(env, entity: "user", id: user.id.uuid, action: "create", actor: actor,
                                    changes: AuditDiff.changes(from: [:], to: user.auditValues))
            let link = invite && user.active ? try await PasswordLinks(env).issue(.invite, for: user, in: session) : nil
            return (user, link)
        }
    }

    /// A new password or a deactivation ends every session and token of the user (SPEC §0), except,
    /// when users change their own password, the credential that made the change (`keeping`, its hash).
    public func update(_ id: User.ID, _ input: UserInput, expectedVersion: Int?, by principal: Principal,
                       keeping credentialHash: String? = nil) async throws -> UserRecord {
        guard principal.isAdmin else { throw CoreError.forbidden("only administrators manage users") }
        var check = Validator()
        let email = input.email == nil ? nil : check.email("email", input.email).map(Normalise.email)
        let name = input.name == nil ? nil : check.text("name", input.name, required: true, maxLength: 100)
        if let password = input.password, password.count < 8 || password.exceeds(maxLength: 72) {
            check.add("password", "must be 8 to 72 characters")
        }
        try check.check()
        let hash = await input.password.asyncMap { await env.passwords.hash($0) }
        return try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            var user = try await transaction.loadChangeable(UserRecord.self, id)
            if let expectedVersion, expectedVersion != user.version { throw CoreError.versionConflict(current: user.version) }
            let before = user
            if let email, email != user.email {
                if try await session.user(email: email) != nil { throw CoreError.emailTaken }
                user.email = email
            }
            if let name { user.name = name }
            if let role = input.role { user.role = role }
            if let active = input.active {
                if !active && id == principal.userId { throw ValidationError([FieldError("active", "you cannot deactivate yourself")]) }
                user.active = active
            }
            if input.clearTeam { user.teamId = nil }
            if let teamId = input.teamId {
                guard try await session.team(id: teamId) != nil else { throw ValidationError([FieldError("teamId", "is not a team")]) }
                user.teamId = teamId
            }
            if let hash { user.passwordHash = hash }
            try await transaction.save(&user, over: before, action: "update",
                                       extra: hash == nil ? [] : [FieldChange(field: "password", old: nil, new: "changed")])
            if user.teamId != before.teamId { try await session.reassignTeam(ofRecordsOwnedBy: id, to: user.teamId) }
            if hash != nil || (before.active && !user.active) {
                try await session.deleteCredentials(of: id, keeping: id == principal.userId && user.active ? credentialHash : nil)
            }
            return user
        }
    }

    /// A user changes their own password, naming the current one: every other sign-in of theirs
    /// ends (`keeping` the one they changed it from), and the trail notes the change.
    public func changeOwnPassword(current: String, new password: String, by principal: Principal, keeping credentialHash: String?) async throws {
        var check = Validator()
        if password.count < 8 || password.exceeds(maxLength: 72) { check.add("newPassword", "must be 8 to 72 characters") }
        if password == current { check.add("newPassword", "must differ from the current password") }
        try check.check()
        let stored = try await env.store.read { try await $0.user(id: principal.userId) }
        guard let stored, stored.active else { throw CoreError.unauthorized }
        guard await env.passwords.verify(current, hash: stored.passwordHash) else {
            throw ValidationError([FieldError("currentPassword", "is not your current password")])
        }
        let hash = await env.passwords.hash(password)
        try await env.transaction(by: principal) { transaction in
            // one's own record, whatever the role: users are otherwise administrators' to read
            guard var user = try await transaction.session.user(id: principal.userId) else { throw CoreError.unauthorized }
            let before = user
            user.passwordHash = hash
            try await transaction.save(&user, over: before, action: "update", extra: [FieldChange(field: "password", old: nil, new: "changed")])
            try await transaction.session.deleteCredentials(of: principal.userId, keeping: credentialHash)
        }
    }

    public func list(by principal: Principal) async throws -> [UserRecord] {
        guard principal.isAdmin || principal.role == .manager else { throw CoreError.forbidden("only administrators and managers list users") }
        return try await env.store.read { try await $0.users() }
    }

    public func listAsSystem() async throws -> [UserRecord] {
        try await env.store.read { try await $0.users() }
    }

    public func get(_ id: User.ID, by principal: Principal) async throws -> UserRecord {
        guard principal.isAdmin || principal.userId == id else { throw CoreError.notFound("user") }
        return try await env.store.read { session in
            guard let user = try await session.user(id: id) else { throw CoreError.notFound("user") }
            return user
        }
    }

    public func createTeam(name: String?, managerId: User.ID?, by principal: Principal?) async throws -> TeamRecord {
        if let principal, !principal.isAdmin { throw CoreError.forbidden("only administrators manage teams") }
        var check = Validator()
        let name = check.text("name", name, required: true, maxLength: 100)
        try check.check()
        return try await env.store.write { session in
            if let managerId, try await session.user(id: managerId) == nil {
                throw ValidationError([FieldError("managerId", "is not a user")])
            }
            let team = TeamRecord(id: env.newID(), name: name ?? "", managerId: managerId, createdAt: env.clock.now())
            try await session.insertTeam(team)
            var values = ["name": team.name]
            values["managerId"] = managerId?.string
            try await session.audit(env, entity: "team", id: team.id.uuid, action: "create", actor: principal?.userId,
                                    changes: AuditDiff.changes(from: [:], to: values))
            return team
        }
    }

    /// Renames a team or changes its manager (`clearManager` removes the manager).
    public func updateTeam(_ id: Team.ID, name: String?, managerId: User.ID?, clearManager: Bool, by principal: Principal) async throws -> TeamRecord {
        guard principal.isAdmin else { throw CoreError.forbidden("only administrators manage teams") }
        var check = Validator()
        let name = name == nil ? nil : check.text("name", name, required: true, maxLength: 100)
        try check.check()
        return try await env.store.write { session in
            guard var team = try await session.team(id: id) else { throw CoreError.notFound("team") }
            if let managerId, try await session.user(id: managerId) == nil {
                throw ValidationError([FieldError("managerId", "is not a user")])
            }
            var old = ["name": team.name], new: [String: String] = [:]
            old["managerId"] = team.managerId?.string
            if let name { team.name = name }
            if clearManager { team.managerId = nil }
            if let managerId { team.managerId = managerId }
            new["name"] = team.name
            new["managerId"] = team.managerId?.string
            let changes = AuditDiff.changes(from: old, to: new)
            guard !changes.isEmpty else { return team }
            try await session.updateTeam(team)
            try await session.audit(env, entity: "team", id: team.id.uuid, action: "update", actor: principal.userId, changes: changes)
            return team
        }
    }

    public func teams() async throws -> [TeamRecord] {
        try await env.store.read { try await $0.teams() }
    }
}

extension UserRecord {
    var auditValues: [String: String] {
        var values = ["email": email, "name": name, "role": role.rawValue, "active": String(active)]
        values["teamId"] = teamId?.string
        return values
    }
}
