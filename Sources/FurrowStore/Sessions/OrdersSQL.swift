import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    func insertOrder(_ order: SalesOrder) async throws {
        let totals = order.totals
        try await run("""
            INSERT INTO sales_orders (id, number, status, quote_id, opportunity_id, account_id, contact_id, currency, subtotal_minor, tax_minor,
                                      total_minor, owner_id, team_id, version, created_at, updated_at)
            VALUES (\(bind: order.id.string), \(bind: order.number), \(bind: order.status.rawValue), \(bind: order.quoteId?.string),
                    \(bind: order.opportunityId?.string), \(bind: order.accountId?.string), \(bind: order.contactId?.string),
                    \(bind: order.currency.code), \(bind: totals.subtotal.minorUnits), \(bind: totals.taxTotal.minorUnits),
                    \(bind: totals.total.minorUnits), \(bind: order.ownership.ownerId.string), \(bind: order.ownership.teamId?.string),
                    \(bind: order.version), \(bind: Timestamp.string(order.createdAt)), \(bind: Timestamp.string(order.updatedAt)))
            """)
        try await writeLines(order.lines, of: order.id.uuid)
        try await indexDocument(.order, id: order.id.uuid)
    }

    func order(id: SalesOrder.ID) async throws -> SalesOrder? {
        let rows = try await rows(Self.orderList.named("SELECT * FROM sales_orders WHERE id = \(bind: id.string)"))
        return try Self.orderList.named(try await orderRecords(rows), from: rows, \.names).first
    }

    func order(fromQuote id: Quote.ID) async throws -> SalesOrder? {
        try await orderRecords(try await rows("SELECT * FROM sales_orders WHERE quote_id = \(bind: id.string)")).first
    }

    static let orderList = ListStatement(
        table: "sales_orders",
        fields: .orders,
        columns: ["number": "number", "createdAt": "created_at", "updatedAt": "updated_at", "total": "total_minor", "status": "status",
                  "ownerId": "owner_id", "accountId": "account_id", "opportunityId": "opportunity_id", "quoteId": "quote_id",
                  "currency": "currency"],
        textKind: .opportunity,
        names: [ListStatement.accountName, ListStatement.contactName, ListStatement.ownerName]
    )

    func updateOrderStatus(_ order: SalesOrder, expectedVersion: Int) async throws -> Bool {
        !(try await rows("""
            UPDATE sales_orders SET status = \(bind: order.status.rawValue), version = \(bind: order.version),
                updated_at = \(bind: Timestamp.string(order.updatedAt))
            WHERE id = \(bind: order.id.string) AND version = \(bind: expectedVersion) RETURNING id
            """)).isEmpty
    }

    func orders(_ query: ListQuery, visibleTo principal: Principal) async throws -> [SalesOrder] {
        var extra: [SQLQueryString] = []
        if let text = query.text?.trimmedSpaces().lowercased(), !text.isEmpty {
            extra.append("LOWER(number) LIKE \(bind: "%" + SearchSQL.escapeLike(text) + "%") ESCAPE '\\'")
        }
        let rows = try await rows(Self.orderList.build(query, visibility: visibility(principal), engine: engine, extra: extra))
        return try Self.orderList.named(try await orderRecords(rows), from: rows, \.names)
    }

    func insertTracking(_ event: TrackingEvent) async throws {
        try await run("""
            INSERT INTO order_tracking (id, order_id, status, note, at, actor_id)
            VALUES (\(bind: UUIDText.lowercase(event.id)), \(bind: event.orderId.string), \(bind: event.status.rawValue),
                    \(bind: event.note), \(bind: Timestamp.string(event.at)), \(bind: event.actorId?.string))
            """)
    }

    func tracking(of id: SalesOrder.ID) async throws -> [TrackingEvent] {
        try await rows("SELECT * FROM order_tracking WHERE order_id = \(bind: id.string) ORDER BY seq").map { row in
            TrackingEvent(id: UUIDText.parse(try row.string("id")) ?? UUID(), orderId: id,
                          status: try row.status("status", OrderStatus.self), note: try row.optional("note"),
                          at: try row.date("at"), actorId: try row.optionalID("actor_id"))
        }
    }

    func opportunityLines(of id: Opportunity.ID) async throws -> (PriceList.ID?, [QuoteLine]) {
        let list: PriceList.ID? = try await rows("SELECT price_list_id FROM opportunity_price_lists WHERE opportunity_id = \(bind: id.string)")
            .first?.optionalID("price_list_id")
        return (list, try await readLines(of: id.uuid))
    }

    func replaceOpportunityLines(of id: Opportunity.ID, priceList: PriceList.ID?, lines: [QuoteLine]) async throws {
        try await run("DELETE FROM opportunity_price_lists WHERE opportunity_id = \(bind: id.string)")
        try await run("INSERT INTO opportunity_price_lists VALUES (\(bind: id.string), \(bind: priceList?.string))")
        try await writeLines(lines, of: id.uuid)
    }

    /// Lines of orders, opportunities and invoices, keyed by their document's id; `sources`
    /// holds, per line, the order line an invoice line bills.
    func writeLines(_ lines: [QuoteLine], of document: UUID, sources: [Int?] = []) async throws {
        let id = UUIDText.lowercase(document)
        try await run("DELETE FROM document_lines WHERE document_id = \(bind: id)")
        guard !lines.isEmpty else { return }
        let values = lines.enumerated().map { position, line -> SQLQueryString in
            let source = position < sources.count ? sources[position] : nil
            return """
                (\(bind: id), \(bind: position), \(bind: line.productId?.string), \(bind: line.description),
                 \(bind: line.quantity.value), \(bind: line.unitPrice.value), \(bind: line.discountPercent.value),
                 \(bind: line.taxPercent.value), \(bind: line.taxRateId?.string), \(bind: source))
                """
        }
        try await run("""
            INSERT INTO document_lines (document_id, position, product_id, description, quantity_micros, unit_price_micros,
                discount_percent_micros, tax_percent_micros, tax_rate_id, source_line)
            VALUES \(values.joined(separator: ", "))
            """)
    }

    func readLines(of document: UUID) async throws -> [QuoteLine] {
        try await readSourcedLines(of: document).map(\.line)
    }

    func readSourcedLines(of document: UUID) async throws -> [InvoiceLine] {
        try await readSourcedLines(of: [document])[UUIDText.lowercase(document)] ?? []
    }

    /// The lines of many documents in one statement, keyed by the document's id (lower-case).
    func readSourcedLines(of documents: [UUID]) async throws -> [String: [InvoiceLine]] {
        guard !documents.isEmpty else { return [:] }
        var lines: [String: [InvoiceLine]] = [:]
        for line in try await rows("""
            SELECT * FROM document_lines WHERE document_id IN (\(binds: documents.map(UUIDText.lowercase))) ORDER BY document_id, position
            """) {
            lines[try line.string("document_id"), default: []].append(InvoiceLine(QuoteLine(productId: try line.optionalID("product_id"), description: try line.string("description"),
                                  quantity: Micros(value: try line.decode(column: "quantity_micros", as: Int64.self)),
                                  unitPrice: Micros(value: try line.decode(column: "unit_price_micros", as: Int64.self)),
                                  discountPercent: Micros(value: try line.decode(column: "discount_percent_micros", as: Int64.self)),
                                  taxPercent: Micros(value: try line.decode(column: "tax_percent_micros", as: Int64.self)),
                                  taxRateId: try line.optionalID("tax_rate_id")),
                        orderLine: try line.decode(column: "source_line", as: Int?.self)))
        }
        return lines
    }

    /// Orders with their lines: one statement for the lines of all of them.
    private func orderRecords(_ rows: [any SQLRow]) async throws -> [SalesOrder] {
        let lines = try await readSourcedLines(of: try rows.map { try $0.id("id", SalesOrder.self).uuid })
        return try rows.map { row in
            let id: SalesOrder.ID = try row.id("id")
            return SalesOrder(id: id, number: try row.string("number"), status: try row.status("status", OrderStatus.self),
                              quoteId: try row.optionalID("quote_id"),
                              opportunityId: try row.optionalID("opportunity_id"), accountId: try row.optionalID("account_id"),
                              contactId: try row.optionalID("contact_id"), currency: try row.currency("currency"),
                              lines: (lines[id.string] ?? []).map(\.line), ownership: try row.ownership(), version: try row.int("version"),
                              createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
        }
    }
}
