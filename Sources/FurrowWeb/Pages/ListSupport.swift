import Foundation
import FurrowCore
import Hummingbird

/// The parameters of a list page (`?sort=-name&q=acme&cursor=…`) turned into a keyset query.
/// A sort the list does not know falls back to its default; a cursor of another sort is ignored.
struct ListParameters {
    let path: String
    let sortText: String
    let text: String
    let cursor: String
    let query: ListQuery
    static let pageSize = 25

    init(_ request: Request, path: String, fields: ListFields) {
        self.path = path
        var sort = fields.defaultSort
        var sortText = ""
        let requested = request.query("sort")
        let keys = requested.split(separator: ",").map { part -> SortKey in
            part.hasPrefix("-") ? SortKey(String(part.dropFirst()), descending: true) : SortKey(String(part))
        }
        if !keys.isEmpty, keys.allSatisfy({ fields.sortable[$0.field] != nil }) {
            sort = keys
            sortText = requested
        }
        self.sortText = sortText
        text = request.query("q").trimmingCharacters(in: .whitespaces)
        var after: [String]? = nil
        let cursorText = request.query("cursor")
        if let data = Base64URL.decode(cursorText), let values = try? JSONDecoder().decode([String].self, from: data),
           values.count == sort.count + 1 {
            after = values
        }
        cursor = after == nil ? "" : cursorText
        query = ListQuery(limit: Self.pageSize, sort: sort, after: after, filters: [], text: text.isEmpty ? nil : text)
    }

    /// The column header: a link that sorts by the field, or reverses the current sort.
    struct Column {
        let title: String
        let url: String?
        let ariaSort: String?
        let arrow: String
    }

    func columns(_ specs: [(String, String?)]) -> [Column] {
        let current = query.sort.first
        return specs.map { title, field in
            guard let field else { return Column(title: title, url: nil, ariaSort: nil, arrow: "") }
            let active = current?.field == field
            let descending = active && current?.descending == true
            let nextSort = active && !descending ? "-" + field : field
            return Column(title: title, url: URLText.link(path, [("sort", nextSort), ("q", text)]),
                          ariaSort: active ? (descending ? "descending" : "ascending") : nil,
                          arrow: active ? (descending ? "▼" : "▲") : "")
        }
    }

    /// The link to the page after `items`, when this page was full.
    func nextLink<Item>(_ items: [Item], sortValue: (Item, String) -> String, id: (Item) -> String) -> String? {
        guard items.count == query.limit, let last = items.last else { return nil }
        let values = query.sort.map { sortValue(last, $0.field) } + [id(last)]
        let cursor = Base64URL.encode((try? JSONEncoder().encode(values)) ?? Data())
        return URLText.link(path, [("sort", sortText), ("q", text), ("cursor", cursor)])
    }

    var firstLink: String? {
        cursor.isEmpty ? nil : URLText.link(path, [("sort", sortText), ("q", text)])
    }
}

/// A safe link target for a website the user typed: only http(s), else https is assumed.
enum WebsiteLink {
    static func href(_ website: String?) -> String? {
        guard let website, !website.isEmpty else { return nil }
        let lower = website.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") { return website }
        return "https://" + website
    }
}
