import FurrowCore
import FurrowDomain
import FurrowHTTP

/// How a list's query parameters are documented: the fields come from the list's `ListFields`
/// (what the server really accepts); this adds only what a reader needs besides, such as the values
/// of a status filter or how a money filter's amount is rounded.
struct ListDocs: Sendable {
    let fields: ListFields
    /// What `q` matches.
    var q = "Free-text filter."
    /// The item schema of a text filter, where it is narrower than any text.
    var items: [String: Schema] = [:]
    /// How a money filter's amount is read.
    var money: [String: String] = [:]

    /// `limit`, `cursor`, `sort`, `q`, then each filter in declaration order, without `ignoring`.
    func parameters(ignoring: Set<String> = []) -> [Endpoint.Parameter] {
        var out = Self.paging + [sort, Endpoint.Parameter("q", in: .query, q, .string(pattern: Self.noNul))]
        for (name, kind) in fields.filterOrder where !ignoring.contains(name) {
            out += filters(name, kind)
        }
        return out
    }

    var parameters: [Endpoint.Parameter] { parameters() }

    static let noNul = "^[^\\x00]*$"
    static let paging = [
        Endpoint.Parameter("limit", in: .query, "Page size.", .integer(minimum: 1, maximum: ListParameters.maxLimit, default: 50)),
        Endpoint.Parameter("cursor", in: .query, "The `nextCursor` of the previous page, used with the same `sort`; empty is the first "
                           + "page. The cursor is opaque: one the server did not issue answers 400 `invalid-query`.", .string(pattern: noNul)),
        Endpoint.Parameter("format", in: .query, "`csv` answers every matching row (not a page: `limit` and `cursor` are ignored) as a "
                           + "CSV download, `text/csv`, streamed; so does an `Accept` header that puts `text/csv` before `application/json`. "
                           + "Text cells a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, tab, CR, LF or `|`) are prefixed "
                           + "with `'`; amounts stay numbers. `json` (the default) answers the page.",
                           .values(["json", "csv"]).with { $0.defaultValue = .string("json") }),
    ]

    private var sort: Endpoint.Parameter {
        let names = fields.sortOrder, alternatives = names.joined(separator: "|")
        let fallback = fields.defaultSort.map { ($0.descending ? "-" : "") + $0.field }.joined(separator: ",")
        return Endpoint.Parameter("sort", in: .query, "Comma-separated sort fields, `-` prefix for descending. Sortable: "
                                  + names.joined(separator: ", ") + ". Default: `\(fallback)`. The id breaks ties.",
                                  .string(pattern: "^-?(\(alternatives))(,-?(\(alternatives)))*$", default: fallback))
    }

    static let dateValue = Schema.string("A date (YYYY-MM-DD) or an RFC 3339 UTC timestamp.",
                                         pattern: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?Z)?$",
                                         examples: ["2026-01-31", "2026-01-31T12:00:00Z"])

    private func filters(_ name: String, _ kind: ListFields.Kind) -> [Endpoint.Parameter] {
        func one(_ text: String, _ schema: Schema, _ suffix: String = "") -> Endpoint.Parameter {
            Endpoint.Parameter(name + suffix, in: .query, "Only records whose \(name) \(text)", schema)
        }
        switch kind {
        case .id:
            return [Endpoint.Parameter(name, in: .query, "Only records whose \(name) is one of these ids (repeat the parameter for several).",
                                       .array(.uuid()), style: .repeated)]
        case .text, .day:
            let item = items[name] ?? (kind == .day ? .string(format: "date") : .string(pattern: Self.noNul))
            let equal = Endpoint.Parameter(name, in: .query, "Only records whose \(name) equals one of these values (repeat the parameter for several).",
                                           .array(item), style: .repeated)
            guard kind == .day else { return [equal] }
            return [equal] + zip(["gt", "gte", "lt", "lte"], ["after", "on or after", "before", "on or before"]).map { op, word in
                one("is \(word) this day (YYYY-MM-DD).", .string(format: "date"), "[\(op)]")
            }
        case .date, .number, .money:
            let (what, value, words): (String, Schema, [String]) = switch kind {
            case .date: ("date or timestamp", Self.dateValue, ["after", "at or after", "before", "at or before"])
            case .number: ("number", .integer("A whole number that fits in 64 bits.", minimum: Int(Int64.min), maximum: Int(Int64.max)),
                           ["greater than", "at least", "less than", "at most"])
            default: ("amount", .string(money[name], pattern: "^[+-]?[0-9]{1,12}(\\.[0-9]{1,6})?$", examples: ["1000.00"]),
                      ["greater than", "at least", "less than", "at most"])
            }
            return [one("equals this \(what).", value)] + zip(["gt", "gte", "lt", "lte"], words).map { op, word in
                one("is \(word) this \(what).", value, "[\(op)]")
            }
        }
    }
}

extension ListDocs {
    static let currency = Schema.string(pattern: "^[A-Z]{3}$")
    static let minorUnits = "A decimal amount such as `1000.00`, rounded half-even to the minor unit of the first `currency` filter's "
        + "currency (two decimals without one) and compared in minor units."

    static let accounts = ListDocs(fields: .accounts)
    static let contacts = ListDocs(fields: .contacts)
    static let leads = ListDocs(fields: .leads, items: ["status": .enumeration(LeadStatus.self)], money: [
        "estimatedValue": "A decimal amount such as `1000.00`, rounded half-even to two decimals and compared in minor units.",
    ])
    static let opportunities = ListDocs(fields: .opportunities, items: ["status": .enumeration(OpportunityStatus.self), "currency": currency],
                                        money: ["estimatedRevenue": minorUnits])
    static let products = ListDocs(fields: .products, q: "Only products whose name or SKU contains this text (case-insensitive).",
                                   items: ["type": .enumeration(Product.Kind.self), "inventoryStatus": .enumeration(Product.InventoryStatus.self)])
    static let quotes = ListDocs(fields: .quotes, q: "A fragment of the quote's number or name.", items: [
        "status": .enumeration(QuoteStatus.self, "A stored status: `expired` is derived and never matches."), "currency": currency,
    ], money: ["total": minorUnits])
    static let orders = ListDocs(fields: .orders, q: "A fragment of the order's number.",
                                 items: ["status": .enumeration(OrderStatus.self), "currency": currency],
                                 money: ["total": "A decimal amount such as `1000.00`, compared in minor units."])
    static let invoices = ListDocs(fields: .invoices, q: "A fragment of the invoice's number.", items: [
        "status": .enumeration(InvoiceStatus.self), "kind": .enumeration(Invoice.Kind.self), "currency": currency,
    ], money: ["total": minorUnits, "balance": minorUnits])
    static let payments = ListDocs(fields: .payments, q: "A fragment of the payment's number or reference.", items: [
        "status": .enumeration(Payment.Status.self), "mode": .enumeration(Payment.Mode.self), "currency": currency,
    ], money: ["amount": minorUnits])
    static let activities = ListDocs(fields: .activities, q: "Only activities whose subject contains this text (case-insensitive).", items: [
        "status": .enumeration(Activity.Status.self), "type": .enumeration(Activity.Kind.self), "regardingType": .enumeration(Regarding.Kind.self),
    ])
}
