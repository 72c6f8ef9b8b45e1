import SQLKit

/// A sum that cannot overflow (SPEC §0): SQLite's `SUM` of integers fails past 2^63 and
/// PostgreSQL's `numeric` sum fails when cast back to `BIGINT`, so a column of amounts is summed
/// in three parts of six digits each, and the parts are put together in 128 bits. Each part of
/// a row is below 10^7 (times `factor`, a small whole number such as a probability), so the
/// part sums hold more rows than any database holds.
enum WideSum {
    /// `SUM(…) AS name_0, …_1, …_2` of `column` (times `factor`, when given).
    static func select(_ column: String, times factor: String? = nil, as name: String) -> String {
        let by = factor.map { " * \($0)" } ?? ""
        let parts = ["(\(column)) / 1000000000000", "((\(column)) / 1000000) % 1000000", "(\(column)) % 1000000"]
        return parts.enumerated().map { "CAST(COALESCE(SUM((\($0.element))\(by)), 0) AS BIGINT) AS \(name)_\($0.offset)" }
            .joined(separator: ", ")
    }
}

extension SQLRow {
    /// A sum selected with `WideSum.select(…, as: name)`.
    func wideSum(_ name: String) throws -> Int128 {
        let high = try decode(column: name + "_0", as: Int64.self)
        let middle = try decode(column: name + "_1", as: Int64.self)
        let low = try decode(column: name + "_2", as: Int64.self)
        return Int128(high) * 1_000_000_000_000 + Int128(middle) * 1_000_000 + Int128(low)
    }
}
