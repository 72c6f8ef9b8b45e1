import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain

/// Short texts shared by the order, invoice, payment, receivables and bank pages (SPEC §5).
enum LedgerText {
    static func status(_ status: OrderStatus) -> String {
        switch status {
        case .draft: "Draft"
        case .confirmed: "Confirmed"
        case .inFulfilment: "In fulfilment"
        case .delivered: "Delivered"
        case .installed: "Installed"
        case .cancelled: "Cancelled"
        }
    }

    static func status(_ status: InvoiceStatus) -> String {
        switch status {
        case .draft: "Draft"
        case .issued: "Issued"
        case .partiallyPaid: "Partially paid"
        case .paid: "Paid"
        case .cancelled: "Cancelled"
        }
    }

    static func status(_ status: Payment.Status) -> String {
        switch status {
        case .posted: "Posted"
        case .reversed: "Reversed"
        }
    }

    static func mode(_ mode: Payment.Mode) -> String {
        switch mode {
        case .cash: "Cash"
        case .bankTransfer: "Bank transfer"
        case .card: "Card"
        case .cheque: "Cheque"
        case .other: "Other"
        }
    }

    static func kind(_ kind: Invoice.Kind) -> String { kind == .creditNote ? "Credit note" : "Invoice" }

    /// `INV-2026-00001`, or "Draft invoice" before it is issued.
    static func number(_ invoice: Invoice) -> String {
        invoice.number ?? (invoice.kind == .creditNote ? "Draft credit note" : "Draft invoice")
    }

    /// The statuses a tracking event may record (rule 39).
    static let trackable: [OrderStatus] = [.inFulfilment, .delivered, .installed]

    /// The flash after an order step.
    static func tracked(_ status: OrderStatus) -> String {
        switch status {
        case .inFulfilment: "Order in fulfilment."
        case .delivered: "Delivery recorded."
        case .installed: "Installation recorded."
        default: "Order updated."
        }
    }

    static func money<T: BinaryInteger>(_ minorUnits: T, _ currency: Currency) -> String {
        MoneyText.format(MoneyTotal(minorUnits: Int128(minorUnits), currency: currency))
    }

    /// An amount as typed back into a form: `1250.00`.
    static func input(_ money: Money) -> String { money.decimalString }
}

/// One invoice as a row of the lists on the invoice, order and payment pages.
struct InvoiceRow {
    let id: String
    let number: String
    let url: String
    let kind: String
    let isCreditNote: Bool
    let account: String
    let accountURL: String
    let issueDate: String
    let dueDate: String
    let total: String
    let paid: String
    let balance: String
    let status: String
    let statusKey: String

    init(_ invoice: Invoice, account: String = "") {
        id = invoice.id.string
        number = LedgerText.number(invoice)
        url = "/invoices/\(invoice.id)"
        kind = LedgerText.kind(invoice.kind)
        isCreditNote = invoice.kind == .creditNote
        self.account = account
        accountURL = "/accounts/\(invoice.accountId)"
        issueDate = invoice.issueDate?.description ?? ""
        dueDate = invoice.dueDate?.description ?? ""
        total = MoneyText.format(invoice.totals.total)
        paid = invoice.kind == .invoice && invoice.status != .draft ? MoneyText.format(invoice.amountPaid) : ""
        balance = invoice.kind == .invoice && invoice.status != .draft ? MoneyText.format(invoice.balance) : ""
        status = LedgerText.status(invoice.status)
        statusKey = invoice.status.rawValue
    }
}
