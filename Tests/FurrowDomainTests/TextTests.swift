import Foundation
@testable import FurrowDomain
import Testing

@Suite("Text: UUIDs and trimming")
struct TextTests {
    @Test("parses and prints what Foundation parses and prints, lowercase")
    func roundTrips() throws {
        for _ in 0..<200 {
            let uuid = UUID()
            #expect(UUIDText.lowercase(uuid) == uuid.uuidString.lowercased())
            #expect(UUIDText.parse(uuid.uuidString) == uuid)
            #expect(UUIDText.parse(uuid.uuidString.lowercased()) == uuid)
        }
    }

    @Test("refuses what Foundation refuses", arguments: [
        "", "not-a-uuid", "123e4567-e89b-12d3-a456-42661417400", "123e4567-e89b-12d3-a456-4266141740000",
        "123e4567xe89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-42661417400g", "{123e4567-e89b-12d3-a456-426614174000}",
        "123e4567-e89b-12d3-a456-42661417400é",
    ])
    func refuses(text: String) {
        #expect(UUIDText.parse(text) == nil)
        #expect(UUID(uuidString: text) == nil)
    }

    @Test("ids order as their text does")
    func ordering() {
        let ids = (0..<300).map { _ in Identifier<Int>(UUID()) }
        #expect(ids.sorted().map(\.string) == ids.map(\.string).sorted())
    }

    @Test("trims what Foundation trims", arguments: [
        "", " ", "plain", "  both  ", "\tTab\t", "\nnew\r\n", " \u{00A0}nbsp\u{2003}", "\u{2028}line\u{2029}", "\u{85}next",
        "inner  space kept", "é ", " 😀 ", "\u{200B}zero-width\u{200B}", "\u{3000}ideographic\u{3000}",
    ])
    func trimming(text: String) {
        #expect(text.trimmed() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text.trimmedSpaces() == text.trimmingCharacters(in: .whitespaces))
        #expect(text[...].trimmed() == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

@Suite("Normal forms: the ASCII paths agree with the general ones")
struct NormaliseFastPathTests {
    static func random(_ alphabet: String, upTo length: Int) -> String {
        String((0..<Int.random(in: 0...length)).map { _ in alphabet.randomElement()! })
    }

    @Test("phone and name keys of random ASCII text")
    func phonesAndNames() {
        let samples = (0..<3000).map { _ in Self.random("0123456789 +-().extEXTxabcZ/_'&,", upTo: 18) }
            + ["ext 123", "extext5", "00 44 20 7946 0000 ext. 12", "Ext12", "+1 (555) 010-9999", "ACME, Inc.", "  O'Brien  & Sons "]
        for text in samples {
            #expect(Normalise.phone(text) == Normalise.unicodePhone(text), "phone of \(text)")
            #expect(Normalise.name(text) == Normalise.unicodeName(text), "name of \(text)")
        }
    }

    @Test("web domains of random ASCII text")
    func domains() {
        let samples = (0..<3000).map { _ in Self.random("ab.W:/-_ 1hps@\t", upTo: 16) }
            + ["https://www.Example.com/about", " example.com ", "ftp://a.b:21/x", "www.", "://x.y", "a.b.", "http://:/", "HTTP://WWW.A-B.CO.UK"]
        for text in samples {
            #expect(Normalise.domain(ofWebsite: text) == Normalise.unicodeDomain(text), "domain of \(text)")
        }
    }
}
