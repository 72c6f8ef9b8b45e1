import Foundation
import FurrowDomain

/// A keyset-paginated list request (SPEC §0): filters, sort keys, a page size and the cursor
/// left by the previous page. Field names are the API's; each list declares which it accepts.
public struct ListQuery: Sendable, Equatable {
    public var limit: Int
    public var sort: [SortKey]
    public var after: [String]?
    public var filters: [Filter]
    public var text: String?

    public init(limit: Int = 50, sort: [SortKey] = [], after: [String]? = nil, filters: [Filter] = [], text: String? = nil) {
        self.limit = limit
        self.sort = sort
        self.after = after
        self.filters = filters
        self.text = text
    }
}

public struct SortKey: Sendable, Equatable {
    public var field: String
    public var descending: Bool
    public init(_ field: String, descending: Bool = false) {
        self.field = field
        self.descending = descending
    }
}

public struct Filter: Sendable, Equatable {
    public enum Operator: String, Sendable, CaseIterable { case eq, gt, gte, lt, lte }
    public var field: String
    public var op: Operator
    /// Several values of an `eq` filter are alternatives (OR).
    public var values: [String]

    public init(_ field: String, _ op: Operator = .eq, _ values: [String]) {
        self.field = field
        self.op = op
        self.values = values
    }
}

/// The fields a list may be filtered and sorted by, and how each is compared.
public struct ListFields: Sendable {
    public enum Kind: Sendable {
        /// `day`: a calendar day (`YYYY-MM-DD`) compared as text, equality only.
        case text, id, date, day, number, money
    }
    public let sortable: [String: Kind]
    public let filterable: [String: Kind]
    public let defaultSort: [SortKey]
    /// The sortable and filterable fields in the order they are declared (and documented).
    public let sortOrder: [String]
    public let filterOrder: [(name: String, kind: Kind)]

    public init(sortable: KeyValuePairs<String, Kind>, filterable: KeyValuePairs<String, Kind>, defaultSort: [SortKey]) {
        self.sortable = Dictionary(uniqueKeysWithValues: sortable.map { ($0.key, $0.value) })
        self.filterable = Dictionary(uniqueKeysWithValues: filterable.map { ($0.key, $0.value) })
        self.defaultSort = defaultSort
        sortOrder = sortable.map(\.key)
        filterOrder = filterable.map { (name: $0.key, kind: $0.value) }
    }

    public static let accounts = ListFields(
        sortable: ["name": .text, "createdAt": .date, "updatedAt": .date, "industry": .text],
        filterable: ["ownerId": .id, "parentAccountId": .id, "industry": .text, "createdAt": .date, "updatedAt": .date],
        defaultSort: [SortKey("name")]
    )

    public static let leads = ListFields(
        sortable: ["topic": .text, "createdAt": .date, "updatedAt": .date, "estimatedValue": .money, "companyName": .text, "lastName": .text],
        filterable: ["ownerId": .id, "status": .text, "channelId": .id, "campaignId": .id, "createdAt": .date, "updatedAt": .date,
                     "estimatedValue": .money],
        defaultSort: [SortKey("createdAt", descending: true)]
    )

    public static let opportunities = ListFields(
        sortable: ["name": .text, "createdAt": .date, "updatedAt": .date, "estimatedRevenue": .money, "probability": .number,
                   "expectedCloseDate": .text],
        filterable: ["ownerId": .id, "status": .text, "kindId": .id, "stageId": .id, "accountId": .id, "contactId": .id, "currency": .text,
                     "channelId": .id, "campaignId": .id, "leadId": .id, "estimatedRevenue": .money, "probability": .number,
                     "expectedCloseDate": .date, "createdAt": .date, "updatedAt": .date, "closedAt": .date],
        defaultSort: [SortKey("createdAt", descending: true)]
    )

    public static let products = ListFields(
        sortable: ["name": .text, "sku": .text],
        filterable: ["type": .text, "inventoryStatus": .text],
        defaultSort: [SortKey("name")]
    )

    public static let quotes = ListFields(
        sortable: ["number": .text, "createdAt": .date, "updatedAt": .date, "date": .text, "total": .money],
        filterable: ["status": .text, "ownerId": .id, "opportunityId": .id, "accountId": .id, "leadId": .id, "currency": .text,
                     "total": .money, "date": .date, "createdAt": .date],
        defaultSort: [SortKey("createdAt", descending: true)]
    )

    public static let orders = ListFields(
        sortable: ["number": .text, "createdAt": .date, "updatedAt": .date, "total": .money],
        filterable: ["status": .text, "ownerId": .id, "accountId": .id, "opportunityId": .id, "quoteId": .id, "currency": .text,
                     "total": .money, "createdAt": .date],
        defaultSort: [SortKey("createdAt", descending: true)]
    )

