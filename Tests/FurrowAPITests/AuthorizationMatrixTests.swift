import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// SPEC §0: each role × each record relation × each operation, as one table.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    enum Relation: String, CaseIterable, Sendable { case own, sameTeam, otherTeam }
    enum Outcome: Sendable, Equatable { case allowed, forbidden, hidden }

    /// What a role may do to a record of each relation: read (get, list, search, audit) and
    /// write (patch, delete). `hidden` answers 404 and leaves the record out of lists.
    static let table: [(Role, [Relation: (read: Outcome, write: Outcome)])] = [
        (.admin, [.own: (.allowed, .allowed), .sameTeam: (.allowed, .allowed), .otherTeam: (.allowed, .allowed)]),
        (.manager, [.own: (.allowed, .allowed), .sameTeam: (.allowed, .allowed), .otherTeam: (.hidden, .hidden)]),
        (.sales, [.own: (.allowed, .allowed), .sameTeam: (.allowed, .allowed), .otherTeam: (.hidden, .hidden)]),
        (.service, [.own: (.allowed, .allowed), .sameTeam: (.allowed, .allowed), .otherTeam: (.hidden, .hidden)]),
        // finance reads every customer's billing records (accounts among them) but changes only its team's
        (.finance, [.own: (.allowed, .allowed), .sameTeam: (.allowed, .allowed), .otherTeam: (.allowed, .forbidden)]),
        (.readonly, [.own: (.allowed, .forbidden), .sameTeam: (.allowed, .forbidden), .otherTeam: (.hidden, .hidden)]),
    ]

    @Test("every role sees and changes exactly what it should", arguments: table.map(\.0), TestWorld.engines)
    func matrix(role: Role, engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: the caller in team One, a colleague in One, a stranger in Two
        let one = try await world.makeTeam("One"), two = try await world.makeTeam("Two")
        let caller = role == .admin ? world.admin : try await world.makeUser(role, team: one)
        let colleague = try await world.makeUser(.sales, team: one)
        let stranger = try await world.makeUser(.sales, team: two)
        let owners: [Relation: Principal] = [.own: caller, .sameTeam: colleague, .otherTeam: stranger]
        var records: [Relation: Account] = [:]
        for relation in Relation.allCases {
            records[relation] = try await AccountService(world.env).create(
                AccountFields(name: "Matrix \(relation.rawValue) record"), ownerId: owners[relation]!.userId, by: world.admin)
        }
        let token = try await world.token(for: caller)
        let created = records
        let expected = Dictionary(uniqueKeysWithValues: Self.table)[role]!

        try await world.withAPI { api in
            let listed = Set(try await api.call(.get, "/api/v1/accounts?limit=200", token: token).items.compactMap { $0["id"] as? String })
            let found = Set(try await api.call(.get, "/api/v1/search?q=matrix", token: token).items.compactMap { $0["id"] as? String })
            for relation in Relation.allCases {
                let account = created[relation]!, path = "/api/v1/accounts/\(account.id)"
                let read = expected[relation]!.read, write = expected[relation]!.write
                let visible = read == .allowed
                // when / then
                #expect(try await api.call(.get, path, token: token).status == (visible ? 200 : 404), "\(role) get \(relation)")
                #expect(listed.contains(account.id.string) == visible, "\(role) list \(relation)")
                #expect(found.contains(account.id.string) == visible, "\(role) search \(relation)")
                let audit = try await api.call(.get, "/api/v1/audit?entity=account&id=\(account.id)", token: token)
                #expect(audit.status == (visible ? 200 : 404), "\(role) audit \(relation)")
                let patch = try await api.call(.patch, path, token: token, json: ["industry": "Changed", "version": 1])
                #expect(patch.status == Self.status(write, success: 200), "\(role) patch \(relation)")
                let deleted = try await api.call(.delete, path, token: token)
                #expect(deleted.status == Self.status(write, success: 204), "\(role) delete \(relation)")
            }
        }
    }

    static func status(_ outcome: Outcome, success: Int) -> Int {
        switch outcome {
        case .allowed: success
        case .forbidden: 403
        case .hidden: 404
        }
    }

    @Test("only administrators manage users, teams and settings", arguments: Role.allCases)
    func administration(role: Role) async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        let caller = role == .admin ? world.admin : try await world.makeUser(role)
        let token = try await world.token(for: caller)
        let admin = role == .admin
        try await world.withAPI { api in
            let user = try await api.call(.post, "/api/v1/users", token: token, json: ["email": "new@test.example", "password": "long-enough"])
            #expect(user.status == (admin ? 201 : 403))
            let team = try await api.call(.post, "/api/v1/teams", token: token, json: ["name": "New team"])
            #expect(team.status == (admin ? 201 : 403))
            let settings = try await api.call(.patch, "/api/v1/settings", token: token, json: ["companyName": "Renamed"])
            #expect(settings.status == (admin ? 200 : 403))
            #expect(try await api.call(.get, "/api/v1/settings", token: token).status == 200)
        }
    }
}
