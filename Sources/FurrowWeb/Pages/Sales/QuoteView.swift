import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain

/// What a quote's page shows: number and revision, the status as read today (expired past its
/// validity), the customer and the records it belongs to, the priced lines and totals, only the
/// verbs the quote allows (`Quote.legalVerbs`) to a user whose role may change it (or the sales
/// order it became), the other revisions of the same number, and the emails sent for it with
/// their delivery status.
struct QuoteView {
    struct LineRow {
        let number: Int, description: String, productURL: String?, sku: String, quantity: String, unitPrice: String
        let discountPercent: String, gross: String, discount: String, net: String, taxPercent: String, tax: String, total: String
    }
    struct Action {
        let verb: String, label: String, primary: Bool
        /// For Send: whom the PDF may be emailed to (a contact with an email address).
        var email: String? = nil
    }
    struct RevisionRow { let revision: Int, url: String, status: String, statusKey: String, date: String, total: String }
    struct OrderNote { let number: String, url: String, total: String }

    let id: String
    let number: String
    let revision: Int
    let name: String
    let word: String
    let plural: String
    let status: String
    let statusKey: String
    let expiredNote: String?
    let facts: [Fact]
    let lines: [LineRow]
    let hasLines: Bool
    let discountTotal: String
    let subtotal: String
    let taxTotal: String
    let total: String
    let comments: String?
    let terms: String?
    let actions: [Action]
    let canReject: Bool
    let canEdit: Bool
    let extra: [Action]
    let lostReasons: [RecordParts.Option]
    let revisions: [RevisionRow]
    let hasRevisions: Bool
    let pdfURL: String?
    let order: OrderNote?
    let emails: [OutboxPage.Row]
    let hasEmails: Bool
    let history: [RecordParts.HistoryRow]
    let activities: ActivitySection?
    /// Notes and files on the record, set by its page.
    var recordNotes: NotesSection? = nil
    /// The customer's link, once the quote was sent.
    var customerLink: CustomerLinkSection? = nil

    /// Priced line rows, for a quote or an opportunity's products.
    static func rows(_ lines: [QuoteLine], _ currency: Currency, _ catalog: SalesCatalog) -> [LineRow] {
        lines.enumerated().map { index, line in
            let price = line.price(in: currency)
            let product = catalog.product(line.productId)
            return LineRow(number: index + 1, description: line.description, productURL: line.productId.map { "/products/\($0)" },
                           sku: product?.sku ?? "", quantity: line.quantity.decimalString, unitPrice: SalesText.price(line.unitPrice, currency),
                           discountPercent: line.discountPercent.value == 0 ? "" : SalesText.percent(line.discountPercent),
                           gross: MoneyText.format(price.gross), discount: MoneyText.format(price.discount), net: MoneyText.format(price.net),
                           taxPercent: SalesText.percent(line.taxPercent), tax: MoneyText.format(price.tax), total: MoneyText.format(price.total))
        }
    }

    struct Data {
        var word: QuoteWord
        var today: Day
        var opportunity: Opportunity?
        var account: String?
        var contact: String?
        var contactEmail: String?
        var lead: String?
        var priceList: PriceList?
        var catalog: SalesCatalog
        var users: [User.ID: String]
        var lostReasons: [Reason]
        var revisions: [Quote]
        /// Newest first.
        var emails: [OutboxEmail] = []
        var order: SalesOrder? = nil
    }

    struct Builder {
        let env: CoreEnvironment
        let principal: Principal

        func load(_ quote: Quote) async throws -> Data {
            let settings = try await SettingsService(env).current()
            let parts = RecordParts(env: env)
            let catalog = try await SalesCatalog.load(env)
            let siblings = try await QuoteService(env).list(
                ListQuery(limit: 200, sort: [SortKey("createdAt")], filters: [Filter("opportunityId", .eq, [quote.opportunityId.string])]),
                by: principal)
            var data = Data(word: QuoteWord(settings), today: settings.today(env.clock.now()),
                            opportunity: try? await OpportunityService(env).get(quote.opportunityId, by: principal).opportunity,
                            catalog: catalog, users: try await parts.userNames(), lostReasons: try await CatalogService(env).reasons(.lost),
                            revisions: siblings.filter { $0.number == quote.number && $0.id != quote.id }.sorted { $0.revision > $1.revision })
            if let id = quote.accountId { data.account = try await parts.accountNames([id])[id] }
            if let id = quote.contactId, let contact = try? await ContactService(env).get(id, by: principal) {
                data.contact = contact.fields.fullName
                data.contactEmail = contact.fields.email
            }
            if let id = quote.leadId { data.lead = try? await LeadService(env).get(id, by: principal).fields.topic }
            data.priceList = catalog.priceList(quote.priceListId)
            data.emails = try await OutboxService(env).list(relatedTo: quote.id.uuid, by: principal)
            if quote.status == .accepted { data.order = try await QuoteService(env).order(forQuote: quote.id, by: principal) }
            return data
        }

