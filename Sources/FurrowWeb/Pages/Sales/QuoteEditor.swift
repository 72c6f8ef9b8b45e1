import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// Creating a quote for an opportunity, a lead or an account (`/quotes/new?opportunity=…`), and
/// editing a draft. "Add a line" submits the form and shows it again with one more row, so the
/// editor works without JavaScript; a refusal shows the server's message beside its field or row.
struct QuoteEditor {
    let web: Web
    static let rows = 5

    func add(to group: RouterGroup<AppContext>) {
        group.get("quotes/new", use: newForm)
        group.post("quotes", use: create)
        group.get("quotes/:id/edit", use: editForm)
        group.post("quotes/:id/edit", use: update)
    }

    /// Who a new quote is for, from `?opportunity=`, `?lead=` or `?account=` (or the form's hidden fields).
    func newTarget(opportunity: String, lead: String, account: String, word: QuoteWord, by principal: Principal) async throws -> QuoteEditorView.Target {
        guard principal.canWriteRecords else { throw CoreError.forbidden("Your role can read records but not create them.") }
        let heading = "New " + word.lower
        let submit = "Create " + word.lower
        if let id = Opportunity.ID(opportunity) {
            let o = try await OpportunityService(web.env).get(id, by: principal).opportunity
            guard o.legalVerbs().contains(.newQuote) else { throw Problem.from(PipelineError.opportunityClosed) ?? Problem.notFound() }
            return .init(heading: "\(heading) for \(o.fields.name)", intro: "For the opportunity “\(o.fields.name)”, in \(o.fields.currency.code).",
                         action: "/quotes", cancel: "/opportunities/\(id)", submitLabel: submit, currency: o.fields.currency,
                         hidden: [.init(name: "opportunityId", value: id.string)])
        }
        let automatic = "An opportunity is created for it automatically."
        if let id = Lead.ID(lead) {
            let l = try await LeadService(web.env).get(id, by: principal)
            return .init(heading: "\(heading) for \(l.fields.topic)", intro: "For the lead “\(l.fields.topic)”. \(automatic)", action: "/quotes",
                         cancel: "/leads/\(id)", submitLabel: submit, currency: nil, hidden: [.init(name: "leadId", value: id.string)])
        }
        if let id = Account.ID(account) {
            let a = try await AccountService(web.env).get(id, by: principal)
            return .init(heading: "\(heading) for \(a.fields.name)", intro: "For the account “\(a.fields.name)”. \(automatic)", action: "/quotes",
                         cancel: "/accounts/\(id)", submitLabel: submit, currency: nil, hidden: [.init(name: "accountId", value: id.string)])
        }
        throw Problem(.validation, 422, "Who is it for?", "Start a new \(word.lower) from an opportunity, a lead or an account.")
    }

    func editTarget(_ quote: Quote, word: QuoteWord, version: String?) -> QuoteEditorView.Target {
        .init(heading: "Edit \(word.lower) \(quote.number) (revision \(quote.revision))", intro: "A draft; it is read-only once sent.",
              action: "/quotes/\(quote.id)/edit", cancel: "/quotes/\(quote.id)", submitLabel: "Save " + word.lower,
              currency: quote.currency, hidden: [.init(name: "version", value: version ?? String(quote.version))])
    }

    func render(_ request: Request, _ context: AppContext, _ target: QuoteEditorView.Target, values: WebForm, problem: Problem?,
                catalog: SalesCatalog, rows: Int, focusRow: Int? = nil) async throws -> Response {
        let settings = try await SettingsService(web.env).current()
        let principal = try web.principal(request, context)
        let contacts = target.header ? try await PipelineParts(env: web.env).contactOptions(by: principal, selected: values.optional("contactId")) : []
        let model = QuoteEditorView.make(target, values: values, problem: problem, catalog: catalog,
                                         baseCurrency: Currency(settings.baseCurrency) ?? Currency("EUR")!,
                                         today: settings.today(web.env.clock.now()), rows: rows, focusRow: focusRow, header: target.header,
                                         contacts: contacts)
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("quote-editor", target.heading, model, request, context, status: status)
    }

