import Foundation
import FurrowDomain

/// The quote's transitions and their effects on the opportunity and the catalog (SPEC §4;
/// rules 9–11, 90, 94): applied and audited in the same transaction.
extension QuoteService {
    /// draft → sent. The first quote sent on a quote-driven opportunity in its first stage moves
    /// it to the next stage ("New" → "In Negotiation").
    /// With `email`, the PDF goes to the quote's contact through the outbox, in the same transaction.
    public func send(_ id: Quote.ID, email: Bool = false, by principal: Principal) async throws -> Quote {
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            var quote = try await transaction.loadChangeable(Quote.self, id)
            let before = quote
            quote.status = try quote.status.applying(.send)
            var opportunity = try await transaction.load(Opportunity.self, quote.opportunityId)
            try opportunity.checkOpen()
            try await QuoteLinks(env).ensure(for: quote, in: session)
            if email { try await queueEmail(for: quote, in: transaction) }
            try await transaction.save(&quote, over: before, action: "send")
            guard let kind = try await session.kind(id: opportunity.kindId), kind.id == QuoteService.quoteKindId,
                  opportunity.stageId == kind.firstStage, let nextId = kind.nextStage(after: opportunity.stageId),
                  let next = try await session.stage(id: nextId) else { return quote }
            let stored = opportunity
            let facts = StageFacts(filledFields: opportunity.fields.filledFields, hasStakeholder: true, hasCompetitor: true, hasQuote: true)
            try opportunity.advance(to: next, kind: kind, facts: facts)
            try await transaction.save(&opportunity, over: stored, action: "advance")
            try await OpportunityService(env).enter(next, opportunity: opportunity, from: stored.stageId, secondsInPrevious: 0, in: transaction)
            return quote
        }
    }

    /// Queues the quote's PDF to its contact (rules 34, 89).
    private func queueEmail(for quote: Quote, in transaction: Transaction) async throws {
        let session = transaction.session
        guard let contactId = quote.contactId, let contact = try await session.contact(id: contactId),
              let address = contact.fields.email else {
            throw ValidationError([FieldError("email", "the quote needs a contact with an email address")])
        }
        let settings = try await transaction.settings()
        let pdf = try await pdfData(for: quote, settings: settings, in: session, field: "email")
        let now = env.clock.now()
        let word = settings.quoteWord
        let body = """
            Dear \(contact.fields.fullName),

            please find attached our \(word.lowercased()) \(quote.number) (revision \(quote.revision)): \(quote.name).
            Total: \(Money.grouped(quote.totals.total.decimalString)) \(quote.currency)\(quote.validUntil.map { ", valid until \($0)" } ?? "").
            \(try await link(of: quote, settings: settings, in: session).map { "\nRead it, and accept or decline it, online:\n\($0)\n" } ?? "")

            Kind regards,
            \(settings.companyName)
            """
        try await session.insertEmail(OutboxEmail(id: env.ids.next(), to: address, subject: "\(word) \(quote.number) from \(settings.companyName)",
                                                  body: body, attachmentName: "\(quote.number)-r\(quote.revision).pdf", attachment: pdf,
                                                  nextAttemptAt: now, createdAt: now, relatedEntity: "quote", relatedId: quote.id.uuid))
    }

    /// The address of the customer's link to a quote, once it was sent.
    func link(of quote: Quote, settings: Settings, in session: any StoreSession) async throws -> String? {
        guard let link = try await session.quoteLink(number: quote.number, opportunity: quote.opportunityId), link.revokedAt == nil else { return nil }
        return "\(settings.publicURL)/q/\(link.token)"
    }

    public func negotiate(_ id: Quote.ID, by principal: Principal) async throws -> Quote {
        try await env.transaction(by: principal) { transaction in
            try await transaction.change(Quote.self, id, action: "negotiate") { quote in
                try await checkNotExpired(quote, transaction)
                quote.status = try quote.status.applying(.negotiate)
            }
        }
    }

    /// Accepted: the opportunity is won at the quote's total, other open quotes are rejected, and
    /// serialised items on the lines are sold today (rules 9–10).
    public func accept(_ id: Quote.ID, by principal: Principal) async throws -> Quote {
        try await env.transaction(by: principal) { transaction in
            var quote = try await transaction.loadChangeable(Quote.self, id)
            let before = quote
            try await checkNotExpired(quote, transaction)
            let quotes = try await transaction.session.quotes(ofOpportunity: quote.opportunityId)
            let opportunity = try await transaction.load(Opportunity.self, quote.opportunityId)
            let effects = try quote.accept(openQuotes: quotes.filter(\.status.isOpen).map(\.id), opportunityCurrency: opportunity.fields.currency)
            try await transaction.save(&quote, over: before, action: "accept")
            try await apply(effects, quotes: quotes, opportunity: opportunity, in: transaction)
            return quote
        }
    }

    /// Rejected: the opportunity is lost when no other open quote remains (rule 11).
    public func reject(_ id: Quote.ID, reasonId: Reason.ID?, by principal: Principal) async throws -> Quote {
        try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            var quote = try await transaction.loadChangeable(Quote.self, id)
            let before = quote
            let quotes = try await session.quotes(ofOpportunity: quote.opportunityId)
            let effects = try quote.reject(openQuotes: quotes.filter(\.status.isOpen).map(\.id))
            try await transaction.save(&quote, over: before, action: "reject")
            guard !effects.isEmpty else { return quote }
            let reason: Reason.ID?
            if let reasonId {
                guard let found = try await session.reason(id: reasonId), found.kind == .lost, found.active else {
                    throw ValidationError([FieldError("reasonId", "is not an active reason for losing")])
                }
                reason = found.id
            } else {
                let lost = try await session.reasons(.lost).filter(\.active)
                reason = (lost.first { $0.name == "Quote rejected" } ?? lost.first)?.id
            }
            let opportunity = try await transaction.load(Opportunity.self, quote.opportunityId)
            try await apply(effects, quotes: quotes, opportunity: opportunity, lostReason: reason, in: transaction)
            return quote
        }
    }

    /// Closes this revision and returns a new draft copy with the next revision number — one transaction.
    public func revise(_ id: Quote.ID, by principal: Principal) async throws -> Quote {
        try await env.transaction(by: principal) { transaction in
            var quote = try await transaction.loadChangeable(Quote.self, id)
            try await transaction.load(Opportunity.self, quote.opportunityId).checkOpen()
            let before = quote
            quote.status = try quote.status.applying(.revise)
            try await transaction.save(&quote, over: before, action: "revise")
            let now = env.clock.now()
            var copy = quote
            copy.id = env.newID()
            copy.revision = quote.revision + 1
            copy.status = .draft
            copy.version = 1
            copy.date = try await transaction.today()
            if let validUntil = copy.validUntil, validUntil < copy.date { copy.validUntil = nil }
            copy.createdAt = now
            copy.updatedAt = now
            try await transaction.create(copy)
            return copy
        }
    }

    private func checkNotExpired(_ quote: Quote, _ transaction: Transaction) async throws {
        if quote.reading(on: try await transaction.today()) == .expired { throw QuoteError.expired }
    }

    /// Applies what a verb did to the other records, each saved only over the version read.
    private func apply(_ effects: [QuoteEffect], quotes: [Quote], opportunity: Opportunity, lostReason: Reason.ID? = nil,
                       in transaction: Transaction) async throws {
        let sold = effects.compactMap { if case .sell(let id) = $0 { id } else { nil } }
        let products = try await transaction.session.products(ids: sold).filter(\.serialized)
        let today = products.isEmpty ? nil : try await transaction.today()
        for effect in effects {
            switch effect {
            case .reject(let id):
                guard let sibling = quotes.first(where: { $0.id == id }) else { continue }
                var rejected = sibling
                rejected.status = .rejected
                try await transaction.save(&rejected, over: sibling, action: "reject")
            case .sell(let id):
                guard let product = products.first(where: { $0.id == id }), let today else { continue }
                var sold = product
                sold.markSold(on: today)
                try await transaction.save(&sold, over: product, action: "sell")
            case .win(let revenue):
                try await close(opportunity, won: true, revenue: revenue, reason: nil, in: transaction)
            case .lose:
                try await close(opportunity, won: false, revenue: nil, reason: lostReason, in: transaction)
            }
        }
    }

    private func close(_ opportunity: Opportunity, won: Bool, revenue: Money?, reason: Reason.ID?, in transaction: Transaction) async throws {
        var closed = opportunity
        try closed.close(won: won, actualRevenue: revenue, lostReason: reason, hasOpenQuotes: false, at: env.clock.now())
        try await transaction.save(&closed, over: opportunity, action: "close")
        try await AutomaticTasks.cancel(ofOpportunity: opportunity.id, in: transaction)
    }
}
