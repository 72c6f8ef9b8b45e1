import Foundation
import FurrowCore
import FurrowDocuments
import FurrowDomain
import FurrowStore
import Logging
import SQLKit

/// A clock that stands still until a test moves it.
// unchecked: the time is only touched under `lock`
public final class FixedClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ date: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = date }

    public func now() -> Date { lock.withLock { current } }
    public func advance(by seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}

/// Ids 00000000-0000-0000-0000-000000000001, …02, … in creation order.
// unchecked: the counter is only touched under `lock`
public final class SequentialIDs: IDSource, @unchecked Sendable {
    private let lock = NSLock()
    private var counter: UInt64 = 0
    public init() {}

    public func next() -> UUID {
        let value = lock.withLock { counter += 1; return counter }
        return UUID(uuidString: String(format: "00000000-0000-0000-0000-%012llx", value))!
    }
}

/// A fresh database (SQLite file or a new PostgreSQL database), migrated, with a fixed clock,
/// sequential ids and cheap password hashing. Builders give records with sensible defaults.
// unchecked: set up once before a test's tasks start; afterwards only read
public final class TestWorld: @unchecked Sendable {
    public let store: SQLStore
    /// Where the database is: a file path or a postgres:// URL.
    public let location: String
    public let env: CoreEnvironment
    public let clock: FixedClock
    public let admin: Principal
    private let directory: URL?

    /// The engines the store contract runs on: SQLite always, PostgreSQL when
    /// `FURROW_TEST_POSTGRES_URL` names a server (the README's test command starts one).
    public static var engines: [Engine] {
        ProcessInfo.processInfo.environment["FURROW_TEST_POSTGRES_URL"] == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    private init(store: SQLStore, location: String, clock: FixedClock, directory: URL?, admin: Principal, env: CoreEnvironment) {
        self.store = store
        self.location = location
        self.clock = clock
        self.directory = directory
        self.admin = admin
        self.env = env
    }

    public static func make(_ engine: Engine = .sqlite) async throws -> TestWorld {
        var logger = Logger(label: "furrow.test")
        logger.logLevel = .warning
        let store: SQLStore, location: String
        var directory: URL? = nil
        switch engine {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("furrow-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            directory = dir
            location = dir.appendingPathComponent("test.sqlite").path
            store = try await SQLStore.open(location, logger: logger)
        case .postgres:
            (store, location) = try await PostgresTestDatabase.create(logger: logger)
        }
        try await Migrator(store).migrate()
        let clock = FixedClock()
        let env = CoreEnvironment(store: store, clock: clock, ids: SequentialIDs(), passwords: PasswordHasher(cost: 4),
                                  documentRenderer: PDFRenderer())
        let admin = try await UserService(env).setUpFirstAdmin(email: "admin@test.example", password: "admin-password", name: "Admin")
        return TestWorld(store: store, location: location, clock: clock, directory: directory,
                         admin: Principal(userId: admin.id, role: .admin, teamId: nil), env: env)
    }

    /// A second server's view of the same database: its own connections, the same clock.
    public func secondServer() async throws -> (env: CoreEnvironment, store: SQLStore) {
        var logger = Logger(label: "furrow.test.second")
        logger.logLevel = .warning
        let other = try await SQLStore.open(location, logger: logger)
        return (CoreEnvironment(store: other, clock: clock, ids: TimeOrderedIDs(), passwords: PasswordHasher(cost: 4), documentRenderer: PDFRenderer()), other)
    }

    /// Runs one SQL statement as it stands (tests that set up a database of an earlier version).
    public func execute(_ sql: String) async throws {
        try await store.withDatabase { db in try await db.raw(SQLQueryString(sql)).run() }
    }

    public func close() async {
        await store.close()
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    // MARK: builders

    public func makeTeam(_ name: String = "Team \(UUID().uuidString.prefix(4))") async throws -> TeamRecord {
        try await UserService(env).createTeam(name: name, managerId: nil, by: admin)
    }

    /// A user of the role in the team; a manager manages that team.
    public func makeUser(_ role: Role, team: TeamRecord? = nil, email: String? = nil) async throws -> Principal {
        let address = email ?? "\(role.rawValue)-\(UUID().uuidString.prefix(8).lowercased())@test.example"
        let user = try await UserService(env).create(UserInput(email: address, name: "\(role.rawValue) user", password: "password-123",
                                                               role: role, teamId: team?.id), by: admin)
        if role == .manager, let team {
            try await store.write { session in try await session.setTeamManager(team.id, user.id) }
            return Principal(userId: user.id, role: role, teamId: team.id, managedTeamIds: [team.id])
        }
        return Principal(userId: user.id, role: role, teamId: team?.id)
    }

    public func makeAccount(_ name: String = "Account \(UUID().uuidString.prefix(6))", by owner: Principal? = nil,
                            email: String? = nil, parent: Account.ID? = nil) async throws -> Account {
        try await AccountService(env).create(AccountFields(name: name, parentAccountId: parent, email: email),
                                             allowDuplicate: true, by: owner ?? admin)
    }

    public func makeContact(_ lastName: String = "Contact \(UUID().uuidString.prefix(6))", firstName: String? = "Pat",
                            account: Account.ID? = nil, email: String? = nil, by owner: Principal? = nil) async throws -> Contact {
        try await ContactService(env).create(ContactFields(firstName: firstName, lastName: lastName, email: email, accountId: account),
                                             allowDuplicate: true, by: owner ?? admin)
    }
}