    /// The form shown again: after "Add a line" with one more row, after a refusal with its messages.
    func again(_ request: Request, _ context: AppContext, _ target: QuoteEditorView.Target, form: WebForm, catalog: SalesCatalog,
               save: () async throws -> Response) async throws -> Response {
        let rows = max(QuoteForm.lineCount(form), QuoteForm.filledCount(form), 1)
        if form.flag("addLine") {
            return try await render(request, context, target, values: form, problem: nil, catalog: catalog, rows: rows + 1, focusRow: rows)
        }
        let parsed = QuoteForm(form)
        do {
            let base = Currency(try await SettingsService(web.env).current().baseCurrency)
            if let currency = catalog.priceList(parsed.input.priceListId)?.currency ?? base { try parsed.check(currency: currency) }
            try parsed.check(currency: nil)
            return try await save()
        } catch {
            let problem = parsed.placed(try Problem.forForm(error), catalog: catalog)
            return try await render(request, context, target, values: form, problem: problem, catalog: catalog, rows: rows)
        }
    }

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let word = QuoteWord(try await SettingsService(web.env).current())
        let target = try await newTarget(opportunity: request.query("opportunity"), lead: request.query("lead"),
                                         account: request.query("account"), word: word, by: principal)
        let catalog = try await SalesCatalog.load(web.env)
        let start = try await startingValues(opportunity: Opportunity.ID(request.query("opportunity")), target: target, catalog: catalog,
                                             by: principal)
        return try await render(request, context, target, values: start.values, problem: nil, catalog: catalog,
                                rows: max(Self.rows, start.lines + 1))
    }

    /// A new quote starts from its opportunity's product lines and price list; without a price list
    /// of its own it takes the only price list valid today in its currency, when there is exactly one.
    func startingValues(opportunity: Opportunity.ID?, target: QuoteEditorView.Target, catalog: SalesCatalog,
                        by principal: Principal) async throws -> (values: WebForm, lines: Int) {
        var values: [String: String?] = [:]
        var lineCount = 0
        if let opportunity {
            let (listId, lines, _) = try await OpportunityService(web.env).lines(opportunity, by: principal)
            if !lines.isEmpty {
                values.merge(QuoteForm.lineValues(lines, catalog: catalog)) { a, _ in a }
                values["lineCount"] = nil
                lineCount = lines.count
            }
            values["priceListId"] = listId?.string
        }
        if values["priceListId"] ?? nil == nil {
            let settings = try await SettingsService(web.env).current()
            let currency = target.currency ?? Currency(settings.baseCurrency)
            let today = settings.today(web.env.clock.now())
            let valid = catalog.priceLists.filter { $0.currency == currency && $0.isValid(on: today) }
            if valid.count == 1 { values["priceListId"] = valid[0].id.string }
        }
        return (WebForm(values: values), lineCount)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let word = QuoteWord(try await SettingsService(web.env).current())
        let target = try await newTarget(opportunity: form["opportunityId"], lead: form["leadId"], account: form["accountId"], word: word,
                                         by: principal)
        return try await again(request, context, target, form: form, catalog: try await SalesCatalog.load(web.env)) {
            let quote = try await QuoteService(web.env).create(QuoteForm(form).input, by: principal)
            return .redirect("/quotes/\(quote.id)", flash: "\(word.singular) \(quote.number) created.")
        }
    }

    func draft(_ context: AppContext, _ principal: Principal) async throws -> Quote {
        guard let id = context.parameters.get("id").flatMap(Quote.ID.init) else { throw Problem.notFound() }
        let quote = try await QuoteService(web.env).get(id, by: principal)
        guard principal.canChange(quote.ownership) else { throw CoreError.forbidden("Your role cannot change this document.") }
        return quote
    }

    @Sendable func editForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let quote = try await draft(context, principal)
        guard (try? quote.checkDraft()) != nil else {
            return .redirect("/quotes/\(quote.id)", flash: "Not edited: " + (Problem.from(QuoteError.notDraft)?.detail ?? ""), isError: true)
        }
        let word = QuoteWord(try await SettingsService(web.env).current())
        let catalog = try await SalesCatalog.load(web.env)
        return try await render(request, context, editTarget(quote, word: word, version: nil), values: QuoteForm.values(quote, catalog: catalog),
                                problem: nil, catalog: catalog, rows: max(quote.lines.count + 2, Self.rows))
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let quote = try await draft(context, principal)
        let word = QuoteWord(try await SettingsService(web.env).current())
        return try await again(request, context, editTarget(quote, word: word, version: form.optional("version")), form: form,
                               catalog: try await SalesCatalog.load(web.env)) {
            let saved = try await QuoteService(web.env).update(quote.id, QuoteForm(form).input, expectedVersion: Int(form["version"]), by: principal)
            return .redirect("/quotes/\(saved.id)", flash: "Changes saved.")
        }
    }
}
