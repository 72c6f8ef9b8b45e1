import Foundation
import FurrowDomain

/// The quote's transitions and their effects on the opportunity and the catalog (SPEC §4;
/// rules 9–11, 90, 94): applied and audited in the same transaction.
extension QuoteService {
    /// draft → sent. The first quote sent on a quote-driven opportunity in its first stage moves
    /// it to the next stage ("New" → "In Negotiation").
    /// With `email`, the PDF goes to the quote's contact through the outbox, in the same transaction.
    public func send(_ id: Quote.ID, email: Bool = false, by principal: Principal) async throws -> Quote {
        try await change(id, action: "send", by: principal) { quote, session in
            quote.status = try quote.status.applying(.send)
            var opportunity = try await session.visibleOpportunity(quote.opportunityId, principal)
            try opportunity.checkOpen()
            if email { try await queueEmail(for: quote, in: session) }
            guard let kind = try await session.kind(id: opportunity.kindId), kind.id == QuoteService.quoteKindId,
                  opportunity.stageId == kind.firstStage, let nextId = kind.nextStage(after: opportunity.stageId),
                  let next = try await session.stage(id: nextId) else { return }
            let before = opportunity.auditValues, from = opportunity.stageId
            let facts = StageFacts(filledFields: opportunity.fields.filledFields, hasStakeholder: true, hasCompetitor: true, hasQuote: true)
            try opportunity.advance(to: next, kind: kind, facts: facts)
            try await OpportunityService(env).save(&opportunity, expectedVersion: opportunity.version, in: session)
            try await session.audit(env, entity: "opportunity", id: opportunity.id.uuid, action: "advance", actor: principal.userId,
                                    changes: AuditDiff.changes(from: before, to: opportunity.auditValues))
            try await OpportunityService(env).enter(next, opportunity: opportunity, from: from, secondsInPrevious: 0, in: session, by: principal)
        }
    }

    /// Queues the quote's PDF to its contact (rules 34, 89).
    private func queueEmail(for quote: Quote, in session: any StoreSession) async throws {
        guard let contactId = quote.contactId, let contact = try await session.contact(id: contactId),
              let address = contact.fields.email else {
            throw ValidationError([FieldError("email", "the quote needs a contact with an email address")])
        }
        guard let renderer = env.documentRenderer else { throw ValidationError([FieldError("email", "documents are not available")]) }
        let settings = Settings(try await session.settings())
        let customer = try await quote.accountId.asyncMap { try await session.account(id: $0)?.fields.name } ?? nil
        let now = env.clock.now()
        let pdf = try renderer.pdf(quote, settings: settings, customer: customer ?? contact.fields.fullName,
                                   contact: contact.fields.fullName, today: settings.today(now))
        let word = settings.quoteWord
        let body = """
            Dear \(contact.fields.fullName),

            please find attached our \(word.lowercased()) \(quote.number) (revision \(quote.revision)): \(quote.name).
            Total: \(quote.totals.total.decimalString) \(quote.currency)\(quote.validUntil.map { ", valid until \($0)" } ?? "").

            Kind regards,
            \(settings.companyName)
            """
        try await session.insertEmail(OutboxEmail(id: env.ids.next(), to: address, subject: "\(word) \(quote.number) from \(settings.companyName)",
                                                  body: body, attachmentName: "\(quote.number)-r\(quote.revision).pdf", attachment: pdf,
                                                  nextAttemptAt: now, createdAt: now, relatedEntity: "quote", relatedId: quote.id.uuid))
    }

    public func negotiate(_ id: Quote.ID, by principal: Principal) async throws -> Quote {
        try await change(id, action: "negotiate", by: principal) { quote, session in
            try await checkNotExpired(quote, session)
            quote.status = try quote.status.applying(.negotiate)
        }
    }

    /// Accepted: the opportunity is won at the quote's total, other open quotes are rejected, and
    /// serialised items on the lines are sold today (rules 9–10).
    public func accept(_ id: Quote.ID, by principal: Principal) async throws -> Quote {
        try await change(id, action: "accept", by: principal) { quote, session in
            try await checkNotExpired(quote, session)
            quote.status = try quote.status.applying(.accept)
            let today = Settings(try await session.settings()).today(env.clock.now())
            for sibling in try await session.quotes(ofOpportunity: quote.opportunityId) where sibling.id != quote.id && sibling.status.isOpen {
                try await close(sibling, to: .rejected, in: session, by: principal)
            }
            for line in quote.lines {
                guard let productId = line.productId, var product = try await session.product(id: productId), product.serialized else { continue }
                let before = product.auditValues, version = product.version
                product.markSold(on: today)
                product.version += 1
                _ = try await session.updateProduct(product, expectedVersion: version)
                try await session.audit(env, entity: "product", id: productId.uuid, action: "sell", actor: principal.userId,
                                        changes: AuditDiff.changes(from: before, to: product.auditValues))
            }
            try await closeOpportunity(quote, won: true, reason: nil, in: session, by: principal)
        }
    }

