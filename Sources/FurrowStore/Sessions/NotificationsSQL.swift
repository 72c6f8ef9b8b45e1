import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    func insertNotification(_ n: NotificationRecord) async throws {
        try await run("""
            INSERT INTO notifications (id, user_id, message, link, created_at, read_at)
            VALUES (\(bind: UUIDText.lowercase(n.id)), \(bind: n.userId.string), \(bind: n.message), \(bind: n.link),
                    \(bind: Timestamp.string(n.createdAt)), \(bind: n.readAt.map(Timestamp.string)))
            """)
    }

    func notifications(for user: User.ID, unreadOnly: Bool, limit: Int) async throws -> [NotificationRecord] {
        let unread: SQLQueryString = unreadOnly ? "AND read_at IS NULL" : ""
        return try await rows("""
            SELECT * FROM notifications WHERE user_id = \(bind: user.string) \(unread) ORDER BY created_at DESC, id DESC LIMIT \(literal: limit)
            """).map { row in
            NotificationRecord(id: UUIDText.parse(try row.string("id")) ?? UUID(), userId: user, message: try row.string("message"),
                               link: try row.string("link"), createdAt: try row.date("created_at"),
                               readAt: try row.optional("read_at").flatMap(Timestamp.date))
        }
    }

    func unreadNotificationCount(for user: User.ID) async throws -> Int {
        try await count("SELECT COUNT(*) AS n FROM notifications WHERE user_id = \(bind: user.string) AND read_at IS NULL")
    }

    func markNotificationsRead(for user: User.ID, id: UUID?, at: Date) async throws -> Int {
        let which: SQLQueryString = id.map { "AND id = \(bind: $0.uuidString.lowercased())" } ?? ""
        return try await rows("""
            UPDATE notifications SET read_at = \(bind: Timestamp.string(at))
            WHERE user_id = \(bind: user.string) AND read_at IS NULL \(which) RETURNING id
            """).count
    }
}
