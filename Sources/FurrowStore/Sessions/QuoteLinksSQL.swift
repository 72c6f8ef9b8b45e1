import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

/// Quotes' public links and the customers' answers (`M0035QuoteLinks`).
extension SQLSession {
    func insertQuoteLink(_ link: QuoteLink) async throws {
        try await run("""
            INSERT INTO quote_links (token, quote_id, opportunity_id, number, created_at, views)
            VALUES (\(bind: link.token), \(bind: link.quoteId.string), \(bind: link.opportunityId.string), \(bind: link.number),
                    \(bind: Timestamp.string(link.createdAt)), 0)
            """)
    }

    func quoteLink(token: String) async throws -> QuoteLink? {
        try await rows("SELECT * FROM quote_links WHERE token = \(bind: token)").first.map(quoteLinkRecord)
    }

    func quoteLink(number: String, opportunity: Opportunity.ID) async throws -> QuoteLink? {
        try await rows("""
            SELECT * FROM quote_links WHERE opportunity_id = \(bind: opportunity.string) AND number = \(bind: number) ORDER BY created_at DESC LIMIT 1
            """).first.map(quoteLinkRecord)
    }

    func recordQuoteLinkView(token: String, at: Date) async throws {
        let time = Timestamp.string(at)
        try await run("""
            UPDATE quote_links SET views = views + 1, last_viewed_at = \(bind: time), first_viewed_at = COALESCE(first_viewed_at, \(bind: time))
            WHERE token = \(bind: token)
            """)
    }

    func revokeQuoteLink(token: String, at: Date) async throws {
        try await run("UPDATE quote_links SET revoked_at = \(bind: Timestamp.string(at)) WHERE token = \(bind: token)")
    }

    func insertQuoteResponse(_ response: QuoteResponse) async throws {
        try await run("""
            INSERT INTO quote_responses (quote_id, answer, name, reason, signature_base64, address, at)
            VALUES (\(bind: response.quoteId.string), \(bind: response.answer.rawValue), \(bind: response.name), \(bind: response.reason),
                    \(bind: response.signature?.base64EncodedString()), \(bind: response.address), \(bind: Timestamp.string(response.at)))
            """)
    }

    func quoteResponses(of quote: Quote.ID) async throws -> [QuoteResponse] {
        try await rows("SELECT * FROM quote_responses WHERE quote_id = \(bind: quote.string) ORDER BY at").map { row in
            QuoteResponse(quoteId: try row.id("quote_id"), answer: try row.status("answer", QuoteResponse.Answer.self), name: try row.string("name"),
                          reason: try row.optional("reason"), signature: try row.optional("signature_base64").flatMap { Data(base64Encoded: $0) },
                          address: try row.string("address"), at: try row.date("at"))
        }
    }

    private func quoteLinkRecord(_ row: any SQLRow) throws -> QuoteLink {
        QuoteLink(token: try row.string("token"), quoteId: try row.id("quote_id"), opportunityId: try row.id("opportunity_id"),
                  number: try row.string("number"), createdAt: try row.date("created_at"),
                  revokedAt: try row.optional("revoked_at").flatMap(Timestamp.date),
                  firstViewedAt: try row.optional("first_viewed_at").flatMap(Timestamp.date),
                  lastViewedAt: try row.optional("last_viewed_at").flatMap(Timestamp.date),
                  views: try row.decode(column: "views", as: Int.self))
    }
}