    /// Rejected: the opportunity is lost when no other open quote remains (rule 11).
    public func reject(_ id: Quote.ID, reasonId: Reason.ID?, by principal: Principal) async throws -> Quote {
        try await change(id, action: "reject", by: principal) { quote, session in
            quote.status = try quote.status.applying(.reject)
            let others = try await session.quotes(ofOpportunity: quote.opportunityId).filter { $0.id != quote.id && $0.status.isOpen }
            guard others.isEmpty else { return }
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
            try await closeOpportunity(quote, won: false, reason: reason, in: session, by: principal)
        }
    }

    /// Closes this revision and returns a new draft copy with the next revision number — one transaction.
    public func revise(_ id: Quote.ID, by principal: Principal) async throws -> Quote {
        try await env.store.write { session in
            var quote = try await session.changeableQuote(id, principal)
            try await session.visibleOpportunity(quote.opportunityId, principal).checkOpen()
            let before = quote.auditValues, version = quote.version
            quote.status = try quote.status.applying(.revise)
            let now = env.clock.now()
            quote.version = version + 1
            quote.updatedAt = now
            guard try await session.updateQuote(quote, expectedVersion: version) else { throw CoreError.versionConflict(current: version + 1) }
            try await session.audit(env, entity: "quote", id: id.uuid, action: "revise", actor: principal.userId,
                                    changes: AuditDiff.changes(from: before, to: quote.auditValues))
            var copy = quote
            copy.id = env.newID()
            copy.revision = quote.revision + 1
            copy.status = .draft
            copy.version = 1
            copy.date = Settings(try await session.settings()).today(now)
            if let validUntil = copy.validUntil, validUntil < copy.date { copy.validUntil = nil }
            copy.createdAt = now
            copy.updatedAt = now
            try await session.insertQuote(copy)
            try await session.audit(env, entity: "quote", id: copy.id.uuid, action: "create", actor: principal.userId,
                                    changes: AuditDiff.changes(from: [:], to: copy.auditValues))
            return copy
        }
    }

    private func checkNotExpired(_ quote: Quote, _ session: any StoreSession) async throws {
        let today = Settings(try await session.settings()).today(env.clock.now())
        if quote.status.reading(validUntil: quote.validUntil, on: today) == "expired" { throw QuoteError.expired }
    }

    private func close(_ quote: Quote, to status: QuoteStatus, in session: any StoreSession, by principal: Principal) async throws {
        var closed = quote
        let before = quote.auditValues
        closed.status = status
        closed.version += 1
        closed.updatedAt = env.clock.now()
        _ = try await session.updateQuote(closed, expectedVersion: quote.version)
        try await session.audit(env, entity: "quote", id: quote.id.uuid, action: "reject", actor: principal.userId,
                                changes: AuditDiff.changes(from: before, to: closed.auditValues))
    }

    private func closeOpportunity(_ quote: Quote, won: Bool, reason: Reason.ID?, in session: any StoreSession, by principal: Principal) async throws {
        var opportunity = try await session.visibleOpportunity(quote.opportunityId, principal)
        let before = opportunity.auditValues
        // revenue is net of tax: the quote's subtotal after its discounts
        let revenue = won && quote.currency == opportunity.fields.currency ? quote.totals.subtotal : nil
        try opportunity.close(won: won, actualRevenue: revenue, lostReason: reason, hasOpenQuotes: false, at: env.clock.now())
        try await OpportunityService(env).save(&opportunity, expectedVersion: opportunity.version, in: session)
        try await session.audit(env, entity: "opportunity", id: opportunity.id.uuid, action: "close", actor: principal.userId,
                                changes: AuditDiff.changes(from: before, to: opportunity.auditValues))
        try await AutomaticTasks.cancel(ofOpportunity: opportunity.id, env, in: session, by: principal.userId)
    }
}
