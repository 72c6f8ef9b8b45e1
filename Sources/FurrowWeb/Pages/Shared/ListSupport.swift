import Foundation
import FurrowDomain
import FurrowCore
import Hummingbird

/// The parameters of a list page (`?sort=-name&q=acme&cursor=…`) turned into a keyset query.
/// A sort the list does not know falls back to its default; a cursor of another sort is ignored.
/// `filters` names the list's filterable fields read from the query (`?status=new`); they are kept
/// in the sort and page links.
struct ListParameters {
    let path: String
    let sortText: String
    let text: String
    let cursor: String
    let query: ListQuery
    /// The filters in effect, as query parameters.
    let kept: [(String, String)]
    static let pageSize = 25

    init(_ request: Request, path: String, fields: ListFields, filters names: [String] = []) {
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
        text = request.query("q").trimmedSpaces()
        var after: [String]? = nil
        let cursorText = request.query("cursor")
        if let data = Base64URL.decode(cursorText), let values = try? JSONDecoder().decode([String].self, from: data),
           values.count == sort.count + 1 {
            after = values
        }
        cursor = after == nil ? "" : cursorText
        var filters: [Filter] = []
        var kept: [(String, String)] = []
        // a customer's records, as its page links them (`accountId=…`), on every list that has the field
        let scoped = names + (fields.filterable["accountId"] != nil && !names.contains("accountId") ? ["accountId"] : [])
        for name in scoped {
            // `status=sent&status=negotiation`: alternatives, as the home page's numbers link them
            let values = request.uri.queryParameters.getAll(name).map { String($0).trimmedSpaces() }.filter { !$0.isEmpty }
            guard !values.isEmpty, let kind = fields.filterable[name], kind != .id || values.allSatisfy({ UUID(uuidString: $0) != nil }) else { continue }
            filters.append(Filter(name, .eq, kind == .id ? values.map { $0.lowercased() } : values))
            kept += values.map { (name, $0) }
        }
        // `dueDate[lt]=2026-12-07`: a range, read as the API reads it (a bad one is left out)
        for (key, raw) in request.uri.queryParameters where key.contains("[") {
            var range = ListQuery(limit: 1)
            guard (try? range.addFilter(String(key), String(raw), fields: fields)) != nil, let filter = range.filters.first, filter.op != .eq else { continue }
            filters.append(filter)
            kept.append((String(key), String(raw)))
        }
        self.kept = kept
        query = ListQuery(limit: Self.pageSize, sort: sort, after: after, filters: filters, text: text.isEmpty ? nil : text)
    }

    /// This page of the list, to come back to after an action.
    static func here(_ request: Request) -> String {
        request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
    }

    /// The value of a filter in effect, or "".
    func filter(_ name: String) -> String { kept.first { $0.0 == name }?.1 ?? "" }

    /// Whether any text or filter narrows the list.
    var isFiltered: Bool { !text.isEmpty || !kept.isEmpty }

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
            return Column(title: title, url: URLText.link(path, [("sort", nextSort), ("q", text)] + kept),
                          ariaSort: active ? (descending ? "descending" : "ascending") : nil,
                          arrow: active ? (descending ? "▼" : "▲") : "")
        }
    }

    /// The link to the page after `items`, when this page was full.
    func nextLink<Item>(_ items: [Item], sortValue: (Item, String) -> String, id: (Item) -> String) -> String? {
        guard items.count == query.limit, let last = items.last else { return nil }
        let values = query.sort.map { sortValue(last, $0.field) } + [id(last)]
        let cursor = Base64URL.encode((try? JSONEncoder().encode(values)) ?? Data())
        return URLText.link(path, [("sort", sortText), ("q", text)] + kept + [("cursor", cursor)])
    }

    /// Every row the filters match, as the API's CSV download (same filters and sort).
    var exportLink: String {
        URLText.link("/api/v1" + path, [("format", "csv"), ("sort", sortText), ("q", text)] + kept)
    }

    var firstLink: String? {
        cursor.isEmpty ? nil : URLText.link(path, [("sort", sortText), ("q", text)] + kept)
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

/// The model of a filtered, keyset-paged list page (leads, opportunities, orders, invoices, payments).
struct FilteredList<Row> {
    let columns: [ListParameters.Column]
    let rows: [Row]
    let hasRows: Bool
    let filters: FilterBar
    let next: String?
    let first: String?
    var canCreate = false
    /// The bar acting on the ticked rows, on lists that have one.
    var bulk: BulkBar? = nil
}

/// The filter form above a list: a text search, selects for the list's filters, and the sort.
struct FilterBar {
    struct Select {
        let id: String, name: String, label: String, options: [Field.Option]
        init(_ name: String, _ label: String, _ choices: [(String, String)], _ parameters: ListParameters, empty: String) {
            self.id = "filter-" + name
            self.name = name
            self.label = label
            let current = parameters.filter(name)
            options = ([("", empty)] + choices).map { Field.Option(value: $0.0, label: $0.1, selected: $0.0 == current) }
        }
    }
    let action: String
    let text: String
    let placeholder: String
    let selects: [Select]
    let sort: String?
    let filtered: Bool
    let clear: String
    /// The CSV download of every matching row.
    let export: String
    /// "1,234 opportunities": every record the filters match (not said while a text search narrows the list).
    var count: String?
    /// Whether the list searches text (`?q=`); lists that do not, show only their selects.
    var showsText = true
    /// Filters in effect that have no select (the customer a list is narrowed to), kept when the form is sent.
    let hidden: [FormPage.Hidden]

    init(_ parameters: ListParameters, placeholder: String, selects: [Select]) {
        action = parameters.path
        text = parameters.text
        self.placeholder = placeholder
        self.selects = selects
        sort = parameters.sortText.nonEmpty
        filtered = parameters.isFiltered
        clear = URLText.link(parameters.path, [("sort", parameters.sortText)])
        export = parameters.exportLink
        hidden = parameters.kept.filter { kept in kept.0 == "accountId" && !selects.contains { $0.name == kept.0 } }
            .map { FormPage.Hidden(name: $0.0, value: $0.1) }
    }
}
