import Foundation

/// The kinds of party a connection can join (SPEC §1; rule 54).
public enum PartyType: String, Sendable, Codable, CaseIterable {
    case account, contact
}

/// A relation between any two parties with a role, e.g. "partner of" (SPEC §1).
public struct Connection: Sendable, Equatable {
    public typealias ID = Identifier<Connection>

    public var id: ID
    public var fromType: PartyType
    public var fromId: UUID
    public var toType: PartyType
    public var toId: UUID
    public var role: String
    public var createdAt: Date

    public init(id: ID, fromType: PartyType, fromId: UUID, toType: PartyType, toId: UUID, role: String, createdAt: Date) {
        self.id = id
        self.fromType = fromType
        self.fromId = fromId
        self.toType = toType
        self.toId = toId
        self.role = role
        self.createdAt = createdAt
    }

    /// A party cannot be connected to itself; the role names the relation.
    public static func validate(fromType: PartyType, fromId: UUID, toType: PartyType, toId: UUID, role: String?) throws(ValidationError) -> String {
        var check = Validator()
        let role = check.text("role", role, required: true, maxLength: 100)
        if fromType == toType && fromId == toId { check.add("toId", "cannot connect a record to itself") }
        try check.check()
        return role ?? ""
    }
}
