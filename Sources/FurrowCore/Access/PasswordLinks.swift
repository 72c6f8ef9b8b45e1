import Foundation
import FurrowDomain

/// One-time links that set a password (issue 22), sent through the outbox: "forgot password" on
/// the sign-in page, a reset an administrator forces (the old password stops working at once) and
/// the invitation of a new user. The secret is stored only as a hash; a link works once, within
/// its lifetime, and setting a password through it ends every sign-in and every other link of the
/// user. Asking for a link answers the same whether the address belongs to a user or not.
public struct PasswordLinks: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public static let lifetimes: [PasswordLinkRecord.Purpose: TimeInterval] = [.reset: 3600, .forced: 24 * 3600, .invite: 7 * 24 * 3600]
    /// Links asked for per address and per client in the throttle window (`AuthService.throttleWindow`).
    public static let requestsPerAccount = 3
    public static let requestsPerAddress = 20

    /// A link that was made: where it went, until when it works, and — only when email is off, for
    /// the administrator to pass on — the link itself.
    public struct Issued: Sendable {
        public let email: String
        public let expiresAt: Date
        public let link: String?
    }

    /// "Forgot password": emails a link to the address when it belongs to an active user. Throttled
    /// per address and per client whether or not it does.
    public func request(email: String, clientAddress: String) async throws {
        let email = Normalise.email(email)
        try await AuthService.countAttempt([("reset-account:" + email, Self.requestsPerAccount),
                                            ("reset-address:" + clientAddress, Self.requestsPerAddress)], env)
        try await env.store.write { session in
            guard let user = try await session.user(email: email), user.active else { return }
            _ = try await issue(.reset, for: user, in: session)
        }
    }

    /// An administrator's reset: the user's password stops working, every sign-in of theirs ends,
    /// and a link to choose a new one (valid a day) is emailed to them.
    public func force(_ id: User.ID, by principal: Principal) async throws -> Issued {
        guard principal.isAdmin else { throw CoreError.forbidden("only administrators reset passwords") }
        if id == principal.userId {
            throw ValidationError([FieldError("id", "change your own password on your profile")])
        }
        let unusable = await env.passwords.hash(SecretToken.generate())
        return try await env.transaction(by: principal) { transaction in
            var user = try await transaction.loadChangeable(UserRecord.self, id)
            guard user.active else { throw ValidationError([FieldError("active", "the user is inactive; activate them first")]) }
            let before = user
            user.passwordHash = unusable
            try await transaction.save(&user, over: before, action: "update", extra: [FieldChange(field: "password", old: nil, new: "reset")])
            try await transaction.session.deleteCredentials(of: id, keeping: nil)
            return try await issue(.forced, for: user, in: transaction.session)
        }
    }

    /// Makes a link and queues its email, in the caller's transaction (a new user's invitation is
    /// written with the user).
    func issue(_ purpose: PasswordLinkRecord.Purpose, for user: UserRecord, in session: any StoreSession) async throws -> Issued {
        let settings = Settings(try await session.settings())
        let secret = SecretToken.generate()
        let now = env.clock.now()
        let link = PasswordLinkRecord(hash: SecretToken.hash(secret), userId: user.id, purpose: purpose, createdAt: now,
                                      expiresAt: now.addingTimeInterval(Self.lifetimes[purpose] ?? 3600))
        try await session.insertPasswordLink(link)
        let url = "\(settings.publicURL)/reset-password/\(secret)"
        let letter = Self.letter(purpose, to: user, company: settings.companyName, url: url)
        try await session.insertEmail(OutboxEmail(id: env.ids.next(), to: user.email, subject: letter.subject, body: letter.body,
                                                  nextAttemptAt: now, createdAt: now, relatedEntity: "user", relatedId: user.id.uuid))
        let mailOff = settings.smtpHost.trimmingCharacters(in: .whitespaces).isEmpty
        return Issued(email: user.email, expiresAt: link.expiresAt, link: mailOff && purpose != .reset ? url : nil)
    }

    static func letter(_ purpose: PasswordLinkRecord.Purpose, to user: UserRecord, company: String, url: String) -> (subject: String, body: String) {
        let greeting = "Hello \(user.name),\n\n"
        switch purpose {
        case .reset:
            return ("\(company): reset your password", greeting + """
                Someone, hopefully you, asked to reset the password of your \(company) account (\(user.email)). \
                Open this link to choose a new one; it works once, within an hour:

                \(url)

                If you did not ask for this, ignore this email: your password stays as it is.

                """)
        case .forced:
            return ("\(company): choose a new password", greeting + """
                An administrator reset the password of your \(company) account (\(user.email)); the old one no longer works. \
                Open this link to choose a new one; it works once, within a day:

                \(url)

                """)
        case .invite:
            return ("You are invited to \(company)", greeting + """
                An account was made for you in \(company)'s Furrow, signing in as \(user.email). \
                Open this link to choose your password; it works once, within a week:

                \(url)

                """)
        }
    }

    /// The user a link would set the password of, or nil when it is unknown, used, expired or
    /// the user inactive.
    public func user(forLink secret: String) async throws -> UserRecord? {
        let now = env.clock.now()
        return try await env.store.read { session in
            guard let link = try await session.passwordLink(hash: SecretToken.hash(secret)), link.expiresAt > now,
                  let user = try await session.user(id: link.userId), user.active else { return nil }
            return user
        }
    }

    /// Sets the password through a link: the link and every other one of the user end, and so
    /// does every sign-in. The trail notes the change, made by the user.
    public func setPassword(link secret: String, password: String) async throws -> UserRecord {
        var check = Validator()
        if password.count < 8 || password.exceeds(maxLength: 72) { check.add("password", "must be 8 to 72 characters") }
        try check.check()
        guard let found = try await user(forLink: secret) else { throw Self.expired }
        let hash = await env.passwords.hash(password)
        let principal = Principal(userId: found.id, role: found.role, teamId: found.teamId)
        return try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            // the link is checked again inside the transaction: a second use at the same time finds it gone
            guard let link = try await session.passwordLink(hash: SecretToken.hash(secret)), link.userId == found.id,
                  var user = try await session.user(id: found.id), user.active else { throw Self.expired }
            let before = user
            user.passwordHash = hash
            try await transaction.save(&user, over: before, action: "update",
                                       extra: [FieldChange(field: "password", old: nil, new: "set by link")])
            try await session.deleteCredentials(of: user.id, keeping: nil)
            return user
        }
    }

    public static let expired = ValidationError([FieldError("token", "the link has expired or was used already; ask for a new one")])
}
