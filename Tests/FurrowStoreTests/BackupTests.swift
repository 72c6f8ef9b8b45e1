import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Backup")
struct BackupTests {
    @Test("a backup of a live SQLite database is a complete, checked copy")
    func sqliteBackup() async throws {
        let world = try await TestWorld.make(.sqlite)
        defer { Task { await world.close() } }
        // given
        for index in 0..<5 { _ = try await world.makeAccount("Backed up \(index)") }
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("furrow-backup-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: target) }
        // when
        try await world.store.backup(to: target)
        // then
        let copy = try await SQLStore.open(target)
        let env = CoreEnvironment(store: copy, clock: world.clock)
        let accounts = try await AccountService(env).list(ListQuery(limit: 100), by: world.admin)
        await copy.close()
        #expect(accounts.map(\.fields.name) == (0..<5).map { "Backed up \($0)" })
        await #expect(throws: StoreError.self) { try await world.store.backup(to: target) }
    }

    @Test("PostgreSQL refuses furrow backup and names its own tools", arguments: TestWorld.engines.filter { $0 == .postgres })
    func postgresBackup(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        do {
            try await world.store.backup(to: "/tmp/never-written.sqlite")
            Issue.record("backup should refuse PostgreSQL")
        } catch let error as StoreError {
            #expect(error.description.contains("pg_dump"))
        }
    }
}
