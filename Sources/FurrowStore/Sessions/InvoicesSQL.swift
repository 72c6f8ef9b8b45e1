import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    func paymentTerms() async throws -> [PaymentTerm] {
        try await rows("SELECT * FROM payment_terms ORDER BY days, name").map(termRecord)
    }

    func paymentTerm(id: PaymentTerm.ID) async throws -> PaymentTerm? {
        try await rows("SELECT * FROM payment_terms WHERE id = \(bind: id.string)").first.map(termRecord)
    }

    func insertPaymentTerm(_ term: PaymentTerm) async throws {
        try await run("INSERT INTO payment_terms VALUES (\(bind: term.id.string), \(bind: term.name), \(bind: term.days), \(bind: term.active))")
    }

    private func termRecord(_ row: any SQLRow) throws -> PaymentTerm {
        PaymentTerm(id: try row.id("id"), name: try row.string("name"), days: try row.int("days"), active: try row.decode(column: "active", as: Bool.self))
    }

    func insertInvoice(_ invoice: Invoice) async throws {
        let totals = invoice.totals
        try await run("""
            INSERT INTO invoices (id, kind, number, status, order_id, account_id, contact_id, opportunity_id, related_invoice_id, currency,
                payment_term_id, issue_date, due_date, cancelled_on, subtotal_minor, tax_minor, total_minor, paid_minor, notes,
                owner_id, team_id, version, created_at, updated_at)
            VALUES (\(bind: invoice.id.string), \(bind: invoice.kind.rawValue), \(bind: invoice.number), \(bind: invoice.status.rawValue),
                \(bind: invoice.orderId?.string), \(bind: invoice.accountId.string), \(bind: invoice.contactId?.string),
                \(bind: invoice.opportunityId?.string), \(bind: invoice.relatedInvoiceId?.string), \(bind: invoice.currency.code),
                \(bind: invoice.paymentTermId?.string), \(bind: invoice.issueDate?.description), \(bind: invoice.dueDate?.description),
                \(bind: invoice.cancelledOn?.description), \(bind: totals.subtotal.minorUnits), \(bind: totals.taxTotal.minorUnits),
                \(bind: totals.total.minorUnits), \(bind: invoice.amountPaid.minorUnits), \(bind: invoice.notes),
                \(bind: invoice.ownership.ownerId.string), \(bind: invoice.ownership.teamId?.string), \(bind: invoice.version),
                \(bind: Timestamp.string(invoice.createdAt)), \(bind: Timestamp.string(invoice.updatedAt)))
            """)
        try await writeLines(invoice.lines.map(\.line), of: invoice.id.uuid, sources: invoice.lines.map(\.orderLine))
        try await indexDocument(.invoice, id: invoice.id.uuid)
    }

    func updateInvoice(_ invoice: Invoice, over before: Invoice) async throws -> Bool {
        let totals = invoice.totals
        let saved = !(try await rows("""
            UPDATE invoices SET number = \(bind: invoice.number), status = \(bind: invoice.status.rawValue),
                contact_id = \(bind: invoice.contactId?.string), related_invoice_id = \(bind: invoice.relatedInvoiceId?.string),
                payment_term_id = \(bind: invoice.paymentTermId?.string), issue_date = \(bind: invoice.issueDate?.description),
                due_date = \(bind: invoice.dueDate?.description), cancelled_on = \(bind: invoice.cancelledOn?.description),
                subtotal_minor = \(bind: totals.subtotal.minorUnits), tax_minor = \(bind: totals.taxTotal.minorUnits),
                total_minor = \(bind: totals.total.minorUnits), paid_minor = \(bind: invoice.amountPaid.minorUnits), notes = \(bind: invoice.notes),
                version = \(bind: invoice.version), updated_at = \(bind: Timestamp.string(invoice.updatedAt))
            WHERE id = \(bind: invoice.id.string) AND version = \(bind: before.version) RETURNING id
            """)).isEmpty
        guard saved else { return false }
        if invoice.number != before.number || invoice.kind != before.kind || invoice.ownership != before.ownership {
            try await indexDocument(.invoice, id: invoice.id.uuid)
        }
        if invoice.status == .draft && invoice.lines != before.lines {
            try await writeLines(invoice.lines.map(\.line), of: invoice.id.uuid, sources: invoice.lines.map(\.orderLine))
        }
        return true
    }

    func deleteInvoice(_ id: Invoice.ID) async throws {
        try await run("DELETE FROM document_lines WHERE document_id = \(bind: id.string)")
        try await run("DELETE FROM invoices WHERE id = \(bind: id.string) AND status = 'draft'")
        try await run("DELETE FROM search_entries WHERE id = \(bind: id.string) AND NOT EXISTS (SELECT 1 FROM invoices WHERE id = \(bind: id.string))")
    }

    func invoice(id: Invoice.ID, locked: Bool) async throws -> Invoice? {
        // A locked read is a write's: it needs no names, and PostgreSQL locks only a plain SELECT's rows.
        if locked && engine == .postgres {
            return try await invoiceRecords(try await rows("SELECT * FROM invoices WHERE id = \(bind: id.string) FOR UPDATE")).first
        }
        let rows = try await rows(Self.invoiceList.named("SELECT * FROM invoices WHERE id = \(bind: id.string)"))
        return try Self.invoiceList.named(try await invoiceRecords(rows), from: rows, \.names).first
    }

    static let invoiceList = ListStatement(
        table: "invoices",
        fields: .invoices,
        columns: ["number": "COALESCE(number, '')", "createdAt": "created_at", "total": "total_minor", "status": "status", "kind": "kind",
                  "balance": "(CASE WHEN kind = 'invoice' AND status IN ('issued', 'partiallyPaid', 'paid') THEN total_minor - paid_minor ELSE 0 END)",
                  "ownerId": "owner_id", "accountId": "account_id", "orderId": "order_id", "currency": "currency",
                  "issueDate": "COALESCE(issue_date, '')", "dueDate": "COALESCE(due_date, '')"],
        textKind: .opportunity,
        names: [ListStatement.accountName, ListStatement.contactName, ListStatement.ownerName]
    )

    func invoices(_ query: ListQuery, visibleTo principal: Principal) async throws -> [Invoice] {
        var extra: [SQLQueryString] = []
        if let text = query.text?.trimmedSpaces().lowercased(), !text.isEmpty {
            extra.append("LOWER(COALESCE(number, '')) LIKE \(bind: "%" + SearchSQL.escapeLike(text) + "%") ESCAPE '\\'")
        }
        let rows = try await rows(Self.invoiceList.build(query, visibility: visibility(principal), engine: engine, extra: extra))
        return try Self.invoiceList.named(try await invoiceRecords(rows), from: rows, \.names)
    }

    func invoices(ofOrder id: SalesOrder.ID) async throws -> [Invoice] {
        try await invoiceRecords(try await rows("SELECT * FROM invoices WHERE order_id = \(bind: id.string) ORDER BY created_at, id"))
    }

    func openInvoices(numberIn text: String) async throws -> [Invoice] {
        let numbers = Self.documentNumbers(in: text, prefix: "INV")
        guard !numbers.isEmpty else { return [] }
        return try await invoiceRecords(try await rows("""
            SELECT * FROM invoices WHERE number IN (\(binds: numbers)) AND kind = 'invoice' AND status IN ('issued', 'partiallyPaid')
            ORDER BY due_date, number
            """))
    }

    func openInvoices(ofAccount id: Account.ID, currency: Currency?) async throws -> [Invoice] {
        let currencyCondition: SQLQueryString = currency.map { "AND currency = \(bind: $0.code)" } ?? ""
        return try await invoiceRecords(try await rows("""
            SELECT * FROM invoices WHERE account_id = \(bind: id.string) AND kind = 'invoice' AND status IN ('issued', 'partiallyPaid')
            \(currencyCondition) ORDER BY due_date, number
            """))
    }

    /// `INV-2026-00012`-shaped words of a free text, upper-cased.
    static func documentNumbers(in text: String, prefix: String) -> [String] {
        let words = text.uppercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
        return Array(Set(words.filter { $0.hasPrefix(prefix + "-") && $0.count >= prefix.count + 7 }.map(String.init))).sorted()
    }

    func amountAllocated(to id: Invoice.ID) async throws -> Int64 {
        try await rows("""
            SELECT CAST(COALESCE(SUM(a.amount_minor), 0) AS BIGINT) AS n FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
            WHERE a.invoice_id = \(bind: id.string) AND p.status = 'posted'
            """).first?.decode(column: "n", as: Int64.self) ?? 0
    }

    func receivables(asOf day: Day, visibleTo principal: Principal) async throws -> [ReceivableRow] {
        let on = day.description
        return try await rows("""
            SELECT i.id, i.number, i.account_id, acc.name AS account_name, i.currency, i.issue_date, i.due_date, i.total_minor,
                CAST(COALESCE((SELECT SUM(a.amount_minor) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
                               WHERE a.invoice_id = i.id AND p.date <= \(bind: on)
                                 AND (p.status = 'posted' OR p.reversed_on > \(bind: on))), 0) AS BIGINT) AS paid
            FROM invoices i JOIN accounts acc ON acc.id = i.account_id
            WHERE i.kind = 'invoice' AND i.issue_date <= \(bind: on) AND (i.cancelled_on IS NULL OR i.cancelled_on > \(bind: on))
              AND i.status IN ('issued', 'partiallyPaid', 'paid', 'cancelled') AND \(visibility(principal, prefix: "i."))
            ORDER BY acc.name, i.account_id, i.due_date, i.number
            """).compactMap { row in
            guard let currency = Currency(try row.string("currency")), let issued = Day(try row.string("issue_date")),
                  let due = Day(try row.string("due_date")) else { return nil }
            return ReceivableRow(invoiceId: try row.id("id"), number: try row.string("number"), accountId: try row.id("account_id"),
                                 accountName: try row.string("account_name"), currency: currency, issueDate: issued, dueDate: due,
                                 total: try row.decode(column: "total_minor", as: Int64.self), paid: try row.decode(column: "paid", as: Int64.self))
        }
    }

    func customerCredit(asOf day: Day, visibleTo principal: Principal) async throws -> [CreditRow] {
        try await rows("""
            SELECT p.account_id, acc.name AS account_name, p.currency, \(unsafeRaw: WideSum.select("p.amount_minor - p.allocated_minor", as: "credit"))
            FROM payments p JOIN accounts acc ON acc.id = p.account_id
            WHERE p.status = 'posted' AND p.date <= \(bind: day.description) AND p.amount_minor > p.allocated_minor
              AND \(visibility(principal, prefix: "p."))
            GROUP BY p.account_id, acc.name, p.currency ORDER BY acc.name
            """).compactMap { row in
            guard let currency = Currency(try row.string("currency")) else { return nil }
            return CreditRow(accountId: try row.id("account_id"), accountName: try row.string("account_name"),
                             credit: MoneyTotal(minorUnits: try row.wideSum("credit"), currency: currency))
        }
    }

    /// Invoices with their lines: one statement for the lines of all of them.
    private func invoiceRecords(_ rows: [any SQLRow]) async throws -> [Invoice] {
        let lines = try await readSourcedLines(of: try rows.map { try $0.id("id", Invoice.self).uuid })
        return try rows.map { row in
            let id: Invoice.ID = try row.id("id")
            let currency = try row.currency("currency")
            return Invoice(id: id, kind: try row.status("kind", Invoice.Kind.self), number: try row.optional("number"),
                           status: try row.status("status", InvoiceStatus.self), orderId: try row.optionalID("order_id"),
                           accountId: try row.id("account_id"), contactId: try row.optionalID("contact_id"),
                           opportunityId: try row.optionalID("opportunity_id"), relatedInvoiceId: try row.optionalID("related_invoice_id"),
                           currency: currency, lines: lines[id.string] ?? [], paymentTermId: try row.optionalID("payment_term_id"),
                           issueDate: try row.optionalDay("issue_date"), dueDate: try row.optionalDay("due_date"),
                           cancelledOn: try row.optionalDay("cancelled_on"),
                           amountPaid: Money(minorUnits: try row.decode(column: "paid_minor", as: Int64.self), currency: currency),
                           notes: try row.optional("notes"), ownership: try row.ownership(), version: try row.int("version"),
                           createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
        }
    }
}
