import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    func insertPayment(_ payment: Payment) async throws {
        try await run("""
            INSERT INTO payments (id, number, account_id, date, amount_minor, currency, mode, reference, status, reversed_on, allocated_minor,
                owner_id, team_id, version, created_at, updated_at)
            VALUES (\(bind: payment.id.string), \(bind: payment.number), \(bind: payment.accountId.string), \(bind: payment.date.description),
                \(bind: payment.amount.minorUnits), \(bind: payment.amount.currency.code), \(bind: payment.mode.rawValue), \(bind: payment.reference),
                \(bind: payment.status.rawValue), \(bind: payment.reversedOn?.description), \(bind: payment.allocated.minorUnits),
                \(bind: payment.ownership.ownerId.string), \(bind: payment.ownership.teamId?.string), \(bind: payment.version),
                \(bind: Timestamp.string(payment.createdAt)), \(bind: Timestamp.string(payment.createdAt)))
            """)
        try await writeAllocations(payment)
        try await indexDocument(.payment, id: payment.id.uuid)
    }

    func updatePayment(_ payment: Payment, over before: Payment) async throws -> Bool {
        let saved = !(try await rows("""
            UPDATE payments SET status = \(bind: payment.status.rawValue), reversed_on = \(bind: payment.reversedOn?.description),
                allocated_minor = \(bind: payment.allocated.minorUnits), version = \(bind: payment.version),
                updated_at = \(bind: Timestamp.string(Date()))
            WHERE id = \(bind: payment.id.string) AND version = \(bind: before.version) RETURNING id
            """)).isEmpty
        if saved && payment.allocations != before.allocations {
            try await run("DELETE FROM payment_allocations WHERE payment_id = \(bind: payment.id.string)")
            try await writeAllocations(payment)
        }
        return saved
    }

    /// All allocations of a payment in one statement.
    private func writeAllocations(_ payment: Payment) async throws {
        guard !payment.allocations.isEmpty else { return }
        let values = payment.allocations.map { allocation -> SQLQueryString in
            "(\(bind: payment.id.string), \(bind: allocation.invoiceId.string), \(bind: allocation.amount.minorUnits))"
        }
        try await run("INSERT INTO payment_allocations VALUES \(values.joined(separator: ", "))")
    }

    func payment(id: Payment.ID, locked: Bool) async throws -> Payment? {
        let lock: SQLQueryString = locked && engine == .postgres ? " FOR UPDATE" : ""
        // A payment read to change it is locked and needs no names (a locking clause cannot sit in the names' subquery).
        guard !locked else {
            guard let row = try await rows("SELECT * FROM payments WHERE id = \(bind: id.string)\(lock)").first else { return nil }
            return try await paymentRecords([row]).first
        }
        let rows = try await rows(Self.paymentList.named("SELECT * FROM payments WHERE id = \(bind: id.string)"))
        return try Self.paymentList.named(try await paymentRecords(rows), from: rows, \.names).first
    }

    static let paymentList = ListStatement(
        table: "payments",
        fields: .payments,
        columns: ["number": "number", "createdAt": "created_at", "date": "date", "amount": "amount_minor", "status": "status", "mode": "mode",
                  "ownerId": "owner_id", "accountId": "account_id", "currency": "currency"],
        textKind: .opportunity,
        names: [ListStatement.accountName, ListStatement.ownerName]
    )

    func payments(_ query: ListQuery, visibleTo principal: Principal) async throws -> [Payment] {
        var extra: [SQLQueryString] = []
        if let text = query.text?.trimmedSpaces().lowercased(), !text.isEmpty {
            let like = "%" + SearchSQL.escapeLike(text) + "%"
            extra.append("(LOWER(number) LIKE \(bind: like) ESCAPE '\\' OR LOWER(COALESCE(reference, '')) LIKE \(bind: like) ESCAPE '\\')")
        }
        let rows = try await rows(Self.paymentList.build(query, visibility: visibility(principal), engine: engine, extra: extra))
        return try Self.paymentList.named(try await paymentRecords(rows), from: rows, \.names)
    }

    func payments(allocatedTo id: Invoice.ID) async throws -> [Payment] {
        try await paymentRecords(try await rows("""
            SELECT p.* FROM payments p WHERE p.id IN (SELECT payment_id FROM payment_allocations WHERE invoice_id = \(bind: id.string))
            ORDER BY p.date, p.number
            """))
    }

    func unmatchedPayments(amount: Money, from: Day, to: Day) async throws -> [Payment] {
        try await paymentRecords(try await rows("""
            SELECT * FROM payments WHERE currency = \(bind: amount.currency.code) AND amount_minor = \(bind: amount.minorUnits)
              AND status = 'posted' AND date BETWEEN \(bind: from.description) AND \(bind: to.description)
              AND id NOT IN (SELECT payment_id FROM bank_lines WHERE payment_id IS NOT NULL)
            ORDER BY date, number
            """))
    }

    func releaseAllocations(of id: Invoice.ID) async throws -> [Payment.ID] {
        let touched: [Payment.ID] = try await rows("SELECT payment_id FROM payment_allocations WHERE invoice_id = \(bind: id.string)").map { try $0.id("payment_id") }
        try await run("DELETE FROM payment_allocations WHERE invoice_id = \(bind: id.string)")
        for payment in touched {
            try await run("""
                UPDATE payments SET allocated_minor = COALESCE((SELECT CAST(SUM(amount_minor) AS BIGINT) FROM payment_allocations WHERE payment_id = \(bind: payment.string)), 0),
                    version = version + 1 WHERE id = \(bind: payment.string)
                """)
        }
        return touched
    }

    private func paymentRecords(_ rows: [any SQLRow]) async throws -> [Payment] {
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.string("id") }
        var allocations: [String: [Allocation]] = [:]
        for row in try await self.rows("SELECT * FROM payment_allocations WHERE payment_id IN (\(binds: ids)) ORDER BY invoice_id") {
            allocations[try row.string("payment_id"), default: []].append(
                Allocation(invoiceId: try row.id("invoice_id"), amount: Money(minorUnits: try row.decode(column: "amount_minor", as: Int64.self),
                                                                                currency: Currency("EUR")!)))
        }
        return try rows.map { row in
            let id = try row.string("id")
            let currency = Currency(try row.string("currency")) ?? Currency("EUR")!
            let own = (allocations[id] ?? []).map { Allocation(invoiceId: $0.invoiceId, amount: Money(minorUnits: $0.amount.minorUnits, currency: currency)) }
            return Payment(id: try row.id("id"), number: try row.string("number"), accountId: try row.id("account_id"),
                           date: try row.day("date"),
                           amount: Money(minorUnits: try row.decode(column: "amount_minor", as: Int64.self), currency: currency),
                           mode: try row.status("mode", Payment.Mode.self), reference: try row.optional("reference"),
                           status: try row.status("status", Payment.Status.self), allocations: own,
                           reversedOn: try row.optionalDay("reversed_on"), ownership: try row.ownership(),
                           version: try row.int("version"), createdAt: try row.date("created_at"))
        }
    }
}
