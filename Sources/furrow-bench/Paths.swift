import Foundation
import FurrowDomain

/// What the hot paths need from the running server, read through the API before measuring.
struct Fixtures {
    var tokens: [Role: String] = [:]
    var kinds: [String: (id: String, stages: Int)] = [:]
    var opportunityIds: [Role: [String]] = [:]
    var fragments: [String] = []
    var deepCursor: String?
    var deepDepth = 0
    /// Opportunities per kind id, counted with SQL before the server started (admin sees all).
    var kindCounts: [String: Int] = [:]

    /// Filter names go unencoded (`estimatedRevenue[gte]`): the server does not percent-decode query keys.
    static let listFilter = "status=inProgress&estimatedRevenue[gte]=1000.00&estimatedRevenue[lte]=50000.00&sort=-estimatedRevenue"

    static func load(port: UInt16, smoke: Bool, kindCounts: [String: Int]) throws -> Fixtures {
        var fixtures = Fixtures(kindCounts: kindCounts)
        let connection = try HTTPConnection(port: port)
        for (role, email) in DataSet.roleLogins {
            let response = try connection.request("POST", "/api/v1/auth/tokens",
                                                  json: "{\"email\":\(jsonString(email)),\"password\":\(jsonString(DataSet.password))}")
            try expect(response, [200, 201], "sign in as \(email)")
            guard let token = response.json?["token"] as? String else { throw BenchError.failed("no token for \(email)") }
            fixtures.tokens[role] = token
        }
        let admin = fixtures.tokens[.admin]!
        let kinds = try connection.get("/api/v1/opportunity-kinds", token: admin)
        for item in kinds.json?["items"] as? [[String: Any]] ?? [] {
            if let name = item["name"] as? String, let id = item["id"] as? String {
                fixtures.kinds[name] = (id, (item["stageIds"] as? [Any])?.count ?? 0)
            }
        }
        for (role, token) in fixtures.tokens {
            let page = try connection.get("/api/v1/opportunities?limit=200", token: token)
            try expect(page, [200], "opportunities of \(role)")
            fixtures.opportunityIds[role] = (page.json?["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        var names: [String] = []
        for (path, field) in [("/api/v1/accounts?limit=200", "name"), ("/api/v1/contacts?limit=200", "lastName")] {
            let page = try connection.get(path, token: admin)
            names += (page.json?["items"] as? [[String: Any]] ?? []).compactMap { $0[field] as? String }
        }
        var random = SeededRandom(seed: DataSet.seed ^ 0x5EA4C4)
        fixtures.fragments = names.isEmpty ? ["son"] : (0..<500).map { _ in Names.fragment(of: random.pick(names), &random) }
        try fixtures.walkCursor(connection, token: admin, target: smoke ? 1000 : 20_000)
        return fixtures
    }

    /// Walks the filtered list 200 rows at a time to the cursor `target` rows deep (less when the
    /// list is shorter: the deepest cursor that still leaves a full page of 50).
    mutating func walkCursor(_ connection: HTTPConnection, token: String, target: Int) throws {
        var cursor: String?, depth = 0, cursors: [(Int, String)] = []
        while depth < target {
            let path = "/api/v1/opportunities?\(Self.listFilter)&limit=200" + (cursor.map { "&cursor=\(encoded($0))" } ?? "")
            let page = try connection.get(path, token: token)
            try expect(page, [200], "walking the cursor")
            let count = (page.json?["items"] as? [Any])?.count ?? 0
            depth += count
            guard let next = page.json?["nextCursor"] as? String else { break }
            cursor = next
            cursors.append((depth, next))
        }
        if let last = cursors.last(where: { $0.0 <= max(200, depth - 50) }) {
            deepDepth = last.0
            deepCursor = last.1
        }
    }
}

/// The hot paths of the issue, each measured and (in a smoke run) checked.
struct HotPaths {
    let driver: Driver
    let fixtures: Fixtures
    let clients: Int
    let smoke: Bool
    let nonce = String(UInt64(Date().timeIntervalSince1970 * 1000) % 100_000_000, radix: 36)
    /// Routes still being built: a 404 there skips the path instead of failing the run (the
    /// reports are built now, so none: a 404 fails the smoke run).
    static let pendingPrefixes: [String] = []

    var amount: Driver.Amount { smoke ? .count(5) : .duration(driver.seconds) }

    func run() throws -> [PathResult] {
        var results: [PathResult] = []
        func step(_ result: PathResult) {
            say("  \(result.name): \(result.skipped ? "skipped (\(result.note ?? ""))" : "\(result.latencies.count) requests, p50 \(Report.ms(result.p50)) ms, \(result.errors) errors")")
            results.append(result)
        }
        let list = "/api/v1/opportunities?\(Fixtures.listFilter)&limit=50"
        step(try driver.measure("trivial GET /me", clients: clients, amount: amount, operation: { c, _ in try c.get("/api/v1/me") },
                                check: { _, r in r.status == 200 && r.json?["email"] != nil ? nil : "GET /me answered \(r.status)" }))
        step(try driver.measure("list page 1", clients: clients, amount: amount, note: "limit 50, mixed roles",
                                operation: { c, _ in try c.get(list) }, check: { _, r in Checks.list(r, maximum: nil) }))
        step(try driver.measure("list page 1 (admin)", clients: clients, amount: amount, role: .admin,
                                operation: { c, _ in try c.get(list) }, check: { _, r in Checks.list(r, maximum: nil) }))
        if let cursor = fixtures.deepCursor {
            step(try driver.measure("list deep page (admin)", clients: clients, amount: amount, role: .admin,
                                    note: "cursor \(fixtures.deepDepth) rows deep",
                                    operation: { c, _ in try c.get(list + "&cursor=\(encoded(cursor))") },
                                    check: { _, r in Checks.list(r, maximum: nil) }))
        } else {
            step(.skipped("list deep page (admin)", "the filtered list has fewer than 250 rows"))
        }
        let ids = fixtures.opportunityIds
        step(try driver.measure("record detail", clients: clients, amount: amount, operation: { c, i in
            let mine = ids[c.role] ?? []
            return try c.get("/api/v1/opportunities/\(mine.isEmpty ? "none" : mine[(i * 31 + c.index) % mine.count])")
        }, check: { _, r in r.status == 200 && r.json?["id"] != nil ? nil : "detail answered \(r.status)" }))
        step(try driver.measure("home", clients: clients, amount: amount, note: "GET /me/home, mixed roles (goal p95 ≤ 100 ms)",
                                operation: { c, _ in try c.get("/api/v1/me/home") },
                                check: { _, r in r.status == 200 && (r.json?["sections"] as? [Any])?.isEmpty == false ? nil : "home answered \(r.status)" }))
        let fragments = fixtures.fragments
        step(try driver.measure("search", clients: clients, amount: amount, note: "3–8 character fragments of generated names",
                                operation: { c, i in try c.get("/api/v1/search?q=\(encoded(fragments[(i * 7 + c.index * 13) % fragments.count]))&limit=20") },
                                check: { c, r in
                                    c.role == .admin ? Checks.search(r, fragment: nil) : (r.status == 200 ? nil : "search answered \(r.status)")
                                }))
        step(try driver.measure("search (admin, 1 client)", clients: 1, amount: .count(smoke ? 20 : 100), role: .admin,
                                operation: { c, i in try c.get("/api/v1/search?q=\(encoded(fragments[i % fragments.count]))&limit=20") }))
        results[results.count - 1] = try searchCheck(results[results.count - 1])
        guard let standard = fixtures.kinds["Standard sale"] else { throw BenchError.failed("no Standard sale kind") }
        let expected = fixtures.kindCounts[standard.id]
        let board = "/api/v1/boards/\(standard.id)"
        step(try driver.measure("board (Standard sale)", clients: clients, amount: amount, operation: { c, _ in try c.get(board) },
                                check: { c, r in Checks.board(r, stages: standard.stages, expected: c.role == .admin ? expected : nil) }))
        step(try driver.measure("board (admin, 1 client)", clients: 1, amount: .count(smoke ? 3 : 50), role: .admin,
                                operation: { c, _ in try c.get(board) }, check: { _, r in Checks.board(r, stages: standard.stages, expected: expected) }))
        for (name, path) in [("report by stage", "/api/v1/reports/pipeline?groupBy=stage"),
                             ("funnel", "/api/v1/reports/funnel?kindId=\(standard.id)")] {
            step(try pending(name, path) ?? driver.measure(name, clients: clients, amount: amount, operation: { c, _ in try c.get(path) },
                                                           check: { _, r in Checks.report(r, stageRows: name == "report by stage") }))
            if name == "report by stage" {
                step(try pending("report by stage (admin, 1 client)", path) ?? driver.measure(
                    "report by stage (admin, 1 client)", clients: 1, amount: .count(smoke ? 3 : 50), role: .admin,
                    operation: { c, _ in try c.get(path) }, check: { _, r in Checks.report(r, stageRows: true) }))
            }
        }
        let before = commitCounts()
        var creates = try driver.measure("create account", clients: clients, amount: amount, note: "POST /accounts, duplicate check and audit",
                                         operation: { c, i in try create(c, i) },
                                         check: { _, r in r.status == 201 && r.json?["id"] != nil ? nil : "create answered \(r.status)" })
        if let before, let after = commitCounts(), after.commits > before.commits {
            let committed = after.transactions - before.transactions, commits = after.commits - before.commits
            creates.perCommit = committed / commits
            creates.note = (creates.note ?? "") + String(format: "; %.0f transactions in %.0f COMMITs", committed, commits)
        }
        step(creates)
        step(try driver.measure("create account @50/s", clients: 1, amount: .paced(perSecond: 50, seconds: smoke ? 0.2 : driver.seconds),
                                role: .sales, note: "one client, paced", operation: { c, i in try create(c, 1_000_000 + i) },
                                check: { _, r in r.status == 201 ? nil : "create answered \(r.status)" }))
        step(try driver.measure("PATCH with If-Match", clients: clients, amount: amount, note: "own records; 412 re-reads and retries",
                                setup: { c in
                                    for n in 0..<3 {
                                        let r = try create(c, 2_000_000 + n)
                                        try expect(r, [201], "creating a record to patch")
                                        c.records.append((r.json?["id"] as? String ?? "", r.json?["version"] as? Int ?? 1))
                                    }
                                }, operation: { c, i in try patch(c, i) },
                                check: { _, r in r.status == 200 && r.json?["version"] != nil ? nil : "PATCH answered \(r.status)" }))
        step(try bulk("bulk create accounts (10 × 1,000)", path: "/api/v1/accounts/batch", item: bulkAccount))
        step(try bulk("bulk create opportunities (10 × 1,000)", path: "/api/v1/opportunities/batch", item: bulkOpportunity))
        return results
    }

    /// The SQLite group-commit counters from `/metrics` (nil on PostgreSQL, which has none).
    func commitCounts() -> (commits: Double, transactions: Double)? {
        // `/metrics` needs an administrator unless the server was started with `--metrics-public`.
        guard let text = try? HTTPConnection(port: driver.port).get("/metrics", token: driver.tokens[.admin]).text else { return nil }
        func value(_ name: String) -> Double? {
            text.split(separator: "\n").first { $0.hasPrefix(name + " ") || $0.hasPrefix(name + "{") }
                .flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }
        }
        guard let commits = value("furrow_sqlite_commits_total"), let transactions = value("furrow_sqlite_committed_transactions_total") else { return nil }
        return (commits, transactions)
    }

    /// A skipped result when `path` answers 404 because its route is not built yet.
    func pending(_ name: String, _ path: String) throws -> PathResult? {
        guard Self.pendingPrefixes.contains(where: path.hasPrefix) else { return nil }
        let response = try HTTPConnection(port: driver.port).get(path, token: fixtures.tokens[.admin])
        return response.status == 404 ? .skipped(name, "\(path) answered 404 (route not built yet)") : nil
    }

    func create(_ client: Client, _ number: Int) throws -> HTTPConnection.Response {
        let slug = "r\(nonce)c\(client.index)n\(number)"
        let body = "{\"name\":\"Bench \(slug) Growers\",\"email\":\"info@\(slug).example\",\"website\":\"https://\(slug).example\",\"industry\":\"Agriculture\"}"
        let response = try client.connection.request("POST", "/api/v1/accounts", token: client.token, json: body)
        try expect(response, [201], "POST /api/v1/accounts")
        return response
    }

    func patch(_ client: Client, _ iteration: Int) throws -> HTTPConnection.Response {
        let slot = iteration % client.records.count
        let record = client.records[slot]
        let body = "{\"industry\":\"Industry \(iteration)\"}"
        var response = try client.connection.request("PATCH", "/api/v1/accounts/\(record.id)", token: client.token,
                                                     headers: [("If-Match", "\"\(record.version)\"")], json: body)
        if response.status == 412 {
            let current = try client.get("/api/v1/accounts/\(record.id)")
            let version = current.json?["version"] as? Int ?? record.version
            response = try client.connection.request("PATCH", "/api/v1/accounts/\(record.id)", token: client.token,
                                                     headers: [("If-Match", "\"\(version)\"")], json: body)
        }
        try expect(response, [200], "PATCH /api/v1/accounts")
        client.records[slot].version = response.json?["version"] as? Int ?? record.version + 1
        return response
    }

    /// Runs the fragment checks again outside the timing: each fragment must find something.
    func searchCheck(_ result: PathResult) throws -> PathResult {
        var result = result
        let connection = try HTTPConnection(port: driver.port)
        var misses: [String] = []
        for fragment in fixtures.fragments.prefix(smoke ? 20 : 100) {
            let response = try connection.get("/api/v1/search?q=\(encoded(fragment))&limit=20", token: fixtures.tokens[.admin])
            if let problem = Checks.search(response, fragment: fragment) { misses.append(problem) }
        }
        result.errors += misses.count
        if let first = misses.first { result.note = "\(misses.count) fragments failed, first: \(first)" }
        return result
    }
}
