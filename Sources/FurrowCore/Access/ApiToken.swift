import Foundation
import FurrowDomain

/// A named API token (SPEC §11): personal, or made by an administrator for an integration that
/// acts as a chosen user. It carries scopes that narrow what its user's role allows, never widen
/// it; its secret is shown once and stored only as a hash; it can be revoked, may expire, and
/// remembers when it was last used.
public struct ApiToken: Sendable, Equatable {
    public typealias ID = UUID

    public enum Scope: String, Sendable, CaseIterable, Comparable {
        /// GET and HEAD: reading whatever the user may see.
        case read
        /// Creating, changing and deleting records as the user's role allows.
        case write
        /// Administration (users, teams, settings, catalogs, webhooks, other users' tokens), for an administrator's token.
        case admin
        /// Handing in received email (`POST /inbound-email`) and nothing else; administrators make these.
        case inboundEmail = "inbound-email"

        public static func < (a: Scope, b: Scope) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }

        public var summary: String {
            switch self {
            case .read: "Read records"
            case .write: "Create, change and delete records"
            case .admin: "Administration"
            case .inboundEmail: "Hand in received email"
            }
        }
    }

    public var id: ID
    public var name: String
    public var userId: User.ID
    public var createdBy: User.ID
    /// The first characters of the secret, to recognise it in a list.
    public var prefix: String
    public var scopes: Set<Scope>
    public var expiresAt: Date?
    public var lastUsedAt: Date?
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: ID, name: String, userId: User.ID, createdBy: User.ID, prefix: String, scopes: Set<Scope>, expiresAt: Date?,
                lastUsedAt: Date? = nil, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.userId = userId
        self.createdBy = createdBy
        self.prefix = prefix
        self.scopes = scopes
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// Whether a request with this token may use it now.
    public func usable(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { $0 > now } ?? true)
    }

    /// The secrets of named tokens start with this, so they can be told from sign-in tokens and found by secret scanners.
    public static let secretPrefix = "furrow_"
    public static let maxNameLength = 100
    /// How often the last use is written down (a write per request would be a write per read).
    public static let lastUseGranularity: TimeInterval = 60
}
