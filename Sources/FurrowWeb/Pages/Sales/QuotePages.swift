import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird
import NIOCore

/// The quotes list (filter by status, sort by number, date or total) and a quote's page (SPEC §4).
/// Pages say the word the administrator chose ("Quote", "Budget", "Quotation").
struct QuotePages {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("quotes", use: list)
        group.get("quotes/:id", use: show)
        group.get("quotes/:id/pdf", use: pdf)
    }

    struct Row {
        let number: String, revision: Int, name: String, url: String, customer: String, customerURL: String?, status: String
        let statusKey: String, date: String, validUntil: String, total: String, owner: String
    }
    struct ListModel {
        let title: String
        let word: String
        let columns: [ListParameters.Column]
        let rows: [Row]
        let hasRows: Bool
        let filters: FilterBar
        let next: String?
        let first: String?
        /// Quotes have no bulk bar.
        let bulk: BulkBar? = nil
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let settings = try await SettingsService(web.env).current()
        let word = QuoteWord(settings), today = settings.today(web.env.clock.now())
        let parameters = ListParameters(request, path: "/quotes", fields: .quotes, filters: ["status", "ownerId"])
        let quotes = try await QuoteService(web.env).list(parameters.query, by: principal)
        var filters = FilterBar(parameters, placeholder: "", selects: [
            .init("status", "Status", QuoteStatus.allCases.map { ($0.rawValue, SalesText.status(QuoteReading($0))) }, parameters, empty: "Any status"),
            .init("ownerId", "Owner", try await PipelineParts(env: web.env).userOptions(), parameters, empty: "Anyone"),
        ])
        filters.count = try await web.listCount(.quotes, parameters, principal, one: "quote", many: "quotes")
        filters.showsText = false
        let rows = quotes.map { q in
            let reading = q.reading(on: today)
            return Row(number: q.number, revision: q.revision, name: q.name, url: "/quotes/\(q.id)",
                       customer: q.names["accountName"] ?? "", customerURL: q.accountId.map { "/accounts/\($0)" },
                       status: SalesText.status(reading), statusKey: reading.rawValue, date: q.date.description, validUntil: q.validUntil?.description ?? "",
                       total: MoneyText.format(q.totals.total), owner: q.names["ownerName"] ?? "")
        }
        let model = ListModel(
            title: word.plural, word: word.lower,
            columns: parameters.columns([("Number", "number"), ("Name", nil), ("Customer", nil), ("Status", nil), ("Date", "date"),
                                         ("Valid until", nil), ("Total", "total"), ("Owner", nil)]),
            rows: rows, hasRows: !rows.isEmpty, filters: filters,
            next: parameters.nextLink(quotes, sortValue: { $0.sortValue($1) }, id: { $0.id.string }), first: parameters.firstLink)
        return try await web.page("quotes", word.plural, model, request, context)
    }

    /// The printable document, when the server can render documents.
    @Sendable func pdf(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard let id = context.parameters.get("id").flatMap(Quote.ID.init), web.env.documentRenderer != nil else { throw Problem.notFound() }
        let (quote, data) = try await QuoteService(web.env).pdf(id, by: principal)
        return Response(status: .ok, headers: [.contentType: "application/pdf",
                                               .contentDisposition: "inline; filename=\"\(quote.number)-r\(quote.revision).pdf\""],
                        body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard let id = context.parameters.get("id").flatMap(Quote.ID.init) else { throw Problem.notFound() }
        let quote = try await QuoteService(web.env).get(id, by: principal)
        let builder = QuoteView.Builder(env: web.env, principal: principal)
        let data = try await builder.load(quote)
        return try await web.page("quote", "\(data.word.singular) \(quote.number)", request, context) { shell in
            var view = await builder.model(quote, data, shell: shell,
                                           activities: try await ActivitySection.load(web.env, Regarding(.quote, id.uuid), shell: shell, by: principal))
            view.recordNotes = try await NotesSection.load(web.env, Regarding(.quote, id.uuid), shell: shell, by: principal)
            view.customerLink = try await CustomerLinkSection.load(web.env, quote, shell: shell, by: principal)
            return view
        }
    }
}
