import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    static let quoteList = ListStatement(
        table: "quotes",
        fields: .quotes,
        columns: ["number": "number", "createdAt": "created_at", "updatedAt": "updated_at", "date": "date", "status": "status",
                  "ownerId": "owner_id", "opportunityId": "opportunity_id", "accountId": "account_id", "leadId": "lead_id",
                  "total": "total_minor", "currency": "currency"],
        textKind: .opportunity,
        names: [ListStatement.accountName, ListStatement.contactName, ListStatement.opportunityName, ListStatement.ownerName]
    )

    func insertQuote(_ q: Quote) async throws {
        let totals = q.totals
        try await run("""
            INSERT INTO quotes (id, number, revision, name, status, opportunity_id, account_id, contact_id, lead_id, price_list_id, currency,
                                date, valid_until, comments, terms, subtotal_minor, tax_minor, total_minor, owner_id, team_id,
                                version, created_at, updated_at)
            VALUES (\(bind: q.id.string), \(bind: q.number), \(bind: q.revision), \(bind: q.name), \(bind: q.status.rawValue),
                    \(bind: q.opportunityId.string), \(bind: q.accountId?.string), \(bind: q.contactId?.string), \(bind: q.leadId?.string),
                    \(bind: q.priceListId?.string), \(bind: q.currency.code), \(bind: q.date.description), \(bind: q.validUntil?.description), \(bind: q.comments),
                    \(bind: q.terms), \(bind: totals.subtotal.minorUnits), \(bind: totals.taxTotal.minorUnits), \(bind: totals.total.minorUnits),
                    \(bind: q.ownership.ownerId.string), \(bind: q.ownership.teamId?.string), \(bind: q.version),
                    \(bind: Timestamp.string(q.createdAt)), \(bind: Timestamp.string(q.updatedAt)))
            """)
        try await insertQuoteLines(q)
        try await indexDocument(.quote, id: q.id.uuid)
    }

    /// Saves the header; the lines only when they changed, and the search entry only when what it
    /// shows changed — accepting a quote is one UPDATE.
    func updateQuote(_ q: Quote, over before: Quote) async throws -> Bool {
        let totals = q.totals
        let changed = !(try await rows("""
            UPDATE quotes SET name = \(bind: q.name), status = \(bind: q.status.rawValue), account_id = \(bind: q.accountId?.string),
                contact_id = \(bind: q.contactId?.string), lead_id = \(bind: q.leadId?.string), price_list_id = \(bind: q.priceListId?.string),
                date = \(bind: q.date.description), valid_until = \(bind: q.validUntil?.description), comments = \(bind: q.comments), terms = \(bind: q.terms),
                subtotal_minor = \(bind: totals.subtotal.minorUnits), tax_minor = \(bind: totals.taxTotal.minorUnits),
                total_minor = \(bind: totals.total.minorUnits), owner_id = \(bind: q.ownership.ownerId.string),
                team_id = \(bind: q.ownership.teamId?.string), version = \(bind: q.version), updated_at = \(bind: Timestamp.string(q.updatedAt))
            WHERE id = \(bind: q.id.string) AND version = \(bind: before.version) RETURNING id
            """)).isEmpty
        guard changed else { return false }
        if q.name != before.name || q.accountId != before.accountId || q.ownership != before.ownership {
            try await indexDocument(.quote, id: q.id.uuid)
        }
        if q.lines != before.lines {
            try await run("DELETE FROM quote_lines WHERE quote_id = \(bind: q.id.string)")
            try await insertQuoteLines(q)
        }
        return true
    }

    /// All lines of a quote in one statement.
    private func insertQuoteLines(_ q: Quote) async throws {
        guard !q.lines.isEmpty else { return }
        let values = q.lines.enumerated().map { position, line -> SQLQueryString in
            let price = line.price(in: q.currency)
            return """
                (\(bind: q.id.string), \(bind: position), \(bind: line.productId?.string), \(bind: line.description),
                 \(bind: line.quantity.value), \(bind: line.unitPrice.value), \(bind: line.discountPercent.value), \(bind: line.taxPercent.value),
                 \(bind: line.taxRateId?.string), \(bind: price.net.minorUnits), \(bind: price.tax.minorUnits))
                """
        }
        try await run("INSERT INTO quote_lines VALUES \(values.joined(separator: ", "))")
    }

    func quote(id: Quote.ID) async throws -> Quote? {
        let rows = try await rows(Self.quoteList.named("SELECT * FROM quotes WHERE id = \(bind: id.string)"))
        return try Self.quoteList.named(try await quoteRecords(rows), from: rows, \.names).first
    }

    func quotes(_ query: ListQuery, visibleTo principal: Principal) async throws -> [Quote] {
        var extra: [SQLQueryString] = []
        if let text = query.text?.trimmedSpaces().lowercased(), !text.isEmpty {
            let pattern = "%" + SearchSQL.escapeLike(text) + "%"
            extra.append("(LOWER(number) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(name) LIKE \(bind: pattern) ESCAPE '\\')")
        }
        let rows = try await rows(Self.quoteList.build(query, visibility: visibility(principal), engine: engine, extra: extra))
        return try Self.quoteList.named(try await quoteRecords(rows), from: rows, \.names)
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
                         date: try row.day("date"), validUntil: try row.optionalDay("valid_until"), comments: try row.optional("comments"),
                         terms: try row.optional("terms"), lines: lines[id.string] ?? [], ownership: try row.ownership(), version: try row.int("version"),
                         createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
        }
    }
}