        /// Ids in the history shown by name.
        func names(_ quote: Quote, _ data: Data) -> [String: String] {
            var names: [String: String] = [:]
            names[quote.opportunityId.string] = data.opportunity?.fields.name
            if let list = data.priceList { names[list.id.string] = list.name }
            if let id = quote.contactId { names[id.string] = data.contact }
            if let id = quote.leadId { names[id.string] = data.lead }
            for list in data.catalog.priceLists { names[list.id.string] = list.name }
            return names
        }

        func model(_ quote: Quote, _ data: Data, shell: Shell, activities: ActivitySection?) async -> QuoteView {
            let reading = quote.reading(on: data.today)
            var facts: [Fact] = [
                .init(label: "Customer", value: data.account ?? "—", href: quote.accountId.map { "/accounts/\($0)" }),
                .init(label: "Contact", value: data.contact ?? "—", href: data.contact == nil ? nil : quote.contactId.map { "/contacts/\($0)" }),
                .init(label: "Opportunity", value: data.opportunity.map { o in "\(o.fields.name) (\(PipelineText.status(o.status)))" } ?? "(opportunity)",
                      href: "/opportunities/\(quote.opportunityId)"),
            ]
            if let leadId = quote.leadId { facts.append(.init(label: "Lead", value: data.lead ?? "(lead)", href: "/leads/\(leadId)")) }
            facts += [
                .init(label: "Date", value: quote.date.description, href: nil),
                .init(label: "Valid until", value: quote.validUntil?.description ?? "—", href: nil),
                .init(label: "Price list", value: data.priceList.map(SalesText.priceList) ?? "—",
                      href: data.priceList.map { "/price-lists/\($0.id)" }),
                .init(label: "Currency", value: quote.currency.code, href: nil),
                .init(label: "Owner", value: data.users[quote.ownership.ownerId] ?? "—", href: nil),
                .init(label: "Created", value: shell.format(quote.createdAt), href: nil),
                .init(label: "Last changed", value: shell.format(quote.updatedAt) + " (version \(quote.version))", href: nil),
            ]
            let lines = QuoteView.rows(quote.lines, quote.currency, data.catalog)
            let legal = principal.canChange(quote.ownership) ? quote.legalVerbs(on: data.today, converted: data.order != nil) : []
            let order: [QuoteStatus.Verb] = [.send, .negotiate, .accept, .revise]
            let actions = order.filter { legal.contains(Quote.Verb($0)) }.map {
                Action(verb: $0.rawValue, label: SalesText.verb($0), primary: $0 == .send || $0 == .accept,
                       email: $0 == .send && env.documentRenderer != nil && data.contactEmail != nil ? data.contact : nil)
            }
            let totals = quote.totals
            let emails = OutboxPage.rows(data.emails, shell: shell, word: data.word)
            let revisions = data.revisions.map { q in
                let status = q.reading(on: data.today)
                return RevisionRow(revision: q.revision, url: "/quotes/\(q.id)", status: SalesText.status(status), statusKey: status.rawValue,
                                   date: q.date.description, total: MoneyText.format(q.totals.total))
            }
            return QuoteView(
                id: quote.id.string, number: quote.number, revision: quote.revision, name: quote.name, word: data.word.singular,
                plural: data.word.plural, status: SalesText.status(reading), statusKey: reading.rawValue,
                expiredNote: reading == .expired ? "Valid until \(quote.validUntil?.description ?? ""): it can no longer be accepted. Revise it to offer it again." : nil,
                facts: facts, lines: lines, hasLines: !lines.isEmpty, discountTotal: MoneyText.format(totals.discountTotal),
                subtotal: MoneyText.format(totals.subtotal), taxTotal: MoneyText.format(totals.taxTotal), total: MoneyText.format(totals.total),
                comments: quote.comments, terms: quote.terms, actions: actions, canReject: legal.contains(.reject),
                canEdit: legal.contains(.edit), extra: QuoteExtras.actions(legal),
                lostReasons: data.lostReasons.filter(\.active).map { RecordParts.Option(value: $0.id.string, label: $0.name) },
                revisions: revisions, hasRevisions: !revisions.isEmpty, pdfURL: env.documentRenderer == nil ? nil : "/quotes/\(quote.id)/pdf",
                order: data.order.map { OrderNote(number: $0.number, url: "/orders/\($0.id)", total: MoneyText.format($0.totals.total)) },
                emails: emails, hasEmails: !emails.isEmpty,
                history: await RecordParts(env: env).historyIfKnown("quote", quote.id.uuid, by: principal, shell: shell, names: names(quote, data)),
                activities: activities)
        }
    }
}
