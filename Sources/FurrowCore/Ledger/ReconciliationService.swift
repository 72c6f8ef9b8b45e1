import Foundation
import FurrowDomain

/// Bank statements (SPEC §5): imported from CSV (through a profile) or CAMT.053, matched to
/// recorded payments automatically or by hand; a line naming an open invoice becomes its
/// payment. Unmatched lines stay listed.
public struct ReconciliationService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public enum Source: Sendable {
        case csv(String, profileId: StatementProfile.ID?, currency: Currency?)
        case camt053(Data)
    }

    public struct Imported: Sendable {
        public var statement: BankStatement
        /// Every line read, in file order, with `duplicate` set on those imported before.
        public var lines: [BankLine]
    }

    public struct Outcome: Sendable {
        public var statement: BankStatement
        public var matched: Int
        public var created: Int
    }

    public func profiles(by principal: Principal) async throws -> [StatementProfile] {
        try guardRole(principal)
        return try await env.store.read { session in try await session.statementProfiles() }
    }

    public func createProfile(_ profile: StatementProfile, by principal: Principal) async throws -> StatementProfile {
        try guardRole(principal)
        var check = Validator()
        let name = check.text("name", profile.name, required: true, maxLength: 100)
        for (field, value) in [("dateColumn", profile.dateColumn), ("amountColumn", profile.amountColumn), ("referenceColumn", profile.referenceColumn)] {
            _ = check.text(field, value, required: true, maxLength: 100)
        }
        if ![",", ";", "\t", "|"].contains(profile.delimiter) { check.add("delimiter", "must be a comma, semicolon, tab or bar") }
        try check.check()
        var named = profile
        named.id = env.newID()
        named.name = name ?? ""
        let stored = named
        return try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            if try await session.statementProfiles().contains(where: { $0.name.lowercased() == stored.name.lowercased() }) {
                throw ValidationError([FieldError("name", "another profile has this name")])
            }
            try await session.insertStatementProfile(stored)
            transaction.audit("statement-profile", stored.id!.uuid, "create", [FieldChange(field: "name", old: nil, new: stored.name)])
            return stored
        }
    }

    /// Reads and stores a statement in one transaction; lines seen before are flagged and skipped.
    public func importStatement(_ source: Source, name: String?, by principal: Principal) async throws -> Imported {
        try guardRole(principal)
        // Parsed before the write transaction: a large file never holds up other users' writes.
        let entries: [StatementEntry]
        let format: BankStatement.Format
        switch source {
        case .csv(let text, let profileId, let currency):
            let (profile, base) = try await env.store.read { session in
                var profile = StatementProfile.standard
                if let profileId {
                    guard let stored = try await session.statementProfile(id: profileId) else {
                        throw ValidationError([FieldError("profileId", "is not a statement profile")])
                    }
                    profile = stored
                }
                return (profile, Currency(Settings(try await session.settings()).baseCurrency) ?? Currency("EUR")!)
            }
            entries = try StatementParser.csv(text, profile: profile, currency: currency ?? base)
            format = .csv
        case .camt053(let data):
            entries = try StatementParser.camt053(data)
            format = .camt053
        }
        return try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            var statement = BankStatement(id: env.newID(), format: format, name: name.flatMap { $0.isEmpty ? nil : String($0.prefix(200)) },
                                          importedAt: env.clock.now(), importedBy: principal.userId, lines: [])
            try await session.insertStatement(statement)
            var all: [BankLine] = []
            for (position, entry) in entries.enumerated() {
                var line = BankLine(id: env.newID(), date: entry.date, amount: entry.amount, reference: entry.reference, counterparty: entry.counterparty)
                if try await session.insertBankLine(line, statement: statement.id, position: position) {
                    statement.lines.append(line)
                } else {
                    line.duplicate = true
                }
                all.append(line)
            }
            transaction.audit("bank-statement", statement.id.uuid, "import", [FieldChange(field: "lines", old: nil, new: String(statement.lines.count)), FieldChange(field: "duplicates", old: nil, new: String(all.count - statement.lines.count))])
            return Imported(statement: statement, lines: all)
        }
    }

    public func statements(limit: Int, before: Date?, by principal: Principal) async throws -> [StatementSummary] {
        try guardRole(principal)
        return try await env.store.read { session in try await session.statements(limit: limit, before: before) }
    }

    public func statement(_ id: BankStatement.ID, by principal: Principal) async throws -> BankStatement {
        try guardRole(principal)
        return try await env.store.read { session in try await session.visibleStatement(id) }
    }

    /// For each unmatched line, the recorded payments it could be: same amount and currency,
    /// dated within 30 days, not matched elsewhere.
    public func candidates(_ id: BankStatement.ID, by principal: Principal) async throws -> [BankLine.ID: [Payment]] {
        try guardRole(principal)
        return try await env.store.read { session in
            let statement = try await session.visibleStatement(id)
            var result: [BankLine.ID: [Payment]] = [:]
            for line in statement.lines where line.paymentId == nil && line.amount.minorUnits > 0 {
                result[line.id] = try await session.unmatchedPayments(amount: line.amount, from: line.date.adding(days: -30), to: line.date.adding(days: 30))
                    .filter { principal.ledger.canSee($0.ownership) }
            }
            return result
        }
    }

    /// Matches every unmatched incoming line it can (SPEC §5): to a recorded payment (amount,
    /// reference, ±7 days) or, failing that, as a new bank-transfer payment of the open invoice
    /// its reference names when the amount is at most that invoice's balance.
    public func reconcile(_ id: BankStatement.ID, by principal: Principal) async throws -> Outcome {
        try guardRole(principal)
        return try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            var statement = try await session.visibleStatement(id)
            var matched = 0, created = 0
            for (index, line) in statement.lines.enumerated() where line.paymentId == nil && line.amount.minorUnits > 0 {
                if let payment = try await recordedPayment(for: line, session, principal) {
                    try await session.matchLine(line.id, to: payment.id)
                    statement.lines[index].paymentId = payment.id
                    matched += 1
                    continue
                }
                let invoices = try await session.openInvoices(numberIn: line.reference)
                    .filter { principal.ledger.canSee($0.ownership) && $0.currency == line.amount.currency && line.amount.minorUnits <= $0.balance.minorUnits }
                guard let invoice = invoices.first else { continue }
                let payment = try await PaymentService(env).record(
                    .init(accountId: invoice.accountId, date: line.date, amount: line.amount, mode: .bankTransfer, reference: line.reference,
                          allocations: [Allocation(invoiceId: invoice.id, amount: line.amount)]), in: transaction)
                try await session.matchLine(line.id, to: payment.id)
                statement.lines[index].paymentId = payment.id
                created += 1
            }
            transaction.audit("bank-statement", id.uuid, "reconcile", [FieldChange(field: "matched", old: nil, new: String(matched)), FieldChange(field: "paymentsCreated", old: nil, new: String(created))])
            return Outcome(statement: statement, matched: matched, created: created)
        }
    }

    /// Confirms a line as a payment by hand: same amount and currency, payment not matched elsewhere.
    public func match(_ id: BankStatement.ID, line lineId: BankLine.ID, payment paymentId: Payment.ID, by principal: Principal) async throws -> BankStatement {
        try guardRole(principal)
        return try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            let statement = try await session.visibleStatement(id)
            guard let line = statement.lines.first(where: { $0.id == lineId }) else { throw CoreError.notFound("statement line") }
            guard line.paymentId == nil else { throw LedgerError.lineMatched }
            let payment = try await session.visiblePayment(paymentId, principal)
            guard payment.status == .posted, payment.amount == line.amount else { throw LedgerError.amountMismatch }
            if try await session.line(matchedTo: paymentId) != nil { throw LedgerError.paymentMatched }
            try await session.matchLine(lineId, to: paymentId)
            transaction.audit("bank-statement", id.uuid, "match", [FieldChange(field: "line:\(lineId)", old: nil, new: paymentId.string)])
            return try await session.visibleStatement(id)
        }
    }

    public func unmatch(_ id: BankStatement.ID, line lineId: BankLine.ID, by principal: Principal) async throws -> BankStatement {
        try guardRole(principal)
        return try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            let statement = try await session.visibleStatement(id)
            guard let line = statement.lines.first(where: { $0.id == lineId }) else { throw CoreError.notFound("statement line") }
            guard let payment = line.paymentId else { return statement }
            // Only someone who may read the matched payment may undo the match.
            _ = try await session.visiblePayment(payment, principal)
            try await session.matchLine(lineId, to: nil)
            transaction.audit("bank-statement", id.uuid, "unmatch", [FieldChange(field: "line:\(lineId)", old: payment.string, new: nil)])
            return try await session.visibleStatement(id)
        }
    }

    private func recordedPayment(for line: BankLine, _ session: any StoreSession, _ principal: Principal) async throws -> Payment? {
        for payment in try await session.unmatchedPayments(amount: line.amount, from: line.date.adding(days: -7), to: line.date.adding(days: 7))
        where principal.ledger.canSee(payment.ownership) {
            var numbers: [String] = []
            for allocation in payment.allocations {
                if let number = try await session.invoice(id: allocation.invoiceId, locked: false)?.number { numbers.append(number) }
            }
            if line.matches(payment, invoiceNumbers: numbers) { return payment }
        }
        return nil
    }

    private func guardRole(_ principal: Principal) throws {
        guard principal.canReconcile else { throw CoreError.forbidden("bank statements are for finance, managers and administrators") }
    }
}

extension StoreSession {
    func visibleStatement(_ id: BankStatement.ID) async throws -> BankStatement {
        guard let statement = try await statement(id: id) else { throw CoreError.notFound("bank statement") }
        return statement
    }
}
