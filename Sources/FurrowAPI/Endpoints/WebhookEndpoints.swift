import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `WebhookRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension WebhookRoutes {
    static let adminOnly = "Administrators only (a token needs the `admin` scope)"
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/webhook-events", "listWebhookEventTypes", tag: "Webhooks", "List the event types",
                 description: "Every event type a subscription may name (besides `*`): `created`, `updated` and `deleted` of every record type, the business verbs (`lead.qualified`, `opportunity.stageChanged`, `opportunity.won`, `invoice.paid`, `payment.received`, …) and `webhook.ping`.",
                 answers: [.ok("WebhookEventTypePage"), .unauthorized],
                 use: WebhookRoutes.types),
        Endpoint(.post, "/webhooks", "createWebhook", tag: "Webhooks", "Create a webhook subscription",
                 description: "\(adminOnly). The target must be http or https and reach a public address: one whose host resolves to a loopback, private, link-local, carrier-grade NAT, multicast, unspecified, reserved or documentation address (however spelled: decimal, octal, hex or short IPv4, IPv6 literals, IPv4-mapped IPv6, names resolving to them) or to a cloud metadata address is refused (422 on `url`), unless the host is in the setting `webhookAllowedHosts`. The check is made again at every delivery, and the request goes to the checked address; redirects are not followed. The `secret` (Standard Webhooks, `whsec_…`) is in this answer only. Events of a change are recorded in the change's transaction and delivered at least once, in order per record: `POST` JSON `{id, type, occurredAt, data}` with `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>`. A 2xx answer within 10 s is a success; otherwise it is retried after 5 s, 1 min, 5 min, 30 min, 2 h, 5 h and 10 h, and after the 8th failure the subscription is paused and its owner told.",
                 body: .json("WebhookCreate"),
                 answers: [.created("WebhookCreated", location: "/api/v1/webhooks/{id}"), .unauthorized, .writeForbidden(adminOnly)],
                 bodyErrors: true, use: WebhookRoutes.create),
        Endpoint(.get, "/webhooks", "listWebhooks", tag: "Webhooks", "List webhook subscriptions",
                 description: "\(adminOnly); one page, oldest first.",
                 answers: [.ok("WebhookPage"), .unauthorized, .problem(403, detail: adminOnly)],
                 use: WebhookRoutes.list),
        Endpoint(.get, "/webhooks/{id}", "getWebhook", tag: "Webhooks", "Get a webhook subscription",
                 parameters: [.id],
                 answers: [.ok("Webhook"), .unauthorized, .problem(403, detail: adminOnly), .problem(404)],
                 use: WebhookRoutes.get),
        Endpoint(.patch, "/webhooks/{id}", "updateWebhook", tag: "Webhooks", "Change a webhook subscription",
                 description: "\(adminOnly). `active: true` on a paused subscription resumes it: its waiting deliveries go at once. The version is optional (`If-Match` or `version`); a stale one answers 412.",
                 parameters: [.id, Endpoint.Parameter("If-Match", in: .header, "The expected current version as `\"N\"`; optional.", .string(pattern: "^(W/)?\"[0-9]+\"$"), example: "\"2\"")],
                 body: .json("WebhookPatch"),
                 answers: [.ok("Webhook"), .unauthorized, .writeForbidden(adminOnly), .problem(404), .problem(412)],
                 bodyErrors: true, use: WebhookRoutes.update),
        Endpoint(.delete, "/webhooks/{id}", "deleteWebhook", tag: "Webhooks", "Delete a webhook subscription",
                 description: "\(adminOnly). Its deliveries and their log go with it.",
                 parameters: [.id],
                 answers: [.noContent, .unauthorized, .writeForbidden(adminOnly), .problem(404)],
                 use: WebhookRoutes.delete),
        Endpoint(.get, "/webhooks/{id}/deliveries", "listWebhookDeliveries", tag: "Webhooks", "The delivery log",
                 description: "\(adminOnly). The newest 50 deliveries of the subscription, each with the request body sent, its state and every attempt (time, answer status, error, duration).",
                 parameters: [.id],
                 answers: [.ok("WebhookDeliveryPage"), .unauthorized, .problem(403, detail: adminOnly), .problem(404)],
                 use: WebhookRoutes.deliveries),
        Endpoint(.post, "/webhooks/{id}/deliveries/{deliveryId}/replay", "replayWebhookDelivery", tag: "Webhooks", "Send a delivery again",
                 description: "\(adminOnly). The delivery (whatever its state) is due at once, its attempts counted afresh. No body is read.",
                 parameters: [.id, Endpoint.Parameter("deliveryId", in: .path, required: true, "The delivery's id (a malformed id answers 404).", .uuid())],
                 answers: [.ok("WebhookDelivery", "Accepted: the delivery is queued", status: 202), .unauthorized, .writeForbidden(adminOnly), .problem(404)],
                 use: WebhookRoutes.replay),
        Endpoint(.post, "/webhooks/{id}/ping", "pingWebhook", tag: "Webhooks", "Send a test ping",
                 description: "\(adminOnly). Queues a `webhook.ping` event for this subscription only, delivered and logged like any other. No body is read.",
                 parameters: [.id],
                 answers: [.ok("WebhookPingQueued", "Accepted: the ping is queued", status: 202), .unauthorized, .writeForbidden(adminOnly), .problem(404)],
                 use: WebhookRoutes.ping),
    ]
}

