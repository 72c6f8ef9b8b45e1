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
            case "format":
                guard text == "json" || text == "csv" else { throw Problem.invalidQuery("format must be json or csv.") }
            case "sort": query.sort = try sortKeys(text, fields: fields)
            case _ where extra.contains(key): continue
            default: try addFilter(key, text, to: &query, fields: fields)
            }
        }
        try query.convertMoney(fields: fields)
        if let after = query.after, after.count != query.sort.count + 1 {
            throw Problem.invalidQuery("The cursor does not belong to this sort order.")
        }
        return query
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
        try query.addFilter(key, value, fields: fields)
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
