import Foundation
import FurrowDomain
import Testing

@Suite("Roles and visibility")
struct PrincipalTests {
    static let me = User.ID(UUID()), colleague = User.ID(UUID()), stranger = User.ID(UUID())
    static let myTeam = Team.ID(UUID()), otherTeam = Team.ID(UUID())
    static let own = Ownership(ownerId: me, teamId: myTeam)
    static let team = Ownership(ownerId: colleague, teamId: myTeam)
    static let other = Ownership(ownerId: stranger, teamId: otherTeam)

    /// role → (sees own, sees team, sees other, changes own, changes team, changes other)
    static let table: [(Role, [Bool])] = [
        (.admin, [true, true, true, true, true, true]),
        (.manager, [true, true, false, true, true, false]),
        (.sales, [true, true, false, true, true, false]),
        (.service, [true, true, false, true, true, false]),
        (.finance, [true, true, false, true, true, false]),
        (.readonly, [true, true, false, false, false, false]),
    ]

    @Test("each role sees and changes what SPEC §0 says", arguments: table)
    func matrix(role: Role, expected: [Bool]) {
        let principal = Principal(userId: Self.me, role: role, teamId: Self.myTeam)
        let actual = [Self.own, Self.team, Self.other].map(principal.canSee) + [Self.own, Self.team, Self.other].map(principal.canChange)
        #expect(actual == expected)
    }

    @Test("a manager also sees the teams they manage")
    func managedTeams() {
        let manager = Principal(userId: Self.me, role: .manager, teamId: Self.myTeam, managedTeamIds: [Self.otherTeam])
        #expect(manager.canSee(Self.other))
        let sales = Principal(userId: Self.me, role: .sales, teamId: Self.myTeam, managedTeamIds: [Self.otherTeam])
        #expect(!sales.canSee(Self.other))
    }

    @Test("a user without a team sees only their own records")
    func noTeam() {
        let loner = Principal(userId: Self.me, role: .sales, teamId: nil)
        #expect(loner.canSee(Self.own))
        #expect(!loner.canSee(Self.team))
        #expect(!loner.canSee(Ownership(ownerId: Self.stranger, teamId: nil)))
    }

    @Test("only managers and admins reassign owners", arguments: Role.allCases)
    func reassign(role: Role) {
        #expect(Principal(userId: Self.me, role: role, teamId: nil).canReassign == (role == .admin || role == .manager))
    }
}
