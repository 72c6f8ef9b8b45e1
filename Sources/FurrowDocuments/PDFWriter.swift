import Foundation
import FurrowCore

/// A small PDF writer: A4 pages of positioned text in one embedded Unicode font (Type 0 /
/// CIDFontType2, Identity-H, with a ToUnicode map so the text can be searched and copied), the
/// font cut down to the glyphs used (`FontSubset`).
struct PDFWriter {
    /// Page sizes in points: A4 and US Letter.
    static let papers: [String: (width: Double, height: Double)] = ["A4": (595, 842), "Letter": (612, 792)]
    let width: Double, height: Double
    /// Printed at the foot of every page, left; the page number ("Page 2 of 3") goes right.
    var footer: String?
    private let font: TrueTypeFont
    private var pages: [String] = []
    private var current = ""
    private var used: Set<UInt16> = []
    private var usedText: [UInt16: Unicode.Scalar] = [:]
    /// The one image a document may show (the logo), drawn as `/Im1`.
    private var image: DocumentImage?

    init(font: TrueTypeFont, paper: String = "A4") {
        self.font = font
        let size = Self.papers[paper] ?? Self.papers["A4"]!
        width = size.width
        height = size.height
    }

    /// Draws in a colour (`r g b` from 0 to 1) until `black()`.
    mutating func color(_ rgb: (Double, Double, Double)) {
        current += String(format: "%.3f %.3f %.3f rg %.3f %.3f %.3f RG\n", rgb.0, rgb.1, rgb.2, rgb.0, rgb.1, rgb.2)
    }

    mutating func black() { current += "0 g 0 G\n" }

    /// Draws the image with its top left corner at x, y from the top, `height` points tall, as wide as its proportions say.
    mutating func draw(_ picture: DocumentImage, x: Double, y: Double, height: Double) {
        image = picture
        let width = height * Double(picture.width) / Double(max(picture.height, 1))
        current += String(format: "q %.2f 0 0 %.2f %.2f %.2f cm /Im1 Do Q\n", width, height, x, self.height - y - height)
    }

    /// Draws text with its left edge at x (or its right edge, when `alignRight`), baseline at y from the top.
    mutating func text(_ text: String, x: Double, y: Double, size: Double = 10, alignRight: Bool = false) {
        guard !text.isEmpty else { return }
        var hex = ""
        for scalar in text.unicodeScalars {
            let glyph = font.glyph(for: scalar)
            used.insert(glyph)
            if usedText[glyph] == nil { usedText[glyph] = scalar }
            hex += String(format: "%04X", glyph)
        }
        let left = alignRight ? x - font.width(of: text, size: size) : x
        current += String(format: "BT /F1 %.1f Tf %.2f %.2f Td ", size, left, height - y) + "<\(hex)> Tj ET\n"
    }

    mutating func line(from x1: Double, _ y1: Double, to x2: Double, _ y2: Double, width: Double = 0.5) {
        current += String(format: "%.2f w %.2f %.2f m %.2f %.2f l S\n", width, x1, height - y1, x2, height - y2)
    }

    mutating func newPage() {
        if !current.isEmpty { pages.append(current) }
        current = ""
    }

    func width(of text: String, size: Double) -> Double { font.width(of: text, size: size) }

