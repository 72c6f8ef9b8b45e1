import Foundation

/// Just enough of a TrueType font to embed it in a PDF: Unicode → glyph ids (cmap formats 4
/// and 12), advance widths, and the metrics of the font descriptor.
struct TrueTypeFont: Sendable {
    let data: Data
    let unitsPerEm: Int
    let ascent: Int
    let descent: Int
    let bbox: [Int]
    private let glyphs: [UInt32: UInt16]
    private let advances: [UInt16]

    init(_ data: Data) throws {
        self.data = data
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
        func s16(_ at: Int) -> Int { Int(Int16(bitPattern: UInt16(u16(at)))) }
        func u32(_ at: Int) -> Int { u16(at) << 16 | u16(at + 2) }
        var tables: [String: Int] = [:]
        for index in 0..<u16(4) {
            let record = 12 + index * 16
            tables[String(decoding: bytes[record..<record + 4], as: UTF8.self)] = u32(record + 8)
        }
        guard let head = tables["head"], let hhea = tables["hhea"], let hmtx = tables["hmtx"], let cmap = tables["cmap"] else {
            throw DocumentError.badFont
        }
        unitsPerEm = u16(head + 18)
        bbox = [s16(head + 36), s16(head + 38), s16(head + 40), s16(head + 42)]
        ascent = s16(hhea + 4)
        descent = s16(hhea + 6)
        let metrics = u16(hhea + 34)
        advances = (0..<metrics).map { UInt16(u16(hmtx + $0 * 4)) }
        var map: [UInt32: UInt16] = [:]
        var best4: Int?, best12: Int?
        for index in 0..<u16(cmap + 2) {
            let record = cmap + 4 + index * 8
            let platform = u16(record), encoding = u16(record + 2), offset = cmap + u32(record + 4)
            guard platform == 3 || platform == 0 else { continue }
            if u16(offset) == 12 && (encoding == 10 || platform == 0) { best12 = offset }
            if u16(offset) == 4 && (encoding == 1 || platform == 0) { best4 = best4 ?? offset }
        }
        if let table = best12 {
            for group in 0..<u32(table + 12) {
                let at = table + 16 + group * 12
                let start = u32(at), end = u32(at + 4), glyph = u32(at + 8)
                for code in start...end where end - start < 70_000 { map[UInt32(code)] = UInt16(truncatingIfNeeded: glyph + code - start) }
            }
        } else if let table = best4 {
            let segments = u16(table + 6) / 2
            let ends = table + 14, starts = ends + segments * 2 + 2, deltas = starts + segments * 2, ranges = deltas + segments * 2
            for segment in 0..<segments {
                let end = u16(ends + segment * 2), start = u16(starts + segment * 2)
                let delta = u16(deltas + segment * 2), rangeOffset = u16(ranges + segment * 2)
                guard start <= end, end != 0xFFFF else { continue }
                for code in start...end {
                    var glyph: Int
                    if rangeOffset == 0 { glyph = (code + delta) & 0xFFFF } else {
                        let at = ranges + segment * 2 + rangeOffset + (code - start) * 2
                        glyph = at + 1 < bytes.count ? u16(at) : 0
                        if glyph != 0 { glyph = (glyph + delta) & 0xFFFF }
                    }
                    if glyph != 0 { map[UInt32(code)] = UInt16(glyph) }
                }
            }
        }
        glyphs = map
    }

    func glyph(for scalar: Unicode.Scalar) -> UInt16 { glyphs[scalar.value] ?? 0 }

    /// Advance width in 1/1000 of the font size, as PDF widths are given.
    func width(of glyph: UInt16) -> Int {
        let advance = Int(advances[min(Int(glyph), advances.count - 1)])
        return advance * 1000 / max(unitsPerEm, 1)
    }

    func width(of text: String, size: Double) -> Double {
        Double(text.unicodeScalars.reduce(0) { $0 + width(of: glyph(for: $1)) }) * size / 1000
    }
}

public enum DocumentError: Error {
    case badFont
}
