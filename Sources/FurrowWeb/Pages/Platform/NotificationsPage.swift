import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// The signed-in user's in-app notifications (SPEC §2: assigning a lead tells the salesperson),
/// newest first, each linking to its record; unread ones can be marked read one by one or all at once.
/// The top bar's bell (`Shell.Bell`) counts the unread ones and links here.
struct NotificationsPage {
    static let path = "/notifications"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("notifications", use: list)
        group.post("notifications/read", use: readAll)
        group.post("notifications/:id/read", use: read)
    }

    struct Item { let id: String, message: String, link: String, time: String, iso: String, unread: Bool }
    struct Model { let items: [Item], hasItems: Bool, hasUnread: Bool }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let notifications = try await NotificationService(web.env).list(unreadOnly: false, by: principal)
        return try await web.page("notifications", "Notifications", request, context) { shell in
            let items = notifications.map {
                Item(id: $0.id.uuidString.lowercased(), message: $0.message, link: URLText.localPath($0.link, fallback: "/"),
                     time: shell.format($0.createdAt), iso: Timestamp.string($0.createdAt), unread: $0.readAt == nil)
            }
            return Model(items: items, hasItems: !items.isEmpty, hasUnread: items.contains { $0.unread })
        }
    }

    @Sendable func read(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Problem.notFound() }
        try await NotificationService(web.env).markRead(id, by: principal)
        return .redirect(Self.path, flash: "Marked as read.")
    }

    @Sendable func readAll(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        try await NotificationService(web.env).markRead(nil, by: principal)
        return .redirect(Self.path, flash: "All notifications marked as read.")
    }
}
