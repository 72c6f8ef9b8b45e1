import Foundation
import FurrowDomain

/// A user's own choices: whether reminders also come by email (SPEC §6).
public struct UserPreferences: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public func emailReminders(by principal: Principal) async throws -> Bool {
        try await env.store.read { session in try await session.emailReminders(of: principal.userId) }
    }

    public func setEmailReminders(_ on: Bool, by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            let before = try await session.emailReminders(of: principal.userId)
            guard before != on else { return }
            try await session.setEmailReminders(of: principal.userId, on)
            transaction.audit("user", principal.userId.uuid, "preferences", [FieldChange(field: "emailReminders", old: String(before), new: String(on))])
        }
    }

    /// How the user reads and types numbers on pages.
    public func numberStyle(of user: User.ID) async throws -> NumberStyle {
        try await env.store.read { session in try await session.numberStyle(of: user) }
    }

    public func setNumberStyle(_ style: NumberStyle, by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            let before = try await session.numberStyle(of: principal.userId)
            guard before != style else { return }
            try await session.setNumberStyle(of: principal.userId, style)
            transaction.audit("user", principal.userId.uuid, "preferences", [FieldChange(field: "numberStyle", old: before.example, new: style.example)])
        }
    }
}
