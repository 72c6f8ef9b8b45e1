import Foundation
import FurrowStore
import SQLKit
import Logging

/// Makes a new, empty PostgreSQL database per test world on the server named by
/// `FURROW_TEST_POSTGRES_URL`, so tests never share state.
enum PostgresTestDatabase {
    static func create(logger: Logger) async throws -> (SQLStore, String) {
        guard let base = ProcessInfo.processInfo.environment["FURROW_TEST_POSTGRES_URL"],
              var components = URLComponents(string: base) else {
            throw StoreError.badLocation("FURROW_TEST_POSTGRES_URL is not set")
        }
        let name = "furrow_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let admin = try await SQLStore.open(base, logger: logger)
        try await admin.withDatabase { db in try await db.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        await admin.close()
        components.path = "/" + name
        let location = components.string ?? base
        return (try await SQLStore.open(location, logger: logger), location)
    }
}
