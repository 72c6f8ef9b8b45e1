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

/// A day typed into a form (`2026-11-18`): nil when blank, a field error when unreadable.
enum DayField {
    static func parse(_ text: String?, field: String, message: String = "must be a date such as 2026-11-18",
                      errors: inout [FieldError]) -> Day? {
        guard let text = text?.trimmedSpaces(), !text.isEmpty else { return nil }
        guard let day = Day(text) else {
            errors.append(FieldError(field, message))
            return nil
        }
        return day
    }

    /// A moment on a day for a timeline: now when the day is today, else noon in the company's time zone.
    static func moment(_ day: Day, today: Day, timeZone: TimeZone, now: Date) -> Date {
        if day == today { return now }
        let (year, month, date) = Day.civil(day.ordinal)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: date, hour: 12)) ?? now
    }
}

extension Web {
    /// A refusal's reason in one sentence, as a form's message says it (the flash after a
    /// button says the same through `refusal`).
    static func reason(_ problem: Problem) -> String {
        problem.type == .versionConflict ? "The record was changed by someone else meanwhile; check it and try again." : problem.sentence
    }
}
