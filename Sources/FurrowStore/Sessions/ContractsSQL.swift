import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

/// Maintenance contracts and holidays (`M0019Maintenance`).
extension SQLSession {
    func insertContract(_ c: MaintenanceContract) async throws {
        try await run("""
            INSERT INTO amc_contracts (id, number, account_id, contact_id, items, start_day, duration_months, frequency, every_n_days,
                visit_minutes, value_minor, currency, billing, sla_hours, technician_ids, terms, status, cancel_reason, renewed_from_id,
                renewed_to_id, renewal_quote_id, owner_id, team_id, version, created_at, updated_at)
            VALUES (\(bind: c.id.string), \(bind: c.number), \(bind: c.accountId.string), \(bind: c.contactId?.string), \(bind: Self.itemsText(c.items)),
                \(bind: c.startDate.description), \(bind: c.durationMonths), \(bind: c.frequency.rawValue), \(bind: c.everyNDays),
                \(bind: c.visitMinutes), \(bind: c.value.minorUnits), \(bind: c.value.currency.code), \(bind: c.billing.rawValue),
                \(bind: c.slaResponseHours), \(bind: c.technicianIds.map(\.string).joined(separator: ",")), \(bind: c.terms),
                \(bind: c.status.rawValue), \(bind: c.cancelReason), \(bind: c.renewedFromId?.string), \(bind: c.renewedToId?.string),
                \(bind: c.renewalQuoteId?.string), \(bind: c.ownership.ownerId.string), \(bind: c.ownership.teamId?.string), \(bind: c.version),
                \(bind: Timestamp.string(c.createdAt)), \(bind: Timestamp.string(c.updatedAt)))
            """)
    }

    func updateContract(_ c: MaintenanceContract, over before: MaintenanceContract) async throws -> Bool {
        !(try await rows("""
            UPDATE amc_contracts SET number = \(bind: c.number), contact_id = \(bind: c.contactId?.string), items = \(bind: Self.itemsText(c.items)),
                start_day = \(bind: c.startDate.description), duration_months = \(bind: c.durationMonths), frequency = \(bind: c.frequency.rawValue),
                every_n_days = \(bind: c.everyNDays), visit_minutes = \(bind: c.visitMinutes), value_minor = \(bind: c.value.minorUnits),
                billing = \(bind: c.billing.rawValue), sla_hours = \(bind: c.slaResponseHours),
                technician_ids = \(bind: c.technicianIds.map(\.string).joined(separator: ",")), terms = \(bind: c.terms),
                status = \(bind: c.status.rawValue), cancel_reason = \(bind: c.cancelReason), renewed_from_id = \(bind: c.renewedFromId?.string),
                renewed_to_id = \(bind: c.renewedToId?.string), renewal_quote_id = \(bind: c.renewalQuoteId?.string), owner_id = \(bind: c.ownership.ownerId.string),
                team_id = \(bind: c.ownership.teamId?.string), version = \(bind: c.version), updated_at = \(bind: Timestamp.string(c.updatedAt))
            WHERE id = \(bind: c.id.string) AND version = \(bind: before.version) RETURNING id
            """)).isEmpty
    }

    func contract(id: MaintenanceContract.ID, locked: Bool) async throws -> MaintenanceContract? {
        let lock: SQLQueryString = locked && engine == .postgres ? " FOR UPDATE" : ""
        return try await rows("SELECT * FROM amc_contracts WHERE id = \(bind: id.string)\(lock)").first.map(contractRecord)
    }

    func contracts(of account: Account.ID?, visibleTo principal: Principal, limit: Int) async throws -> [MaintenanceContract] {
        // finance reads every customer's contracts, to bill them (`Principal.ledger`)
        var conditions: [SQLQueryString] = ["(\(visibility(principal.ledger)) OR technician_ids LIKE \(bind: "%" + principal.userId.string + "%"))"]
        if let account { conditions.append("account_id = \(bind: account.string)") }
        return try await rows("""
            SELECT * FROM amc_contracts WHERE \(conditions.joined(separator: " AND ")) ORDER BY created_at DESC, id DESC LIMIT \(literal: max(1, min(limit, 1000)))
            """).map(contractRecord)
    }

    func billedPeriods(of contract: MaintenanceContract.ID) async throws -> [(period: Int, invoice: Invoice.ID)] {
        try await rows("SELECT period, invoice_id FROM amc_invoices WHERE contract_id = \(bind: contract.string) ORDER BY period")
            .map { (try $0.int("period"), try $0.id("invoice_id")) }
    }

    func insertBilledPeriod(of contract: MaintenanceContract.ID, period: Int, invoice: Invoice.ID) async throws {
        try await run("INSERT INTO amc_invoices (contract_id, period, invoice_id) VALUES (\(bind: contract.string), \(bind: period), \(bind: invoice.string))")
    }

    func activeContracts(limit: Int) async throws -> [MaintenanceContract] {
        try await rows("SELECT * FROM amc_contracts WHERE status = 'active' ORDER BY start_day, id LIMIT \(literal: max(1, min(limit, 10_000)))")
            .map(contractRecord)
    }

