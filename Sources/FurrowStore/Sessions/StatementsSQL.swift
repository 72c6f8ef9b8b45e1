import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    func insertStatementProfile(_ profile: StatementProfile) async throws {
        try await run("""
            INSERT INTO statement_profiles VALUES (\(bind: profile.id?.string ?? UUID().uuidString.lowercased()), \(bind: profile.name),
                \(bind: String(profile.delimiter)), \(bind: profile.dateColumn), \(bind: profile.dateFormat.rawValue), \(bind: profile.amountColumn),
                \(bind: profile.decimalComma), \(bind: profile.referenceColumn), \(bind: profile.counterpartyColumn), \(bind: profile.currencyColumn))
            """)
    }

    func statementProfiles() async throws -> [StatementProfile] {
        try await rows("SELECT * FROM statement_profiles ORDER BY name").map(profileRecord)
    }

    func statementProfile(id: StatementProfile.ID) async throws -> StatementProfile? {
        try await rows("SELECT * FROM statement_profiles WHERE id = \(bind: id.string)").first.map(profileRecord)
    }

    private func profileRecord(_ row: any SQLRow) throws -> StatementProfile {
        StatementProfile(id: try row.id("id"), name: try row.string("name"), delimiter: try row.string("delimiter").first ?? ",",
                         dateColumn: try row.string("date_column"),
                         dateFormat: try row.status("date_format", StatementProfile.DateFormat.self),
                         amountColumn: try row.string("amount_column"), decimalComma: try row.decode(column: "decimal_comma", as: Bool.self),
                         referenceColumn: try row.string("reference_column"), counterpartyColumn: try row.optional("counterparty_column"),
                         currencyColumn: try row.optional("currency_column"))
    }

    func insertStatement(_ statement: BankStatement) async throws {
        try await run("""
            INSERT INTO bank_statements VALUES (\(bind: statement.id.string), \(bind: statement.format.rawValue), \(bind: statement.name),
                \(bind: Timestamp.string(statement.importedAt)), \(bind: statement.importedBy.string))
            """)
    }

    func insertBankLine(_ line: BankLine, statement: BankStatement.ID, position: Int) async throws -> Bool {
        !(try await rows("""
            INSERT INTO bank_lines (id, statement_id, position, date, amount_minor, currency, reference, counterparty, payment_id, duplicate_key)
            VALUES (\(bind: line.id.string), \(bind: statement.string), \(bind: position), \(bind: line.date.description),
                \(bind: line.amount.minorUnits), \(bind: line.amount.currency.code), \(bind: line.reference), \(bind: line.counterparty),
                \(bind: line.paymentId?.string), \(bind: line.duplicateKey))
            ON CONFLICT (duplicate_key) DO NOTHING RETURNING id
            """)).isEmpty
    }

    func statement(id: BankStatement.ID) async throws -> BankStatement? {
        guard let row = try await rows("SELECT * FROM bank_statements WHERE id = \(bind: id.string)").first else { return nil }
        let lines = try await rows("SELECT * FROM bank_lines WHERE statement_id = \(bind: id.string) ORDER BY position").map { line in
            let currency = Currency(try line.string("currency")) ?? Currency("EUR")!
            return BankLine(id: try line.id("id"), date: try line.day("date"),
                            amount: Money(minorUnits: try line.decode(column: "amount_minor", as: Int64.self), currency: currency),
                            reference: try line.string("reference"), counterparty: try line.optional("counterparty"),
                            paymentId: try line.optionalID("payment_id"))
        }
        return BankStatement(id: id, format: try row.status("format", BankStatement.Format.self), name: try row.optional("name"),
                             importedAt: try row.date("imported_at"), importedBy: try row.id("imported_by"), lines: lines)
    }

    func statements(limit: Int, before: Date?) async throws -> [StatementSummary] {
        let condition: SQLQueryString = before.map { "WHERE s.imported_at < \(bind: Timestamp.string($0))" } ?? ""
        return try await rows("""
            SELECT s.id, s.format, s.name, s.imported_at, COUNT(l.id) AS lines, COUNT(l.payment_id) AS matched
            FROM bank_statements s LEFT JOIN bank_lines l ON l.statement_id = s.id \(condition)
            GROUP BY s.id, s.format, s.name, s.imported_at ORDER BY s.imported_at DESC, s.id LIMIT \(bind: limit)
            """).map { row in
            StatementSummary(id: try row.id("id"), format: try row.status("format", BankStatement.Format.self),
                             name: try row.optional("name"), importedAt: try row.date("imported_at"), lines: try row.int("lines"),
                             matched: try row.int("matched"))
        }
    }

    func matchLine(_ id: BankLine.ID, to payment: Payment.ID?) async throws {
        try await run("UPDATE bank_lines SET payment_id = \(bind: payment?.string) WHERE id = \(bind: id.string)")
    }

    func line(matchedTo payment: Payment.ID) async throws -> BankLine.ID? {
        try await rows("SELECT id FROM bank_lines WHERE payment_id = \(bind: payment.string)").first?.id("id")
    }
}