    public static let invoices = ListFields(
        sortable: ["number": .text, "createdAt": .date, "issueDate": .text, "dueDate": .text, "total": .money, "balance": .money],
        filterable: ["status": .text, "kind": .text, "ownerId": .id, "accountId": .id, "orderId": .id, "currency": .text,
                     "total": .money, "balance": .money, "issueDate": .day, "dueDate": .day, "createdAt": .date],
        defaultSort: [SortKey("createdAt", descending: true)]
    )

    public static let payments = ListFields(
        sortable: ["number": .text, "createdAt": .date, "date": .text, "amount": .money],
        filterable: ["status": .text, "mode": .text, "ownerId": .id, "accountId": .id, "currency": .text, "amount": .money,
                     "date": .day, "createdAt": .date],
        defaultSort: [SortKey("createdAt", descending: true)]
    )

    public static let activities = ListFields(
        sortable: ["createdAt": .date, "dueAt": .date, "startAt": .date, "subject": .text, "when": .date],
        filterable: ["status": .text, "type": .text, "ownerId": .id, "regardingType": .text, "regardingId": .id, "dueAt": .date,
                     "startAt": .date, "when": .date, "createdAt": .date],
        defaultSort: [SortKey("createdAt", descending: true)]
    )

    public static let contacts = ListFields(
        sortable: ["lastName": .text, "firstName": .text, "createdAt": .date, "updatedAt": .date],
        filterable: ["ownerId": .id, "accountId": .id, "createdAt": .date, "updatedAt": .date],
        defaultSort: [SortKey("lastName"), SortKey("firstName")]
    )
}

extension Account {
    /// The value of a sortable field as stored, for keyset cursors.
    public func sortValue(_ field: String) -> String {
        switch field {
        case "name": fields.name
        case "industry": fields.industry ?? ""
        case "createdAt": Timestamp.string(createdAt)
        case "updatedAt": Timestamp.string(updatedAt)
        default: ""
        }
    }
}

extension Contact {
    public func sortValue(_ field: String) -> String {
        switch field {
        case "lastName": fields.lastName
        case "firstName": fields.firstName ?? ""
        case "createdAt": Timestamp.string(createdAt)
        case "updatedAt": Timestamp.string(updatedAt)
        default: ""
        }
    }
}

extension Lead {
    public func sortValue(_ field: String) -> String {
        switch field {
        case "topic": fields.topic
        case "companyName": fields.companyName ?? ""
        case "lastName": fields.lastName ?? ""
        case "estimatedValue": String(fields.estimatedValue?.minorUnits ?? 0)
        case "createdAt": Timestamp.string(createdAt)
        case "updatedAt": Timestamp.string(updatedAt)
        default: ""
        }
    }
}

extension Opportunity {
    public func sortValue(_ field: String) -> String {
        switch field {
        case "name": fields.name
        case "estimatedRevenue": String(fields.estimatedRevenue?.minorUnits ?? 0)
        case "probability": String(probability)
        case "expectedCloseDate": fields.expectedCloseDate?.description ?? ""
        case "createdAt": Timestamp.string(createdAt)
        case "updatedAt": Timestamp.string(updatedAt)
        default: ""
        }
    }
}

extension Product {
    public func sortValue(_ field: String) -> String {
        switch field {
        case "name": name
        case "sku": sku
        default: ""
        }
    }
}

extension Quote {
    public func sortValue(_ field: String) -> String {
        switch field {
        case "number": number
        case "date": date.description
        case "total": String(totals.total.minorUnits)
        case "createdAt": Timestamp.string(createdAt)
        case "updatedAt": Timestamp.string(updatedAt)
        default: ""
        }
    }
}

/// A record a keyset list can continue after: its sort values and its id (SPEC §0 cursors).
public protocol KeysetItem {
    func sortValue(_ field: String) -> String
    var keysetID: String { get }
}

extension KeysetItem {
    /// The values a cursor after this item carries for the query's sort order.
    public func cursorValues(for query: ListQuery) -> [String] {
        query.sort.map { sortValue($0.field) } + [keysetID]
    }
}

extension Account: KeysetItem { public var keysetID: String { id.string } }
extension Contact: KeysetItem { public var keysetID: String { id.string } }
extension Lead: KeysetItem { public var keysetID: String { id.string } }
extension Opportunity: KeysetItem { public var keysetID: String { id.string } }
extension Product: KeysetItem { public var keysetID: String { id.string } }
extension Quote: KeysetItem { public var keysetID: String { id.string } }

extension SalesOrder: KeysetItem {
    public var keysetID: String { id.string }

    public func sortValue(_ field: String) -> String {
        switch field {
        case "number": number
        case "total": String(totals.total.minorUnits)
        case "createdAt": Timestamp.string(createdAt)
        case "updatedAt": Timestamp.string(updatedAt)
        default: ""
        }
    }
}

