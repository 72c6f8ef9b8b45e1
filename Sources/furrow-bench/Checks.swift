import Foundation

/// Plausibility checks of the hot paths' answers: nil when fine, else what is wrong.
enum Checks {
    static func amount(_ value: Any?) -> Double? {
        (value as? String).flatMap(Double.init) ?? (value as? Double)
    }

    /// The opportunity list: in progress, 1,000.00–50,000.00, sorted by amount descending.
    static func list(_ response: HTTPConnection.Response, maximum: Double?) -> String? {
        guard response.status == 200, let items = response.json?["items"] as? [[String: Any]] else {
            return "the list answered \(response.status): \(response.text.prefix(200))"
        }
        guard !items.isEmpty else { return "the list is empty" }
        var previous = maximum ?? .infinity
        for item in items {
            guard item["status"] as? String == "inProgress" else { return "an item has status \(item["status"] ?? "none")" }
            guard let value = amount(item["estimatedRevenue"]), (1000...50_000).contains(value) else {
                return "an item's amount \(item["estimatedRevenue"] ?? "none") is outside 1000.00–50000.00"
            }
            guard value <= previous else { return "the list is not sorted by amount descending (\(value) after \(previous))" }
            previous = value
        }
        return nil
    }

    /// A search for a fragment of a generated name finds records, and at least one shows it.
    static func search(_ response: HTTPConnection.Response, fragment: String?) -> String? {
        guard response.status == 200, let items = response.json?["items"] as? [[String: Any]] else {
            return "search answered \(response.status): \(response.text.prefix(200))"
        }
        guard let fragment else { return nil }
        guard !items.isEmpty else { return "'\(fragment)' found nothing" }
        let shown = items.contains { item in
            ["title", "subtitle"].contains { ((item[$0] as? String) ?? "").lowercased().contains(fragment.lowercased()) }
        }
        return shown ? nil : "no result for '\(fragment)' shows it in its title or subtitle"
    }

    /// Board columns: one per stage; each column's count is the sum of its per-currency totals;
    /// cards at most the count; for an admin all columns add up to the kind's opportunities.
    static func board(_ response: HTTPConnection.Response, stages: Int, expected: Int?) -> String? {
        guard response.status == 200, let columns = response.json?["columns"] as? [[String: Any]] else {
            return "the board answered \(response.status): \(response.text.prefix(200))"
        }
        guard columns.count == max(stages, 1) else { return "the board has \(columns.count) columns for \(stages) stages" }
        var sum = 0
        for column in columns {
            let count = column["count"] as? Int ?? -1
            let totals = column["totals"] as? [[String: Any]] ?? []
            let byCurrency = totals.reduce(0) { $0 + ($1["count"] as? Int ?? 0) }
            guard count == byCurrency else { return "a column counts \(count) but its totals count \(byCurrency)" }
            for total in totals {
                guard let all = amount(total["total"]), let weighted = amount(total["weighted"]), weighted <= all else {
                    return "a column total is missing or weighted exceeds total"
                }
            }
            let cards = (column["cards"] as? [Any])?.count ?? 0
            guard cards <= count else { return "a column shows \(cards) cards but counts \(count)" }
            sum += count
        }
        if let expected, sum != expected { return "the columns add up to \(sum), the kind has \(expected) opportunities" }
        return nil
    }

    /// Report rows carry key, count, total, weightedTotal and currency; weighted ≤ total.
    static func report(_ response: HTTPConnection.Response, stageRows: Bool) -> String? {
        guard response.status == 200, let items = response.json?["items"] as? [[String: Any]] else {
            return "the report answered \(response.status): \(response.text.prefix(200))"
        }
        guard !items.isEmpty else { return "the report has no rows" }
        guard stageRows else { return nil }
        for item in items {
            for field in ["key", "count", "total", "weightedTotal", "currency"] where item[field] == nil {
                return "a report row has no \(field): \(item)"
            }
            if let total = amount(item["total"]), let weighted = amount(item["weightedTotal"]), weighted > total {
                return "a report row's weighted total exceeds its total"
            }
        }
        return nil
    }
}
