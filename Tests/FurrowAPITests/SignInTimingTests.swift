import Foundation
import FurrowCore
import FurrowTestSupport
import Testing

@Suite("Sign-in timing")
struct SignInTimingTests {
    @Test("signing in with an unknown email verifies a real hash of the same cost")
    func unknownEmailCostsTheSame() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        // given
        let verified = Verified()
        let hasher = PasswordHasher(cost: 5, observer: { verified.add($0) })
        let env = CoreEnvironment(store: world.store, clock: world.clock, ids: SequentialIDs(), passwords: hasher)
        // when
        await #expect(throws: CoreError.self) {
            _ = try await AuthService(env).signIn(email: "nobody@test.example", password: "whatever-1", clientAddress: "test")
        }
        // then
        let hashes = verified.all()
        #expect(hashes.count == 1)
        #expect(hashes.first?.hasPrefix("$2b$05$") == true)
        #expect(hashes.first?.count == 60)
    }
}

/// The hashes a password hasher was asked to verify.
// unchecked: the values are only touched under `lock`
final class Verified: @unchecked Sendable {
    private let lock = NSLock()
    private var hashes: [String] = []
    func add(_ hash: String) { lock.withLock { hashes.append(hash) } }
    func all() -> [String] { lock.withLock { hashes } }
}
