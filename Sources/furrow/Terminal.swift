/// What the CLI prints. Text from the database or a file (names, emails, messages) may hold
/// terminal escape sequences or bidi overrides that would recolour, rewrite or reorder what the
/// reader sees; `Terminal.safe` removes them. Every line goes through `output`, whose
/// interpolated values are made safe while its literal text (tabs, layout) stays.
enum Terminal {
    /// The text without C0 controls (tab and line breaks too), DEL, C1 controls, and the bidi
    /// embedding, override and isolate characters (U+202A–U+202E, U+2066–U+2069).
    static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter { !isUnsafe($0) })
        return String(scalars)
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}

/// A line to print: literal parts as written, interpolated values through `Terminal.safe`.
struct TerminalLine: ExpressibleByStringInterpolation {
    var text: String

    init(stringLiteral value: String) { text = value }
    init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    struct Interpolation: StringInterpolationProtocol {
        var text = ""
        init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity) }
        mutating func appendLiteral(_ literal: String) { text += literal }
        mutating func appendInterpolation(_ value: some Any) { text += Terminal.safe(String(describing: value)) }
    }
}

/// Prints one line of CLI output (see `Terminal`).
func output(_ line: TerminalLine) {
    print(line.text)
}
