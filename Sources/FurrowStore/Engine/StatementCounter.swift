import Foundation
import SQLKit

/// Counts the SQL statements run while it is the task's current counter: tests use it to hold
/// a request to a fixed number of statements whatever the page size.
// unchecked: the statement list is only touched under `lock`
public final class StatementCounter: @unchecked Sendable {
    @TaskLocal public static var current: StatementCounter?

    /// One statement as sent: its text with the engine's placeholders, and the bound values.
    // unchecked: the binds are SQLKit's encodable values, captured once and never mutated
    public struct Statement: @unchecked Sendable {
        public let sql: String
        public let binds: [any Encodable & Sendable]
    }

    private let lock = NSLock()
    private var statements: [Statement] = []

    public init() {}

    public var count: Int { lock.withLock { statements.count } }
    public var log: [Statement] { lock.withLock { statements } }

    func add(_ statement: Statement) { lock.withLock { statements.append(statement) } }

    /// Runs `body` with a fresh counter and returns it.
    public static func counting(_ body: () async throws -> Void) async rethrows -> StatementCounter {
        let counter = StatementCounter()
        try await $current.withValue(counter) { try await body() }
        return counter
    }
}

/// A recorded statement run again with a prefix, such as `EXPLAIN QUERY PLAN`.
public struct PrefixedStatement: SQLExpression {
    public let prefix: String
    public let statement: StatementCounter.Statement

    public init(_ prefix: String, _ statement: StatementCounter.Statement) {
        self.prefix = prefix
        self.statement = statement
    }

    public func serialize(to serializer: inout SQLSerializer) {
        serializer.write(prefix + " " + statement.sql)
        serializer.binds += statement.binds
    }
}
