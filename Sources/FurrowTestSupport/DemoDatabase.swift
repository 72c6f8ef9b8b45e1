import Foundation
import FurrowCore
import FurrowServer
import FurrowStore

/// The demo company in a fresh SQLite file, for tests that read a realistic whole.
public enum DemoDatabase {
    /// Runs `body` with the demo company's environment and its administrator's login.
    public static func with<T: Sendable>(_ body: @Sendable (CoreEnvironment, DemoCompany.Login) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("furrow-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await SQLStore.open(directory.appendingPathComponent("demo.sqlite").path)
        do {
            try await Migrator(store).migrate()
            let env = CoreEnvironment(store: store, passwords: PasswordHasher(cost: 4))
            guard let admin = try await DemoCompany.load(env).first(where: { $0.role == .admin }) else {
                throw CoreError.notFound("the demo administrator")
            }
            let result = try await body(env, admin)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}
