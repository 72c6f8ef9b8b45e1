import Foundation
import FurrowDomain

extension StoreSession {
    /// The ownership a new or reassigned record gets: the requested owner (managers and admins
    /// only) or the caller, with that owner's team.
    func ownership(requested: User.ID?, by principal: Principal) async throws -> Ownership {
        let ownerId = requested ?? principal.userId
        if ownerId != principal.userId && !principal.canReassign {
            throw ValidationError([FieldError("ownerId", "only a manager or an administrator can assign another owner")])
        }
        guard let owner = try await user(id: ownerId), owner.active else {
            throw ValidationError([FieldError("ownerId", "is not an active user")])
        }
        let ownership = Ownership(ownerId: owner.id, teamId: owner.teamId)
        // A manager gives records to the people of their teams: a record given away out of sight
        // would be written and then answer "not found" to the one who wrote it.
        guard principal.canSee(ownership) else {
            throw ValidationError([FieldError("ownerId", "is not a user of a team you manage")])
        }
        return ownership
    }

    /// The ancestors of an account, nearest first, stopping at a repeat so a damaged chain cannot loop.
    func ancestors(of id: Account.ID) async throws -> [Account.ID] {
        var chain: [Account.ID] = []
        var next = try await account(id: id)?.fields.parentAccountId
        while let current = next, !chain.contains(current), chain.count < 100 {
            chain.append(current)
            next = try await account(id: current)?.fields.parentAccountId
        }
        return chain
    }
}
