import Foundation
import FurrowDomain

/// A webhook subscription (SPEC §11): where events are POSTed, which ones, and the secret they
/// are signed with (Standard Webhooks). Administrators keep them.
public struct Webhook: Sendable, Equatable {
    public typealias ID = UUID

    public var id: ID
    public var url: String
    /// Event types, or `["*"]` for all.
    public var events: [String]
    public var active: Bool
    public var description: String?
    /// `whsec_` and the base64 of 32 random bytes: the key is the bytes.
    public var secret: String
    public var ownerId: User.ID
    /// Set when deliveries kept failing: no delivery is tried until it is resumed (made active again).
    public var pausedAt: Date?
    public var pausedReason: String?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: ID, url: String, events: [String], active: Bool, description: String?, secret: String, ownerId: User.ID,
                pausedAt: Date? = nil, pausedReason: String? = nil, version: Int = 1, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.url = url
        self.events = events
        self.active = active
        self.description = description
        self.secret = secret
        self.ownerId = ownerId
        self.pausedAt = pausedAt
        self.pausedReason = pausedReason
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public func wants(_ type: String) -> Bool { events.contains("*") || events.contains(type) }

    /// Whether deliveries are sent now.
    public var delivering: Bool { active && pausedAt == nil }

    public static let maxURLLength = 2000
}

/// One event kept for delivery (the outbox of events): written in the transaction of the change.
public struct WebhookEvent: Sendable, Equatable {
    public var id: UUID
    public var type: String
    public var entity: String
    public var entityId: UUID
    public var occurredAt: Date
    /// The JSON of `data`.
    public var data: String

    public init(id: UUID, type: String, entity: String, entityId: UUID, occurredAt: Date, data: String) {
        self.id = id
        self.type = type
        self.entity = entity
        self.entityId = entityId
        self.occurredAt = occurredAt
        self.data = data
    }
}

/// One event on its way to one subscription: tried until it succeeds or runs out of attempts.
public struct WebhookDelivery: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable { case pending, succeeded, failed }
    public var id: UUID
    public var webhookId: Webhook.ID
    public var event: WebhookEvent
    /// The order deliveries of one record are sent in.
    public var seq: Int64
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastStatusCode: Int?
    public var lastError: String?
    public var lastAttemptAt: Date?
    public var createdAt: Date

    public init(id: UUID, webhookId: Webhook.ID, event: WebhookEvent, seq: Int64, status: Status, attempts: Int, nextAttemptAt: Date,
                lastStatusCode: Int?, lastError: String?, lastAttemptAt: Date?, createdAt: Date) {
        self.id = id
        self.webhookId = webhookId
        self.event = event
        self.seq = seq
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastStatusCode = lastStatusCode
        self.lastError = lastError
        self.lastAttemptAt = lastAttemptAt
        self.createdAt = createdAt
    }

    /// Waits after the 1st, 2nd, … failed attempt: about 5 s to 10 h, 8 attempts in all; then the subscription is paused.
    public static let backoff: [TimeInterval] = [5, 60, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600]
    public static var maxAttempts: Int { backoff.count + 1 }
}

/// One try of a delivery, for the delivery log.
public struct WebhookAttempt: Sendable, Equatable {
    public var deliveryId: UUID
    public var at: Date
    public var statusCode: Int?
    public var error: String?
    public var milliseconds: Int
    public init(deliveryId: UUID, at: Date, statusCode: Int?, error: String?, milliseconds: Int) {
        self.deliveryId = deliveryId
        self.at = at
        self.statusCode = statusCode
        self.error = error
        self.milliseconds = milliseconds
    }
}
