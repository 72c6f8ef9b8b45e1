import Foundation

/// How a user reads and types numbers (issue 22): `1,234.56`, `1.234,56` or `1 234,56`. Amounts
/// are stored and sent through the API one way (`1234.56`); pages show them, and forms read
/// them, in the style of the signed-in user (`current`, set for each request).
public enum NumberStyle: String, Sendable, CaseIterable, Codable {
    case commaDot = "comma-dot", dotComma = "dot-comma", spaceComma = "space-comma"

    /// The style of the request being answered.
    @TaskLocal public static var current: NumberStyle = .commaDot

    /// `1,234.56` as this style writes it.
    public var example: String { format("1234.56") }

    var groupSeparator: String { [.commaDot: ",", .dotComma: ".", .spaceComma: "\u{202F}"][self] ?? "," }
    var decimalMark: String { self == .commaDot ? "." : "," }

    /// A plain decimal (`-1234.5`, as stored) grouped in thousands in this style.
    public func format(_ plain: String) -> String {
        let negative = plain.hasPrefix("-")
        let parts = plain.drop { $0 == "-" }.split(separator: ".", maxSplits: 1)
        var whole = String(parts.first ?? "0")
        var grouped = ""
        while whole.count > 3 {
            grouped = groupSeparator + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        return (negative ? "-" : "") + whole + grouped + (parts.count > 1 ? decimalMark + parts[1] : "")
    }

    /// A number as a person of this style types it, as a plain decimal (`14 400,00` → `14400.00`).
    /// Spaces go; separators go only where they group thousands, so a typo stays as typed and is
    /// refused rather than read as another number. The plain form (`1250.00`, as forms are
    /// filled in) reads the same in every style.
    public func plain(_ typed: String) -> String {
        let text = String(typed.filter { !$0.isWhitespace })
        let sign = text.hasPrefix("-") ? "-" : ""
        let unsigned = String(text.dropFirst(sign.count))
        switch self {
        case .commaDot:
            return sign + Self.ungrouped(unsigned, group: ",", decimal: ".")
        case .dotComma, .spaceComma:
            if unsigned.contains(",") { return sign + Self.ungrouped(unsigned, group: ".", decimal: ",") }
            // no decimal comma: dots grouping thousands (`1.234.567`) go; a lone dot is the plain decimal point
            let groups = unsigned.split(separator: ".", omittingEmptySubsequences: false)
            if groups.count > 2 || (groups.count == 2 && groups[1].count == 3 && self == .dotComma) {
                return sign + Self.ungrouped(unsigned, group: ".", decimal: ",")
            }
            return text
        }
    }

    /// `1,234,567.5` → `1234567.5` when every group after the first has three digits; else as typed,
    /// with the decimal mark made a point.
    static func ungrouped(_ text: String, group: Character, decimal: Character) -> String {
        let parts = text.split(separator: decimal, maxSplits: 1, omittingEmptySubsequences: false)
        let groups = parts[0].split(separator: group, omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        guard groups.count > 1 else { return String(parts[0]) + fraction }
        guard let first = groups.first, (1...3).contains(first.count), groups.dropFirst().allSatisfy({ $0.count == 3 }),
              groups.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return text }
        return groups.joined() + fraction
    }
}
