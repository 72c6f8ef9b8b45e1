import Foundation
import FurrowDomain
#if canImport(Glibc)
import Glibc
#endif

/// One driver thread's view: its number, the role it signs in as, its token and connection.
// unchecked: each client belongs to one driver thread for the whole run
final class Client: @unchecked Sendable {
    let index: Int
    let role: Role
    let token: String
    let connection: HTTPConnection
    /// Per-client records for writes (PATCH): id → version.
    var records: [(id: String, version: Int)] = []

    init(index: Int, role: Role, token: String, port: UInt16) throws {
        self.index = index
        self.role = role
        self.token = token
        connection = try HTTPConnection(port: port)
    }

    func get(_ path: String) throws -> HTTPConnection.Response { try connection.get(path, token: token) }
}

/// A response that is not what the path expects.
func expect(_ response: HTTPConnection.Response, _ statuses: Set<Int>, _ what: String) throws {
    guard statuses.contains(response.status) else {
        throw BenchError.unexpected(response.status, "\(what): \(response.text.prefix(300))")
    }
}

/// Runs operations on concurrent threads with blocking clients and records each latency.
struct Driver {
    let port: UInt16
    let tokens: [Role: String]
    let seconds: Double
    let smoke: Bool
    /// Path-name prefixes to measure (`--only`); empty measures every path.
    var only: [String] = []

    func wanted(_ name: String) -> Bool { only.isEmpty || only.contains { name.hasPrefix($0) } }

    /// How long or how many: a duration, a number of operations per client, or a paced rate.
    enum Amount { case duration(Double), count(Int), paced(perSecond: Double, seconds: Double) }

    func roles(_ clients: Int, only: Role?) -> [Role] {
        let order = DataSet.roleLogins.map(\.0)
        return (0..<clients).map { only ?? order[$0 % order.count] }
    }

    /// Measures `operation` on `clients` threads. `check` looks at responses outside the timing:
    /// every response in a smoke run, the first of each client otherwise.
    func measure(_ name: String, clients: Int, amount: Amount, role only: Role? = nil, note: String? = nil,
                 setup: ((Client) throws -> Void)? = nil,
                 operation: @escaping @Sendable (Client, Int) throws -> HTTPConnection.Response,
                 check: (@Sendable (Client, HTTPConnection.Response) -> String?)? = nil) throws -> PathResult {
        guard wanted(name) else { return .skipped(name, "not in --only") }
        let workers = try roles(clients, only: only).enumerated().map { index, role in
            try Client(index: index, role: role, token: tokens[role]!, port: port)
        }
        for worker in workers { try setup?(worker) }
        let collected = Collected(PathResult(name: name, clients: clients, note: note))
        let group = DispatchGroup()
        let started = Date()
        for worker in workers {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                var latencies: [Double] = [], errors = 0, failure: String?
                let begin = DispatchTime.now().uptimeNanoseconds
                var iteration = 0
                while true {
                    var done = false
                    switch amount {
                    case .duration(let limit):
                        done = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9 >= limit
                    case .count(let count):
                        done = iteration >= count
                    case .paced(let rate, let limit):
                        done = Double(iteration) / rate >= limit
                        let due = UInt64(Double(iteration) / rate * 1e9), now = DispatchTime.now().uptimeNanoseconds - begin
                        if !done && due > now { usleep(UInt32((due - now) / 1000)) }
                    }
                    if done { break }
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    do {
                        let response = try operation(worker, iteration)
                        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
                        if let check, smoke || iteration == 0, let problem = check(worker, response) {
                            errors += 1
                            failure = failure ?? "\(worker.role.rawValue) client: \(problem)"
                        }
                    } catch {
                        errors += 1
                        failure = failure ?? "\(worker.role.rawValue) client: \(error)"
                        if errors > 50 && latencies.isEmpty { break }
                    }
                    iteration += 1
                }
                collected.add(latencies, errors: errors, failure: failure)
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        var result = collected.result
        result.seconds = Date().timeIntervalSince(started)
        if let firstError = collected.firstError { result.note = [result.note, "first error: \(firstError)"].compactMap { $0 }.joined(separator: "; ") }
        return result
    }
}

/// The threads' results, merged under a lock.
// unchecked: results are merged only under `lock`
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var result: PathResult
    private(set) var firstError: String?

    init(_ result: PathResult) { self.result = result }

    func add(_ latencies: [Double], errors: Int, failure: String?) {
        lock.lock()
        defer { lock.unlock() }
        result.latencies += latencies
        result.errors += errors
        if firstError == nil { firstError = failure }
    }
}

/// Runs blocking work on a thread of its own and awaits it.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}
