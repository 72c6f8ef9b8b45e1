/// Trimming without Foundation's `CharacterSet` path, which bridges through `NSString` and was
/// the largest single cost of validating an imported row. Same sets as Foundation's
/// `.whitespaces` (Zs, tab, and — as Foundation has it — U+200B) and `.whitespacesAndNewlines`
/// (those, U+000A–U+000D, U+0085, U+2028, U+2029).
extension StringProtocol {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`.
    public func trimmed() -> String { trimming(newlines: true) }

    /// `trimmingCharacters(in: .whitespaces)`.
    public func trimmedSpaces() -> String { trimming(newlines: false) }

    private func trimming(newlines: Bool) -> String {
        let scalars = unicodeScalars
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x20, 0x09: return true
            case 0x0A...0x0D, 0x85: return newlines
            case 0..<0x80: return false
            case 0x200B: return true
            default:
                switch scalar.properties.generalCategory {
                case .spaceSeparator: return true
                case .lineSeparator, .paragraphSeparator: return newlines
                default: return false
                }
            }
        }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == scalars.startIndex && end == scalars.endIndex, let whole = self as? String { return whole }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}