extension Components {
    static let webhook: Schema = .object("A webhook subscription (never its secret).", required: ["id", "url", "events", "active", "ownerId", "paused", "version", "createdAt", "updatedAt"], [
        "id": .uuid(),
        "url": .string(format: "uri"),
        "events": .array(.string(), "Event types, or `[\"*\"]` for every event."),
        "active": .boolean(),
        "description": .string(nullable: true),
        "ownerId": .uuid("The administrator who made it; told when it is paused."),
        "paused": .boolean("Paused after a delivery failed 8 times; `active: true` resumes it."),
        "pausedAt": .timestamp(nullable: true),
        "pausedReason": .string(nullable: true),
        "version": .version,
        "createdAt": .timestamp(),
        "updatedAt": .timestamp(),
    ])
    static let webhookCreated: Schema = {
        var schema = webhook
        schema.description = "The new subscription with its signing secret: the only time it is shown."
        schema.properties.append(.init(name: "secret", schema: .string("`whsec_` and the base64 of the key: verify `webhook-signature` with it.")))
        schema.required.append("secret")
        return schema
    }()
    static func webhookBody(_ description: String, required: [String]) -> Schema {
        .object(description, required: required, closed: true, [
            "url": .string("An http or https URL of a public host (or an allow-listed one).", maxLength: Webhook.maxURLLength),
            "events": .array(.string(), "Event types (`GET /webhook-events`), or `[\"*\"]`.", minItems: 1),
            "active": .boolean("Whether events are delivered (default true); true resumes a paused subscription."),
            "description": .string(nullable: true, maxLength: 500),
            "version": .expectedVersion,
            "id": .serverOwned, "createdAt": .serverOwned, "updatedAt": .serverOwned, "pausedAt": .serverOwned, "pausedReason": .serverOwned,
            "ownerId": .serverOwned, "secret": .serverOwned, "paused": .serverOwned,
        ])
    }
    static let webhookDelivery: Schema = .object("One event on its way to one subscription.", required: ["id", "eventId", "type", "entity", "entityId", "occurredAt", "status", "attempts", "request", "log"], [
        "id": .uuid(), "eventId": .uuid(), "type": .string(), "entity": .string(), "entityId": .uuid(), "occurredAt": .timestamp(),
        "status": .values(WebhookDelivery.Status.allCases.map(\.rawValue)),
        "attempts": .integer(minimum: 0),
        "nextAttemptAt": .timestamp("When it is tried next, while pending.", nullable: true),
        "lastStatusCode": .integer(nullable: true), "lastError": .string(nullable: true),
        "request": .string("The JSON body sent."),
        "log": .array(.object(required: ["at", "milliseconds"], [
            "at": .timestamp(), "statusCode": .integer(nullable: true), "error": .string(nullable: true), "milliseconds": .integer(minimum: 0),
        ]), "Every attempt, oldest first."),
    ])

    static let webhookSchemas: [(name: String, schema: Schema)] = [
        ("Webhook", webhook), ("WebhookCreated", webhookCreated),
        ("WebhookCreate", webhookBody("A new subscription. Unknown fields are refused (422).", required: ["url", "events"])),
        ("WebhookPatch", webhookBody("Changes to a subscription: absent fields are unchanged. Unknown fields are refused (422).", required: [])),
        ("WebhookPage", .page("Webhook", "Webhook subscriptions (one page).")),
        ("WebhookDelivery", webhookDelivery), ("WebhookDeliveryPage", .page("WebhookDelivery", "The newest deliveries (one page).")),
        ("WebhookEventTypePage", .object("Every event type (one page).", required: ["items", "nextCursor"], ["items": .array(.string()), "nextCursor": .string(nullable: true)])),
        ("WebhookPingQueued", .object("The queued ping.", required: ["eventId"], ["eventId": .uuid()])),
    ]
}
