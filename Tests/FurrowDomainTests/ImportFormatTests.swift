import Foundation
import FurrowCore
import FurrowDomain
import Testing

/// Telling an uploaded CSV's encoding, delimiter and columns, and suggesting a mapping (SPEC §11).
@Suite("Import file format")
struct ImportFormatTests {
    @Test("UTF-8 with and without a byte order mark, and Windows-1252 (a spreadsheet's € and accents) read right")
    func encodings() {
        let plain = ImportFormat.sniff(Data("Name,Email\nCafé Ölmühle,info@example.com\n".utf8))
        #expect(plain.encodingName == "UTF-8" && plain.columns == ["Name", "Email"])
        let bom = ImportFormat.sniff(Data([0xEF, 0xBB, 0xBF] + Array("Name;Email\r\nA;b@c.de\r\n".utf8)))
        #expect(bom.encodingName == "UTF-8 with BOM" && bom.delimiter == ";" && bom.columns == ["Name", "Email"])
        // "Preis (€)" and "Müller" as Excel on Windows saves them
        let bytes: [UInt8] = Array("Kunde;Preis (".utf8) + [0x80] + Array(")\nM".utf8) + [0xFC] + Array("ller;12\n".utf8)
        let legacy = ImportFormat.sniff(Data(bytes))
        #expect(legacy.encodingName == "Windows-1252" && legacy.columns == ["Kunde", "Preis (€)"])
        var rows: [[String]] = []
        var reader = CSVReader(delimiter: legacy.delimiter, encoding: legacy.encoding)
        reader.feed(bytes) { record, _ in rows.append(record) }
        #expect(rows.last == ["Müller", "12"])
        // a multi-byte character cut by the end of the head is still UTF-8
        let long = Data(("Name,City\n" + String(repeating: "Zürich,Zürich\n", count: 6000)).utf8)
        #expect(ImportFormat.sniff(long).encoding == .utf8)
    }

    @Test("the delimiter is the one that splits the lines alike: commas inside quotes and in a semicolon file do not fool it")
    func delimiters() {
        #expect(ImportFormat.sniff(Data("a,b,c\n1,2,3\n".utf8)).delimiter == ",")
        #expect(ImportFormat.sniff(Data("Name;Amount\n\"Smith, John\";1,50\nDoe;2,75\n".utf8)).delimiter == ";")
        let tabs = ImportFormat.sniff(Data("Name\tEmail\tPhone\nA, B\ta@b.c\t1\n".utf8))
        #expect(tabs.delimiter == "\t" && tabs.delimiterName == "tab" && tabs.columns == ["Name", "Email", "Phone"])
        #expect(ImportFormat.sniff(Data("\"Name, with comma\",Other\n1,2\n".utf8)).columns == ["Name, with comma", "Other"])
    }

    @Test("columns map to fields by their titles as people write them, each field once")
    func suggestions() {
        let columns = ["Company Name", "E-Mail", "Tel.", "Web", "Sector", "Account Manager", "Notes"]
        #expect(ImportType.accounts.suggestedMapping(columns) == ["Company Name": "name", "E-Mail": "email", "Tel.": "phone", "Web": "website",
                                                                  "Sector": "industry", "Account Manager": "ownerEmail"])
        #expect(ImportType.contacts.suggestedMapping(["First Name", "Surname", "Email", "Email"]) == ["First Name": "firstName", "Surname": "lastName", "Email": "email"])
        #expect(ImportType.products.suggestedMapping(["Artikelnummer", "Article Number", "Product"]) == ["Article Number": "sku", "Product": "name"])
        #expect(ImportType.opportunities.fields.filter(\.required).map(\.name) == ["name"])
    }
}
