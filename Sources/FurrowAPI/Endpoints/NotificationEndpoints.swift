import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `NotificationRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension NotificationRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/me/notifications", "listNotifications", tag: "Notifications", "List the signed-in user's notifications",
                 description: "The caller's own notifications, newest first, at most 100 in one page. No other parameters are accepted.",
                 parameters: [Endpoint.Parameter("unread", in: .query, "`true` lists only unread notifications; `false` (the default) lists all.", .boolean(default: false))],
                 answers: [.ok("NotificationPage"), .problem(400, [.invalidQuery], detail: "Unknown parameter, or unread is not `true` or `false`"), .unauthorized],
                 use: NotificationRoutes.list),
        Endpoint(.post, "/me/notifications/read", "markAllNotificationsRead", tag: "Notifications", "Mark all notifications read",
                 description: "Marks every unread notification of the caller read. No body is read.",
                 answers: [.noContent, .unauthorized, .writeForbidden()],
                 use: NotificationRoutes.readAll),
        Endpoint(.post, "/me/notifications/{id}/read", "markNotificationRead", tag: "Notifications", "Mark a notification read",
                 description: "Marking an already read notification again changes nothing. No body is read.",
                 parameters: [.id.described("The notification's id (a malformed id answers 404).")],
                 answers: [.noContent, .unauthorized, .writeForbidden(), .problem(404, detail: "The notification does not exist or belongs to another user")],
                 use: NotificationRoutes.read),
    ]
}
