import FurrowCore
import FurrowDomain
import SQLKit

/// Turns a `ListQuery` into one keyset-paginated SELECT (DESIGN §8: no OFFSET, no count).
extension SQLSession {
    /// Every record list the store serves.
    static var lists: [ListStatement] {
        [accountList, contactList, leadList, opportunityList, quoteList, orderList, invoiceList, paymentList, activityList, productList]
    }
}

struct ListStatement {
    let table: String
    /// API field name → SQL expression (nullable text wrapped in COALESCE so it sorts and compares).
    let columns: [String: String]
    let textKind: SearchEntry.Kind
    /// The list's fields as the API declares them (`ListFields`, in Core).
    let fields: ListFields
    /// The display names read with each row, by key (`accountName`): a scalar subquery over the
    /// page's row `page`, run for the rows of the page only.
    let names: [(key: String, sql: String)]
    /// The column each name is read from, in the order of `names`.
    let nameColumns: [String]

    init(table: String, fields: ListFields, columns: [String: String], textKind: SearchEntry.Kind,
         names: [(key: String, sql: String)] = []) {
        self.table = table
        self.fields = fields
        self.columns = columns
        self.textKind = textKind
        self.names = names
        nameColumns = names.map { Self.nameColumn($0.key) }
        numeric = Set(fields.sortable.merging(fields.filterable) { first, _ in first }.filter { $0.value == .money || $0.value == .number }.keys)
    }

    /// Fields compared as whole numbers (money in minor units, probabilities); the rest as text.
    let numeric: Set<String>

    /// Fields the list declares that have no column here (a test keeps it empty).
    var missingColumns: Set<String> { Set(fields.sortable.keys).union(fields.filterable.keys).subtracting(columns.keys) }

    /// A bind of the right type: numbers must not be compared as text.
    func value(_ field: String, _ text: String) -> any Encodable & Sendable {
        guard numeric.contains(field) else { return text }
        return Int64(text) ?? 0
    }

    /// How many rows the query's filters and text match for `visibility`, in one COUNT (no page, no order).
    func count(_ query: ListQuery, visibility: SQLQueryString, engine: Engine) -> SQLQueryString {
        "SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE "
            + matching(query, visibility: visibility, engine: engine, extra: [], cursor: nil, keys: []).joined(separator: " AND ")
    }

    /// The visibility, extra, filter and text conditions of a query (a filter the cursor already implies is left out).
    private func matching(_ query: ListQuery, visibility: SQLQueryString, engine: Engine, extra: [SQLQueryString],
                          cursor: [String]?, keys: [(String, Bool, String)]) -> [SQLQueryString] {
        var conditions: [SQLQueryString] = [visibility] + extra
        for filter in query.filters {
            guard let column = columns[filter.field], !filter.values.isEmpty else { continue }
            if let cursor, Self.implied(filter, byCursorBound: cursor[0], of: keys[0], numeric: numeric) { continue }
            if filter.op == .eq {
                conditions.append("\(unsafeRaw: column) IN (\(binds: filter.values.map { value(filter.field, $0) }))")
            } else {
                // a range is of the stored value: a record without one is in no range (and the column's index serves it)
                conditions.append("\(unsafeRaw: Self.stored(column)) \(unsafeRaw: Self.symbol(filter.op)) \(bind: value(filter.field, filter.values[0]))")
            }
        }
        if extra.isEmpty, let text = query.text?.trimmedSpaces(), !text.isEmpty {
            conditions.append("id IN (\(SearchSQL.matchingIDs(text, kind: textKind, engine: engine)))")
        }
        return conditions
    }

