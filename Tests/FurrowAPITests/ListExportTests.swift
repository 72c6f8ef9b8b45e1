import Foundation
@testable import FurrowAPI
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Every list as CSV (SPEC §11): all matching rows, the list's filters, sort and visibility, and
/// no cell a spreadsheet would run as a formula; on both engines.
@Suite("List export as CSV")
struct ListExportTests {
    /// RFC 4180, read independently of the server's writer: rows of cells.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" {
                    if scalars.first == "\"" { cell.unicodeScalars.append("\""); scalars.removeFirst() } else { quoted = false }
                } else { cell.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { row.append(cell); cell = ""
            } else if c == "\r" { continue
            } else if c == "\n" { row.append(cell); rows.append(row); row = []; cell = ""
            } else { cell.unicodeScalars.append(c) }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }

    @Test("more rows than one batch: every row once, in the list's order, only those the caller sees, with its filters",
          arguments: TestWorld.engines)
    func allRows(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: 1,003 accounts of one seller (past one read of 1,000), two of another seller
        let seller = try await world.makeUser(.sales), other = try await world.makeUser(.sales)
        let store = world.env
        for index in 0..<1003 {
            _ = try await AccountService(store).create(AccountFields(name: String(format: "Farm %04d", index), industry: index % 2 == 0 ? "Dairy" : "Arable"),
                                                       allowDuplicate: true, by: seller)
        }
        _ = try await world.makeAccount("Hidden One", by: other)
        let token = try await world.token(for: seller)
        try await world.withAPI { api in
            // when
            let all = try await api.call(.get, "/api/v1/accounts?format=csv&limit=5", token: token)
            let dairy = try await api.call(.get, "/api/v1/accounts?format=csv&industry=Dairy&sort=-name", token: token)
            let accepted = try await api.call(.get, "/api/v1/accounts?q=Farm%200001", token: token, headers: ["Accept": "text/csv, application/json;q=0.5"])
            let json = try await api.call(.get, "/api/v1/accounts?limit=5", token: token, headers: ["Accept": "application/json, text/csv;q=0.1"])
            // then: the header is the schema's fields; 1,003 rows, by name, no one else's; limit is not a page size here
            #expect(all.status == 200 && all.contentType?.hasPrefix("text/csv") == true)
            #expect(all.headers[.contentDisposition]?.contains("accounts.csv") == true)
            let rows = Self.parse(all.text)
            let header = try #require(rows.first)
            #expect(Array(header.prefix(3)) == ["id", "name", "parentAccountId"] && header.contains("ownerName"), "\(header)")
            let names = rows.dropFirst().map { $0[1] }
            #expect(names.count == 1003 && names == names.sorted() && Set(names).count == 1003)
            #expect(!names.contains("Hidden One"))
            #expect(rows.allSatisfy { $0.count == header.count })
            let dairyNames = Self.parse(dairy.text).dropFirst().map { $0[1] }
            #expect(dairyNames.count == 502 && dairyNames == dairyNames.sorted(by: >))
            #expect(accepted.contentType?.hasPrefix("text/csv") == true && Self.parse(accepted.text).count == 2)
            #expect(json.contentType?.hasPrefix("application/json") == true && (json.json["items"] as? [Any])?.count == 5)
        }
    }

    @Test("cells that would run as formulas are text; amounts stay numbers; a bad query is a problem, not half a file",
          arguments: TestWorld.engines)
    func formulaCells(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let hostile = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-3+4", "@SUM(A1)", "|calc", "\u{FF1D}1+1"]
        for name in hostile { _ = try await world.makeContact(name, firstName: nil) }
        let contact = try await world.makeContact("Plain, \"quoted\"", firstName: "Ann")
        _ = try await world.makeOpportunity("Irrigation", revenue: "0.50")
        _ = try await world.makeOpportunity("=cmd|' /C calc'!A0", revenue: "12500.75")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let contacts = Self.parse(try await api.call(.get, "/api/v1/contacts?format=csv", token: token).text)
            let lastName = try #require(contacts.first?.firstIndex(of: "lastName"))
            let names = Set(contacts.dropFirst().map { $0[lastName] })
            for name in hostile { #expect(names.contains("'" + name), "\(name) in \(names)") }
            #expect(names.contains("Plain, \"quoted\""))
            let byId = contacts.first { $0.first == contact.id.string }
            #expect(byId?[contacts[0].firstIndex(of: "fullName")!] == "Ann Plain, \"quoted\"")

            let deals = Self.parse(try await api.call(.get, "/api/v1/opportunities?format=csv&sort=name", token: token).text)
            let revenue = try #require(deals.first?.firstIndex(of: "estimatedRevenue")), name = deals[0].firstIndex(of: "name")!
            #expect(deals.dropFirst().map { $0[name] } == ["'=cmd|' /C calc'!A0", "Irrigation"])
            #expect(deals.dropFirst().map { $0[revenue] } == ["12500.75", "0.50"])

            let bad = try await api.call(.get, "/api/v1/contacts?format=csv&sort=shoeSize", token: token)
            let unknownFormat = try await api.call(.get, "/api/v1/contacts?format=xml", token: token)
            #expect(bad.status == 400 && bad.contentType == "application/problem+json")
            #expect(unknownFormat.status == 400 && unknownFormat.text.contains("format"))
        }
    }

    @Test("every list answers its CSV with its schema's columns", arguments: TestWorld.engines)
    func everyList(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        _ = try await world.makeLead("Spring irrigation")
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            for path in ["accounts", "contacts", "leads", "opportunities", "products", "quotes", "orders", "invoices", "payments", "activities"] {
                let reply = try await api.call(.get, "/api/v1/\(path)?format=csv", token: token)
                #expect(reply.status == 200 && reply.contentType?.hasPrefix("text/csv") == true, "\(path): \(reply.status) \(reply.text.prefix(200))")
                let header = Self.parse(reply.text).first ?? []
                #expect(header.first == "id" && header.contains("version") && !header.contains("lines"), "\(path): \(header)")
            }
            let leads = Self.parse(try await api.call(.get, "/api/v1/leads?format=csv", token: token).text)
            #expect(leads.count == 2 && leads[1].contains("Spring irrigation"))
        }
    }
}

@Suite("CSV cells of exported lists")
struct ListExportCellTests {
    @Test("decimal text (amounts) stays a number, a negative one too; other text through the formula guard")
    func cells() {
        #expect(ListExport.cell("-1250.00") == "-1250.00" && ListExport.cell("42") == "42")
        #expect(ListExport.cell("-") == "'-" && ListExport.cell("-1-2") == "'-1-2" && ListExport.cell("1.2.3") == "1.2.3")
        #expect(ListExport.cell("+44 20 7946 0000") == "'+44 20 7946 0000")
        #expect(ListExport.cell(NSNumber(value: 1), boolean: true) == "true" && ListExport.cell(NSNumber(value: 7)) == "7")
        #expect(ListExport.cell(nil) == "" && ListExport.cell(NSNull()) == "")
    }
}
