import Foundation
import FurrowDomain

/// An in-app notification for one user (SPEC §2: assigning a lead tells the salesperson).
public struct NotificationRecord: Sendable, Equatable {
    public var id: UUID
    public var userId: User.ID
    public var message: String
    /// The web path of the record it is about, e.g. `/leads/<id>`.
    public var link: String
    public var createdAt: Date
    public var readAt: Date?

    public init(id: UUID, userId: User.ID, message: String, link: String, createdAt: Date, readAt: Date? = nil) {
        self.id = id
        self.userId = userId
        self.message = message
        self.link = link
        self.createdAt = createdAt
        self.readAt = readAt
    }
}

public protocol NotificationSession: Sendable {
    func insertNotification(_ notification: NotificationRecord) async throws
    func notifications(for user: User.ID, unreadOnly: Bool, limit: Int) async throws -> [NotificationRecord]
    func unreadNotificationCount(for user: User.ID) async throws -> Int
    /// Marks one (or, with nil, every) notification of the user read; returns how many changed.
    func markNotificationsRead(for user: User.ID, id: UUID?, at: Date) async throws -> Int
}

public struct NotificationService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public func list(unreadOnly: Bool, by principal: Principal) async throws -> [NotificationRecord] {
        try await env.store.read { try await $0.notifications(for: principal.userId, unreadOnly: unreadOnly, limit: 100) }
    }

    public func unreadCount(by principal: Principal) async throws -> Int {
        try await env.store.read { try await $0.unreadNotificationCount(for: principal.userId) }
    }

    public func markRead(_ id: UUID?, by principal: Principal) async throws {
        let now = env.clock.now()
        let changed = try await env.store.write { try await $0.markNotificationsRead(for: principal.userId, id: id, at: now) }
        if id != nil && changed == 0 {
            let exists = try await env.store.read { session in
                try await session.notifications(for: principal.userId, unreadOnly: false, limit: 1000).contains { $0.id == id }
            }
            if !exists { throw CoreError.notFound("notification") }
        }
    }
}

extension StoreSession {
    /// Tells a new owner that a record was assigned to them by someone else.
    func notifyAssignment(_ env: CoreEnvironment, owner: User.ID, by actor: User.ID, what: String, link: String) async throws {
        guard owner != actor else { return }
        let name = try await user(id: actor)?.name ?? "Someone"
        try await insertNotification(NotificationRecord(id: env.ids.next(), userId: owner, message: "\(name) assigned you \(what)",
                                                        link: link, createdAt: env.clock.now()))
    }
}
