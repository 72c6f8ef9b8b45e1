import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain

/// The open invoices a payment may be allocated to, one amount field each (`allocation-<id>`),
/// as the payment form and a payment's "Allocate credit" form show them. Suggestions put the
/// amount on the invoice the form was opened for first, then on the oldest due
/// (`PaymentService.oldestFirst`); `payment.js` redoes the same while the amount is typed.
struct AllocationRow {
    let invoiceId: String
    let number: String
    let url: String
    let issueDate: String
    let dueDate: String
    let total: String
    let balance: String
    let currency: String
    /// The balance in minor units and the currency's decimals, for `payment.js`.
    let balanceMinor: String
    let digits: Int
    let field: String
    let amount: String
    let message: String?

    static func field(_ id: Invoice.ID) -> String { "allocation-" + id.string }

    static func rows(_ invoices: [Invoice], amounts: [Invoice.ID: String], errors: [FieldError]) -> [AllocationRow] {
        invoices.map { invoice in
            let field = field(invoice.id)
            let messages = errors.filter { $0.field == field }.map(\.message)
            return AllocationRow(invoiceId: invoice.id.string, number: LedgerText.number(invoice), url: "/invoices/\(invoice.id)",
                                 issueDate: invoice.issueDate?.description ?? "", dueDate: invoice.dueDate?.description ?? "",
                                 total: MoneyText.format(invoice.totals.total), balance: MoneyText.format(invoice.balance),
                                 currency: invoice.currency.code, balanceMinor: String(invoice.balance.minorUnits),
                                 digits: invoice.currency.minorDigits, field: field, amount: amounts[invoice.id] ?? "",
                                 message: messages.isEmpty ? nil : messages.joined(separator: "; "))
        }
    }

    /// The invoices in the order suggestions fill them: `preferred` first, then the oldest due.
    static func ordered(_ invoices: [Invoice], preferred: Invoice.ID?) -> [Invoice] {
        let sorted = invoices.sorted { ($0.dueDate ?? Day(ordinal: 0), $0.number ?? "") < ($1.dueDate ?? Day(ordinal: 0), $1.number ?? "") }
        return sorted.filter { $0.id == preferred } + sorted.filter { $0.id != preferred }
    }

    /// Suggested amounts for `amount` over the invoices (already `ordered`), as typed into the fields.
    static func suggested(_ amount: Money?, over invoices: [Invoice]) -> [Invoice.ID: String] {
        guard let amount, let first = invoices.first else { return [:] }
        var allocations = PaymentService.oldestFirst(amount, over: [first])
        let left = Int64(clamping: Int128(amount.minorUnits) - Int128(Money.sum(allocations.map(\.amount), currency: amount.currency).minorUnits))
        if left > 0 { allocations += PaymentService.oldestFirst(Money(minorUnits: left, currency: amount.currency), over: Array(invoices.dropFirst())) }
        return Dictionary(allocations.map { ($0.invoiceId, LedgerText.input($0.amount)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The amounts typed, by invoice: blank and zero fields are left out, unreadable ones are field errors.
    static func parse(_ form: WebForm, currency: Currency?, errors: inout [FieldError]) -> (allocations: [Allocation], typed: [Invoice.ID: String]) {
        var allocations: [Allocation] = []
        var typed: [Invoice.ID: String] = [:]
        for (name, values) in form.values.sorted(by: { $0.key < $1.key }) where name.hasPrefix("allocation-") {
            guard let id = Invoice.ID(String(name.dropFirst("allocation-".count))) else { continue }
            let text = TypedNumber.plain(values.first ?? "")
            typed[id] = text
            guard !text.isEmpty, let currency else { continue }
            guard let money = Money(text, currency: currency), money.minorUnits >= 0 else {
                errors.append(FieldError(name, "must be an amount such as 250.00, with at most \(currency.minorDigits) decimals"))
                continue
            }
            if money.minorUnits > 0 { allocations.append(Allocation(invoiceId: id, amount: money)) }
        }
        return (allocations, typed)
    }
}
