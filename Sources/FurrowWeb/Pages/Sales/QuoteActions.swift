import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// A quote's transitions (SPEC §4): send, negotiate, accept, reject (with an optional reason for
/// losing), revise; and, for an accepted one, conversion to a sales order, for a draft, copying
/// the opportunity's product lines. A refusal returns to the quote with the server's reason.
struct QuoteActions {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        for verb in QuoteStatus.Verb.allCases {
            group.post("quotes/:id/\(verb.rawValue)") { request, context in try await act(verb, request, context) }
        }
        group.post("quotes/:id/convert", use: convert)
        group.post("quotes/:id/get-products", use: getProducts)
    }

    func id(_ context: AppContext) throws -> Quote.ID {
        guard let id = context.parameters.get("id").flatMap(Quote.ID.init) else { throw Problem.notFound() }
        return id
    }

    func act(_ verb: QuoteStatus.Verb, _ request: Request, _ context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try id(context)
        _ = try await QuoteService(web.env).get(id, by: principal)
        let word = QuoteWord(try await SettingsService(web.env).current())
        let service = QuoteService(web.env)
        var back = "/quotes/\(id)"
        do {
            switch verb {
            case .send: _ = try await service.send(id, email: form.flag("email"), by: principal)
            case .negotiate: _ = try await service.negotiate(id, by: principal)
            case .accept: _ = try await service.accept(id, by: principal)
            case .reject: _ = try await service.reject(id, reasonId: form.optional("reasonId").flatMap(Reason.ID.init), by: principal)
            case .revise: back = "/quotes/\(try await service.revise(id, by: principal).id)"
            }
        } catch {
            return try Web.refusal(error, back: back, failed: SalesText.failed(verb))
        }
        let emailed = verb == .send && form.flag("email") ? " " + MailNotice.queued(try await SettingsService(web.env).current()) : ""
        return .redirect(back, flash: SalesText.done(verb, word) + emailed)
    }

    @Sendable func convert(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try id(context)
        _ = try await QuoteService(web.env).get(id, by: principal)
        do {
            let order = try await QuoteService(web.env).convert(id, by: principal)
            return .redirect("/quotes/\(id)", flash: "Sales order \(order.number) created.")
        } catch {
            return try Web.refusal(error, back: "/quotes/\(id)", failed: "Not converted:")
        }
    }

    @Sendable func getProducts(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try id(context)
        let quote = try await QuoteService(web.env).get(id, by: principal)
        do {
            let before = quote.lines.count
            let after = try await QuoteService(web.env).getProducts(id, fromOpportunity: quote.opportunityId, by: principal).lines.count
            let added = after - before
            return .redirect("/quotes/\(id)", flash: added == 0 ? "The opportunity has no product lines to copy."
                                                                : "\(added) line\(added == 1 ? "" : "s") copied from the opportunity.")
        } catch {
            return try Web.refusal(error, back: "/quotes/\(id)", failed: "Products not copied:")
        }
    }
}

/// The buttons besides the transitions, of the verbs `legal` holds: convert an accepted quote
/// (until it is converted), copy products into a draft.
enum QuoteExtras {
    static func actions(_ legal: Set<Quote.Verb>) -> [QuoteView.Action] {
        var actions: [QuoteView.Action] = []
        if legal.contains(.convert) { actions.append(QuoteView.Action(verb: "convert", label: "Convert to sales order", primary: true)) }
        if legal.contains(.getProducts) {
            actions.append(QuoteView.Action(verb: "get-products", label: "Get products from the opportunity", primary: false))
        }
        return actions
    }
}
