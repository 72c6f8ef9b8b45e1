import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

/// Webhook subscriptions, events and deliveries (`M0027Webhooks`).
extension SQLSession {
    func insertWebhook(_ w: Webhook) async throws {
        try await run("""
            INSERT INTO webhooks (id, url, events, active, description, secret, owner_id, paused_at, paused_reason, version, created_at, updated_at)
            VALUES (\(bind: UUIDText.lowercase(w.id)), \(bind: w.url), \(bind: w.events.joined(separator: ",")), \(bind: w.active), \(bind: w.description),
                \(bind: w.secret), \(bind: w.ownerId.string), \(bind: w.pausedAt.map(Timestamp.string)), \(bind: w.pausedReason), \(bind: w.version),
                \(bind: Timestamp.string(w.createdAt)), \(bind: Timestamp.string(w.updatedAt)))
            """)
    }

    func updateWebhook(_ w: Webhook, over before: Webhook) async throws -> Bool {
        !(try await rows("""
            UPDATE webhooks SET url = \(bind: w.url), events = \(bind: w.events.joined(separator: ",")), active = \(bind: w.active),
                description = \(bind: w.description), paused_at = \(bind: w.pausedAt.map(Timestamp.string)), paused_reason = \(bind: w.pausedReason),
                version = \(bind: w.version), updated_at = \(bind: Timestamp.string(w.updatedAt))
            WHERE id = \(bind: UUIDText.lowercase(w.id)) AND version = \(bind: before.version) RETURNING id
            """)).isEmpty
    }

    func webhook(id: Webhook.ID) async throws -> Webhook? {
        try await rows("SELECT * FROM webhooks WHERE id = \(bind: UUIDText.lowercase(id))").first.map(webhookRecord)
    }

    func webhooks() async throws -> [Webhook] {
        try await rows("SELECT * FROM webhooks ORDER BY created_at, id").map(webhookRecord)
    }

    func deleteWebhook(id: Webhook.ID) async throws {
        let key = UUIDText.lowercase(id)
        try await run("DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE webhook_id = \(bind: key))")
        try await run("DELETE FROM webhook_deliveries WHERE webhook_id = \(bind: key)")
        try await run("DELETE FROM webhooks WHERE id = \(bind: key)")
    }

    func webhookSubscriptions() async throws -> [Webhook] {
        try await rows("SELECT * FROM webhooks WHERE active = \(bind: true)").map(webhookRecord)
    }

    func insertWebhookEvents(_ events: [(WebhookEvent, [Webhook.ID])], at time: Date) async throws {
        let now = Timestamp.string(time)
        for chunk in stride(from: 0, to: events.count, by: 200).map({ Array(events[$0..<min($0 + 200, events.count)]) }) {
            let rows = chunk.map { event, _ -> SQLQueryString in
                "(\(bind: UUIDText.lowercase(event.id)), \(bind: event.type), \(bind: event.entity), \(bind: UUIDText.lowercase(event.entityId)), \(bind: Timestamp.string(event.occurredAt)), \(bind: event.data))"
            }
            try await run("INSERT INTO webhook_events (id, type, entity, entity_id, occurred_at, data) VALUES \(rows.joined(separator: ", "))")
            let deliveries = chunk.flatMap { event, hooks in
                hooks.map { hook -> SQLQueryString in
                    "(\(bind: UUIDText.lowercase(UUID())), \(bind: UUIDText.lowercase(hook)), \(bind: UUIDText.lowercase(event.id)), \(bind: UUIDText.lowercase(event.entityId)), 'pending', 0, \(bind: now), \(bind: now))"
                }
            }
            try await run("""
                INSERT INTO webhook_deliveries (id, webhook_id, event_id, entity_id, status, attempts, next_attempt_at, created_at)
                VALUES \(deliveries.joined(separator: ", "))
                """)
        }
    }

    func claimWebhookDeliveries(now: Date, until: Date, limit: Int) async throws -> [WebhookDelivery] {
        let lock: SQLQueryString = engine == .postgres ? "FOR UPDATE OF d SKIP LOCKED" : ""
        let at = Timestamp.string(now)
        let claimed = try await rows("""
            UPDATE webhook_deliveries SET claimed_until = \(bind: Timestamp.string(until))
            WHERE id IN (
                SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
                WHERE d.status = 'pending' AND d.next_attempt_at <= \(bind: at) AND (d.claimed_until IS NULL OR d.claimed_until <= \(bind: at))
                    AND w.active = \(bind: true) AND w.paused_at IS NULL
                    AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.webhook_id = d.webhook_id AND e.entity_id = d.entity_id
                                    AND e.seq < d.seq AND e.status = 'pending')
                ORDER BY d.seq LIMIT \(literal: limit) \(lock))
            RETURNING id
            """).compactMap { try? $0.string("id") }
        guard !claimed.isEmpty else { return [] }
        return try await rows("""
            SELECT d.*, e.type, e.entity, e.occurred_at, e.data FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
            WHERE d.id IN (\(binds: claimed)) ORDER BY d.seq
            """).map(deliveryRecord)
    }

