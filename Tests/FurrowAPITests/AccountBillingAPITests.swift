import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Account billing details")
struct AccountBillingAPITests {
    @Test("addresses, a VAT number and a payment term: kept, cleared, checked, given to invoices and printed on them", arguments: TestWorld.engines)
    func billing(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        _ = try await SettingsService(world.env).update({ $0.bankDetails = "IBAN GB33 BUKB 2020 1555 5555 55" }, by: world.admin)
        try await world.withAPI { api in
            let token = try await world.token(for: world.admin)
            let net15 = "8d000000-0000-4000-8000-000000000002"
            let created = try await api.call(.post, "/api/v1/accounts", token: token, json: [
                "name": "Fjord Foods AS", "vatNumber": "no 923 456 789 mva",
                "billingAddress": ["street": "Bryggen 1\nPostboks 12", "postcode": "5003", "city": "Bergen", "country": "Norway"],
                "shippingAddress": ["street": " ", "city": ""], "paymentTermId": net15,
            ])
            #expect(created.status == 201, "\(created.text)")
            #expect(created.string("vatNumber") == "NO 923 456 789 MVA")
            #expect(created.string("paymentTermId") == net15)
            #expect((created.json["billingAddress"] as? [String: String])?["city"] == "Bergen")
            #expect(created.json["shippingAddress"] == nil, "an address with no part is none")
            let id = try #require(created.string("id"))
            let bad = try await api.call(.post, "/api/v1/accounts", token: token, json: [
                "name": "Bad", "vatNumber": "GB#1", "paymentTermId": UUID().uuidString, "billingAddress": ["postcode": String(repeating: "9", count: 30)],
            ])
            #expect(bad.status == 422)
            #expect(Set(bad.fieldErrors.map(\.field)) == ["vatNumber", "billingAddress.postcode"], "\(bad.text)")
            let unknownTerm = try await api.call(.post, "/api/v1/accounts", token: token, json: ["name": "Termless", "paymentTermId": UUID().uuidString])
            #expect(unknownTerm.status == 422 && unknownTerm.fieldErrors.map(\.field) == ["paymentTermId"])

            // an invoice without a term of its own gets the customer's; its PDF prints the address, the VAT number and the bank
            let invoice = try await api.call(.post, "/api/v1/invoices", token: token, json: [
                "accountId": id, "currency": "NOK", "lines": [["description": "Smoked salmon", "quantity": "100", "unitPrice": "125.50"]],
            ])
            #expect(invoice.status == 201 && invoice.string("paymentTermId") == net15, "\(invoice.text)")
            let invoiceId = try #require(invoice.string("id"))
            let pdf = try await api.raw(.get, "/api/v1/invoices/\(invoiceId)/pdf", token: token)
            #expect(pdf.status == 200)
            // the font is cut down to the glyphs used: a one-page invoice is tens of kilobytes
            #expect(pdf.body.count < 100_000, "\(pdf.body.count) bytes")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("furrow-invoice-\(UUID().uuidString).pdf")
            try pdf.body.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let text = try QuotePDFTests.run("/usr/bin/pdftotext", ["-layout", file.path, "-"])
            // and a real renderer draws it without complaining about the cut-down font
            let render = Process()
            render.executableURL = URL(fileURLWithPath: "/usr/bin/pdftoppm")
            render.arguments = ["-png", "-r", "30", "-singlefile", file.path, file.path + "-page"]
            let errors = Pipe()
            render.standardError = errors
            try render.run()
            let complaints = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            render.waitUntilExit()
            defer { try? FileManager.default.removeItem(atPath: file.path + "-page.png") }
            #expect(render.terminationStatus == 0 && complaints.isEmpty, "\(complaints)")
            #expect(FileManager.default.fileExists(atPath: file.path + "-page.png"))
            for expected in ["Fjord Foods AS", "Bryggen 1", "Postboks 12", "5003 Bergen", "Norway", "VAT NO 923 456 789 MVA", "12,550.00", "IBAN GB33 BUKB 2020 1555 5555 55"] {
                #expect(text.contains(expected), "missing \(expected) in:\n\(text)")
            }

            // null clears; the trail names the change
            let account = try await api.call(.get, "/api/v1/accounts/\(id)", token: token)
            let cleared = try await api.call(.patch, "/api/v1/accounts/\(id)", token: token,
                                             json: ["billingAddress": NSNull(), "vatNumber": NSNull(), "paymentTermId": NSNull(),
                                                    "version": account.json["version"] as? Int ?? 0])
            #expect(cleared.status == 200 && cleared.json["billingAddress"] == nil && cleared.string("vatNumber") == nil, "\(cleared.text)")
        }
    }
}
