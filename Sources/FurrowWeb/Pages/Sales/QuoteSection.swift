import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain

/// The "Quotes" section of an opportunity's, a lead's or an account's page
/// (`quote-section.mustache`): every revision of their quotes, and a "New quote" button when
/// a new one may be made there.
struct QuoteSection {
    struct Row {
        let number: String, revision: Int, name: String, url: String, status: String, statusKey: String, date: String, total: String
    }
    let title: String
    let word: String
    let rows: [Row]
    let hasRows: Bool
    let newURL: String?
    let note: String?

    /// The quotes whose `field` (opportunityId, leadId, accountId) is `id`; `newURL` nil hides the button.
    static func load(_ env: CoreEnvironment, _ field: String, _ id: String, newURL: String?, note: String? = nil,
                     by principal: Principal) async throws -> QuoteSection {
        let settings = try await SettingsService(env).current()
        let word = QuoteWord(settings), today = settings.today(env.clock.now())
        let quotes = try await QuoteService(env).list(ListQuery(limit: 200, sort: [SortKey("number", descending: true)],
                                                                filters: [Filter(field, .eq, [id])]), by: principal)
        let rows = quotes.sorted { ($0.number, $0.revision) > ($1.number, $1.revision) }.map { q in
            let reading = q.reading(on: today)
            return Row(number: q.number, revision: q.revision, name: q.name, url: "/quotes/\(q.id)", status: SalesText.status(reading),
                       statusKey: reading.rawValue, date: q.date.description, total: MoneyText.format(q.totals.total))
        }
        return QuoteSection(title: word.plural, word: word.lower, rows: rows, hasRows: !rows.isEmpty,
                            newURL: principal.canWriteRecords ? newURL : nil, note: note)
    }
}
