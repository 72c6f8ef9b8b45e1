import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

struct NotificationDTO: Encodable, Sendable {
    let id: String, message: String, link: String, createdAt: String, readAt: String?
    init(_ n: NotificationRecord) {
        id = UUIDText.lowercase(n.id); message = n.message; link = n.link; createdAt = Timestamp.string(n.createdAt)
        readAt = n.readAt.map(Timestamp.string)
    }
}

/// The signed-in user's in-app notifications: `GET /me/notifications?unread=true`, mark one or all read.
struct NotificationRoutes: RouteSet {
    let env: CoreEnvironment


    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var unreadOnly = false
        for (key, value) in request.uri.queryParameters {
            guard key == "unread", value == "true" || value == "false" else {
                throw Problem.invalidQuery("Use unread=true or unread=false.")
            }
            unreadOnly = value == "true"
        }
        let items = try await NotificationService(env).list(unreadOnly: unreadOnly, by: principal)
        return try .json(Page(items: items.map(NotificationDTO.init), nextCursor: nil))
    }

    @Sendable func read(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw Problem.notFound("notification") }
        try await NotificationService(env).markRead(id, by: principal)
        return .noContent
    }

    @Sendable func readAll(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try await NotificationService(env).markRead(nil, by: principal)
        return .noContent
    }
}
