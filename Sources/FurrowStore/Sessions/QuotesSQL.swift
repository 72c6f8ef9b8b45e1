import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    static let quoteList = ListStatement(
        table: "quotes",
        columns: ["number": "number", "createdAt": "created_at", "updatedAt": "updated_at", "date": "date", "status": "status",
                  "ownerId": "owner_id", "opportunityId": "opportunity_id", "accountId": "account_id", "leadId": "lead_id",
                  "total": "total_minor", "currency": "currency"],
        textKind: .opportunity,
        numeric: ["total"]
    )

    func insertQuote(_ quote: Quote) async throws {
        let totals = quote.totals
        try await run("""
            INSERT INTO quotes (id, number, revision, name, status, opportunity_id, currency, date, subtotal_minor, tax_minor, total_minor,
                                owner_id, version, created_at, updated_at)
            VALUES (\(bind: quote.id.string), \(bind: quote.number), \(bind: quote.revision), '', 'draft', \(bind: quote.opportunityId.string),
                    \(bind: quote.currency.code), \(bind: quote.date), \(bind: totals.subtotal.minorUnits), \(bind: totals.taxTotal.minorUnits),
                    \(bind: totals.total.minorUnits), \(bind: quote.ownership.ownerId.string), \(bind: quote.version),
                    \(bind: Timestamp.string(quote.createdAt)), \(bind: Timestamp.string(quote.updatedAt)))
            """)
        _ = try await updateQuote(quote, expectedVersion: quote.version)
    }

    func updateQuote(_ q: Quote, expectedVersion: Int) async throws -> Bool {
        let totals = q.totals
        let changed = !(try await rows("""
            UPDATE quotes SET name = \(bind: q.name), status = \(bind: q.status.rawValue), account_id = \(bind: q.accountId?.string),
                contact_id = \(bind: q.contactId?.string), lead_id = \(bind: q.leadId?.string), price_list_id = \(bind: q.priceListId?.string),
                date = \(bind: q.date), valid_until = \(bind: q.validUntil), comments = \(bind: q.comments), terms = \(bind: q.terms),
                subtotal_minor = \(bind: totals.subtotal.minorUnits), tax_minor = \(bind: totals.taxTotal.minorUnits),
                total_minor = \(bind: totals.total.minorUnits), owner_id = \(bind: q.ownership.ownerId.string),
                team_id = \(bind: q.ownership.teamId?.string), version = \(bind: q.version), updated_at = \(bind: Timestamp.string(q.updatedAt))
            WHERE id = \(bind: q.id.string) AND version = \(bind: expectedVersion) RETURNING id
            """)).isEmpty
        guard changed else { return false }
        try await indexDocument(.quote, id: q.id.uuid)
        try await run("DELETE FROM quote_lines WHERE quote_id = \(bind: q.id.string)")
        for (position, line) in q.lines.enumerated() {
            let price = line.price(in: q.currency)
            try await run("""
                INSERT INTO quote_lines VALUES (\(bind: q.id.string), \(bind: position), \(bind: line.productId?.string), \(bind: line.description),
                    \(bind: line.quantity.value), \(bind: line.unitPrice.value), \(bind: line.discountPercent.value), \(bind: line.taxPercent.value),
                    \(bind: line.taxRateId?.string), \(bind: price.net.minorUnits), \(bind: price.tax.minorUnits))
                """)
        }
        return true
    }

    func quote(id: Quote.ID) async throws -> Quote? {
        try await quoteRecords(try await rows("SELECT * FROM quotes WHERE id = \(bind: id.string)")).first
    }

    func quotes(_ query: ListQuery, visibleTo principal: Principal) async throws -> [Quote] {
        var extra: [SQLQueryString] = []
        if let text = query.text?.trimmedSpaces().lowercased(), !text.isEmpty {
            let pattern = "%" + SearchSQL.escapeLike(text) + "%"
            extra.append("(LOWER(number) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(name) LIKE \(bind: pattern) ESCAPE '\\')")
        }
        return try await quoteRecords(try await rows(Self.quoteList.build(query, visibility: visibility(principal), engine: engine, extra: extra)))
    }

    func quotes(ofOpportunity id: Opportunity.ID) async throws -> [Quote] {
        try await quoteRecords(try await rows("SELECT * FROM quotes WHERE opportunity_id = \(bind: id.string) ORDER BY number, revision"))
    }

    func openQuoteCount(of id: Opportunity.ID) async throws -> Int {
        try await count("SELECT COUNT(*) AS n FROM quotes WHERE opportunity_id = \(bind: id.string) AND status IN ('draft', 'sent', 'negotiation')")
    }

    func quoteCount(of id: Opportunity.ID) async throws -> Int {
        try await count("SELECT COUNT(*) AS n FROM quotes WHERE opportunity_id = \(bind: id.string)")
    }

    /// Quotes with their lines: one statement for the lines of all of them, whatever their number.
    private func quoteRecords(_ rows: [any SQLRow]) async throws -> [Quote] {
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.string("id") }
        var lines: [String: [QuoteLine]] = [:]
        for line in try await self.rows("SELECT * FROM quote_lines WHERE quote_id IN (\(binds: ids)) ORDER BY quote_id, position") {
            lines[try line.string("quote_id"), default: []].append(
                QuoteLine(productId: try line.optionalID("product_id"), description: try line.string("description"),
                          quantity: Micros(value: try line.decode(column: "quantity_micros", as: Int64.self)),
                          unitPrice: Micros(value: try line.decode(column: "unit_price_micros", as: Int64.self)),
                          discountPercent: Micros(value: try line.decode(column: "discount_percent_micros", as: Int64.self)),
                          taxPercent: Micros(value: try line.decode(column: "tax_percent_micros", as: Int64.self)),
                          taxRateId: try line.optionalID("tax_rate_id")))
        }
        return try rows.map { row in
            let id: Quote.ID = try row.id("id")
            return Quote(id: id, number: try row.string("number"), revision: try row.int("revision"), name: try row.string("name"),
                         status: try row.status("status", QuoteStatus.self), accountId: try row.optionalID("account_id"),
                         contactId: try row.optionalID("contact_id"), opportunityId: try row.id("opportunity_id"), leadId: try row.optionalID("lead_id"),
                         priceListId: try row.optionalID("price_list_id"), currency: try row.currency("currency"),
                         date: try row.string("date"), validUntil: try row.optional("valid_until"), comments: try row.optional("comments"),
                         terms: try row.optional("terms"), lines: lines[id.string] ?? [], ownership: try row.ownership(), version: try row.int("version"),
                         createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
        }
    }
}
