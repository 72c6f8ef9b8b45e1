import Foundation

/// The measured latencies of one hot path.
struct PathResult {
    let name: String
    var clients: Int
    var latencies: [Double] = []
    var seconds: Double = 0
    var errors: Int = 0
    var note: String?
    var skipped = false
    /// For bulk paths (the import): rows handled and rows per second instead of latencies.
    var rows: Int?
    var rowsPerSecond: Double?
    /// Write paths on SQLite: transactions made durable per COMMIT (fsync) while the path ran,
    /// from the server's `/metrics`.
    var perCommit: Double?

    init(name: String, clients: Int, note: String? = nil) {
        self.name = name
        self.clients = clients
        self.note = note
    }

    static func skipped(_ name: String, _ note: String) -> PathResult {
        var result = PathResult(name: name, clients: 0, note: note)
        result.skipped = true
        return result
    }

    /// Nearest-rank percentile in milliseconds.
    func percentile(_ p: Double) -> Double {
        guard !latencies.isEmpty else { return .nan }
        let sorted = latencies.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[max(0, min(sorted.count - 1, rank))]
    }

    var p50: Double { percentile(50) }
    var throughput: Double { seconds > 0 ? Double(latencies.count) / seconds : .nan }
}

/// The printed table and the ratios the issue's goals are written as.
struct Report {
    var results: [PathResult] = []
    var facts: [(String, String)] = []
    var ratios: [(String, String)] = []
    var references: [(String, String)] = []

    func result(_ name: String) -> PathResult? { results.first { $0.name == name && !$0.skipped && !$0.latencies.isEmpty } }

    static func ms(_ value: Double) -> String {
        value.isNaN ? "–" : (value >= 100 ? String(format: "%.0f", value) : String(format: "%.2f", value))
    }

    var table: String {
        var lines = ["| path | clients | requests | errors | p50 ms | p95 ms | p99 ms | req/s | note |",
                     "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
        for r in results {
            if r.skipped {
                lines.append("| \(r.name) | – | – | – | – | – | – | – | skipped: \(r.note ?? "") |")
                continue
            }
            if let rows = r.rows {
                lines.append("| \(r.name) | 1 | \(rows) rows | \(r.errors) | – | – | – | \(String(format: "%.0f rows/s", r.rowsPerSecond ?? .nan)) | \(r.note ?? "") |")
                continue
            }
            lines.append("| \(r.name) | \(r.clients) | \(r.latencies.count) | \(r.errors) | \(Self.ms(r.p50)) | \(Self.ms(r.percentile(95))) | "
                + "\(Self.ms(r.percentile(99))) | \(r.throughput.isNaN ? "–" : String(format: "%.0f", r.throughput)) | \(r.note ?? "") |")
        }
        return lines.joined(separator: "\n")
    }

    var text: String {
        var out = table + "\n"
        for (title, list) in [("Server and data", facts), ("Reference figures", references), ("Goal ratios", ratios)] where !list.isEmpty {
            out += "\n\(title):\n" + list.map { "- \($0.0): \($0.1)" }.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// The issue's goals as ratios of figures measured in this run.
    mutating func computeRatios(reportSQL: Double?, boardSQL: Double?, commitRate: Double? = nil) {
        func add(_ name: String, _ value: Double?, goal: String, met: (Double) -> Bool) {
            guard let value, !value.isNaN else { ratios.append((name, "not measured (\(goal))")); return }
            ratios.append((name, String(format: "%.2f", value) + " — goal \(goal): " + (met(value) ? "met" : "MISSED")))
        }
        let list = result("list page 1"), me = result("trivial GET /me")
        add("list throughput / trivial route throughput", list.flatMap { l in me.map { l.throughput / $0.throughput } }, goal: "≥ 0.25") { $0 >= 0.25 }
        add("list p95 ms (16 clients)", list.map { $0.percentile(95) }, goal: "≤ 25 ms at 1M") { $0 <= 25 }
        add("list p99 ms (16 clients)", list.map { $0.percentile(99) }, goal: "≤ 50 ms at 1M") { $0 <= 50 }
        let deep = result("list deep page (admin)"), first = result("list page 1 (admin)")
        add("deep page p50 / page 1 p50 (admin)", deep.flatMap { d in first.map { d.p50 / $0.p50 } }, goal: "≤ 1.5") { $0 <= 1.5 }
        add("search p95 ms", result("search")?.percentile(95), goal: "≤ 100 ms") { $0 <= 100 }
        add("pipeline report p50 (admin, 1 client) / raw SQL median",
            result("report by stage (admin, 1 client)").flatMap { r in reportSQL.map { r.p50 / $0 } }, goal: "≤ 3") { $0 <= 3 }
        add("board p50 (admin, 1 client) / raw SQL median",
            result("board (admin, 1 client)").flatMap { r in boardSQL.map { r.p50 / $0 } }, goal: "≤ 3") { $0 <= 3 }
        add("single create p99 ms at 50/s", result("create account @50/s")?.percentile(99), goal: "≤ 100 ms") { $0 <= 100 }
        add("transactions per COMMIT (fsync) while 16 clients create", result("create account")?.perCommit, goal: "> 1 (writes grouped)") { $0 > 1 }
        if let creates = result("create account"), let commitRate, creates.throughput > 0 {
            ratios.append(("creates/s at 16 clients / the engine's single-row commit rate (a reference, not a goal: a create is 5 statements and an HTTP request)",
                           String(format: "%.2f", creates.throughput / commitRate)))
        }
    }
}
