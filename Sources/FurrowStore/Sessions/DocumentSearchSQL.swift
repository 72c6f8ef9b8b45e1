import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

/// Quotes, orders, invoices and payments in the global search: found by number and by their
/// customer's name. Their entries are built in SQL from the saved row (the customer's name is a
/// join away), by the store's own save functions and, for databases from before, by migration 13.
enum DocumentSearch {
    /// `SELECT id, kind, title, subtitle, body, owner_id, team_id` of one kind's rows (`d`), to be
    /// followed by a `WHERE` on `d`.
    static func select(_ kind: SearchEntry.Kind) -> String {
        let customer = "COALESCE(a.name, '')"
        switch kind {
        case .quote:
            let title = "d.number || CASE WHEN d.revision > 1 THEN ' rev ' || CAST(d.revision AS TEXT) ELSE '' END"
            return entry("quote", title: title, subtitle: customer, text: "d.number || ' ' || d.name || ' ' || \(customer)",
                         from: "quotes d LEFT JOIN accounts a ON a.id = d.account_id")
        case .order:
            return entry("order", title: "d.number", subtitle: customer, text: "d.number || ' ' || \(customer)",
                         from: "sales_orders d LEFT JOIN accounts a ON a.id = d.account_id")
        case .invoice:
            let title = "COALESCE(d.number, CASE WHEN d.kind = 'creditNote' THEN 'Draft credit note' ELSE 'Draft invoice' END)"
            return entry("invoice", title: title, subtitle: customer, text: "COALESCE(d.number, '') || ' ' || \(customer)",
                         from: "invoices d LEFT JOIN accounts a ON a.id = d.account_id")
        case .payment:
            let text = "d.number || ' ' || COALESCE(d.reference, '') || ' ' || \(customer)"
            return entry("payment", title: "d.number", subtitle: customer, text: text,
                         from: "payments d LEFT JOIN accounts a ON a.id = d.account_id")
        case .account, .contact, .lead, .opportunity:
            preconditionFailure("\(kind) entries are built in Core")
        }
    }

    static let kinds: [SearchEntry.Kind] = [.quote, .order, .invoice, .payment]

    private static func entry(_ kind: String, title: String, subtitle: String, text: String, from: String) -> String {
        "SELECT d.id, '\(kind)', \(title), \(subtitle), LOWER(\(text)), d.owner_id, d.team_id FROM \(from)"
    }

    /// Statements that index every existing document (a migration; entries already there stay).
    static var backfill: [String] {
        kinds.map { "INSERT INTO search_entries (id, kind, title, subtitle, body, owner_id, team_id) \(select($0)) WHERE 1 = 1 ON CONFLICT (id) DO NOTHING" }
    }
}

extension SQLSession {
    /// Adds or refreshes the search entry of one saved document.
    func indexDocument(_ kind: SearchEntry.Kind, id: UUID) async throws {
        let select = SQLQueryString(DocumentSearch.select(kind))
        try await run("INSERT INTO search_entries (id, kind, title, subtitle, body, owner_id, team_id) "
                      + select + " WHERE d.id = \(bind: UUIDText.lowercase(id))" + SQLQueryString(Self.upsertSearchEntry))
    }
}
