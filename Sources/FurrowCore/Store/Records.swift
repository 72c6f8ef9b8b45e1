import Foundation
import FurrowDomain

/// A user as stored: credentials included, so never sent to a client as is.
public struct UserRecord: Sendable, Equatable {
    public var id: User.ID
    public var email: String
    public var name: String
    public var role: Role
    public var teamId: Team.ID?
    public var active: Bool
    public var passwordHash: String
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: User.ID, email: String, name: String, role: Role, teamId: Team.ID?, active: Bool,
                passwordHash: String, version: Int, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.teamId = teamId
        self.active = active
        self.passwordHash = passwordHash
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

public struct TeamRecord: Sendable, Equatable {
    public var id: Team.ID
    public var name: String
    public var managerId: User.ID?
    public var createdAt: Date

    public init(id: Team.ID, name: String, managerId: User.ID?, createdAt: Date) {
        self.id = id
        self.name = name
        self.managerId = managerId
        self.createdAt = createdAt
    }
}

/// An API token or a web session, stored by the hash of its secret.
public struct CredentialRecord: Sendable, Equatable {
    public enum Kind: String, Sendable { case token, session }
    public var hash: String
    public var kind: Kind
    public var userId: User.ID
    /// The web session's CSRF secret; empty for API tokens.
    public var csrf: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(hash: String, kind: Kind, userId: User.ID, csrf: String, createdAt: Date, expiresAt: Date) {
        self.hash = hash
        self.kind = kind
        self.userId = userId
        self.csrf = csrf
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A one-time link that sets a user's password; only the secret's hash is stored.
public struct PasswordLinkRecord: Sendable, Equatable {
    /// `reset`: asked for on the sign-in page; `forced`: an administrator's reset; `invite`: a new user's first password.
    public enum Purpose: String, Sendable { case reset, forced, invite }
    public var hash: String
    public var userId: User.ID
    public var purpose: Purpose
    public var createdAt: Date
    public var expiresAt: Date

    public init(hash: String, userId: User.ID, purpose: Purpose, createdAt: Date, expiresAt: Date) {
        self.hash = hash
        self.userId = userId
        self.purpose = purpose
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// One row of the global search index: what it names, whose it is, and what it shows.
public struct SearchEntry: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case account, contact, lead, opportunity, quote, order, invoice, payment

        /// Billing records: a finance user finds every customer's (`Principal.ledger`).
        public var isLedger: Bool { [.account, .order, .invoice, .payment].contains(self) }
    }
    public var kind: Kind
    public var id: UUID
    public var title: String
    public var subtitle: String
    public var text: String
    public var ownership: Ownership

    public init(kind: Kind, id: UUID, title: String, subtitle: String, text: String, ownership: Ownership) {
        self.kind = kind
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.text = text
        self.ownership = ownership
    }
}

/// One entry of the append-only audit trail (SPEC §0).
public struct AuditEntry: Sendable, Equatable {
    public var id: UUID
    public var entity: String
    public var entityId: UUID
    public var action: String
    public var actorId: User.ID?
    public var at: Date
    public var changes: [FieldChange]
    /// The named API token the change came through (`token "Nightly sync"`); nil for the web UI and sign-in tokens.
    public var via: String?

    public init(id: UUID, entity: String, entityId: UUID, action: String, actorId: User.ID?, at: Date, changes: [FieldChange],
                via: String? = AuditTrail.via) {
        self.id = id
        self.entity = entity
        self.entityId = entityId
        self.action = action
        self.actorId = actorId
        self.at = at
        self.changes = changes
        self.via = via
    }
}

/// What the audit trail says a request's changes came through: set by the API for the requests
/// of a named token, read by every audit entry made while it runs.
public enum AuditTrail {
    @TaskLocal public static var via: String?
}
