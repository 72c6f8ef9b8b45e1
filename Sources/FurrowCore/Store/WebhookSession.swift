import Foundation
import FurrowDomain

/// Webhook subscriptions, the events kept for them and their deliveries: part of a store session.
public protocol WebhookSession: Sendable {
    func insertWebhook(_ webhook: Webhook) async throws
    func updateWebhook(_ webhook: Webhook, over before: Webhook) async throws -> Bool
    func webhook(id: Webhook.ID) async throws -> Webhook?
    func webhooks() async throws -> [Webhook]
    func deleteWebhook(id: Webhook.ID) async throws
    /// The subscriptions that take events now (active; paused ones too: their deliveries wait until they resume).
    func webhookSubscriptions() async throws -> [Webhook]

    /// Keeps each event and makes one pending delivery per subscription named with it, in the order given.
    func insertWebhookEvents(_ events: [(WebhookEvent, [Webhook.ID])], at: Date) async throws
    /// Pending deliveries due by `now` of subscriptions not paused, oldest first, none behind an
    /// earlier pending delivery of the same record to the same subscription; claimed until `until`
    /// so that no other server sends them meanwhile.
    func claimWebhookDeliveries(now: Date, until: Date, limit: Int) async throws -> [WebhookDelivery]
    /// Records an attempt and the delivery's new state (and releases the claim).
    func finishWebhookAttempt(_ delivery: WebhookDelivery, _ attempt: WebhookAttempt) async throws
    func webhookDeliveries(of webhook: Webhook.ID, limit: Int) async throws -> [WebhookDelivery]
    func webhookDelivery(id: UUID) async throws -> WebhookDelivery?
    func webhookAttempts(of delivery: UUID) async throws -> [WebhookAttempt]
    /// Sends a delivery again: pending, due now, attempts counted afresh.
    func requeueWebhookDelivery(id: UUID, at: Date) async throws -> Bool
    /// Makes the waiting deliveries of a resumed subscription due now.
    func resumeWebhookDeliveries(of webhook: Webhook.ID, at: Date) async throws
}
