import Foundation
import FurrowCore
import FurrowDomain

/// How a History section shows the stored values of the audit trail: names for ids (also in
/// lists such as attendees, `user:…,contact:…`), labels for status and mode values, times in the
/// company's time zone, grouped amounts and recurrence rules in words. What it cannot place is
/// shown as stored.
struct HistoryValues {
    let names: [String: String]
    let clock: LocalClock
    let shell: Shell

    /// Every id in the entries with a name to show for it: users, accounts and contacts, plus
    /// the names the page passes in (stages, kinds, reasons…).
    static func load(_ entries: [AuditEntry], parts: RecordParts, extra: [String: String], shell: Shell,
                     by principal: Principal) async throws -> HistoryValues {
        var names = extra
        for (id, name) in try await parts.userNames() { names[id.string] = name }
        let ids = Set(entries.flatMap(\.changes).flatMap { [$0.old, $0.new] }.compactMap { $0 }.flatMap(Self.uuids))
            .subtracting(names.keys)
        for (id, name) in try await parts.accountNames(ids.compactMap(Account.ID.init)) { names[id.string] = name }
        if entries.contains(where: { $0.changes.contains { $0.field == "budgetActivityId" || $0.field.hasPrefix("line.") } }),
           let activities = try? await BudgetCatalogService(parts.env).activities(by: principal) {
            for activity in activities { names[activity.id.string] = activity.name }
        }
        for id in ids.subtracting(names.keys).prefix(50) {
            guard let contactId = Contact.ID(id), let contact = try? await ContactService(parts.env).get(contactId, by: principal) else { continue }
            names[id] = contact.fields.fullName
        }
        return HistoryValues(names: names, clock: LocalClock(shell.timeZone), shell: shell)
    }

    /// The lowercase UUIDs in a stored value (`01a2…`, `user:01a2…`, `user:…,contact:…`).
    static func uuids(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == "," || $0 == ":" || $0 == " " }).map(String.init).filter { UUIDText.parse($0) != nil }
    }

    /// Enum values read as words; a few read better said otherwise.
    static let phrases: [String: [String: String]] = [
        "revenueMode": ["user": "Typed by hand", "system": "Sum of the product lines"],
    ]
    static let enumSuffixes = ["status", "mode", "kind", "type", "outcome", "priority", "role", "frequency", "security", "impacttype"]
    static let amountWords = ["revenue", "amount", "price", "total", "value", "balance", "credit"]

    func show(_ field: String, _ value: String?) -> String? {
        guard let value, !value.isEmpty else { return value }
        if let name = names[value] ?? names[value.lowercased()] { return name }
        if value == "true" || value == "false" { return value == "true" ? "Yes" : "No" }
        if field == "recurrence", let rule = try? Recurrence(rule: value) { return ActivityView.describe(rule, clock) }
        if let date = Timestamp.date(value), value.contains("T") { return shell.format(date) }
        let ids = Self.uuids(value)
        if !ids.isEmpty {
            // `user:…,contact:…` → "Ann Lee, Bo Chan"
            let items = value.split(separator: ",").map { item -> String in
                let id = Self.uuids(String(item)).first
                return id.flatMap { names[$0] } ?? String(item)
            }
            return items.joined(separator: ", ")
        }
        let lower = field.lowercased()
        if let phrase = Self.phrases[field]?[value] { return phrase }
        if Self.enumSuffixes.contains(where: lower.hasSuffix), Self.isIdentifier(value) { return Self.words(value) }
        if Self.amountWords.contains(where: lower.contains), Self.isDecimal(value) { return NumberStyle.current.format(value) }
        return value
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isLowercase else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber }
    }

    static func isDecimal(_ text: String) -> Bool {
        let digits = text.drop { $0 == "-" }
        return !digits.isEmpty && digits.allSatisfy { $0.isNumber || $0 == "." } && digits.filter { $0 == "." }.count <= 1
    }

    /// `inProgress` → "In progress".
    static func words(_ identifier: String) -> String {
        var words = ""
        for character in identifier {
            if character.isUppercase { words += " " + character.lowercased() } else { words.append(character) }
        }
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
