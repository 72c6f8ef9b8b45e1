/// One problem with one input field, reported back beside the field (SPEC §0, 422 validation).
public struct FieldError: Error, Hashable, Sendable, Codable {
    public let field: String
    public let message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    /// U+0000 ends strings in C and PostgreSQL's text cannot hold it: wherever text comes in (JSON,
    /// CSV files, web forms) a field holding it is refused with this error, never stored.
    public static func nul(_ field: String) -> FieldError {
        FieldError(field, "may not contain the NUL character (U+0000)")
    }
}

extension StringProtocol {
    /// Whether the text holds U+0000 (see `FieldError.nul`).
    public var containsNUL: Bool { contains("\u{0}") }

    /// The one length rule of every text limit: more than `maxLength` characters as a reader counts
    /// them (grapheme clusters), or more than 4 bytes of UTF-8 for each of them. A character may
    /// carry any number of combining marks, so "a" followed by 340,000 U+0301 is one character of
    /// 680 KB: the byte bound keeps it out (4 bytes cover any one scalar, and ordinary accents).
    public func exceeds(maxLength: Int) -> Bool {
        utf8.count > maxLength * 4 || count > maxLength
    }
}

/// A set of field errors found while validating one input. Thrown as a whole, never one at a time,
/// so a form can show every problem at once.
public struct ValidationError: Error, Sendable, Equatable {
    public let errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
}

/// Collects field errors while an input is checked.
public struct Validator: Sendable {
    public private(set) var errors: [FieldError] = []
    public init() {}

    public mutating func add(_ field: String, _ message: String) {
        errors.append(FieldError(field, message))
    }

    /// Trims the text; reports it when required and empty or longer than `maxLength`.
    public mutating func text(_ field: String, _ value: String?, required: Bool = false, maxLength: Int = 200) -> String? {
        let trimmed = value?.trimmed() ?? ""
        if trimmed.isEmpty {
            if required { add(field, "is required") }
            return nil
        }
        if trimmed.exceeds(maxLength: maxLength) { add(field, "must be at most \(maxLength) characters") }
        return trimmed
    }

    /// Trims the text; reports it when it is not an address by `EmailAddress`'s rule.
    public mutating func email(_ field: String, _ value: String?) -> String? {
        let trimmed = value?.trimmed() ?? ""
        if trimmed.isEmpty { return nil }
        if let problem = EmailAddress.problem(trimmed) { add(field, problem) }
        return trimmed
    }

    public mutating func phone(_ field: String, _ value: String?) -> String? {
        guard let text = text(field, value, maxLength: 40) else { return nil }
        let allowed = Set("0123456789+()-./ ext")
        if !text.lowercased().allSatisfy({ allowed.contains($0) }) || Normalise.phone(text).count < 3 {
            add(field, "is not a valid phone number")
        }
        return text
    }

    public mutating func website(_ field: String, _ value: String?) -> String? {
        guard let text = text(field, value, maxLength: 253) else { return nil }
        if Normalise.domain(ofWebsite: text) == nil || text.contains(" ") {
            add(field, "is not a valid web address")
        }
        return text
    }

    public func check() throws(ValidationError) {
        if !errors.isEmpty { throw ValidationError(errors) }
    }
}

import Foundation

extension ValidationError: CustomStringConvertible {
    public var description: String {
        errors.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
    }
}

extension FieldError {
    /// How a person names a field: `parentAccountId` → "Parent account"; a path into a list
    /// counts as a person does: `lines[4]` → "Line 4", `lines[2].quantity` → "Line 2, quantity".
    public static func label(_ field: String) -> String {
        if let open = field.firstIndex(of: "["), let close = field[open...].firstIndex(of: "]"),
           let number = Int(field[field.index(after: open)..<close]) {
            let list = String(field[..<open])
            let item = list.hasSuffix("ies") ? String(list.dropLast(3)) + "y" : list.hasSuffix("s") ? String(list.dropLast()) : list
            let rest = field[field.index(after: close)...].drop { $0 == "." }
            let head = label(item) + " \(number)"
            return rest.isEmpty ? head : head + ", " + label(String(rest)).lowercased()
        }
        let name = field.hasSuffix("Id") ? String(field.dropLast(2)) : field
        var words = ""
        for character in name {
            if character.isUppercase { words += " " + character.lowercased() } else { words.append(character) }
        }
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The error as a sentence for a person: "Line 4 has no valid date (YYYY-MM-DD)".
    public var sentence: String { Self.label(field) + " " + message }
}

