import Foundation
import FurrowDomain

/// Invoices, payments, bank statements: the order-to-cash part of a store session.
public protocol LedgerSession: Sendable {
    func paymentTerms() async throws -> [PaymentTerm]
    func paymentTerm(id: PaymentTerm.ID) async throws -> PaymentTerm?
    func insertPaymentTerm(_ term: PaymentTerm) async throws

    func insertInvoice(_ invoice: Invoice) async throws
    /// Saves the header, and the lines while the invoice is a draft.
    /// Saves over `before` when its version is still stored; a draft's lines only when they changed.
    func updateInvoice(_ invoice: Invoice, over before: Invoice) async throws -> Bool
    func deleteInvoice(_ id: Invoice.ID) async throws
    /// Reads an invoice; `locked` holds its row until the transaction ends (PostgreSQL).
    func invoice(id: Invoice.ID, locked: Bool) async throws -> Invoice?
    func invoices(_ query: ListQuery, visibleTo principal: Principal) async throws -> [Invoice]
    func invoices(ofOrder id: SalesOrder.ID) async throws -> [Invoice]
    /// Open invoices whose number appears in a text, oldest first.
    func openInvoices(numberIn text: String) async throws -> [Invoice]
    func openInvoices(ofAccount id: Account.ID, currency: Currency?) async throws -> [Invoice]
    /// What posted payments have allocated to an invoice.
    func amountAllocated(to id: Invoice.ID) async throws -> Int64
    func receivables(asOf day: Day, visibleTo principal: Principal) async throws -> [ReceivableRow]
    func customerCredit(asOf day: Day, visibleTo principal: Principal) async throws -> [CreditRow]

    func insertPayment(_ payment: Payment) async throws
    /// Saves status, reversal and the allocations.
    /// Saves over `before` when its version is still stored; the allocations only when they changed.
    func updatePayment(_ payment: Payment, over before: Payment) async throws -> Bool
    func payment(id: Payment.ID, locked: Bool) async throws -> Payment?
    func payments(_ query: ListQuery, visibleTo principal: Principal) async throws -> [Payment]
    func payments(allocatedTo id: Invoice.ID) async throws -> [Payment]
    /// Posted payments not matched to a statement line, of this amount, dated within the days.
    func unmatchedPayments(amount: Money, from: Day, to: Day) async throws -> [Payment]
    /// Removes every allocation to an invoice (a credit note cancelling it); returns the payments touched.
    func releaseAllocations(of id: Invoice.ID) async throws -> [Payment.ID]

    func insertStatementProfile(_ profile: StatementProfile) async throws
    func statementProfiles() async throws -> [StatementProfile]
    func statementProfile(id: StatementProfile.ID) async throws -> StatementProfile?
    func insertStatement(_ statement: BankStatement) async throws
    /// Stores a line unless one with the same date, amount and reference exists; false then.
    func insertBankLine(_ line: BankLine, statement: BankStatement.ID, position: Int) async throws -> Bool
    func statement(id: BankStatement.ID) async throws -> BankStatement?
    func statements(limit: Int, before: Date?) async throws -> [StatementSummary]
    func matchLine(_ id: BankLine.ID, to payment: Payment.ID?) async throws
    func line(matchedTo payment: Payment.ID) async throws -> BankLine.ID?
}

/// An invoice as the ageing report sees it on a day.
public struct ReceivableRow: Sendable, Equatable {
    public var invoiceId: Invoice.ID
    public var number: String
    public var accountId: Account.ID
    public var accountName: String
    public var currency: Currency
    public var issueDate: Day
    public var dueDate: Day
    public var total: Int64
    public var paid: Int64
    public init(invoiceId: Invoice.ID, number: String, accountId: Account.ID, accountName: String, currency: Currency, issueDate: Day,
                dueDate: Day, total: Int64, paid: Int64) {
        self.invoiceId = invoiceId
        self.number = number
        self.accountId = accountId
        self.accountName = accountName
        self.currency = currency
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.total = total
        self.paid = paid
    }
}

public struct CreditRow: Sendable, Equatable {
    public var accountId: Account.ID
    public var accountName: String
    public var credit: MoneyTotal
    public init(accountId: Account.ID, accountName: String, credit: MoneyTotal) {
        self.accountId = accountId
        self.accountName = accountName
        self.credit = credit
    }
}

public struct StatementSummary: Sendable, Equatable {
    public var id: BankStatement.ID
    public var format: BankStatement.Format
    public var name: String?
    public var importedAt: Date
    public var lines: Int
    public var matched: Int
    public init(id: BankStatement.ID, format: BankStatement.Format, name: String?, importedAt: Date, lines: Int, matched: Int) {
        self.id = id
        self.format = format
        self.name = name
        self.importedAt = importedAt
        self.lines = lines
        self.matched = matched
    }
}
