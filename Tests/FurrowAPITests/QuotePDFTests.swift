import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Quote documents")
struct QuotePDFTests {
    @Test("the PDF carries the company, customer, lines and totals, and Unicode names come out right")
    func pdf() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        _ = try await SettingsService(world.env).update({ $0.companyName = "Ørsted & Søn Ltd"; $0.quoteWord = "Budget" }, by: world.admin)
        let account = try await world.makeAccount("Łódź Μηχανική Москва")
        let contact = try await world.makeContact("Núñez", firstName: "José", account: account.id)
        let token = try await world.token(for: world.admin)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("furrow-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("quote.pdf")
        try await world.withAPI { api in
            let quote = try await api.call(.post, "/api/v1/quotes", token: token, json: [
                "accountId": account.id.string, "contactId": contact.id.string, "name": "Ersatzteile für Größe XL", "terms": "Zahlbar in 30 Tagen",
                "lines": [["description": "Straße-Kit €", "quantity": "2", "unitPrice": "19.99"],
                          ["description": "Wartung", "quantity": "1", "unitPrice": "100"]]])
            let pdf = try await api.raw(.get, "/api/v1/quotes/\(quote.string("id") ?? "")/pdf", token: token)
            #expect(pdf.status == 200)
            #expect(pdf.contentType == "application/pdf")
            #expect(pdf.body.starts(with: Data("%PDF-".utf8)))
            try pdf.body.write(to: file)
            #expect(try await api.call(.get, "/api/v1/quotes/\(UUID().uuidString)/pdf", token: token).status == 404)
        }
        // then a real PDF reader finds every piece of text
        let text = try Self.run("/usr/bin/pdftotext", ["-layout", file.path, "-"])
        for expected in ["Ørsted & Søn Ltd", "Budget Q-2026-00001", "Łódź Μηχανική Москва", "José Núñez", "Ersatzteile für Größe XL",
                         "Straße-Kit €", "39.98", "139.98 EUR", "Zahlbar in 30 Tagen"] {
            #expect(text.contains(expected), "missing \(expected) in:\n\(text)")
        }
        let page = try Self.run("/usr/bin/pdftoppm", ["-png", "-r", "40", "-singlefile", file.path, directory.appendingPathComponent("page").path])
        #expect(page.isEmpty)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("page.png").path))
    }

    @Test("Core assembles the PDF for every caller: without an account the contact is the customer; a quote out of sight is not found")
    func assembledInCore() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        // given a quote with a contact but no account
        let contact = try await world.makeContact("Ulloa", firstName: "Inés")
        let opportunity = try await world.makeOpportunity("Orchard pumps")
        let quote = try await QuoteService(world.env).create(
            QuoteInput(opportunityId: opportunity.id, contactId: contact.id,
                       lines: [QuoteInput.Line(description: "Pump", quantity: Micros("1")!, unitPrice: Micros("50")!)]), by: world.admin)
        // when
        let (read, data) = try await QuoteService(world.env).pdf(quote.id, by: world.admin)
        // then
        #expect(read.id == quote.id)
        #expect(data.starts(with: Data("%PDF-".utf8)))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("furrow-quote-\(UUID().uuidString).pdf")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let text = try Self.run("/usr/bin/pdftotext", ["-layout", file.path, "-"])
        #expect(text.components(separatedBy: "Inés Ulloa").count == 3, "customer and contact:\n\(text)")
        let stranger = try await world.makeUser(.sales, team: try await world.makeTeam())
        await #expect(throws: CoreError.self) { _ = try await QuoteService(world.env).pdf(quote.id, by: stranger) }
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
