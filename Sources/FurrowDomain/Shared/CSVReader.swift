import Foundation

/// RFC 4180 records read from bytes in pieces, so a file of any size streams through a fixed
/// buffer: quoted fields with doubled quotes and line breaks, CRLF, LF or CR line ends, an
/// optional UTF-8 byte order mark. The delimiter is one ASCII character; the text is UTF-8 or
/// Windows-1252 (as spreadsheets on Windows save CSV).
public struct CSVReader: Sendable {
    public enum Encoding: String, Sendable, CaseIterable {
        case utf8 = "UTF-8"
        case windows1252 = "Windows-1252"
    }

    private let delimiter: UInt8
    private let encoding: Encoding
    private var field: [UInt8] = []
    private var record: [String] = []
    private var quoted = false, afterQuote = false, afterCR = false
    private var bomSeen = 0
    /// The line of the file on which the next record starts (1 for the first).
    public private(set) var line = 1
    private var lineOfRecord = 1
    private var newlinesInRecord = 0

    public init(delimiter: Character = ",", encoding: Encoding = .utf8) {
        self.delimiter = delimiter.asciiValue ?? UInt8(ascii: ",")
        self.encoding = encoding
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
        record.append(encoding == .utf8 ? String(decoding: field, as: UTF8.self) : Self.windows1252(field))
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

    /// Windows-1252 text: Latin-1 but for 0x80–0x9F, where it has €, curly quotes, dashes and a few letters.
    public static func windows1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte >= 0x80 && byte <= 0x9F, let value = cp1252High[Int(byte - 0x80)], let scalar = Unicode.Scalar(value) {
                scalars.append(scalar)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    /// 0x80…0x9F of Windows-1252 (nil: undefined there, read as the Latin-1 control character).
    static let cp1252High: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]

    /// Every record of a whole text.
    public static func records(_ text: String, delimiter: Character = ",") -> [[String]] {
        var reader = CSVReader(delimiter: delimiter), records: [[String]] = []
        reader.feed(text.utf8) { record, _ in records.append(record) }
        reader.finish { record, _ in records.append(record) }
        return records
    }
}
