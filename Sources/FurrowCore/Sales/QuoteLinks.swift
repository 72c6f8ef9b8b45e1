import Foundation
import FurrowDomain

/// A quote's public link (issue 23): made when the quote is first sent, it shows the customer
/// the quote — its newest revision — without a sign-in, and lets them accept or decline it.
public struct QuoteLink: Sendable, Equatable {
    public var token: String
    public var quoteId: Quote.ID
    public var opportunityId: Opportunity.ID
    public var number: String
    public var createdAt: Date
    public var revokedAt: Date?
    public var firstViewedAt: Date?
    public var lastViewedAt: Date?
    public var views: Int

    public init(token: String, quoteId: Quote.ID, opportunityId: Opportunity.ID, number: String, createdAt: Date,
                revokedAt: Date? = nil, firstViewedAt: Date? = nil, lastViewedAt: Date? = nil, views: Int = 0) {
        self.token = token
        self.quoteId = quoteId
        self.opportunityId = opportunityId
        self.number = number
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.firstViewedAt = firstViewedAt
        self.lastViewedAt = lastViewedAt
        self.views = views
    }
}

/// What a customer answered through the link: accepted (with their typed name and, if they drew
/// one, their signature as a PNG) or declined (with their reason), when and from where.
public struct QuoteResponse: Sendable, Equatable {
    public enum Answer: String, Sendable, Codable { case accepted, declined }
    public var quoteId: Quote.ID
    public var answer: Answer
    public var name: String
    public var reason: String?
    public var signature: Data?
    public var address: String
    public var at: Date

    public init(quoteId: Quote.ID, answer: Answer, name: String, reason: String?, signature: Data?, address: String, at: Date) {
        self.quoteId = quoteId
        self.answer = answer
        self.name = name
        self.reason = reason
        self.signature = signature
        self.address = address
        self.at = at
    }
}

public protocol QuoteLinkSession: Sendable {
    func insertQuoteLink(_ link: QuoteLink) async throws
    func quoteLink(token: String) async throws -> QuoteLink?
    /// The link of a quote's number on its opportunity (revisions share one).
    func quoteLink(number: String, opportunity: Opportunity.ID) async throws -> QuoteLink?
    func recordQuoteLinkView(token: String, at: Date) async throws
    func revokeQuoteLink(token: String, at: Date) async throws
    func insertQuoteResponse(_ response: QuoteResponse) async throws
    func quoteResponses(of quote: Quote.ID) async throws -> [QuoteResponse]
}

