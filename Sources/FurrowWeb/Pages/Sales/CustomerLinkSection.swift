import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The "Customer link" section of a quote's page (`customer-link.mustache`): the address to send,
/// a WhatsApp share (logged on the quote as an activity), when the customer opened it, their
/// answers (with a drawn signature), and revoking it.
struct CustomerLinkSection {
    struct Answer { let text: String, signature: String? }
    let url: String
    let views: String
    let answers: [Answer]
    let hasAnswers: Bool
    let canShare: Bool
    /// WhatsApp with the message and the link, to the contact's mobile when it has a country code.
    let whatsApp: String
    let shareAction: String
    let revokeAction: String
    let revoked: Bool

    static func load(_ env: CoreEnvironment, _ quote: Quote, shell: Shell, by principal: Principal) async throws -> CustomerLinkSection? {
        guard let (link, responses) = try await QuoteLinks(env).link(of: quote.id, by: principal) else { return nil }
        let settings = try await SettingsService(env).current()
        let views: String
        if let first = link.firstViewedAt, let last = link.lastViewedAt {
            views = "Opened \(link.views) time\(link.views == 1 ? "" : "s"): first \(shell.format(first)), last \(shell.format(last))."
        } else {
            views = "Not opened yet."
        }
        let answers = responses.map { response in
            Answer(text: response.answer == .accepted
                   ? "Accepted by \(response.name) on \(shell.format(response.at)) from \(response.address)."
                   : "Declined on \(shell.format(response.at)) from \(response.address)" + (response.reason.map { ": “\($0)”" } ?? "."),
                   signature: response.signature.map { "data:image/png;base64," + $0.base64EncodedString() })
        }
        let url = "\(settings.publicURL)/q/\(link.token)"
        let contact = try await quote.contactId.asyncMap { try? await ContactService(env).get($0, by: principal) } ?? nil
        let text = "\(settings.quoteWord) \(quote.number) from \(settings.companyName): \(quote.name). Read it, and accept or decline it, here: \(url)"
        let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
        let number = CustomerLinkActions.whatsAppNumber(contact?.fields.mobile ?? contact?.fields.phone)
        return CustomerLinkSection(url: url, views: views, answers: answers, hasAnswers: !answers.isEmpty,
                                   canShare: principal.canChange(quote.ownership) && link.revokedAt == nil,
                                   whatsApp: "https://wa.me/\(number ?? "")?text=\(encoded)",
                                   shareAction: "/quotes/\(quote.id)/share-whatsapp", revokeAction: "/quotes/\(quote.id)/link/revoke",
                                   revoked: link.revokedAt != nil)
    }
}

/// Logging a WhatsApp share of a quote's link on the quote (the page's button opens `wa.me` and
/// tells the server), and revoking the link.
struct CustomerLinkActions {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.post("quotes/:id/share-whatsapp", use: share)
        group.post("quotes/:id/link/revoke", use: revoke)
    }

    /// `+44 7700 900123` → `447700900123`; nil without a country code (WhatsApp then asks whom to send it to).
    static func whatsAppNumber(_ phone: String?) -> String? {
        guard let phone, phone.trimmingCharacters(in: .whitespaces).hasPrefix("+") || phone.hasPrefix("00") else { return nil }
        let digits = String(phone.filter(\.isNumber))
        let number = phone.hasPrefix("00") ? String(digits.dropFirst(2)) : digits
        return (8...15).contains(number.count) ? number : nil
    }

    @Sendable func share(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        guard let id = context.parameters.get("id").flatMap(Quote.ID.init) else { throw Problem.notFound() }
        let quote = try await QuoteService(web.env).get(id, by: principal)
        guard let (link, _) = try await QuoteLinks(web.env).link(of: id, by: principal), link.revokedAt == nil else { throw Problem.notFound() }
        let settings = try await SettingsService(web.env).current()
        let contact = try await quote.contactId.asyncMap { try? await ContactService(web.env).get($0, by: principal) } ?? nil
        _ = try await ActivityService(web.env).create(
            .init(kind: .email, subject: "Shared \(settings.quoteWord.lowercased()) \(quote.number) on WhatsApp",
                  regarding: Regarding(.quote, id.uuid), dueAt: web.env.clock.now()),
            completedWith: "The link went to \(contact?.fields.fullName ?? "the customer") on WhatsApp", by: principal)
        return Response(status: .noContent)
    }

    @Sendable func revoke(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        guard let id = context.parameters.get("id").flatMap(Quote.ID.init) else { throw Problem.notFound() }
        try await QuoteLinks(web.env).revoke(id, by: principal)
        return .redirect("/quotes/\(id)#customer-link", flash: "The customer's link no longer works.")
    }
}
