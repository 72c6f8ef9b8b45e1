import Foundation
import FurrowCore
import FurrowDomain

/// The printable invoice or credit note (SPEC §5): number, issue and due dates, payment terms,
/// lines with their taxes, totals, and what is paid and still owed.
public enum InvoiceDocument {
    public static func pdf(_ invoice: Invoice, settings: Settings, parties: QuoteDocument.Parties, term: String?) throws -> Data {
        let word = invoice.kind == .creditNote ? "Credit note" : "Invoice"
        var meta: [String] = []
        if let issued = invoice.issueDate { meta.append("Issue date: \(issued)") }
        if invoice.kind == .invoice, let due = invoice.dueDate { meta.append("Due date: \(due)") }
        if invoice.kind == .invoice, let term { meta.append("Terms: \(term)") }
        var notes: [(String, String?)] = [("Notes", invoice.notes)]
        if invoice.kind == .invoice && invoice.status != .draft {
            notes.insert(("Payment", "Paid: \(Money.grouped(invoice.amountPaid.decimalString)) \(invoice.currency). "
                                   + "Balance due: \(Money.grouped(invoice.balance.decimalString)) \(invoice.currency)."), at: 0)
        }
        if invoice.kind == .invoice, !settings.bankDetails.isEmpty { notes.append(("Please pay to", settings.bankDetails)) }
        let words: [InvoiceStatus: String] = [.issued: "Issued", .partiallyPaid: "Partly paid", .paid: "Paid", .cancelled: "Cancelled"]
        let status = invoice.status == .draft ? "Draft — not valid as an invoice" : words[invoice.status] ?? invoice.status.rawValue
        return try QuoteDocument.Sheet(title: "\(word) \(invoice.number ?? "(draft)")", subtitle: status, parties: parties, meta: meta,
                                       heading: nil, lines: invoice.lines.map(\.line), currency: invoice.currency, totals: invoice.totals,
                                       notes: notes).render(settings: settings)
    }
}