    /// The finished document.
    mutating func render(title: String) -> Data {
        newPage()
        if pages.isEmpty { pages.append("") }
        // the foot of each page: the footer text, and the page number when there are several
        let drawn = pages
        pages = []
        for (index, content) in drawn.enumerated() {
            current = content
            if let footer, !footer.isEmpty { text(footer, x: 50, y: height - 30, size: 7) }
            if drawn.count > 1 { text("Page \(index + 1) of \(drawn.count)", x: width - 50, y: height - 30, size: 7, alignRight: true) }
            pages.append(current)
        }
        current = ""
        var objects: [Data] = []
        func add(_ body: Data) -> Int { objects.append(body); return objects.count }
        func add(_ text: String) -> Int { add(Data(text.utf8)) }
        func stream(_ content: Data, _ extra: String = "") -> Data {
            var data = Data("<< /Length \(content.count)\(extra) >>\nstream\n".utf8)
            data.append(content)
            data.append(Data("\nendstream".utf8))
            return data
        }
        // only the glyphs the document uses (and their components)
        let fontData = FontSubset.subset(font.data, keeping: used)
        let fontFile = add(stream(fontData, " /Length1 \(fontData.count)"))
        let scale = 1000.0 / Double(font.unitsPerEm)
        let bbox = font.bbox.map { String(Int(Double($0) * scale)) }.joined(separator: " ")
        let descriptor = add("<< /Type /FontDescriptor /FontName /DejaVuSans /Flags 32 /FontBBox [\(bbox)] /ItalicAngle 0 "
            + "/Ascent \(Int(Double(font.ascent) * scale)) /Descent \(Int(Double(font.descent) * scale)) /CapHeight 729 /StemV 80 /FontFile2 \(fontFile) 0 R >>")
        let widths = used.sorted().map { "\($0) [\(font.width(of: $0))]" }.joined(separator: " ")
        let cidFont = add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /DejaVuSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            + "/FontDescriptor \(descriptor) 0 R /W [\(widths)] /CIDToGIDMap /Identity >>")
        var cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
            + "/CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        let mapped = usedText.sorted { $0.key < $1.key }
        for chunk in stride(from: 0, to: mapped.count, by: 100) {
            let part = mapped[chunk..<min(chunk + 100, mapped.count)]
            cmap += "\(part.count) beginbfchar\n"
            for (glyph, scalar) in part { cmap += String(format: "<%04X> ", glyph) + "<\(Self.utf16Hex(scalar))>\n" }
            cmap += "endbfchar\n"
        }
        cmap += "endcmap CMapName currentdict /CMap defineresource pop end end"
        let toUnicode = add(stream(Data(cmap.utf8)))
        let type0 = add("<< /Type /Font /Subtype /Type0 /BaseFont /DejaVuSans /Encoding /Identity-H /DescendantFonts [\(cidFont) 0 R] /ToUnicode \(toUnicode) 0 R >>")
        var imageResource = ""
        if let image {
            let space = image.colors == 3 ? "/DeviceRGB" : "/DeviceGray"
            let filter = image.kind == .jpeg ? " /Filter /DCTDecode"
                : " /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors \(image.colors) /BitsPerComponent 8 /Columns \(image.width) >>"
            let id = add(stream(image.stream, " /Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) /ColorSpace \(space) /BitsPerComponent 8" + filter))
            imageResource = " /XObject << /Im1 \(id) 0 R >>"
        }
        let pagesId = objects.count + 1 + pages.count * 2
        var kids: [Int] = []
        for content in pages {
            let contentId = add(stream(Data(content.utf8)))
            kids.append(add("<< /Type /Page /Parent \(pagesId) 0 R /MediaBox [0 0 \(Int(width)) \(Int(height))] "
                + "/Resources << /Font << /F1 \(type0) 0 R >>\(imageResource) >> /Contents \(contentId) 0 R >>"))
        }
        _ = add("<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>")
        let catalog = add("<< /Type /Catalog /Pages \(pagesId) 0 R >>")
        let info = add("<< /Title <FEFF\(title.utf16.map { String(format: "%04X", $0) }.joined())> /Producer (Furrow) >>")
        var output = Data("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(output.count)
            output.append(Data("\(index + 1) 0 obj\n".utf8))
            output.append(body)
            output.append(Data("\nendobj\n".utf8))
        }
        let xref = output.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<< /Size \(objects.count + 1) /Root \(catalog) 0 R /Info \(info) 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        output.append(Data(table.utf8))
        return output
    }

    static func utf16Hex(_ scalar: Unicode.Scalar) -> String {
        String(Character(scalar)).utf16.map { String(format: "%04X", $0) }.joined()
    }
}
