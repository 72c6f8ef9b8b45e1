import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Webhook subscriptions (SPEC §11): `/webhooks`, their delivery log, replay and ping; administrators only.
struct WebhookRoutes: RouteSet {
    let env: CoreEnvironment
    static let fields: Set<String> = ["url", "events", "active", "description"]
    static let ignored: Set<String> = ["id", "version", "createdAt", "updatedAt", "pausedAt", "pausedReason", "ownerId", "secret"]

    static func input(_ body: inout JSONBody) -> WebhookService.Input {
        var input = WebhookService.Input()
        if body.has("url") { input.url = body.string("url") ?? "" }
        if body.has("events") { input.events = body.strings("events") }
        if body.has("active") { input.active = body.bool("active") }
        if body.has("description") { input.description = .some(body.string("description")) }
        return input
    }

    @Sendable func types(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requirePrincipal()
        return try .json(Page(items: WebhookEvents.types, nextCursor: nil))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: Self.fields, ignoring: Self.ignored)
        body.require("url")
        body.require("events")
        let input = Self.input(&body)
        try body.check()
        let webhook = try await WebhookService(env).create(input, by: principal)
        return try .json(WebhookDTO(webhook, showingSecret: true), status: .created, location: "/api/v1/webhooks/\(UUIDText.lowercase(webhook.id))")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(Page(items: try await WebhookService(env).list(by: principal).map { WebhookDTO($0) }, nextCursor: nil))
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(WebhookDTO(try await WebhookService(env).get(try context.id(Webhook.self).uuid, by: principal)))
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Webhook.self).uuid
        var body = try await JSONBody(request, context: context, allowed: Self.fields, ignoring: Self.ignored)
        let version = try request.expectedVersion(&body)
        let input = Self.input(&body)
        try body.check()
        return try .json(WebhookDTO(try await WebhookService(env).update(id, input, expectedVersion: version, by: principal)))
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try await WebhookService(env).delete(try context.id(Webhook.self).uuid, by: principal)
        return .noContent
    }

    @Sendable func deliveries(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let logged = try await WebhookService(env).deliveries(of: try context.id(Webhook.self).uuid, by: principal)
        return try .json(Page(items: logged.map(WebhookDeliveryDTO.init), nextCursor: nil))
    }

    @Sendable func replay(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let delivery = try context.id(WebhookDelivery.self, "deliveryId").uuid
        let requeued = try await WebhookService(env).replay(delivery, of: try context.id(Webhook.self).uuid, by: principal)
        return try .json(WebhookDeliveryDTO(.init(delivery: requeued, attempts: [])), status: .accepted)
    }

    @Sendable func ping(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let event = try await WebhookService(env).ping(try context.id(Webhook.self).uuid, by: principal)
        struct Queued: Encodable { let eventId: String }
        return try .json(Queued(eventId: UUIDText.lowercase(event)), status: .accepted)
    }
}

struct WebhookDTO: Encodable, Sendable {
    let id: String, url: String, events: [String], active: Bool, description: String?, ownerId: String
    let paused: Bool, pausedAt: String?, pausedReason: String?, version: Int, createdAt: String, updatedAt: String
    /// Only in the answer that creates it.
    let secret: String?

    init(_ w: Webhook, showingSecret: Bool = false) {
        id = UUIDText.lowercase(w.id); url = w.url; events = w.events; active = w.active; description = w.description; ownerId = w.ownerId.string
        paused = w.pausedAt != nil; pausedAt = w.pausedAt.map(Timestamp.string); pausedReason = w.pausedReason
        version = w.version; createdAt = Timestamp.string(w.createdAt); updatedAt = Timestamp.string(w.updatedAt)
        secret = showingSecret ? w.secret : nil
    }
}

struct WebhookDeliveryDTO: Encodable, Sendable {
    struct Attempt: Encodable, Sendable { let at: String, statusCode: Int?, error: String?, milliseconds: Int }
    let id: String, eventId: String, type: String, entity: String, entityId: String, occurredAt: String, status: String, attempts: Int
    let nextAttemptAt: String?, lastStatusCode: Int?, lastError: String?, request: String, log: [Attempt]

    init(_ logged: WebhookService.LoggedDelivery) {
        let d = logged.delivery
        id = UUIDText.lowercase(d.id); eventId = UUIDText.lowercase(d.event.id); type = d.event.type; entity = d.event.entity
        entityId = UUIDText.lowercase(d.event.entityId); occurredAt = Timestamp.string(d.event.occurredAt); status = d.status.rawValue
        attempts = d.attempts; nextAttemptAt = d.status == .pending ? Timestamp.string(d.nextAttemptAt) : nil
        lastStatusCode = d.lastStatusCode; lastError = d.lastError
        request = String(decoding: WebhookDispatch.body(d.event), as: UTF8.self)
        log = logged.attempts.map { Attempt(at: Timestamp.string($0.at), statusCode: $0.statusCode, error: $0.error, milliseconds: $0.milliseconds) }
    }
}
