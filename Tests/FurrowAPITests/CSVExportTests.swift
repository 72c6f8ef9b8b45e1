@testable import FurrowHTTP
import Testing

@Suite("CSV export cells")
struct CSVExportTests {
    @Test("CSV cells a spreadsheet would run are neutralised and quoted", arguments: [
        ("Ann;=1+1;", "\"Ann;=1+1;\""), ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\u{FF1D}1+1", "'\u{FF1D}1+1"), ("\u{FF0B}1", "'\u{FF0B}1"), ("\u{FF0D}1", "'\u{FF0D}1"), ("\u{FF20}x", "'\u{FF20}x"),
        ("|cmd", "'|cmd"), ("\tx", "'\tx"), ("\rx", "\"'\rx\""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""), ("=a,b", "\"'=a,b\""), ("Plain name", "Plain name"), ("", ""),
    ])
    func csvCells(text: String, cell: String) {
        #expect(CSV.cell(text) == cell)
        #expect(CSV.render(.text(text)) == cell)
        #expect(CSV.render(.number("-12.50")) == "-12.50")
    }
}
