import Foundation
import FurrowDomain

/// Use cases of quotes (SPEC §4): numbered drafts priced exactly, an automatic opportunity when
/// none is given, and the lifecycle send → negotiate → accept | reject, with revisions.
public struct QuoteService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public func create(_ input: QuoteInput, by principal: Principal) async throws -> Quote {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        return try await env.transaction(by: principal) { transaction in try await draft(input, in: transaction) }
    }

    /// Makes the quote inside the caller's transaction (also used by contract renewals).
    func draft(_ input: QuoteInput, in transaction: Transaction) async throws -> Quote {
        let session = transaction.session, principal = transaction.principal
        let settings = try await transaction.settings()
        let date = input.date ?? settings.today(env.clock.now())
        try Self.checkDates(date, input.validUntil)
        let list = try await input.priceListId.asyncMap { try await session.priceList(id: $0) } ?? nil
        var accountId = input.accountId, contactId = input.contactId
        let leadId = input.leadId
        let opportunity: Opportunity
        if let opportunityId = input.opportunityId {
            opportunity = try await transaction.load(Opportunity.self, opportunityId)
            try opportunity.checkOpen()
            if let leadId { _ = try await session.visibleLead(leadId, principal) }
            accountId = accountId ?? opportunity.fields.accountId
            contactId = contactId ?? opportunity.fields.contactId
        } else {
            if let leadId {
                let lead = try await session.visibleLead(leadId, principal)
                accountId = accountId ?? lead.qualified?.accountId
                contactId = contactId ?? lead.qualified?.contactId
            } else if accountId == nil {
                throw ValidationError([FieldError("opportunityId", "a quote is for an opportunity, a lead or an account")])
            }
            guard settings.autoCreateOpportunity else {
                throw ValidationError([FieldError("opportunityId", "is required: automatic opportunities are switched off")])
            }
            let currency = input.currency ?? list?.currency ?? Currency(settings.baseCurrency) ?? Currency("EUR")!
            opportunity = try await autoOpportunity(input, currency: currency, accountId: accountId, contactId: contactId, leadId: leadId,
                                                    settings: settings, in: transaction)
        }
        if let accountId, try await session.account(id: accountId).map({ principal.canSee($0.ownership) }) != true {
            throw ValidationError([FieldError("accountId", "is not an account you can see")])
        }
        if let contactId, try await session.contact(id: contactId).map({ principal.canSee($0.ownership) }) != true {
            throw ValidationError([FieldError("contactId", "is not a contact you can see")])
        }
        let currency = opportunity.fields.currency
        if let wanted = input.currency, wanted != currency { throw QuoteError.currencyMismatch }
        let lines = try await session.resolveLines(input.lines, priceListId: input.priceListId, currency: currency, date: date)
        let year = date.year
        let serial = try await session.nextDocumentNumber(kind: "quote", year: year)
        let now = env.clock.now()
        let number = String(format: "Q-%04d-%05d", year, serial)
        let quote = Quote(id: env.newID(), number: number, revision: 1, name: Self.trimmed(input.name) ?? opportunity.fields.name,
                          accountId: accountId, contactId: contactId, opportunityId: opportunity.id, leadId: leadId,
                          priceListId: input.priceListId, currency: currency, date: date, validUntil: input.validUntil,
                          comments: Self.trimmed(input.comments),
                          terms: Self.trimmed(input.terms) ?? Self.trimmed(settings.quoteTerms), lines: lines,
                          ownership: opportunity.ownership, createdAt: now, updatedAt: now)
        try await transaction.create(quote)
        return quote
    }

    public func get(_ id: Quote.ID, by principal: Principal) async throws -> Quote {
        try await env.store.read { session in try await session.visibleQuote(id, principal) }
    }

    public func list(_ query: ListQuery, by principal: Principal) async throws -> [Quote] {
        try await env.store.read { session in try await session.quotes(query, visibleTo: principal) }
    }

    /// Edits a draft: everything but the number, revision and opportunity.
    public func update(_ id: Quote.ID, _ input: QuoteInput, expectedVersion: Int?, by principal: Principal) async throws -> Quote {
        guard let expectedVersion else { throw CoreError.versionRequired }
        return try await env.transaction(by: principal) { transaction in try await transaction.change(Quote.self, id, action: "update",
                                                                                                    expectedVersion: expectedVersion) { quote in
            let session = transaction.session
            try quote.checkDraft()
            let date = input.date ?? quote.date
            try Self.checkDates(date, input.validUntil)
            quote.lines = try await session.resolveLines(input.lines, priceListId: input.priceListId, currency: quote.currency, date: date)
            quote.priceListId = input.priceListId
            quote.date = date
            quote.validUntil = input.validUntil
            quote.name = Self.trimmed(input.name) ?? quote.name
            quote.comments = Self.trimmed(input.comments)
            quote.terms = Self.trimmed(input.terms)
            if let contactId = input.contactId {
                guard try await session.contact(id: contactId).map({ principal.canSee($0.ownership) }) == true else {
                    throw ValidationError([FieldError("contactId", "is not a contact you can see")])
                }
                quote.contactId = contactId
            }
        } }
    }

    static func checkDates(_ date: Day, _ validUntil: Day?) throws {
        var check = Validator()
        if let validUntil, validUntil < date { check.add("validUntil", "must not be before the quote's date") }
        try check.check()
    }

    static func trimmed(_ text: String?) -> String? {
        let value = text?.trimmed() ?? ""
        return value.isEmpty ? nil : value
    }

    /// The opportunity a quote for a lead or an account gets (seed 000 rules 3, 15–16).
    private func autoOpportunity(_ input: QuoteInput, currency: Currency, accountId: Account.ID?, contactId: Contact.ID?, leadId: Lead.ID?,
                                 settings: Settings, in transaction: Transaction) async throws -> Opportunity {
        let session = transaction.session, principal = transaction.principal
        var name = Self.trimmed(input.name) ?? "Quote"
        if settings.useProductShortNames {
            var names: [String] = []
            for line in input.lines {
                if let productId = line.productId, let product = try await session.product(id: productId) {
                    names.append(product.shortName ?? product.name)
                } else if let description = Self.trimmed(line.description) { names.append(description) }
            }
            if !names.isEmpty { name = names.joined(separator: ", ") }
        } else if !settings.opportunityNameFromQuote {
            name = "Opportunity for quote"
        }
        let kind = try await session.kind(id: QuoteService.quoteKindId).flatMap { $0.allowed ? $0 : nil }
        let fields = try OpportunityFields(name: String(name.prefix(200)), accountId: accountId, contactId: contactId, currency: currency).validated()
        let ownership = Ownership(ownerId: principal.userId, teamId: principal.teamId)
        return try await OpportunityService(env).insert(fields, input: OpportunityInput(fields: fields, kindId: kind?.id), ownership: ownership,
                                                        leadId: leadId, in: transaction)
    }

    /// The seeded quote-driven kind (seed 000's New → In Negotiation).
    public static let quoteKindId = OpportunityKind.ID("6b000000-0000-4000-8000-000000000002")!
}

extension StoreSession {
    func visibleQuote(_ id: Quote.ID, _ principal: Principal) async throws -> Quote {
        guard let quote = try await quote(id: id), principal.canSee(quote.ownership) else { throw CoreError.notFound("quote") }
        return quote
    }

    func changeableQuote(_ id: Quote.ID, _ principal: Principal) async throws -> Quote {
        let quote = try await visibleQuote(id, principal)
        guard principal.canChange(quote.ownership) else { throw CoreError.forbidden("your role cannot change records") }
        return quote
    }
}
