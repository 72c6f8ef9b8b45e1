import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `SearchRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension SearchRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/search", "searchRecords", tag: "Search", "Search across record kinds",
                 description: "Matches fragments of names, emails and phone numbers, and document numbers (quotes, orders, invoices, payments, also found by their customer's name), in the records the caller may see: an exact title first, then titles that start with the text, then the rest, each by title. A query shorter than 2 characters finds nothing. No other parameters are accepted.",
                 parameters: [Endpoint.Parameter("q", in: .query, "The text to search for.", .string()), Endpoint.Parameter("type", in: .query, "Comma-separated record kinds to search; default all.", .array(.values(["account", "contact", "lead", "opportunity", "quote", "order", "invoice", "payment"]), uniqueItems: true), style: .commaSeparated), Endpoint.Parameter("limit", in: .query, "Maximum number of results.", .integer(minimum: 1, maximum: 100, default: 20))],
                 answers: [.ok("SearchPage"), .problem(400, [.invalidQuery], detail: "Unknown parameter, unknown type, or limit out of range"), .unauthorized],
                 use: SearchRoutes.search),
        Endpoint(.get, "/audit", "listAuditEntries", tag: "Audit", "Get a record's audit trail",
                 description: "The audit entries of one record the caller may see; catalog entries (channel, reason, stage, opportunity-kind, product, price-list, tax-rate) for everyone; invoices and payments also for finance users; bank statements and statement profiles for administrators, managers and finance; users, teams, settings, connections and deleted records only for administrators. No other parameters are accepted.",
                 parameters: [Endpoint.Parameter("entity", in: .query, required: true, "The kind of record.", .values(AuditService.entities.sorted())), Endpoint.Parameter("id", in: .query, required: true, "The record's id.", .uuid())],
                 answers: [.ok("AuditPage"), .problem(400, [.invalidQuery], detail: "entity or id is missing or invalid, or another parameter was sent"), .unauthorized, .problem(404, detail: "The record does not exist or the caller may not see it")],
                 use: SearchRoutes.audit),
    ]
}
