import Foundation

/// One field's change in an audit entry: old → new (nil where absent).
public struct FieldChange: Sendable, Equatable, Codable {
    public let field: String
    public let old: String?
    public let new: String?

    public init(field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }
}

public enum AuditDiff {
    /// The fields whose values differ, in field-name order. Empty for a no-op change.
    public static func changes(from old: [String: String], to new: [String: String]) -> [FieldChange] {
        Set(old.keys).union(new.keys).sorted().compactMap { field in
            old[field] == new[field] ? nil : FieldChange(field: field, old: old[field], new: new[field])
        }
    }
}
