import Foundation
import FurrowDomain

/// The printable quote (SPEC §4; rules 34, 89), assembled once for the API, the pages and the
/// email: the company's settings, the customer (the account, else the contact), the contact and
/// today's date, which the document needs to say whether the quote has expired.
extension QuoteService {
    /// The quote, if the caller may see it, and its PDF.
    public func pdf(_ id: Quote.ID, by principal: Principal) async throws -> (Quote, Data) {
        try await env.store.read { session in
            let quote = try await session.visibleQuote(id, principal)
            return (quote, try await pdfData(for: quote, settings: Settings(try await session.settings()), in: session))
        }
    }

    func pdfData(for quote: Quote, settings: Settings, in session: any StoreSession, field: String = "pdf") async throws -> Data {
        guard let renderer = env.documentRenderer else { throw ValidationError([FieldError(field, "documents are not available")]) }
        var settings = settings
        settings.logo = try await DocumentLogo.load(session)
        let account = try await quote.accountId.asyncMap { try await session.account(id: $0) } ?? nil
        let contact = try await quote.contactId.asyncMap { try await session.contact(id: $0)?.fields.fullName } ?? nil
        return try renderer.pdf(quote, settings: settings, customer: account.map(DocumentCustomer.init) ?? DocumentCustomer(name: contact),
                                contact: contact, today: settings.today(env.clock.now()))
    }
}
