import Foundation

/// RFC 4180 records read from bytes in pieces, so a file of any size streams through a fixed
/// buffer: quoted fields with doubled quotes and line breaks, CRLF, LF or CR line ends, an
/// optional UTF-8 byte order mark. The delimiter is one ASCII character.
public struct CSVReader: Sendable {
    private let delimiter: UInt8
    private var field: [UInt8] = []
    private var record: [String] = []
    private var quoted = false, afterQuote = false, afterCR = false
    private var bomSeen = 0
    /// The line of the file on which the next record starts (1 for the first).
    public private(set) var line = 1
    private var lineOfRecord = 1
    private var newlinesInRecord = 0

    public init(delimiter: Character = ",") {
        self.delimiter = delimiter.asciiValue ?? UInt8(ascii: ",")
    }

    /// Consumes a piece of the input; calls `emit` with each complete record and the line it starts on.
    public mutating func feed<S: Sequence>(_ bytes: S, _ emit: ([String], Int) throws -> Void) rethrows where S.Element == UInt8 {
        for byte in bytes {
            if bomSeen < 3 {
                // A UTF-8 byte order mark (EF BB BF) at the very start is skipped.
                if byte == [0xEF, 0xBB, 0xBF][bomSeen] {
                    bomSeen += 1
                    continue
                }
                field.append(contentsOf: [0xEF, 0xBB, 0xBF].prefix(bomSeen))
                bomSeen = 3
            }
            if afterCR {
                afterCR = false
                if byte == UInt8(ascii: "\n") { continue }
            }
            if quoted {
                if byte == UInt8(ascii: "\"") { quoted = false; afterQuote = true } else {
                    if byte == UInt8(ascii: "\n") { newlinesInRecord += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\"") where afterQuote: field.append(byte); quoted = true; afterQuote = false
            case UInt8(ascii: "\"") where field.isEmpty: quoted = true
            case delimiter: endField()
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                afterCR = byte == UInt8(ascii: "\r")
                endField()
                try emitRecord(emit)
            default: field.append(byte); afterQuote = false
            }
        }
    }

    /// Ends the input: emits a last record that had no line end.
    public mutating func finish(_ emit: ([String], Int) throws -> Void) rethrows {
        if !field.isEmpty || !record.isEmpty || quoted {
            endField()
            try emitRecord(emit)
        }
    }

    private mutating func endField() {
        record.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        afterQuote = false
    }

    private mutating func emitRecord(_ emit: ([String], Int) throws -> Void) rethrows {
        let done = record, start = lineOfRecord
        record.removeAll(keepingCapacity: true)
        quoted = false
        line = start + 1 + newlinesInRecord
        lineOfRecord = line
        newlinesInRecord = 0
        try emit(done, start)
    }

    /// Every record of a whole text.
    public static func records(_ text: String, delimiter: Character = ",") -> [[String]] {
        var reader = CSVReader(delimiter: delimiter), records: [[String]] = []
        reader.feed(text.utf8) { record, _ in records.append(record) }
        reader.finish { record, _ in records.append(record) }
        return records
    }
}
