import Foundation
import FurrowDomain

/// Webhook subscriptions (SPEC §11), kept by administrators: the target passes the SSRF guard,
/// the secret is made here and shown once, a subscription can be paused (by failures) and
/// resumed, its deliveries are logged, one can be replayed, and a ping tests the target.
public struct WebhookService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public struct Input: Sendable {
        public var url: String?
        public var events: [String]?
        public var active: Bool?
        public var description: String??
        public init() {}
    }

    public static let maxSubscriptions = 100

    func requireAdmin(_ principal: Principal) throws {
        guard principal.isAdmin else { throw CoreError.forbidden("only administrators keep webhooks") }
    }

    /// The checks of a subscription's fields: every problem at once.
    func checked(_ input: Input, over base: Webhook?, allowedHosts: [String]) async -> (url: String, events: [String], errors: [FieldError]) {
        var errors: [FieldError] = []
        let url = (input.url ?? base?.url ?? "").trimmingCharacters(in: .whitespaces)
        if input.url != nil || base == nil {
            if url.isEmpty {
                errors.append(FieldError("url", "is required"))
            } else {
                do { _ = try await TargetGuard.checkAside(url, allowedHosts: allowedHosts) } catch {
                    errors.append(FieldError("url", (error as? TargetGuard.Refusal)?.reason ?? "cannot be checked"))
                }
            }
        }
        var events = input.events ?? base?.events ?? []
        events = events.map { $0.trimmingCharacters(in: .whitespaces) }.reduce(into: []) { list, type in if !list.contains(type) { list.append(type) } }
        if events.isEmpty { errors.append(FieldError("events", "names at least one event type, or \"*\" for all")) }
        let known = Set(WebhookEvents.types)
        for (index, type) in events.enumerated() where type != "*" && !known.contains(type) {
            errors.append(FieldError("events[\(index)]", "is not an event type (GET /webhook-events lists them)"))
        }
        if events.contains("*") { events = ["*"] }
        if case .some(.some(let text)) = input.description, text.count > 500 { errors.append(FieldError("description", "is at most 500 characters")) }
        return (url, events, errors)
    }

    public func create(_ input: Input, by principal: Principal) async throws -> Webhook {
        try requireAdmin(principal)
        let settings = try await SettingsService(env).current()
        let (url, events, errors) = await checked(input, over: nil, allowedHosts: settings.webhookHosts)
        guard errors.isEmpty else { throw ValidationError(errors) }
        let now = env.clock.now()
        let description = (input.description ?? nil)?.trimmedSpaces()
        let webhook = Webhook(id: env.ids.next(), url: url, events: events, active: input.active ?? true,
                              description: description?.isEmpty == false ? description : nil, secret: Self.newSecret(),
                              ownerId: principal.userId, createdAt: now, updatedAt: now)
        try await env.transaction(by: principal) { transaction in
            guard try await transaction.session.webhooks().count < Self.maxSubscriptions else {
                throw ValidationError([FieldError("url", "there are \(Self.maxSubscriptions) webhooks already; delete one first")])
            }
            try await transaction.session.insertWebhook(webhook)
            transaction.audit("webhook", webhook.id, "create", [FieldChange(field: "url", old: nil, new: url),
                                                                FieldChange(field: "events", old: nil, new: events.joined(separator: ", "))])
        }
        return webhook
    }

    public func list(by principal: Principal) async throws -> [Webhook] {
        try requireAdmin(principal)
        return try await env.store.read { try await $0.webhooks() }
    }

    public func get(_ id: Webhook.ID, by principal: Principal) async throws -> Webhook {
        try requireAdmin(principal)
        guard let webhook = try await env.store.read({ try await $0.webhook(id: id) }) else { throw CoreError.notFound("webhook") }
        return webhook
    }

    /// Changes the fields given; making a paused subscription active again resumes it (its waiting deliveries go now).
    public func update(_ id: Webhook.ID, _ input: Input, expectedVersion: Int?, by principal: Principal) async throws -> Webhook {
        try requireAdmin(principal)
        let settings = try await SettingsService(env).current()
        let current = try await get(id, by: principal)
        let (url, events, errors) = await checked(input, over: current, allowedHosts: settings.webhookHosts)
        guard errors.isEmpty else { throw ValidationError(errors) }
        let now = env.clock.now()
        return try await env.transaction(by: principal) { transaction in
            guard let before = try await transaction.session.webhook(id: id) else { throw CoreError.notFound("webhook") }
            if let expectedVersion, expectedVersion != before.version { throw CoreError.versionConflict(current: before.version) }
            var webhook = before
            webhook.url = url
            webhook.events = events
            if case .some(let text) = input.description { webhook.description = text?.trimmedSpaces().isEmpty == false ? text?.trimmedSpaces() : nil }
            var resumed = false
            if let active = input.active {
                webhook.active = active
                if active && webhook.pausedAt != nil {
                    webhook.pausedAt = nil
                    webhook.pausedReason = nil
                    resumed = true
                }
            }
            webhook.version += 1
            webhook.updatedAt = now
            guard try await transaction.session.updateWebhook(webhook, over: before) else { throw CoreError.versionConflict(current: before.version) }
            if resumed { try await transaction.session.resumeWebhookDeliveries(of: id, at: now) }
            transaction.audit("webhook", id, resumed ? "resume" : "update", AuditDiff.changes(from: Self.values(before), to: Self.values(webhook)))
            return webhook
        }
    }

    public func delete(_ id: Webhook.ID, by principal: Principal) async throws {
        _ = try await get(id, by: principal)
        try await env.transaction(by: principal) { transaction in
            try await transaction.session.deleteWebhook(id: id)
            transaction.audit("webhook", id, "delete", [])
        }
    }

    public struct LoggedDelivery: Sendable {
        public let delivery: WebhookDelivery
        public let attempts: [WebhookAttempt]
        public init(delivery: WebhookDelivery, attempts: [WebhookAttempt]) {
            self.delivery = delivery
            self.attempts = attempts
        }
    }

    /// The newest deliveries of a subscription with every attempt.
    public func deliveries(of id: Webhook.ID, limit: Int = 50, by principal: Principal) async throws -> [LoggedDelivery] {
        _ = try await get(id, by: principal)
        return try await env.store.read { session in
            var out: [LoggedDelivery] = []
            for delivery in try await session.webhookDeliveries(of: id, limit: limit) {
                out.append(LoggedDelivery(delivery: delivery, attempts: try await session.webhookAttempts(of: delivery.id)))
            }
            return out
        }
    }

    /// Sends a delivery again (any status): it is due now and its attempts start afresh.
    public func replay(_ deliveryId: UUID, of id: Webhook.ID, by principal: Principal) async throws -> WebhookDelivery {
        _ = try await get(id, by: principal)
        let now = env.clock.now()
        return try await env.transaction(by: principal) { transaction in
            guard let delivery = try await transaction.session.webhookDelivery(id: deliveryId), delivery.webhookId == id,
                  try await transaction.session.requeueWebhookDelivery(id: deliveryId, at: now),
                  let requeued = try await transaction.session.webhookDelivery(id: deliveryId) else { throw CoreError.notFound("delivery") }
            transaction.audit("webhook", id, "replay", [FieldChange(field: "delivery", old: nil, new: "\(delivery.event.type) \(UUIDText.lowercase(deliveryId))")])
            return requeued
        }
    }

    /// A `webhook.ping` event for this subscription only, delivered like any other.
    public func ping(_ id: Webhook.ID, by principal: Principal) async throws -> UUID {
        let webhook = try await get(id, by: principal)
        let now = env.clock.now()
        let event = WebhookEvent(id: env.ids.next(), type: WebhookEvents.ping, entity: "webhook", entityId: webhook.id, occurredAt: now,
                                 data: "{\"message\":\"A test from Furrow: this subscription reaches you.\",\"webhookId\":\"\(UUIDText.lowercase(webhook.id))\"}")
        try await env.store.write { session in try await session.insertWebhookEvents([(event, [webhook.id])], at: now) }
        return event.id
    }

    /// Pauses a subscription whose delivery ran out of attempts, and tells its owner (in the app and by email).
    func pause(_ webhook: Webhook, reason: String, in session: any StoreSession, at now: Date) async throws {
        var paused = webhook
        paused.pausedAt = now
        paused.pausedReason = reason
        paused.version += 1
        paused.updatedAt = now
        guard try await session.updateWebhook(paused, over: webhook) else { return }
        let message = "The webhook to \(webhook.url) is paused: \(reason)"
        try await session.insertNotification(NotificationRecord(id: env.ids.next(), userId: webhook.ownerId, message: message,
                                                                link: "/webhooks/\(UUIDText.lowercase(webhook.id))", createdAt: now))
        if let owner = try await session.user(id: webhook.ownerId), owner.active {
            try await session.insertEmail(OutboxEmail(id: env.ids.next(), to: owner.email, subject: "Webhook paused", body: message + "\n",
                                                      nextAttemptAt: now, createdAt: now, relatedEntity: "webhook", relatedId: webhook.id))
        }
    }

    static func values(_ w: Webhook) -> [String: String] {
        var values = ["url": w.url, "events": w.events.joined(separator: ", "), "active": String(w.active)]
        values["description"] = w.description
        values["pausedAt"] = w.pausedAt.map(Timestamp.string)
        return values
    }

    /// `whsec_` and the base64 of 32 random bytes (Standard Webhooks).
    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return "whsec_" + Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
    }
}
