import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// An opportunity's product lines (SPEC §4, rules 81–83): a price list and priced lines, edited
/// with the quote editor's rows; in revenue mode "sum of the product lines" they set the estimate.
/// A draft quote copies them with "Get products from the opportunity".
struct OpportunityProducts {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("opportunities/:id/products", use: editForm)
        group.post("opportunities/:id/products", use: save)
    }

    /// The Products section of the opportunity's page (`opportunity-products.mustache`).
    struct Section {
        let lines: [QuoteView.LineRow]
        let hasLines: Bool
        let priceList: String?
        let priceListURL: String?
        let discountTotal: String
        let subtotal: String
        let taxTotal: String
        let total: String
        let editURL: String?
        let revenueNote: String
    }

    static func section(_ env: CoreEnvironment, _ opportunity: Opportunity, canEdit: Bool, by principal: Principal) async throws -> Section {
        let (listId, lines, currency) = try await OpportunityService(env).lines(opportunity.id, by: principal)
        let catalog = try await SalesCatalog.load(env)
        let list = catalog.priceList(listId)
        let totals = DocumentTotals(lines.map { $0.price(in: currency) }, currency: currency)
        return Section(lines: QuoteView.rows(lines, currency, catalog), hasLines: !lines.isEmpty, priceList: list.map(SalesText.priceList),
                       priceListURL: list.map { "/price-lists/\($0.id)" }, discountTotal: MoneyText.format(totals.discountTotal),
                       subtotal: MoneyText.format(totals.subtotal), taxTotal: MoneyText.format(totals.taxTotal), total: MoneyText.format(totals.total),
                       editURL: canEdit ? "/opportunities/\(opportunity.id)/products" : nil,
                       revenueNote: opportunity.fields.revenueMode == .system
                           ? "The estimated revenue is the subtotal of these lines." : "The estimated revenue is typed by hand; these lines do not change it.")
    }

    func opportunity(_ context: AppContext, _ principal: Principal) async throws -> Opportunity {
        let opportunity = try await OpportunityService(web.env).get(try OpportunityActions.id(context), by: principal).opportunity
        guard principal.canChange(opportunity.ownership) else { throw CoreError.forbidden("Your role cannot change this opportunity.") }
        return opportunity
    }

    func target(_ opportunity: Opportunity) -> QuoteEditorView.Target {
        QuoteEditorView.Target(heading: "Products of \(opportunity.fields.name)",
                               intro: "Products are priced from the price list valid today, in \(opportunity.fields.currency.code).",
                               action: "/opportunities/\(opportunity.id)/products", cancel: "/opportunities/\(opportunity.id)",
                               submitLabel: "Save products", currency: opportunity.fields.currency, hidden: [], header: false)
    }

    @Sendable func editForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let opportunity = try await opportunity(context, principal)
        guard opportunity.legalVerbs().contains(.editProducts) else {
            return .redirect("/opportunities/\(opportunity.id)", flash: "Not changed: " + (Problem.from(PipelineError.opportunityClosed)?.detail ?? ""),
                             isError: true)
        }
        let (listId, lines, _) = try await OpportunityService(web.env).lines(opportunity.id, by: principal)
        let catalog = try await SalesCatalog.load(web.env)
        var values = QuoteForm.lineValues(lines, catalog: catalog)
        values["priceListId"] = listId?.string
        return try await QuoteEditor(web: web).render(request, context, target(opportunity), values: WebForm(values: values), problem: nil,
                                                      catalog: catalog, rows: max(lines.count + 2, QuoteEditor.rows))
    }

    @Sendable func save(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let opportunity = try await opportunity(context, principal)
        return try await QuoteEditor(web: web).again(request, context, target(opportunity), form: form, catalog: try await SalesCatalog.load(web.env)) {
            let input = QuoteForm(form).input
            _ = try await OpportunityService(web.env).replaceLines(opportunity.id, priceListId: input.priceListId, lines: input.lines, by: principal)
            return .redirect("/opportunities/\(opportunity.id)#products", flash: "Products saved.")
        }
    }
}
