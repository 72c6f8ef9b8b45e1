import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import SQLKit

/// The deterministic data set of one scale S: ~20 users in 4 teams, S/5 accounts, S contacts
/// (5 per account), S/2 leads, 0.3·S opportunities over the 3 seeded kinds, S/100 quotes.
/// Records are created through `Batch` (the same validation, search index and audit as a single
/// create); each record's values come from a generator seeded by its kind and index.
struct DataSet: Sendable {
    static let seed: UInt64 = 0x0F_0A_2026
    /// Bump when the generated data changes, so old kept databases are not reused.
    static let generatorVersion = 1
    static let password = "bench-password-2026"

    let scale: Int
    var accounts: Int { scale / 5 }
    var contacts: Int { accounts * 5 }
    var leads: Int { scale / 2 }
    var opportunities: Int { scale * 3 / 10 }
    var quotes: Int { max(5, scale / 100) }

    /// Users: admin, and per team a manager, three sales reps and a finance user.
    static let teams = 4
    static let repsPerTeam = 3

    static func email(team: Int, role: Role, number: Int = 1) -> String {
        "t\(team)-\(role.rawValue)\(number)@bench.furrow.test"
    }
    static let adminEmail = "admin@bench.furrow.test"

    /// The login used by each role in the drivers.
    static let roleLogins: [(Role, String)] = [
        (.admin, adminEmail), (.manager, email(team: 1, role: .manager)),
        (.sales, email(team: 2, role: .sales, number: 1)), (.finance, email(team: 3, role: .finance)),
    ]

    static func record(_ salt: UInt64, _ index: Int) -> SeededRandom {
        var mixer = SeededRandom(seed: seed ^ (salt &* 0x1000_0000_01B3) ^ UInt64(index))
        return SeededRandom(seed: mixer.next())
    }
}

/// Record ids drawn from the seeded generator: the same database every run.
// unchecked: the generator is only touched under `lock`
final class SeededIDs: IDSource, @unchecked Sendable {
    private var random: SeededRandom
    private let lock = NSLock()

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    func next() -> UUID {
        lock.lock()
        defer { lock.unlock() }
        return random.uuid()
    }
}

/// What the generated database says about itself: whether it is complete and for which scale.
enum Marker {
    static func read(_ store: SQLStore) async -> (scale: Int, generator: Int)? {
        try? await store.withDatabase { db in
            guard let row = try await db.raw("SELECT scale, generator FROM bench_marker").first() else { return nil }
            return (try row.decode(column: "scale", as: Int.self), try row.decode(column: "generator", as: Int.self))
        }
    }

    static func write(_ store: SQLStore, scale: Int) async throws {
        try await store.transaction { db in
            try await db.raw("CREATE TABLE bench_marker (scale BIGINT NOT NULL, generator BIGINT NOT NULL, finished_at TEXT NOT NULL)").run()
            try await db.raw("""
                INSERT INTO bench_marker VALUES (\(bind: scale), \(bind: DataSet.generatorVersion), \(bind: ISO8601DateFormatter().string(from: Date())))
                """).run()
        }
    }
}

/// Prints records/s while a phase runs.
// unchecked: updated by the one generating task; a stale read only delays a progress line
final class Progress: @unchecked Sendable {
    let label: String, total: Int
    let started = Date()
    private var lastPrint = Date.distantPast
    private let quiet: Bool

    init(_ label: String, total: Int, quiet: Bool) {
        self.label = label
        self.total = total
        self.quiet = quiet
    }

    func update(_ done: Int) {
        let now = Date()
        guard done == total || now.timeIntervalSince(lastPrint) >= 2 else { return }
        lastPrint = now
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        if !quiet || done == total {
            say("  " + label.padding(toLength: 14, withPad: " ", startingAt: 0)
                  + String(format: "%9d / %-9d %8.0f records/s  %6.1f s", done, total, Double(done) / elapsed, elapsed))
        }
    }

    var rate: Double { Double(total) / max(Date().timeIntervalSince(started), 0.001) }
}
