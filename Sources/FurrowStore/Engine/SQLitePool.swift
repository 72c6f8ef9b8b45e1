import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLiteNIO

/// SQLite connections: one writer (serialised) and a few readers (WAL lets them read while the
/// writer writes). Each connection gets the durability pragmas when opened.
// unchecked: connections are lent one task at a time through the gates; the free list is under `lock`
final class SQLitePool: @unchecked Sendable {
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let writerGate = AsyncGate(permits: 1)
    private let readerGate: AsyncGate
    private let lock = NSLock()
    private var freeReaders: [Int]

    private init(writer: SQLiteConnection, readers: [SQLiteConnection]) {
        self.writer = writer
        self.readers = readers
        self.readerGate = AsyncGate(permits: readers.count)
        self.freeReaders = Array(readers.indices)
    }

    static func open(path: String, readers count: Int, logger: Logger) async throws -> SQLitePool {
        let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
                       "PRAGMA busy_timeout=10000", "PRAGMA temp_store=MEMORY",
                       // 32 MiB of page cache for the writer (default 2,000 pages, ~8 MiB): a large
                       // import otherwise spills dirty pages to the WAL mid-transaction and re-reads
                       // index pages it just evicted.
                       "PRAGMA cache_size=-32768"] {
            try await writer.query(pragma, []) { _ in }
        }
        var readers: [SQLiteConnection] = []
        for _ in 0..<count {
            let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            // 16 MiB of page cache each (SQLite's default is 2 MiB): a list page looks up the names of 50
            // rows' accounts and contacts, scattered over large tables; with the default cache
            // most of those lookups were page reads from the operating system.
            for pragma in ["PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=10000", "PRAGMA query_only=ON", "PRAGMA cache_size=-16384"] {
                try await reader.query(pragma, []) { _ in }
            }
            readers.append(reader)
        }
        return SQLitePool(writer: writer, readers: readers)
    }

    func withWriter<T>(_ body: (SQLiteConnection) async throws -> T) async throws -> T {
        await writerGate.acquire()
        defer { writerGate.release() }
        return try await body(writer)
    }

    func withReader<T>(_ body: (SQLiteConnection) async throws -> T) async throws -> T {
        await readerGate.acquire()
        let index = lock.withLock { freeReaders.removeLast() }
        defer {
            lock.withLock { freeReaders.append(index) }
            readerGate.release()
        }
        return try await body(readers[index])
    }

    func close() async {
        try? await writer.query("PRAGMA wal_checkpoint(TRUNCATE)", []) { _ in }
        for connection in readers + [writer] { try? await connection.close() }
    }
}

/// A counting semaphore for async code: waiters resume in arrival order.
// unchecked: permits and waiters are only touched under `lock`
final class AsyncGate: @unchecked Sendable {
    private let lock = NSLock()
    private var permits: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(permits: Int) { self.permits = permits }

    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = lock.withLock { () -> Bool in
                if permits > 0 { permits -= 1; return true }
                waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func release() {
        let next = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            if waiters.isEmpty { permits += 1; return nil }
            return waiters.removeFirst()
        }
        next?.resume()
    }
}
