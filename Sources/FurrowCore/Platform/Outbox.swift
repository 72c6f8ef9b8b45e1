import Foundation
import FurrowDomain

/// An outgoing email, stored before it is sent (SPEC §11): a worker delivers it over SMTP,
/// retrying with backoff; its status is visible to users.
public struct OutboxEmail: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable { case queued, sending, sent, failed }

    public var id: UUID
    public var to: String
    public var subject: String
    public var body: String
    public var attachmentName: String?
    public var attachment: Data?
    public var status: Status
    public var attempts: Int
    public var lastError: String?
    public var nextAttemptAt: Date
    public var createdAt: Date
    public var sentAt: Date?
    public var relatedEntity: String?
    public var relatedId: UUID?
    /// A campaign email's per-recipient reply address, its one-click unsubscribe link and its HTML part.
    public var replyTo: String?
    public var unsubscribeURL: String?
    public var htmlBody: String?

    public init(id: UUID, to: String, subject: String, body: String, attachmentName: String? = nil, attachment: Data? = nil,
                status: Status = .queued, attempts: Int = 0, lastError: String? = nil, nextAttemptAt: Date, createdAt: Date,
                sentAt: Date? = nil, relatedEntity: String? = nil, relatedId: UUID? = nil) {
        self.id = id
        self.to = to
        self.subject = subject
        self.body = body
        self.attachmentName = attachmentName
        self.attachment = attachment
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
        self.sentAt = sentAt
        self.relatedEntity = relatedEntity
        self.relatedId = relatedId
    }

    /// Attempts before an email is given up as failed.
    public static let maxAttempts = 6

    /// Seconds to wait after the given number of failed attempts: 30 s, 2 min, 8 min, …
    public static func backoff(afterAttempts attempts: Int) -> TimeInterval {
        30 * pow(4, Double(max(attempts - 1, 0)))
    }
}

public protocol OutboxSession: Sendable {
    func insertEmail(_ email: OutboxEmail) async throws
    /// Many emails in one statement (a campaign's batch).
    func insertEmails(_ emails: [OutboxEmail]) async throws
    /// How many emails went out since the moment (the sending rate's count).
    func sentCount(since: Date) async throws -> Int
    /// Takes the oldest due queued email for delivery (marks it `sending` until `leaseUntil`), or nil.
    /// Safe with several servers: each email is claimed once.
    func claimDueEmail(now: Date, leaseUntil: Date) async throws -> OutboxEmail?
    func finishEmail(id: UUID, status: OutboxEmail.Status, attempts: Int, lastError: String?, nextAttemptAt: Date, sentAt: Date?) async throws
    func emails(relatedTo id: UUID?, limit: Int) async throws -> [OutboxEmail]
    /// The owners of the quotes, invoices and activities emails are about, in one statement.
    func emailOwnerships(_ ids: [UUID]) async throws -> [UUID: Ownership]
}

/// Whom a document is addressed to: the customer's name, address lines and VAT number.
public struct DocumentCustomer: Sendable, Equatable {
    public var name: String?
    public var address: [String]
    public var vatNumber: String?

    public init(name: String?, address: [String] = [], vatNumber: String? = nil) {
        self.name = name
        self.address = address
        self.vatNumber = vatNumber
    }

    /// An account as its documents print it: its billing address, else its shipping address.
    public init(_ account: Account) {
        self.init(name: account.fields.name, address: (account.fields.billingAddress ?? account.fields.shippingAddress)?.lines ?? [],
                  vatNumber: account.fields.vatNumber)
    }
}

/// Renders the printable documents (quotes, invoices) as PDF; supplied by the documents module.
public protocol DocumentRenderer: Sendable {
    func pdf(_ quote: Quote, settings: Settings, customer: DocumentCustomer, contact: String?, today: Day) throws -> Data
    func pdf(_ invoice: Invoice, settings: Settings, customer: DocumentCustomer, contact: String?, term: String?) throws -> Data
}

/// Reads the outbox for the UI and the API.
public struct OutboxService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    /// Admins see every email; managers the emails about records they can see (quotes and
    /// invoices of their teams, reminders of their teams' activities); a record's own emails are
    /// listed by its routes once they have checked that the caller sees it.
    public func list(relatedTo id: UUID? = nil, by principal: Principal) async throws -> [OutboxEmail] {
        guard id != nil || principal.isAdmin || principal.role == .manager else {
            throw CoreError.forbidden("only managers and administrators see the outbox")
        }
        return try await env.store.read { session in
            let emails = try await session.emails(relatedTo: id, limit: 200)
            guard id == nil, !principal.seesEverything else { return emails }
            let owners = try await session.emailOwnerships(emails.compactMap(\.relatedId))
            return emails.filter { email in email.relatedId.flatMap { owners[$0] }.map(principal.ledger.canSee) == true }
        }
    }
}
