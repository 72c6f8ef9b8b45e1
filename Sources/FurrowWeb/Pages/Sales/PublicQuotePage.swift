import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The customer's page of a quote (`/q/<token>`, issue 23): no sign-in, read-only, the PDF to
/// download, and — while the quote is open — accept (typing one's name, perhaps drawing a
/// signature) or decline (perhaps saying why). The forms carry the sign-in pages' double-submit
/// token; the pages are not to be indexed and keep the token out of referrers.
struct PublicQuotePage {
    let web: Web
    var signIn: SignInPages { SignInPages(web: web) }

    func add(to group: RouterGroup<AppContext>) {
        group.get("q/:token", use: show)
        group.get("q/:token/pdf", use: pdf)
        group.post("q/:token/accept", use: accept)
        group.post("q/:token/decline", use: decline)
    }

    struct Line { let description: String, quantity: String, unitPrice: String, net: String }
    struct Answer { let text: String }
    struct Model {
        /// The company's logo as a data address (the page is public: no session serves it).
        let logo: String?
        let company: String
        let title: String
        let subtitle: String
        let customer: String
        let address: [String]
        let vat: String?
        let contact: String?
        let date: String
        let validUntil: String?
        let lines: [Line]
        let subtotal: String, tax: String, total: String
        let comments: String?
        let terms: String?
        let pdf: String
        let answerable: Bool
        let beingRevised: Bool
        let answers: [Answer]
        let hasAnswers: Bool
        let acceptAction: String, declineAction: String
        let message: String?
        let nameError: String?
        let name: String
        let csrf: String
    }

    func token(_ context: AppContext) -> String { context.parameters.get("token") ?? "" }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        guard let opened = try await QuoteLinks(web.env).open(token(context), counting: true) else { throw Problem.notFound() }
        return try await page(request, context, opened, message: nil, nameError: nil, name: "")
    }

    @Sendable func pdf(_ request: Request, context: AppContext) async throws -> Response {
        guard let (quote, data) = try await QuoteLinks(web.env).pdf(token(context)) else { throw Problem.notFound() }
        var response = FileDownload.response(data, name: "\(quote.number)-r\(quote.revision).pdf", contentType: "application/pdf")
        Self.private(&response)
        return response
    }

    @Sendable func accept(_ request: Request, context: AppContext) async throws -> Response {
        try await answer(request, context, accept: true)
    }

    @Sendable func decline(_ request: Request, context: AppContext) async throws -> Response {
        try await answer(request, context, accept: false)
    }

    func answer(_ request: Request, _ context: AppContext, accept: Bool) async throws -> Response {
        let token = token(context)
        let form = try await WebForm(request, context: context)
        guard let opened = try await QuoteLinks(web.env).open(token, counting: false) else { throw Problem.notFound() }
        guard signIn.checkFormToken(form, request) else {
            return try await page(request, context, opened, message: "The page was open too long. Please answer again.", nameError: nil, name: form["name"])
        }
        let signature = Self.signature(form["signature"])
        do {
            _ = try await QuoteLinks(web.env).answer(token, accept: accept, name: form.optional("name"), reason: form.optional("reason"),
                                                     signature: signature, address: context.remoteAddress)
        } catch let error as ValidationError {
            let nameError = error.errors.first { $0.field == "name" }.map { _ in "Type your name to accept." }
            let other = error.errors.filter { $0.field != "name" }.map(\.message).joined(separator: "; ")
            return try await page(request, context, opened, message: other.isEmpty ? nil : other, nameError: nameError, name: form["name"])
        }
        var response = Response.redirect("/q/\(token)", flash: accept ? "Thank you: you accepted this \(opened.settings.quoteWord.lowercased()). We will be in touch."
                                                                    : "You declined this \(opened.settings.quoteWord.lowercased()). Thank you for letting us know.")
        Self.private(&response)
        return response
    }

    /// A signature drawn on the page arrives as a PNG data URL; anything else is no signature.
    static func signature(_ text: String) -> Data? {
        let prefix = "data:image/png;base64,"
        guard text.hasPrefix(prefix) else { return nil }
        return Data(base64Encoded: String(text.dropFirst(prefix.count)))
    }

    static func `private`(_ response: inout Response) {
        response.headers[HeaderName("X-Robots-Tag")!] = "noindex, nofollow"
        response.headers[HeaderName("Referrer-Policy")!] = "no-referrer"
        response.headers[.cacheControl] = "private, no-store"
    }

    func page(_ request: Request, _ context: AppContext, _ opened: QuoteLinks.Opened, message: String?, nameError: String?, name: String) async throws -> Response {
        let quote = opened.quote, settings = opened.settings
        let clock = LocalClock(TimeZone(identifier: settings.timeZone) ?? TimeZone(identifier: "UTC")!)
        let formToken = SecretToken.generate()
        let answers = opened.responses.map { response in
            Answer(text: response.answer == .accepted
                   ? "Accepted by \(response.name) on \(clock.stamp(response.at))."
                   : "Declined on \(clock.stamp(response.at))" + (response.reason.map { ": \($0)" } ?? "."))
        }
        let totals = quote.totals
        let logo = try await DocumentLogo(web.env).get()
        let model = Model(
            logo: logo?.dataAddress,
            company: settings.companyName, title: "\(settings.quoteWord) \(quote.number)",
            subtitle: "Revision \(quote.revision) · \(SalesText.status(quote.reading(on: settings.today(web.env.clock.now()))))",
            customer: opened.customer.name ?? "", address: opened.customer.address, vat: opened.customer.vatNumber, contact: opened.contact,
            date: quote.date.description, validUntil: quote.validUntil?.description,
            lines: quote.lines.map { line in
                Line(description: line.description, quantity: NumberStyle.commaDot.format(line.quantity.decimalString),
                     unitPrice: Money.grouped(line.unitPrice.decimalString), net: Money.grouped(line.price(in: quote.currency).net.decimalString))
            },
            subtotal: MoneyText.format(totals.subtotal), tax: MoneyText.format(totals.taxTotal), total: MoneyText.format(totals.total),
            comments: quote.comments?.nonEmpty, terms: quote.terms?.nonEmpty, pdf: "/q/\(opened.link.token)/pdf",
            answerable: opened.answerable, beingRevised: opened.beingRevised, answers: answers, hasAnswers: !answers.isEmpty,
            acceptAction: "/q/\(opened.link.token)/accept", declineAction: "/q/\(opened.link.token)/decline",
            message: message, nameError: nameError, name: name, csrf: formToken)
        var response = try await web.page("public-quote", model.title, model, request, context,
                                          status: message != nil || nameError != nil ? .unprocessableContent : .ok, csrf: formToken)
        response.setCookie(Cookie(name: SignInPages.formCookie, value: formToken, maxAge: 3600, path: "/", secure: request.overTLS,
                                  httpOnly: true, sameSite: .strict))
        Self.private(&response)
        return response
    }
}
