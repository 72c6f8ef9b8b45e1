/// The normal forms of `Normalise` on ASCII bytes: the same results without Foundation's
/// folding and string searching, which were most of the cost of validating an imported row.
enum ASCIIForms {
    /// Like `split(separator: "ext").first`, then digits only: the first non-empty part between "ext"s.
    static func phone(_ bytes: [UInt8]) -> String {
        var digits: [UInt8] = []
        var index = 0, partLength = 0
        while index < bytes.count {
            if bytes[index] | 0x20 == UInt8(ascii: "e"), index + 2 < bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "x"),
               bytes[index + 2] | 0x20 == UInt8(ascii: "t") {
                if partLength > 0 { break }
                index += 3
                continue
            }
            if (48...57).contains(bytes[index]) { digits.append(bytes[index]) }
            partLength += 1
            index += 1
        }
        if digits.starts(with: [48, 48]) { digits.removeFirst(2) }
        return String(decoding: digits, as: UTF8.self)
    }

    /// Folding is lowercasing; letters and digits are [a-z0-9]; anything else separates words.
    static func name(_ bytes: String.UTF8View) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            let lower = (65...90).contains(byte) ? byte | 0x20 : byte
            if (97...122).contains(lower) || (48...57).contains(lower) {
                if pendingSpace && !out.isEmpty { out.append(32) }
                pendingSpace = false
                out.append(lower)
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func domain(_ input: [UInt8]) -> String? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var start = 0, end = input.count
        while start < end, isSpace(input[start]) { start += 1 }
        while end > start, isSpace(input[end - 1]) { end -= 1 }
        var text = input[start..<end].map { (65...90).contains($0) ? $0 | 0x20 : $0 }
        if let scheme = text.indices.first(where: { $0 + 2 < text.count && text[$0] == 58 && text[$0 + 1] == 47 && text[$0 + 2] == 47 }) {
            text.removeFirst(scheme + 3)
        }
        // Like `split(separator:).first`: the first non-empty part.
        func firstPart(_ bytes: [UInt8], _ separator: UInt8) -> [UInt8] {
            Array(bytes.drop(while: { $0 == separator }).prefix(while: { $0 != separator }))
        }
        text = firstPart(firstPart(text, 47), 58)
        if text.starts(with: Array("www.".utf8)) { text.removeFirst(4) }
        guard text.contains(46), text.first != 46, text.last != 46,
              text.allSatisfy({ (97...122).contains($0) || (48...57).contains($0) || $0 == 45 || $0 == 46 })
        else { return nil }
        return String(decoding: text, as: UTF8.self)
    }
}