    func finishWebhookAttempt(_ d: WebhookDelivery, _ a: WebhookAttempt) async throws {
        try await run("""
            UPDATE webhook_deliveries SET status = \(bind: d.status.rawValue), attempts = \(bind: d.attempts),
                next_attempt_at = \(bind: Timestamp.string(d.nextAttemptAt)), claimed_until = NULL, last_status_code = \(bind: d.lastStatusCode),
                last_error = \(bind: d.lastError), last_attempt_at = \(bind: d.lastAttemptAt.map(Timestamp.string))
            WHERE id = \(bind: UUIDText.lowercase(d.id))
            """)
        try await run("""
            INSERT INTO webhook_attempts (delivery_id, at, status_code, error, milliseconds)
            VALUES (\(bind: UUIDText.lowercase(a.deliveryId)), \(bind: Timestamp.string(a.at)), \(bind: a.statusCode), \(bind: a.error), \(bind: a.milliseconds))
            """)
    }

    func webhookDeliveries(of webhook: Webhook.ID, limit: Int) async throws -> [WebhookDelivery] {
        try await rows("""
            SELECT d.*, e.type, e.entity, e.occurred_at, e.data FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
            WHERE d.webhook_id = \(bind: UUIDText.lowercase(webhook)) ORDER BY d.seq DESC LIMIT \(literal: limit)
            """).map(deliveryRecord)
    }

    func webhookDelivery(id: UUID) async throws -> WebhookDelivery? {
        try await rows("""
            SELECT d.*, e.type, e.entity, e.occurred_at, e.data FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
            WHERE d.id = \(bind: UUIDText.lowercase(id))
            """).first.map(deliveryRecord)
    }

    func webhookAttempts(of delivery: UUID) async throws -> [WebhookAttempt] {
        try await rows("SELECT * FROM webhook_attempts WHERE delivery_id = \(bind: UUIDText.lowercase(delivery)) ORDER BY at").map { row in
            WebhookAttempt(deliveryId: delivery, at: try row.date("at"), statusCode: try row.decodeNil(column: "status_code") ? nil : try row.int("status_code"),
                           error: try row.optional("error"), milliseconds: try row.int("milliseconds"))
        }
    }

    func requeueWebhookDelivery(id: UUID, at time: Date) async throws -> Bool {
        !(try await rows("""
            UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = \(bind: Timestamp.string(time)), claimed_until = NULL
            WHERE id = \(bind: UUIDText.lowercase(id)) RETURNING id
            """)).isEmpty
    }

    func resumeWebhookDeliveries(of webhook: Webhook.ID, at time: Date) async throws {
        try await run("""
            UPDATE webhook_deliveries SET next_attempt_at = \(bind: Timestamp.string(time)), claimed_until = NULL
            WHERE webhook_id = \(bind: UUIDText.lowercase(webhook)) AND status = 'pending'
            """)
    }

    private func webhookRecord(_ row: any SQLRow) throws -> Webhook {
        Webhook(id: UUIDText.parse(try row.string("id")) ?? UUID(), url: try row.string("url"),
                events: try row.string("events").split(separator: ",").map(String.init), active: try row.decode(column: "active", as: Bool.self),
                description: try row.optional("description"), secret: try row.string("secret"), ownerId: try row.id("owner_id"),
                pausedAt: try row.optional("paused_at").flatMap(Timestamp.date), pausedReason: try row.optional("paused_reason"),
                version: try row.int("version"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    private func deliveryRecord(_ row: any SQLRow) throws -> WebhookDelivery {
        let event = WebhookEvent(id: UUIDText.parse(try row.string("event_id")) ?? UUID(), type: try row.string("type"), entity: try row.string("entity"),
                                 entityId: UUIDText.parse(try row.string("entity_id")) ?? UUID(), occurredAt: try row.date("occurred_at"), data: try row.string("data"))
        return WebhookDelivery(id: UUIDText.parse(try row.string("id")) ?? UUID(), webhookId: UUIDText.parse(try row.string("webhook_id")) ?? UUID(),
                               event: event, seq: Int64(try row.int("seq")), status: try row.status("status", WebhookDelivery.Status.self),
                               attempts: try row.int("attempts"), nextAttemptAt: try row.date("next_attempt_at"),
                               lastStatusCode: try row.decodeNil(column: "last_status_code") ? nil : try row.int("last_status_code"),
                               lastError: try row.optional("last_error"), lastAttemptAt: try row.optional("last_attempt_at").flatMap(Timestamp.date),
                               createdAt: try row.date("created_at"))
    }
}
