import Foundation
import FurrowCore
import FurrowDomain

/// The printable quote (SPEC §4): company header, customer, lines, totals, comments and terms,
/// number and revision, in the document word the administrator chose.
public enum QuoteDocument {
    static let font: TrueTypeFont? = {
        guard let url = Bundle.module.url(forResource: "DejaVuSans", withExtension: "ttf"), let data = try? Data(contentsOf: url) else { return nil }
        return try? TrueTypeFont(data)
    }()

    public struct Parties: Sendable {
        public let customer: DocumentCustomer
        public let contact: String?
        public init(customer: DocumentCustomer, contact: String?) {
            self.customer = customer
            self.contact = contact
        }
    }

    public static func pdf(_ quote: Quote, settings: Settings, parties: Parties, today: Day) throws -> Data {
        var meta = ["Date: \(quote.date)"]
        if let validUntil = quote.validUntil { meta.append("Valid until: \(validUntil)") }
        return try Sheet(title: "\(settings.quoteWord) \(quote.number)",
                         subtitle: "Revision \(quote.revision) · \(quote.reading(on: today).rawValue.prefix(1).uppercased() + quote.reading(on: today).rawValue.dropFirst())",
                         parties: parties, meta: meta, heading: quote.name, lines: quote.lines, currency: quote.currency, totals: quote.totals,
                         notes: [("Comments", quote.comments), ("Terms", quote.terms)]).render(settings: settings)
    }

    /// The common layout of a commercial document: company header, customer, lines, totals, notes.
    struct Sheet {
        var title: String
        var subtitle: String
        var parties: Parties
        var meta: [String]
        var heading: String?
        var lines: [QuoteLine]
        var currency: Currency
        var totals: DocumentTotals
        var notes: [(String, String?)]

