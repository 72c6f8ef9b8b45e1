import Foundation
import Hummingbird
import NIOCore

/// CSV exports (SPEC §10, §11): RFC 4180 quoting, and cells a spreadsheet would run as a formula
/// (starting with `=`, `+`, `-`, `@`, tab or carriage return) prefixed with `'` so they stay text.
/// Numbers written by Furrow itself (amounts, counts) are passed as `number` and left as they are.
enum CSV {
    enum Cell {
        case text(String)
        case number(String)
    }

    static func document(header: [String], rows: [[Cell]]) -> String {
        ([header.map { quoted(safe($0)) }] + rows.map { row in row.map(render) })
            .map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func render(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): return quoted(safe(text))
        case .number(let text): return text
        }
    }

    static func safe(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension Response {
    static func csv(_ text: String, filename: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                        .contentDisposition: "attachment; filename=\"\(filename)\""],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
