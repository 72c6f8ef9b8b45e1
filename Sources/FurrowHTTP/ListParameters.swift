import Foundation
import FurrowCore
import FurrowDomain
import Hummingbird

/// Reads `limit`, `cursor`, `sort`, `q` and filters of a list request (SPEC §0). Unknown fields
/// and operators are a 400 `invalid-query`, never silently ignored.
public enum ListParameters {
    public static let maxLimit = 200

    public static func parse(_ request: Request, fields: ListFields, extra: Set<String> = []) throws -> ListQuery {
        var query = ListQuery(limit: 50, sort: fields.defaultSort)
        for (name, value) in request.uri.queryParameters {
            // Names arrive as sent: `createdAt%5Bgt%5D` (how most clients encode brackets) is `createdAt[gt]`.
            let key = String(name).removingPercentEncoding ?? String(name), text = String(value)
            switch key {
            case "limit":
                guard let limit = Int(text), (1...maxLimit).contains(limit) else {
                    throw Problem.invalidQuery("limit must be a whole number from 1 to \(maxLimit).")
                }
                query.limit = limit
            case "cursor": query.after = text.isEmpty ? nil : try Cursor.decode(text)  // `cursor=` is the first page
            case "q": query.text = text
            case "sort": query.sort = try sortKeys(text, fields: fields)
            case _ where extra.contains(key): continue
            default: try addFilter(key, text, to: &query, fields: fields)
            }
        }
        try convertMoney(&query, fields: fields)
        if let after = query.after, after.count != query.sort.count + 1 {
            throw Problem.invalidQuery("The cursor does not belong to this sort order.")
        }
        return query
    }

    /// Money filters are decimal strings in the filtered currency (two minor digits when no
    /// `currency` filter names one); the store compares minor units.
    public static func convertMoney(_ query: inout ListQuery, fields: ListFields) throws {
        let code = query.filters.first { $0.field == "currency" }?.values.first
        let currency = code.flatMap(Currency.init) ?? Currency("EUR")!
        for index in query.filters.indices where fields.filterable[query.filters[index].field] == .money {
            query.filters[index].values = try query.filters[index].values.map { text in
                guard let micros = Micros(text) else {
                    throw Problem.invalidQuery("'\(query.filters[index].field)' must be a decimal amount such as 1000.00.")
                }
                return String(Money.rounding(micros, to: currency).minorUnits)
            }
        }
    }

    public static func sortKeys(_ text: String, fields: ListFields) throws -> [SortKey] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            let descending = part.hasPrefix("-")
            let name = String(descending ? part.dropFirst() : part)
            guard fields.sortable[name] != nil else {
                throw Problem.invalidQuery("Cannot sort by '\(name)'. Sortable: \(fields.sortable.keys.sorted().joined(separator: ", ")).")
            }
            return SortKey(name, descending: descending)
        }
    }

    public static func addFilter(_ key: String, _ value: String, to query: inout ListQuery, fields: ListFields) throws {
        var name = key, op = Filter.Operator.eq
        if let open = key.firstIndex(of: "["), key.hasSuffix("]") {
            name = String(key[..<open])
            let opText = String(key[key.index(after: open)..<key.index(before: key.endIndex)])
            guard let parsed = Filter.Operator(rawValue: opText) else {
                throw Problem.invalidQuery("Unknown operator '\(opText)'. Use gt, gte, lt or lte.")
            }
            op = parsed
        }
        guard let kind = fields.filterable[name] else {
            throw Problem.invalidQuery("Cannot filter by '\(name)'. Filterable: \(fields.filterable.keys.sorted().joined(separator: ", ")).")
        }
        if (kind == .id || kind == .text || kind == .day) && op != .eq { throw Problem.invalidQuery("'\(name)' takes no range operator.") }
        if kind == .day && !isCalendarDay(value) { throw Problem.invalidQuery("'\(name)' must be a date (YYYY-MM-DD).") }
        if kind == .id && UUID(uuidString: value) == nil { throw Problem.invalidQuery("'\(name)' must be a UUID.") }
        if kind == .number && Int(value) == nil { throw Problem.invalidQuery("'\(name)' must be a whole number.") }
        if kind == .date && Timestamp.date(value) == nil && !isDay(value) {
            throw Problem.invalidQuery("'\(name)' must be a date (YYYY-MM-DD) or an RFC 3339 UTC timestamp.")
        }
        let stored = kind == .id ? value.lowercased() : value
        if op == .eq, let index = query.filters.firstIndex(where: { $0.field == name && $0.op == .eq }) {
            query.filters[index].values.append(stored)
        } else {
            query.filters.append(Filter(name, op, [stored]))
        }
    }

    /// A real calendar day `YYYY-MM-DD` of any year (RFC 3339 full-date).
    public static func isCalendarDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month) else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return (1...[31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]).contains(day)
    }

    public static func isDay(_ text: String) -> Bool {
        text.count == 10 && Timestamp.date(text + "T00:00:00Z") != nil
    }
}

/// Opaque keyset cursors: the last item's sort values and id, base64url-encoded JSON.
public enum Cursor {
    public static func encode(_ values: [String]) -> String {
        let data = (try? JSONEncoder().encode(values)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public static func decode(_ text: String) throws -> [String] {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let values = try? JSONDecoder().decode([String].self, from: data) else {
            throw Problem.invalidQuery("The cursor is not valid; start again without it.")
        }
        return values
    }
}

/// A page of a list: `{ items, nextCursor }`; on the last page `nextCursor` is `null`, never absent (SPEC §0).
public struct Page<Item: Encodable & Sendable>: Encodable, Sendable {
    public let items: [Item]
    public let nextCursor: String?

    private enum CodingKeys: String, CodingKey { case items, nextCursor }

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        // Synthesised Encodable would leave the key out when nil.
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

extension Page {
    /// A keyset page: a cursor after the last record when the page is full.
    public init<Record: KeysetItem>(_ records: [Record], _ query: ListQuery, _ transform: (Record) -> Item) {
        items = records.map(transform)
        nextCursor = records.count == query.limit ? records.last.map { Cursor.encode($0.cursorValues(for: query)) } : nil
    }
}
