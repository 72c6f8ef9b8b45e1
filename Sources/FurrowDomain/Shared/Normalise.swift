import Foundation

/// The normal forms used to spot duplicates (SPEC §1): two records whose normalised email,
/// phone, or name (+ web domain for accounts) agree are likely the same party.
public enum Normalise {
    public static func email(_ value: String) -> String {
        value.trimmed().lowercased()
    }

    /// Digits only; a leading international `00` becomes the same as `+`.
    public static func phone(_ value: String) -> String {
        value.utf8.allSatisfy({ $0 < 0x80 }) ? ASCIIForms.phone(Array(value.utf8)) : unicodePhone(value)
    }

    /// Lowercase letters and digits, words separated by one space; punctuation dropped.
    public static func name(_ value: String) -> String {
        value.utf8.allSatisfy({ $0 < 0x80 }) ? ASCIIForms.name(value.utf8) : unicodeName(value)
    }

    /// `https://www.Example.com/about` → `example.com`; nil when no host can be read.
    public static func domain(ofWebsite value: String) -> String? {
        value.utf8.allSatisfy({ $0 < 0x80 }) ? ASCIIForms.domain(Array(value.utf8)) : unicodeDomain(value)
    }

    // The general forms; ASCII text (nearly all of it) takes the byte-level copies in `ASCIIForms`,
    // which the tests hold to the same results.
    static func unicodePhone(_ value: String) -> String {
        var digits = String(value.lowercased().split(separator: "ext").first ?? "").filter(\.isNumber)
        if digits.hasPrefix("00") { digits.removeFirst(2) }
        return digits
    }

    static func unicodeName(_ value: String) -> String {
        let folded = value.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        let words = folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return words.joined(separator: " ")
    }

    static func unicodeDomain(_ value: String) -> String? {
        var text = value.trimmed().lowercased()
        if let range = text.range(of: "://") { text = String(text[range.upperBound...]) }
        text = String(text.split(separator: "/", maxSplits: 1).first ?? "")
        text = String(text.split(separator: ":", maxSplits: 1).first ?? "")
        if text.hasPrefix("www.") { text.removeFirst(4) }
        guard text.contains("."), !text.hasPrefix("."), !text.hasSuffix("."),
              text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." })
        else { return nil }
        return text
    }

    public static func domain(ofEmail value: String) -> String? {
        guard let at = value.lastIndex(of: "@") else { return nil }
        return domain(ofWebsite: String(value[value.index(after: at)...]))
    }
}
