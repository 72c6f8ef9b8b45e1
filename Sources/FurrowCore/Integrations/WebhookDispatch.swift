import Crypto
import Foundation
import FurrowDomain

/// What sends a webhook request: the server's HTTP client (connecting to the checked address,
/// no redirects, 10 s timeouts, the answer read up to a cap).
public protocol WebhookSender: Sendable {
    /// The answer's status, or why there was none.
    func post(to target: TargetGuard.Target, body: Data, headers: [(String, String)]) async -> (status: Int?, error: String?)
}

/// Delivers due webhook deliveries (SPEC §11): claimed a few at a time so that each goes out from
/// one server, in order per record and subscription, signed as Standard Webhooks sign them;
/// a failure is retried with growing waits and, after the last attempt, pauses its subscription.
public struct WebhookDispatch: Sendable {
    let env: CoreEnvironment
    let sender: any WebhookSender
    public init(env: CoreEnvironment, sender: any WebhookSender) {
        self.env = env
        self.sender = sender
    }

    /// How long a claimed delivery is held for this server: longer than a request may take.
    public static let lease: TimeInterval = 60

    /// Sends the due deliveries (at most `limit`); answers how many were tried.
    @discardableResult
    public func run(limit: Int = 20) async throws -> Int {
        let now = env.clock.now()
        let claimed = try await env.store.write { try await $0.claimWebhookDeliveries(now: now, until: now.addingTimeInterval(Self.lease), limit: limit) }
        guard !claimed.isEmpty else { return 0 }
        let settings = try await SettingsService(env).current()
        var hooks: [Webhook.ID: Webhook] = [:]
        for delivery in claimed {
            if hooks[delivery.webhookId] == nil { hooks[delivery.webhookId] = try await env.store.read { try await $0.webhook(id: delivery.webhookId) } }
            guard let webhook = hooks[delivery.webhookId] else { continue }
            let started = Date()
            var outcome: (status: Int?, error: String?)
            do {
                let target = try await TargetGuard.checkAside(webhook.url, allowedHosts: settings.webhookHosts)
                let body = Self.body(delivery.event)
                outcome = await sender.post(to: target, body: body, headers: Self.headers(delivery.event, body: body, secret: webhook.secret, at: env.clock.now()))
            } catch {
                outcome = (nil, "refused: the URL " + ((error as? TargetGuard.Refusal)?.reason ?? "cannot be checked"))
            }
            let elapsed = Int(Date().timeIntervalSince(started) * 1000)
            let paused = try await finish(delivery, webhook, outcome, milliseconds: elapsed)
            if paused { hooks[delivery.webhookId] = nil }
        }
        return claimed.count
    }

    /// Records the attempt; answers whether the subscription was paused.
    func finish(_ delivery: WebhookDelivery, _ webhook: Webhook, _ outcome: (status: Int?, error: String?), milliseconds: Int) async throws -> Bool {
        let now = env.clock.now()
        var next = delivery
        next.attempts += 1
        next.lastAttemptAt = now
        next.lastStatusCode = outcome.status
        let succeeded = outcome.status.map { (200..<300).contains($0) } ?? false
        next.lastError = succeeded ? nil : (outcome.error ?? "answered \(outcome.status ?? 0)")
        var pauses = false
        if succeeded {
            next.status = .succeeded
        } else if next.attempts >= WebhookDelivery.maxAttempts {
            next.status = .failed
            pauses = true
        } else {
            next.nextAttemptAt = now.addingTimeInterval(WebhookDelivery.backoff[next.attempts - 1])
        }
        let attempt = WebhookAttempt(deliveryId: delivery.id, at: now, statusCode: outcome.status, error: next.lastError, milliseconds: milliseconds)
        let finished = next, pausing = pauses
        try await env.store.write { session in
            try await session.finishWebhookAttempt(finished, attempt)
            if pausing, let current = try await session.webhook(id: webhook.id), current.pausedAt == nil {
                try await WebhookService(env).pause(current, reason: "a \(delivery.event.type) event failed \(finished.attempts) times (last: \(finished.lastError ?? "")).",
                                                    in: session, at: now)
            }
        }
        return pauses
    }

    /// `{id, type, occurredAt, data}`.
    public static func body(_ event: WebhookEvent) -> Data {
        let head = "{\"id\":\"\(UUIDText.lowercase(event.id))\",\"type\":\"\(event.type)\",\"occurredAt\":\"\(Timestamp.string(event.occurredAt))\",\"data\":"
        return Data((head + event.data + "}").utf8)
    }

    /// Standard Webhooks: `webhook-id`, `webhook-timestamp` (seconds) and `webhook-signature`,
    /// `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` keyed with the secret's bytes.
    public static func headers(_ event: WebhookEvent, body: Data, secret: String, at time: Date) -> [(String, String)] {
        let id = "msg_" + UUIDText.lowercase(event.id), timestamp = String(Int(time.timeIntervalSince1970))
        return [("content-type", "application/json"), ("user-agent", "Furrow-Webhooks/1"), ("webhook-id", id),
                ("webhook-timestamp", timestamp), ("webhook-signature", signature(id: id, timestamp: timestamp, body: body, secret: secret))]
    }

    public static func signature(id: String, timestamp: String, body: Data, secret: String) -> String {
        let key = Data(base64Encoded: String(secret.dropFirst("whsec_".count))) ?? Data(secret.utf8)
        var message = Data("\(id).\(timestamp).".utf8)
        message.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key))
        return "v1," + Data(mac).base64EncodedString()
    }
}