public struct QuoteLinks: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    /// A signature drawn on the page is at most this many bytes of PNG.
    public static let maxSignature = 200 * 1024

    /// What the customer's page shows: the quote (the newest revision of its number), whether that
    /// revision is still being prepared (a draft: shown read-only, not answerable), and its answers.
    public struct Opened: Sendable {
        public let quote: Quote
        public let link: QuoteLink
        public let beingRevised: Bool
        public let answerable: Bool
        public let responses: [QuoteResponse]
        public let settings: Settings
        public let customer: DocumentCustomer
        public let contact: String?
    }

    /// Makes the link of a sent quote's number, once (called by `send`).
    func ensure(for quote: Quote, in session: any StoreSession) async throws {
        guard try await session.quoteLink(number: quote.number, opportunity: quote.opportunityId) == nil else { return }
        try await session.insertQuoteLink(QuoteLink(token: SecretToken.generate(), quoteId: quote.id, opportunityId: quote.opportunityId,
                                                    number: quote.number, createdAt: env.clock.now()))
    }

    /// The link of a quote the caller sees, with its views; nil before it was sent.
    public func link(of id: Quote.ID, by principal: Principal) async throws -> (QuoteLink, [QuoteResponse])? {
        try await env.store.read { session in
            let quote = try await session.visibleQuote(id, principal)
            guard let link = try await session.quoteLink(number: quote.number, opportunity: quote.opportunityId) else { return nil }
            return (link, try await session.quoteResponses(of: quote.id))
        }
    }

    public func revoke(_ id: Quote.ID, by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in
            let quote = try await transaction.loadChangeable(Quote.self, id)
            guard let link = try await transaction.session.quoteLink(number: quote.number, opportunity: quote.opportunityId), link.revokedAt == nil else {
                throw CoreError.notFound("link")
            }
            try await transaction.session.revokeQuoteLink(token: link.token, at: env.clock.now())
            transaction.audit("quote", quote.id.uuid, "link revoked", [FieldChange(field: "link", old: "active", new: "revoked")])
        }
    }

    /// The customer's view: nil — a 404 with no hint — for an unknown or revoked token, and for a
    /// quote past its validity. `counting` records the view (first and last, how many) and tells the
    /// owner of the first.
    public func open(_ token: String, counting: Bool) async throws -> Opened? {
        guard !token.isEmpty, token.count <= 100 else { return nil }
        let now = env.clock.now()
        let opened: Opened? = try await env.store.read { session in
            guard let link = try await session.quoteLink(token: token), link.revokedAt == nil else { return nil }
            let revisions = try await session.quotes(ofOpportunity: link.opportunityId).filter { $0.number == link.number }
            guard let newest = revisions.max(by: { $0.revision < $1.revision }) else { return nil }
            // a new revision being prepared: the customer still reads the one they were sent
            let shown = newest.status == .draft ? revisions.filter { $0.status != .draft }.max(by: { $0.revision < $1.revision }) ?? newest : newest
            let settings = Settings(try await session.settings())
            let today = settings.today(now)
            let reading = shown.reading(on: today)
            if reading == .expired { return nil }
            let account = try await shown.accountId.asyncMap { try await session.account(id: $0) } ?? nil
            let contact = try await shown.contactId.asyncMap { try await session.contact(id: $0)?.fields.fullName } ?? nil
            return Opened(quote: shown, link: link, beingRevised: newest.status == .draft && newest.id != shown.id,
                          answerable: newest.id == shown.id && (shown.status == .sent || shown.status == .negotiation),
                          responses: try await session.quoteResponses(of: shown.id), settings: settings,
                          customer: account.map(DocumentCustomer.init) ?? DocumentCustomer(name: contact), contact: contact)
        }
        guard let opened, counting else { return opened }
        try await env.store.write { session in
            try await session.recordQuoteLinkView(token: token, at: now)
            if opened.link.firstViewedAt == nil {
                try await session.insertNotification(NotificationRecord(
                    id: env.ids.next(), userId: opened.quote.ownership.ownerId,
                    message: "The customer opened \(opened.settings.quoteWord.lowercased()) \(opened.quote.number) through its link",
                    link: "/quotes/\(opened.quote.id)", createdAt: now))
            }
        }
        return opened
    }

    /// The customer accepts (typing their name, perhaps drawing a signature) or declines (perhaps
    /// saying why): the same accept or reject a user would do, by the quote's owner "via the
    /// customer's link", with the answer kept and the owner told.
    public func answer(_ token: String, accept: Bool, name: String?, reason: String?, signature: Data?, address: String) async throws -> Quote {
        try await throttle(address)
        guard let opened = try await open(token, counting: false) else { throw CoreError.notFound("quote") }
        guard opened.answerable else { throw QuoteError.closed }
        var check = Validator()
        let typed = check.text("name", name, required: accept, maxLength: 100)
        let why = check.text("reason", reason, maxLength: 1000)
        if let signature {
            if signature.count > Self.maxSignature { check.add("signature", "is too large") }
            if !signature.starts(with: [0x89, 0x50, 0x4E, 0x47]) { check.add("signature", "is not a drawn signature") }
        }
        try check.check()
        let quote = opened.quote
        let owner = try await env.store.read { try await $0.user(id: quote.ownership.ownerId) }
        // the owner's own change, whatever their role: the customer answers their quote
        let principal = Principal(userId: quote.ownership.ownerId, role: .admin, teamId: owner?.teamId)
        let word = opened.settings.quoteWord.lowercased()
        let answered = try await AuditTrail.$via.withValue("the customer's link") {
            accept ? try await QuoteService(env).accept(quote.id, by: principal)
                   : try await QuoteService(env).reject(quote.id, reasonId: nil, by: principal)
        }
        let now = env.clock.now()
        try await env.store.write { session in
            try await session.insertQuoteResponse(QuoteResponse(quoteId: quote.id, answer: accept ? .accepted : .declined, name: typed ?? "",
                                                                reason: why, signature: accept ? signature : nil, address: address, at: now))
            let who = typed.map { " (\($0))" } ?? ""
            try await session.insertNotification(NotificationRecord(
                id: env.ids.next(), userId: quote.ownership.ownerId,
                message: "The customer\(who) \(accept ? "accepted" : "declined") \(word) \(quote.number)" + (why.map { ": \($0)" } ?? ""),
                link: "/quotes/\(quote.id)", createdAt: now))
        }
        return answered
    }

    /// Answers sent from one client address, at most this many in the throttle window.
    public static let answersPerAddress = 20

    func throttle(_ address: String) async throws {
        try await AuthService.countAttempt([("quote-answer:" + address, Self.answersPerAddress)], env)
    }

    /// The PDF of what the link shows.
    public func pdf(_ token: String) async throws -> (Quote, Data)? {
        guard let opened = try await open(token, counting: false) else { return nil }
        return try await env.store.read { session in
            (opened.quote, try await QuoteService(env).pdfData(for: opened.quote, settings: opened.settings, in: session))
        }
    }
}