    /// `COALESCE(due_at, '')` (a sort key that puts records without a value first) is `due_at` for a range.
    static func stored(_ column: String) -> String {
        guard column.hasPrefix("COALESCE("), column.hasSuffix(", '')") else { return column }
        let inner = column.dropFirst("COALESCE(".count).dropLast(", '')".count)
        return inner.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } ? String(inner) : column
    }

    func build(_ query: ListQuery, visibility: SQLQueryString, engine: Engine, extra: [SQLQueryString] = []) -> SQLQueryString {
        let keys = query.sort.compactMap { key in columns[key.field].map { ($0, key.descending, key.field) } } + [("id", false, "id")]
        let cursor = query.after.flatMap { $0.count == keys.count ? $0 : nil }
        var conditions = matching(query, visibility: visibility, engine: engine, extra: extra, cursor: cursor, keys: keys)
        if let after = cursor {
            var alternatives: [SQLQueryString] = []
            for index in keys.indices {
                var parts: [SQLQueryString] = []
                for earlier in 0..<index {
                    parts.append("\(unsafeRaw: keys[earlier].0) = \(bind: value(keys[earlier].2, after[earlier]))")
                }
                parts.append("\(unsafeRaw: keys[index].0) \(unsafeRaw: keys[index].1 ? "<" : ">") \(bind: value(keys[index].2, after[index]))")
                alternatives.append("(" + parts.joined(separator: " AND ") + ")")
            }
            conditions.append("(" + alternatives.joined(separator: " OR ") + ")")
            // Implied by the alternatives, but a plain bound the index can seek to: a page deep in
            // the list starts at its place instead of walking every row before it.
            let first = keys[0]
            conditions.append("\(unsafeRaw: first.0) \(unsafeRaw: first.1 ? "<=" : ">=") \(bind: value(first.2, after[0]))")
        }
        let order = keys.map { "\($0.0) \($0.1 ? "DESC" : "ASC")" }.joined(separator: ", ")
        let limit = max(1, min(query.limit, 1000))
        let page: SQLQueryString = "SELECT * FROM \(unsafeRaw: table) WHERE " + conditions.joined(separator: " AND ")
            + " ORDER BY \(unsafeRaw: order) LIMIT \(literal: limit)"
        return named(page, order: order)
    }

    /// `statement` with the display names of each row's references, in the same statement: the
    /// names are looked up for the rows of the page only, which keep their order.
    func named(_ statement: SQLQueryString, order: String? = nil) -> SQLQueryString {
        guard !names.isEmpty else { return statement }
        let lookups = names.map { "(\($0.sql)) AS \(Self.nameColumn($0.key))" }.joined(separator: ", ")
        return "SELECT page.*, \(unsafeRaw: lookups) FROM (" + statement + ") page"
            + SQLQueryString(order.map { " ORDER BY \($0)" } ?? "")
    }

    /// The name lookups lists share, over the page's row `page`.
    static let accountName = (key: "accountName", sql: "SELECT name FROM accounts WHERE accounts.id = page.account_id")
    static let contactName = (key: "contactName",
                              sql: "SELECT TRIM(COALESCE(first_name || ' ', '') || last_name) FROM contacts WHERE contacts.id = page.contact_id")
    static let ownerName = (key: "ownerName", sql: "SELECT name FROM users WHERE users.id = page.owner_id")
    static let opportunityName = (key: "opportunityName", sql: "SELECT name FROM opportunities WHERE opportunities.id = page.opportunity_id")

    /// The title of the record an activity is about, whichever kind it is (a lead's topic, a
    /// contact's full name, a quote's number and name, an order's or invoice's number).
    static let regardingName = """
        SELECT CASE page.regarding_type
            WHEN 'account' THEN (SELECT name FROM accounts WHERE accounts.id = page.regarding_id)
            WHEN 'contact' THEN (SELECT TRIM(COALESCE(first_name || ' ', '') || last_name) FROM contacts WHERE contacts.id = page.regarding_id)
            WHEN 'lead' THEN (SELECT topic FROM leads WHERE leads.id = page.regarding_id)
            WHEN 'opportunity' THEN (SELECT name FROM opportunities WHERE opportunities.id = page.regarding_id)
            WHEN 'quote' THEN (SELECT number || ' ' || name FROM quotes WHERE quotes.id = page.regarding_id)
            WHEN 'order' THEN (SELECT number FROM sales_orders WHERE sales_orders.id = page.regarding_id)
            WHEN 'invoice' THEN (SELECT COALESCE(number, 'Draft invoice') FROM invoices WHERE invoices.id = page.regarding_id)
            WHEN 'contract' THEN (SELECT COALESCE(number, 'Draft contract') FROM amc_contracts WHERE amc_contracts.id = page.regarding_id)
            WHEN 'campaign' THEN (SELECT name FROM campaigns WHERE campaigns.id = page.regarding_id)
        END
        """

    /// `records`, read one from each of `rows` in order, with the names those rows carry.
    func named<Record>(_ records: [Record], from rows: [any SQLRow], _ names: WritableKeyPath<Record, [String: String]>) throws -> [Record] {
        guard !self.names.isEmpty, records.count == rows.count else { return records }
        return try zip(records, rows).map { record, row in
            var record = record
            record[keyPath: names] = try self.names(of: row)
            return record
        }
    }

    /// The column a name is read from: `accountName` → `name_accountname`.
    static func nameColumn(_ key: String) -> String { "name_" + key.lowercased() }

    /// The names of a row read by a statement from `named`.
    func names(of row: any SQLRow) throws -> [String: String] {
        var found: [String: String] = Dictionary(minimumCapacity: names.count)
        for (name, column) in zip(names, nameColumns) {
            if let value = try row.decode(column: column, as: String?.self) { found[name.key] = value }
        }
        return found
    }

    /// A numeric range filter on the first sort key that the cursor's bound on that key already
    /// implies (`amount <= 5000000` when the page starts at `amount <= 172000`). Dropped, so the
    /// index range starts at the cursor: with two upper bounds of unknown values SQLite seeks to
    /// one of them, and picking the filter's walks every row before the cursor.
    static func implied(_ filter: Filter, byCursorBound bound: String, of key: (String, Bool, String), numeric: Set<String>) -> Bool {
        guard filter.field == key.2, numeric.contains(filter.field),
              let cursor = Int64(bound), let limit = Int64(filter.values[0]) else { return false }
        switch (key.1, filter.op) {
        case (true, .lte): return cursor <= limit
        case (true, .lt): return cursor < limit
        case (false, .gte): return cursor >= limit
        case (false, .gt): return cursor > limit
        default: return false
        }
    }

    static func symbol(_ op: Filter.Operator) -> String {
        switch op {
        case .eq: "="
        case .gt: ">"
        case .gte: ">="
        case .lt: "<"
        case .lte: "<="
        }
    }
}

extension Array where Element == SQLQueryString {
    func joined(separator: String) -> SQLQueryString {
        guard var result = first else { return "" }
        for part in dropFirst() { result += SQLQueryString(separator) + part }
        return result
    }
}
