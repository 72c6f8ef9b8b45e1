import Foundation

/// Bulk creates through the API (issue 21): 10,000 accounts, then 10,000 opportunities, each as
/// ten `POST /api/v1/{records}/batch` calls of 1,000 from one sales rep's client, one after the
/// other. The time is the ten calls' sum; every call must answer 201 with all its items created.
extension HotPaths {
    func bulk(_ name: String, path: String, item: (Int) -> String) throws -> PathResult {
        guard driver.wanted(name) else { return .skipped(name, "not in --only") }
        let calls = smoke ? 2 : 10, size = smoke ? 100 : 1000
        var result = PathResult(name: name, clients: 1)
        let connection = try HTTPConnection(port: driver.port)
        let token = fixtures.tokens[.sales]
        for call in 0..<calls {
            let body = "{\"items\":[" + (0..<size).map { item(call * size + $0) }.joined(separator: ",") + "]}"
            let started = Date()
            let response = try connection.request("POST", path, token: token, json: body)
            result.latencies.append(Date().timeIntervalSince(started) * 1000)
            if response.status != 201 || response.json?["created"] as? Int != size {
                result.errors += 1
                result.note = "call \(call) answered \(response.status): \(response.text.prefix(200))"
            }
        }
        let total = result.latencies.reduce(0, +) / 1000
        result.seconds = total
        result.rows = calls * size
        result.rowsPerSecond = Double(calls * size) / total
        result.latencies = []
        if result.errors == 0 { result.note = String(format: "%d calls of %d in %.2f s", calls, size, total) }
        return result
    }

    func bulkAccount(_ number: Int) -> String {
        let slug = "b\(nonce)n\(number)"
        return "{\"name\":\"Bulk \(slug) Farms\",\"email\":\"office@\(slug).example\",\"website\":\"https://\(slug).example\",\"industry\":\"Dairy\"}"
    }

    func bulkOpportunity(_ number: Int) -> String {
        "{\"name\":\"Bulk deal \(nonce) \(number)\",\"currency\":\"EUR\",\"estimatedRevenue\":\"\(1000 + number % 49_000).00\",\"expectedCloseDate\":\"2027-03-31\"}"
    }
}
