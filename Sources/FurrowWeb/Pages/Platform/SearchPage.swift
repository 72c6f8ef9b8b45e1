import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// The global search: results grouped by record kind, each linking to its record (SPEC §1).
struct SearchPage {
    let web: Web

    /// Where each kind of record lives; later modules' pages (leads, opportunities) use these paths.
    static let kinds: [(SearchEntry.Kind, String, String)] = [
        (.account, "Accounts", "/accounts/"), (.contact, "Contacts", "/contacts/"),
        (.lead, "Leads", "/leads/"), (.opportunity, "Opportunities", "/opportunities/"),
        (.quote, "Quotes", "/quotes/"), (.order, "Sales orders", "/orders/"), (.invoice, "Invoices", "/invoices/"),
        (.payment, "Payments", "/payments/"),
    ]

    func add(to group: RouterGroup<AppContext>) {
        group.get("search", use: search)
    }

    struct Result { let title: String, subtitle: String?, url: String }
    struct Group { let title: String, results: [Result] }
    struct Model { let text: String, groups: [Group], hasGroups: Bool, searched: Bool, tooShort: Bool }

    @Sendable func search(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let text = request.query("q").trimmed()
        let entries = text.count >= 2 ? try await SearchService(web.env).search(text, limit: 50, by: principal) : []
        let word = QuoteWord(try await SettingsService(web.env).current())
        let groups = Self.kinds.compactMap { kind, title, path -> Group? in
            let results = entries.filter { $0.kind == kind }.map {
                Result(title: $0.title, subtitle: $0.subtitle.nonEmpty, url: path + $0.id.uuidString.lowercased())
            }
            return results.isEmpty ? nil : Group(title: kind == .quote ? word.plural : title, results: results)
        }
        let model = Model(text: text, groups: groups, hasGroups: !groups.isEmpty, searched: text.count >= 2,
                          tooShort: !text.isEmpty && text.count < 2)
        return try await web.page("search", text.isEmpty ? "Search" : "Search: " + text, model, request, context)
    }
}
