import Foundation
import Hummingbird
import NIOCore

/// CSV exports (SPEC §10, §11), every text cell through `cell`: RFC 4180 quoting, and cells a
/// spreadsheet would run as a formula prefixed with `'` so they stay text. Numbers written by
/// Furrow itself (amounts, counts) are passed as `number` and left as they are.
public enum CSV {
    public enum Cell {
        case text(String)
        case number(String)
    }

    public static func document(header: [String], rows: [[Cell]]) -> String {
        ([header.map(cell)] + rows.map { row in row.map(render) })
            .map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    public static func render(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): return Self.cell(text)
        case .number(let text): return text
        }
    }

    /// One text cell, safe to open in a spreadsheet.
    public static func cell(_ text: String) -> String { quoted(safe(text)) }

    /// First characters that make Excel, LibreOffice or Google Sheets read a formula (or run a
    /// DDE command, `|`), with their full-width forms, which some of them fold to ASCII.
    public static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n", "|",
                                                     "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}", "\u{FF5C}"]

    public static func safe(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaStarts.contains(first) else { return text }
        return "'" + text
    }

    /// Quoted when the cell holds a separator (`,`, or `;` for spreadsheets set to read it so),
    /// a quote or a line break.
    public static func quoted(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { ",;\"\n\r".unicodeScalars.contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension Response {
    public static func csv(_ text: String, filename: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                        .contentDisposition: "attachment; filename=\"\(filename)\""],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