        func render(settings: Settings) throws -> Data {
            guard let font else { throw DocumentError.badFont }
            var pdf = PDFWriter(font: font, paper: settings.documentPaper)
            pdf.footer = settings.documentFooter
            let left = 50.0, right = pdf.width - 50
            var y = 60.0
            // the company (its address, registration and tax numbers) left, the document's title in the accent colour right
            let company = settings.companyAddress.split(separator: ",").map { $0.trimmedSpaces() }.prefix(4)
                + [settings.companyRegistration, settings.companyTaxNumber.isEmpty ? "" : "VAT " + settings.companyTaxNumber].filter { !$0.isEmpty }
            func header() {
                if let logo = settings.logo {
                    pdf.draw(logo, x: left, y: y - 24, height: 36)
                    y += 32
                }
                pdf.text(settings.companyName, x: left, y: y, size: 16)
                for (index, line) in company.enumerated() {
                    pdf.text(line, x: left, y: y + 16 + Double(index) * 11, size: 8.5)
                }
                pdf.color(settings.accentRGB)
                pdf.text(title, x: right, y: y, size: 16, alignRight: true)
                pdf.black()
                pdf.text(subtitle, x: right, y: y + 16, size: 9, alignRight: true)
                y += max(70, 30 + Double(company.count) * 11)
            }
            header()
            pdf.text("To", x: left, y: y, size: 8)
            pdf.text(parties.customer.name ?? "—", x: left, y: y + 14, size: 11)
            // the customer's address lines and VAT number, then the contact
            var below = y + 14
            for line in parties.customer.address.prefix(6) {
                below += 12
                pdf.text(fit(line, width: 250, pdf: pdf), x: left, y: below, size: 9)
            }
            if let vat = parties.customer.vatNumber {
                below += 12
                pdf.text("VAT \(vat)", x: left, y: below, size: 9)
            }
            if let contact = parties.contact {
                below += 14
                pdf.text("Attn. " + contact, x: left, y: below, size: 10)
            }
            for (index, text) in meta.enumerated() { pdf.text(text, x: right, y: y + 14 + Double(index) * 14, size: 10, alignRight: true) }
            y = max(below + 24, y + 38 + Double(max(1, meta.count)) * 14)
            if let heading {
                pdf.text(heading, x: left, y: y, size: 12)
                y += 22
            }
            let columns: [(String, Double, Bool)] = [("Description", left, false), ("Qty", 330, true), ("Unit price", 400, true),
                                                      ("Disc. %", 450, true), ("Tax %", 495, true), ("Net", right, true)]
            func tableHead() {
                for (title, x, alignRight) in columns { pdf.text(title, x: x, y: y, size: 8, alignRight: alignRight) }
                pdf.color(settings.accentRGB)
                pdf.line(from: left, y + 4, to: right, y + 4)
                pdf.black()
                y += 18
            }
            tableHead()
            for line in lines {
                if y > pdf.height - 120 {
                    pdf.newPage()
                    y = 60
                    header()
                    tableHead()
                }
                pdf.text(fit(line.description, width: 260, pdf: pdf), x: left, y: y, size: 9)
                pdf.text(line.quantity.decimalString, x: 330, y: y, size: 9, alignRight: true)
                pdf.text(Money.grouped(line.unitPrice.decimalString), x: 400, y: y, size: 9, alignRight: true)
                pdf.text(line.discountPercent.decimalString, x: 450, y: y, size: 9, alignRight: true)
                pdf.text(line.taxPercent.decimalString, x: 495, y: y, size: 9, alignRight: true)
                pdf.text(Money.grouped(line.price(in: currency).net.decimalString), x: right, y: y, size: 9, alignRight: true)
                y += 15
            }
            pdf.line(from: 330, y - 6, to: right, y - 6)
            for (label, amount) in [("Subtotal", totals.subtotal), ("Discounts included", totals.discountTotal), ("Tax", totals.taxTotal),
                                    ("Total", totals.total)] {
                y += 14
                pdf.text(label, x: 420, y: y, size: label == "Total" ? 11 : 9, alignRight: true)
                pdf.text("\(Money.grouped(amount.decimalString)) \(currency)", x: right, y: y, size: label == "Total" ? 11 : 9, alignRight: true)
            }
            y += 30
            for (title, text) in notes {
                guard let text, !text.isEmpty else { continue }
                if y > pdf.height - 80 { pdf.newPage(); y = 60 }
                pdf.text(title, x: left, y: y, size: 9)
                y += 13
                for line in wrap(text, width: right - left, pdf: pdf) {
                    pdf.text(line, x: left, y: y, size: 9)
                    y += 12
                }
                y += 8
            }
            return pdf.render(title: title)
        }
    }

    static func fit(_ text: String, width: Double, pdf: PDFWriter) -> String {
        guard pdf.width(of: text, size: 9) > width else { return text }
        var cut = text
        while !cut.isEmpty && pdf.width(of: cut + "…", size: 9) > width { cut.removeLast() }
        return cut + "…"
    }

    static func wrap(_ text: String, width: Double, pdf: PDFWriter) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if pdf.width(of: candidate, size: 9) > width && !line.isEmpty {
                    lines.append(line)
                    line = String(word)
                } else {
                    line = candidate
                }
            }
            lines.append(line)
        }
        return lines
    }
}

/// The documents module's renderer, for downloads and email attachments.
public struct PDFRenderer: DocumentRenderer {
    public init() {}

    public func pdf(_ invoice: Invoice, settings: Settings, customer: DocumentCustomer, contact: String?, term: String?) throws -> Data {
        try InvoiceDocument.pdf(invoice, settings: settings, parties: .init(customer: customer, contact: contact), term: term)
    }

    public func pdf(_ quote: Quote, settings: Settings, customer: DocumentCustomer, contact: String?, today: Day) throws -> Data {
        try QuoteDocument.pdf(quote, settings: settings, parties: .init(customer: customer, contact: contact), today: today)
    }
}