extension Invoice: KeysetItem {
    public var keysetID: String { id.string }

    public func sortValue(_ field: String) -> String {
        switch field {
        case "number": number ?? ""
        case "total": String(totals.total.minorUnits)
        case "balance": String(balance.minorUnits)
        case "issueDate": issueDate?.description ?? ""
        case "dueDate": dueDate?.description ?? ""
        case "createdAt": Timestamp.string(createdAt)
        default: ""
        }
    }
}

extension Payment: KeysetItem {
    public var keysetID: String { id.string }

    public func sortValue(_ field: String) -> String {
        switch field {
        case "number": number
        case "amount": String(amount.minorUnits)
        case "date": date.description
        case "createdAt": Timestamp.string(createdAt)
        default: ""
        }
    }
}

extension Activity: KeysetItem {
    public var keysetID: String { id.string }

    public func sortValue(_ field: String) -> String {
        switch field {
        case "subject": subject
        case "dueAt": dueAt.map(Timestamp.string) ?? ""
        case "startAt": startAt.map(Timestamp.string) ?? ""
        case "when": when.map(Timestamp.string) ?? ""
        case "createdAt": Timestamp.string(createdAt)
        default: ""
        }
    }
}

/// A list query that is not valid, in words the caller can act on.
public struct QueryError: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// The filter language of the record lists (SPEC §0), also saved as a dynamic marketing list's
/// rule: `industry=Logistics&createdAt[gte]=2026-01-01&q=acme`.
extension ListQuery {
    /// Reads a saved filter: filters and `q` only (no paging or sorting), each name and value
    /// percent-decoded; unknown fields and operators are refused.
    public static func filter(_ text: String, fields: ListFields, limit: Int = 50) throws(QueryError) -> ListQuery {
        var query = ListQuery(limit: limit, sort: fields.defaultSort)
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decode(parts[0]), value = parts.count > 1 ? decode(parts[1]) : ""
            if key == "q" { query.text = value.isEmpty ? nil : value; continue }
            guard !["limit", "cursor", "sort"].contains(key) else { throw QueryError("A saved filter takes filters and q, not \(key).") }
            try query.addFilter(key, value, fields: fields)
        }
        try query.convertMoney(fields: fields)
        return query
    }

    /// Adds `name=value` or `name[op]=value`, checked against the list's fields.
    public mutating func addFilter(_ key: String, _ value: String, fields: ListFields) throws(QueryError) {
        var name = key, op = Filter.Operator.eq
        if let open = key.firstIndex(of: "["), key.hasSuffix("]") {
            name = String(key[..<open])
            let opText = String(key[key.index(after: open)..<key.index(before: key.endIndex)])
            guard let parsed = Filter.Operator(rawValue: opText) else { throw QueryError("Unknown operator '\(opText)'. Use gt, gte, lt or lte.") }
            op = parsed
        }
        guard let kind = fields.filterable[name] else {
            throw QueryError("Cannot filter by '\(name)'. Filterable: \(fields.filterable.keys.sorted().joined(separator: ", ")).")
        }
        if (kind == .id || kind == .text) && op != .eq { throw QueryError("'\(name)' takes no range operator.") }
        if kind == .day && !Self.isCalendarDay(value) { throw QueryError("'\(name)' must be a date (YYYY-MM-DD).") }
        if kind == .id && UUID(uuidString: value) == nil { throw QueryError("'\(name)' must be a UUID.") }
        if kind == .number && Int(value) == nil { throw QueryError("'\(name)' must be a whole number.") }
        if kind == .date && Timestamp.date(value) == nil && !Self.isDay(value) {
            throw QueryError("'\(name)' must be a date (YYYY-MM-DD) or an RFC 3339 UTC timestamp.")
        }
        let stored = kind == .id ? value.lowercased() : value
        if op == .eq, let index = filters.firstIndex(where: { $0.field == name && $0.op == .eq }) {
            filters[index].values.append(stored)
        } else {
            filters.append(Filter(name, op, [stored]))
        }
    }

    /// Money filters are decimal strings in the filtered currency (two minor digits when no
    /// `currency` filter names one); the store compares minor units.
    public mutating func convertMoney(fields: ListFields) throws(QueryError) {
        let code = filters.first { $0.field == "currency" }?.values.first
        let currency = code.flatMap(Currency.init) ?? Currency("EUR")!
        for index in filters.indices where fields.filterable[filters[index].field] == .money {
            var converted: [String] = []
            for text in filters[index].values {
                guard let micros = Micros(text) else { throw QueryError("'\(filters[index].field)' must be a decimal amount such as 1000.00.") }
                converted.append(String(Money.rounding(micros, to: currency).minorUnits))
            }
            filters[index].values = converted
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
