import Foundation
import FurrowCore
import Metrics
import SQLiteNIO
import SQLKit

/// Group commit for SQLite: transactions that queue up behind the single writer run together
/// in one SQLite transaction, each inside its own savepoint, and share its one fsync at COMMIT.
/// Each is acknowledged only after that COMMIT; one that throws is rolled back to its savepoint
/// alone. If SQLite rolls the whole transaction back itself (a full disk, an I/O error), the
/// ones already run share the error and the ones not yet run wait for the next group.
/// A bulk transaction (`BulkWrite.active`) and a group of one run as a plain transaction: a
/// savepoint journals every page its transaction touches, and SQLite trims that in-memory
/// journal by walking it from the start after each statement — quadratic for a large import.
// unchecked: the queue is under `lock`; one writer task at a time runs the jobs
final class GroupCommit: @unchecked Sendable {
    /// One queued transaction: its body (dropped once run) and the caller waiting for the outcome.
    // unchecked: a job is touched by its caller until queued, then only by the one writer task
    final class Job: @unchecked Sendable {
        var body: ((SQLiteConnection) async throws -> Void)?
        let counter: StatementCounter?
        let settings: RequestSettings?
        /// The API token the caller's changes come through, for their audit entries.
        let via: String?
        let alone: Bool
        let continuation: CheckedContinuation<Void, any Error>
        var outcome: Result<Void, any Error> = .success(())

        init(body: @escaping (SQLiteConnection) async throws -> Void, continuation: CheckedContinuation<Void, any Error>) {
            self.body = body
            self.counter = StatementCounter.current
            self.settings = RequestSettings.current
            self.via = AuditTrail.via
            self.alone = BulkWrite.active
            self.continuation = continuation
        }

        /// Runs the body with the caller's statement counter, request settings and audit token:
        /// the writer task that runs it may be another caller's.
        func run(on connection: SQLiteConnection) async throws {
            try await StatementCounter.$current.withValue(counter) {
                try await RequestSettings.$current.withValue(settings) {
                    try await AuditTrail.$via.withValue(via) { try await body?(connection) }
                }
            }
        }
    }

    static let largestGroup = 64

    /// COMMITs run (one fsync each) and the transactions they made durable: their ratio is how
    /// many writers shared each fsync (`/metrics`).
    private let commits = Counter(label: "furrow_sqlite_commits_total")
    private let committedTransactions = Counter(label: "furrow_sqlite_committed_transactions_total")

    private let pool: SQLitePool
    private let lock = NSLock()
    private var queue: [Job] = []
    private var draining = false

    init(pool: SQLitePool) { self.pool = pool }

    /// Runs `body` in a transaction (shared with others that are waiting) and returns once it is durable.
    func run<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await withoutActuallyEscaping(body) { body in
            let box = Box<T>()
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let job = Job(body: { connection in box.value = try await body(connection.sql()) }, continuation: continuation)
                let start = lock.withLock { () -> Bool in
                    queue.append(job)
                    if draining { return false }
                    draining = true
                    return true
                }
                if start { Task { await self.drain() } }
            }
            guard let value = box.value else { throw StoreError.notSupported("a grouped transaction finished without a result") }
            return value
        }
    }

    private func drain() async {
        while let group = nextGroup() {
            let retry: [Job]
            do {
                retry = try await pool.withWriter { connection in try await self.commit(group, on: connection) }
            } catch {
                for job in group { finish(job, .failure(error)) }
                continue
            }
            if !retry.isEmpty { lock.withLock { queue.insert(contentsOf: retry, at: 0) } }
        }
    }

    private func nextGroup() -> [Job]? {
        lock.withLock {
            guard !queue.isEmpty else {
                draining = false
                return nil
            }
            var size = 0
            for job in queue.prefix(Self.largestGroup) {
                if job.alone {
                    if size == 0 { size = 1 }
                    break
                }
                size += 1
            }
            let group = Array(queue.prefix(size))
            queue.removeFirst(group.count)
            return group
        }
    }

    /// BEGIN, each job in a savepoint, COMMIT; resumes the jobs that ran, returns the ones that did not.
    private func commit(_ group: [Job], on connection: SQLiteConnection) async throws -> [Job] {
        if group.count == 1 { return try await commitAlone(group[0], on: connection) }
        try await execute("BEGIN IMMEDIATE", on: connection)
        var ran: [Job] = []
        for (index, job) in group.enumerated() {
            try await execute("SAVEPOINT job", on: connection)
            do {
                try await job.run(on: connection)
                job.body = nil
                try await execute("RELEASE job", on: connection)
                ran.append(job)
            } catch {
                job.body = nil
                job.outcome = .failure(error)
                do {
                    try await execute("ROLLBACK TO job", on: connection)
                    try await execute("RELEASE job", on: connection)
                    ran.append(job)
                } catch {
                    // SQLite ended the whole transaction: nothing of this group was kept.
                    for earlier in ran where earlier.outcome.isSuccess { earlier.outcome = job.outcome }
                    for done in ran + [job] { finish(done, done.outcome) }
                    return Array(group[(index + 1)...])
                }
            }
        }
        do {
            try await execute("COMMIT", on: connection)
        } catch {
            try? await execute("ROLLBACK", on: connection)
            for job in ran { finish(job, job.outcome.isSuccess ? .failure(error) : job.outcome) }
            return []
        }
        commits.increment()
        committedTransactions.increment(by: Int64(ran.filter(\.outcome.isSuccess).count))
        for job in ran { finish(job, job.outcome) }
        return []
    }

    /// BEGIN, the job, COMMIT (ROLLBACK when it throws).
    private func commitAlone(_ job: Job, on connection: SQLiteConnection) async throws -> [Job] {
        try await execute("BEGIN IMMEDIATE", on: connection)
        do {
            try await job.run(on: connection)
            try await execute("COMMIT", on: connection)
            commits.increment()
            committedTransactions.increment()
            finish(job, .success(()))
        } catch {
            try? await execute("ROLLBACK", on: connection)
            finish(job, .failure(error))
        }
        return []
    }

    private func execute(_ sql: String, on connection: SQLiteConnection) async throws {
        try await connection.query(sql, []) { _ in }
    }

    private func finish(_ job: Job, _ outcome: Result<Void, any Error>) {
        job.body = nil
        job.continuation.resume(with: outcome)
    }

    // unchecked: written once by the writer task before the waiting caller resumes and reads it
    final class Box<T>: @unchecked Sendable { var value: T? }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
