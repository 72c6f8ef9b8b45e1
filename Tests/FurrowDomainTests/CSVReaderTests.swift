import Foundation
import FurrowDomain
import Testing

@Suite("CSV reading")
struct CSVReaderTests {
    @Test("quoted fields, doubled quotes, line breaks inside quotes, CRLF/LF/CR ends, a byte order mark, lines counted")
    func records() {
        let text = "\u{FEFF}name,note\r\n\"Smith, Ada\",\"said \"\"hi\"\"\"\n\"two\nlines\",x\rlast,\"\"\n"
        var reader = CSVReader(), seen: [([String], Int)] = []
        reader.feed(Array(text.utf8)) { seen.append(($0, $1)) }
        reader.finish { seen.append(($0, $1)) }
        #expect(seen.map(\.0) == [["name", "note"], ["Smith, Ada", "said \"hi\""], ["two\nlines", "x"], ["last", ""]])
        #expect(seen.map(\.1) == [1, 2, 3, 5])
    }

    @Test("the same records whatever the pieces the bytes arrive in")
    func pieces() {
        let text = "a,b\r\n\"x,\"\"y\"\"\",z\n\"multi\r\nline\",é\nend,\"no newline\""
        let whole = CSVReader.records(text)
        let bytes = Array(text.utf8)
        for size in 1...7 {
            var reader = CSVReader(), records: [[String]] = []
            var start = 0
            while start < bytes.count {
                reader.feed(bytes[start..<min(start + size, bytes.count)]) { record, _ in records.append(record) }
                start += size
            }
            reader.finish { record, _ in records.append(record) }
            #expect(records == whole, "piece size \(size)")
        }
        #expect(whole.count == 4 && whole[3] == ["end", "no newline"])
    }

    @Test("other delimiters, and a file that starts like a byte order mark but is not one")
    func delimiters() {
        #expect(CSVReader.records("a;b\n1;2", delimiter: ";") == [["a", "b"], ["1", "2"]])
        #expect(CSVReader.records("a\tb\n", delimiter: "\t") == [["a", "b"]])
        #expect(CSVReader.records("\u{FEFE}x,y\n") == [["\u{FEFE}x", "y"]])
    }
}
