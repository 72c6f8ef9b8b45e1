import Foundation

/// A TrueType font cut down to the glyphs a document uses (issue 23): every other glyph's outline
/// is dropped, keeping glyph ids as they are (the PDF maps CIDs to glyph ids one to one), and only
/// the tables a PDF reader needs are kept. A one-page quote then embeds tens of kilobytes of font,
/// not the whole 700 KB file.
enum FontSubset {
    /// The tables kept: outlines and metrics, hinting, and the character map some readers look at.
    static let kept: Set<String> = ["head", "hhea", "maxp", "loca", "glyf", "hmtx", "cvt ", "fpgm", "prep", "cmap", "OS/2"]

    static func subset(_ font: Data, keeping used: Set<UInt16>) -> Data {
        let bytes = [UInt8](font)
        func u16(_ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
        func u32(_ at: Int) -> Int { u16(at) << 16 | u16(at + 2) }
        var tables: [String: Range<Int>] = [:]
        for index in 0..<u16(4) {
            let record = 12 + index * 16
            let tag = String(decoding: bytes[record..<record + 4], as: UTF8.self)
            let offset = u32(record + 8), length = u32(record + 12)
            guard offset + length <= bytes.count else { return font }
            tables[tag] = offset..<offset + length
        }
        guard let head = tables["head"], let maxp = tables["maxp"], let loca = tables["loca"], let glyf = tables["glyf"] else { return font }
        let longOffsets = u16(head.lowerBound + 50) == 1
        let count = u16(maxp.lowerBound + 4)
        func location(_ glyph: Int) -> Int {
            longOffsets ? u32(loca.lowerBound + glyph * 4) : u16(loca.lowerBound + glyph * 2) * 2
        }
        func outline(_ glyph: Int) -> Range<Int> {
            guard glyph < count else { return glyf.lowerBound..<glyf.lowerBound }
            let start = glyf.lowerBound + location(glyph), end = glyf.lowerBound + location(glyph + 1)
            return start < end && end <= glyf.upperBound ? start..<end : start..<start
        }
        // the glyphs used, glyph 0, and every component of a composite glyph
        var keep: Set<Int> = [0], queue = used.map(Int.init)
        while let glyph = queue.popLast() {
            guard glyph < count, keep.insert(glyph).inserted || glyph == 0 else { continue }
            let range = outline(glyph)
            guard range.count >= 10, Int16(bitPattern: UInt16(u16(range.lowerBound))) < 0 else { continue }
            var at = range.lowerBound + 10
            while at + 4 <= range.upperBound {
                let flags = u16(at), component = u16(at + 2)
                queue.append(component)
                at += 4 + ((flags & 0x0001) != 0 ? 4 : 2)
                if (flags & 0x0008) != 0 { at += 2 } else if (flags & 0x0040) != 0 { at += 4 } else if (flags & 0x0080) != 0 { at += 8 }
                if (flags & 0x0020) == 0 { break }
            }
        }
        var newGlyf = [UInt8](), newLoca = [UInt8]()
        func append32(_ value: Int, to array: inout [UInt8]) {
            array += [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        }
        for glyph in 0..<count {
            append32(newGlyf.count, to: &newLoca)
            guard keep.contains(glyph) else { continue }
            newGlyf += bytes[outline(glyph)]
            while newGlyf.count % 4 != 0 { newGlyf.append(0) }
        }
        append32(newGlyf.count, to: &newLoca)
        var newHead = [UInt8](bytes[head])
        newHead[8...11] = [0, 0, 0, 0]      // checksum adjustment: not checked by PDF readers
        newHead[50...51] = [0, 1]           // long loca offsets
        var contents: [String: [UInt8]] = [:]
        for (tag, range) in tables where kept.contains(tag) { contents[tag] = [UInt8](bytes[range]) }
        contents["head"] = newHead
        contents["glyf"] = newGlyf
        contents["loca"] = newLoca
        return write(contents)
    }

    /// A font file of the tables, sorted by tag, each 4-byte aligned with its checksum.
    static func write(_ tables: [String: [UInt8]]) -> Data {
        let tags = tables.keys.sorted()
        var power = 1, exponent = 0
        while power * 2 <= tags.count { power *= 2; exponent += 1 }
        var out: [UInt8] = [0, 1, 0, 0]
        func put16(_ value: Int) { out += [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        func put32(_ value: Int) { put16(value >> 16 & 0xFFFF); put16(value & 0xFFFF) }
        put16(tags.count); put16(power * 16); put16(exponent); put16(tags.count * 16 - power * 16)
        var offset = 12 + tags.count * 16
        var body: [UInt8] = []
        for tag in tags {
            let table = tables[tag] ?? []
            var checksum: UInt32 = 0
            var padded = table
            while padded.count % 4 != 0 { padded.append(0) }
            for at in stride(from: 0, to: padded.count, by: 4) {
                checksum = checksum &+ (UInt32(padded[at]) << 24 | UInt32(padded[at + 1]) << 16 | UInt32(padded[at + 2]) << 8 | UInt32(padded[at + 3]))
            }
            out += Array(tag.utf8.prefix(4))
            put32(Int(checksum)); put32(offset); put32(table.count)
            body += padded
            offset += padded.count
        }
        return Data(out + body)
    }
}