    func claimNotice(_ key: String, at: Date) async throws -> Bool {
        !(try await rows("INSERT INTO amc_notices (key, sent_at) VALUES (\(bind: key), \(bind: Timestamp.string(at))) ON CONFLICT (key) DO NOTHING RETURNING key")).isEmpty
    }

    func holidays() async throws -> [(day: Day, name: String)] {
        try await rows("SELECT day, name FROM holidays ORDER BY day").map { (try $0.day("day"), try $0.string("name")) }
    }

    func insertHoliday(_ day: Day, name: String) async throws {
        try await run("INSERT INTO holidays (day, name) VALUES (\(bind: day.description), \(bind: name))")
    }

    func deleteHoliday(_ day: Day) async throws -> Bool {
        !(try await rows("DELETE FROM holidays WHERE day = \(bind: day.description) RETURNING day")).isEmpty
    }

    func busyTimes(of users: [User.ID], from: Date, to: Date) async throws -> [(user: User.ID, start: Date, end: Date)] {
        guard !users.isEmpty else { return [] }
        return try await rows("""
            SELECT owner_id, start_at, end_at FROM activities
            WHERE owner_id IN (\(binds: users.map(\.string))) AND status = 'open' AND start_at IS NOT NULL AND end_at IS NOT NULL
              AND start_at < \(bind: Timestamp.string(to)) AND end_at > \(bind: Timestamp.string(from))
            """).compactMap { row in
            guard let start = Timestamp.date(try row.string("start_at")), let end = Timestamp.date(try row.string("end_at")) else { return nil }
            return (try row.id("owner_id"), start, end)
        }
    }

    func serviceVisitCounts(from: Date, to: Date, now: Date, visibleTo principal: Principal) async throws -> [ServiceVisitCount] {
        try await rows("""
            SELECT a.owner_id, c.account_id, a.status,
                CASE WHEN a.status = 'open' AND a.end_at < \(bind: Timestamp.string(now)) THEN 1 ELSE 0 END AS late,
                COUNT(*) AS visits, COUNT(a.feedback_rating) AS rated, COALESCE(SUM(a.feedback_rating), 0) AS rating_sum
            FROM activities a JOIN amc_contracts c ON c.id = a.regarding_id
            WHERE a.regarding_type = 'contract' AND a.type = 'serviceVisit' AND a.start_at >= \(bind: Timestamp.string(from))
              AND a.start_at < \(bind: Timestamp.string(to)) AND (\(visibility(principal, prefix: "a.")) OR \(visibility(principal, prefix: "c.")))
            GROUP BY a.owner_id, c.account_id, a.status, late
            """).map { row in
            ServiceVisitCount(technicianId: try row.id("owner_id"), accountId: try row.id("account_id"),
                              status: try row.status("status", Activity.Status.self), late: try row.int("late") == 1,
                              count: try row.int("visits"), rated: try row.int("rated"), ratingSum: try row.int("rating_sum"))
        }
    }

    func latestInvoice(withProduct product: Product.ID) async throws -> Invoice.ID? {
        try await rows("""
            SELECT i.id FROM invoices i JOIN document_lines l ON l.document_id = i.id
            WHERE l.product_id = \(bind: product.string) AND i.status <> 'cancelled' ORDER BY i.created_at DESC, i.id DESC LIMIT 1
            """).first.map { try $0.id("id") }
    }

    /// `product:<id>` and `invoice:<id>:<line>`, comma-separated.
    static func itemsText(_ items: [MaintenanceContract.CoveredItem]) -> String { items.map(\.key).joined(separator: ",") }

    static func items(_ text: String) -> [MaintenanceContract.CoveredItem] {
        text.split(separator: ",").compactMap { MaintenanceContract.CoveredItem(key: $0) }
    }

    private func contractRecord(_ row: any SQLRow) throws -> MaintenanceContract {
        let currency = try row.currency("currency")
        var c = MaintenanceContract(
            id: try row.id("id"), accountId: try row.id("account_id"), items: Self.items(try row.string("items")),
            startDate: try row.day("start_day"), durationMonths: try row.int("duration_months"),
            frequency: try row.status("frequency", MaintenanceContract.Frequency.self),
            everyNDays: try row.decodeNil(column: "every_n_days") ? nil : try row.int("every_n_days"), visitMinutes: try row.int("visit_minutes"),
            value: Money(minorUnits: try row.decode(column: "value_minor", as: Int64.self), currency: currency),
            billing: try row.status("billing", MaintenanceContract.Billing.self),
            technicianIds: try row.string("technician_ids").split(separator: ",").compactMap { User.ID(String($0)) },
            status: try row.status("status", MaintenanceContract.Status.self), ownership: try row.ownership(), version: try row.int("version"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
        c.number = try row.optional("number")
        c.contactId = try row.optionalID("contact_id")
        c.slaResponseHours = try row.decodeNil(column: "sla_hours") ? nil : try row.int("sla_hours")
        c.terms = try row.optional("terms")
        c.cancelReason = try row.optional("cancel_reason")
        c.renewedFromId = try row.optionalID("renewed_from_id")
        c.renewedToId = try row.optionalID("renewed_to_id")
        c.renewalQuoteId = try row.optionalID("renewal_quote_id")
        return c
    }
}
