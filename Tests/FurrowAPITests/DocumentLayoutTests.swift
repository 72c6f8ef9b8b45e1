import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Document layout")
struct DocumentLayoutTests {
    @Test("a 40-line quote on Letter paper: the company's numbers, the default terms, the header on every page, page numbers, the footer, a cut-down font")
    func longQuote() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        _ = try await SettingsService(world.env).update({ settings in
            settings.companyName = "Harvest Machines Ltd"
            settings.companyAddress = "1 Mill Lane, Leeds LS1 4AP"
            settings.companyRegistration = "Registered in England, no. 01234567"
            settings.companyTaxNumber = "GB 123 4567 89"
            settings.documentFooter = "Harvest Machines Ltd · harvest.example"
            settings.documentPaper = "Letter"
            settings.documentAccent = "#AA3300"
            settings.quoteTerms = "Prices valid for 30 days. Delivery ex works."
        }, by: world.admin)
        do {
            _ = try await SettingsService(world.env).update({ $0.documentAccent = "orange"; $0.documentPaper = "A3" }, by: world.admin)
            Issue.record("a bad colour and paper were taken")
        } catch let error as ValidationError {
            #expect(Set(error.errors.map(\.field)) == ["documentAccent", "documentPaper"])
        }
        let opportunity = try await world.makeOpportunity("Parts")
        let lines = (1...40).map { QuoteInput.Line(description: "Spare part \($0)", quantity: Micros("1")!, unitPrice: Micros("1000")!) }
        let quote = try await QuoteService(world.env).create(QuoteInput(opportunityId: opportunity.id, lines: lines), by: world.admin)
        #expect(quote.terms == "Prices valid for 30 days. Delivery ex works.")
        let (_, data) = try await QuoteService(world.env).pdf(quote.id, by: world.admin)
        #expect(data.count < 100_000, "\(data.count) bytes")
        #expect(String(decoding: data, as: UTF8.self).contains("/MediaBox [0 0 612 792]"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("furrow-long-\(UUID().uuidString).pdf")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let text = try QuotePDFTests.run("/usr/bin/pdftotext", ["-layout", file.path, "-"])
        for expected in ["Registered in England, no. 01234567", "VAT GB 123 4567 89", "Page 1 of 2", "Page 2 of 2", "Spare part 40",
                         "Harvest Machines Ltd · harvest.example", "40,000.00", "Prices valid for 30 days."] {
            #expect(text.contains(expected), "missing \(expected) in:\n\(text)")
        }
        #expect(text.components(separatedBy: "Unit price").count == 3, "the lines' header on each page")
    }
}
