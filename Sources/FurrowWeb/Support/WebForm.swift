import Foundation
import FurrowDomain
import FurrowHTTP
import Hummingbird
import NIOCore

/// The fields of a submitted `application/x-www-form-urlencoded` form.
struct WebForm: Sendable {
    private(set) var values: [String: [String]] = [:]

    init(_ request: Request, context: AppContext) async throws {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.isEmpty || type.hasPrefix("application/x-www-form-urlencoded") else {
            throw Problem(.unsupportedMediaType, 415, "Unsupported media type", "Send the form as application/x-www-form-urlencoded.")
        }
        let limit = BodyLimits.text(BodyLimits.form)
        let buffer = try await request.body.collect(upTo: BodyLimits.form, tooLarge: Problem(
            .payloadTooLarge, 413, "Form too large",
            "A form may send at most \(limit), and this one sent more, so nothing was saved. Go back with your browser's Back button "
                + "(what you typed is usually still there), shorten the longest text and send it again."))
        self.init(String(buffer: buffer))
        // Refused as the API refuses it in JSON bodies (`FieldError.nul`).
        let withNUL = values.filter { name, list in name.containsNUL || list.contains(where: \.containsNUL) }
        if !withNUL.isEmpty {
            let names = withNUL.keys.sorted().map { $0.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") }
            var problem = Problem.validation(names.map(FieldError.nul))
            problem.detail = "The form's \(names.joined(separator: ", ")) may not contain the NUL character (U+0000). Nothing was saved."
            throw problem
        }
    }

    init(_ text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0]), value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
    }

    /// A form filled from a record's current values, for an edit page.
    init(values: [String: String?]) {
        for case let (name, value?) in values { self.values[name] = [value] }
    }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// Sets every value of a field (ticked checkboxes sharing a name).
    mutating func set(_ name: String, _ list: [String]) { values[name] = list }

    /// Every value sent for the field, in order.
    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// The field's value as sent, or "" when absent.
    subscript(_ name: String) -> String { values[name]?.first ?? "" }

    /// The field's trimmed value, or nil when absent or blank.
    func optional(_ name: String) -> String? {
        let value = self[name].trimmed()
        return value.isEmpty ? nil : value
    }

    func flag(_ name: String) -> Bool { ["true", "1", "on", "yes"].contains(self[name]) }

    /// Compares in constant time, for secrets such as the CSRF token.
    func matches(_ name: String, _ expected: String) -> Bool {
        self[name].matchesSecret(expected)
    }
}
