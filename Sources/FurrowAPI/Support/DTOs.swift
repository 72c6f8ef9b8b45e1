import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The JSON shapes the API sends. Timestamps are RFC 3339 UTC strings; ids are UUID strings.
struct AccountDTO: Encodable, Sendable {
    let id: String, name: String, parentAccountId: String?, email: String?, phone: String?, website: String?
    let industry: String?, ownerId: String, teamId: String?, version: Int, createdAt: String, updatedAt: String
    let parentAccountName: String?, ownerName: String?
    let billingAddress: PostalAddress?, shippingAddress: PostalAddress?, vatNumber: String?, paymentTermId: String?

    init(_ a: Account) {
        id = a.id.string; name = a.fields.name; parentAccountId = a.fields.parentAccountId?.string
        email = a.fields.email; phone = a.fields.phone; website = a.fields.website; industry = a.fields.industry
        billingAddress = a.fields.billingAddress; shippingAddress = a.fields.shippingAddress; vatNumber = a.fields.vatNumber
        paymentTermId = a.fields.paymentTermId?.string
        ownerId = a.ownership.ownerId.string; teamId = a.ownership.teamId?.string; version = a.version
        createdAt = Timestamp.string(a.createdAt); updatedAt = Timestamp.string(a.updatedAt)
        parentAccountName = a.names["parentAccountName"]; ownerName = a.names["ownerName"]
    }
}

struct ContactDTO: Encodable, Sendable {
    let id: String, firstName: String?, lastName: String, fullName: String, email: String?, phone: String?
    let mobile: String?, title: String?, accountId: String?, ownerId: String, teamId: String?, version: Int
    let createdAt: String, updatedAt: String
    let accountName: String?, ownerName: String?

    init(_ c: Contact) {
        id = c.id.string; firstName = c.fields.firstName; lastName = c.fields.lastName; fullName = c.fields.fullName
        email = c.fields.email; phone = c.fields.phone; mobile = c.fields.mobile; title = c.fields.title
        accountId = c.fields.accountId?.string; ownerId = c.ownership.ownerId.string; teamId = c.ownership.teamId?.string
        version = c.version; createdAt = Timestamp.string(c.createdAt); updatedAt = Timestamp.string(c.updatedAt)
        accountName = c.names["accountName"]; ownerName = c.names["ownerName"]
    }
}

struct UserDTO: Encodable, Sendable {
    let id: String, email: String, name: String, role: String, teamId: String?, active: Bool, version: Int
    let createdAt: String, updatedAt: String

    init(_ u: UserRecord) {
        id = u.id.string; email = u.email; name = u.name; role = u.role.rawValue; teamId = u.teamId?.string
        active = u.active; version = u.version; createdAt = Timestamp.string(u.createdAt); updatedAt = Timestamp.string(u.updatedAt)
    }
}

struct MeDTO: Encodable, Sendable {
    let id: String, email: String, name: String, role: String, teamId: String?
}

struct TeamDTO: Encodable, Sendable {
    let id: String, name: String, managerId: String?, createdAt: String
    init(_ t: TeamRecord) {
        id = t.id.string; name = t.name; managerId = t.managerId?.string; createdAt = Timestamp.string(t.createdAt)
    }
}

struct ConnectionDTO: Encodable, Sendable {
    let id: String, fromType: String, fromId: String, toType: String, toId: String, role: String, createdAt: String
    init(_ c: Connection) {
        id = c.id.string; fromType = c.fromType.rawValue; fromId = UUIDText.lowercase(c.fromId)
        toType = c.toType.rawValue; toId = UUIDText.lowercase(c.toId); role = c.role; createdAt = Timestamp.string(c.createdAt)
    }
}

struct AuditEntryDTO: Encodable, Sendable {
    let id: String, entity: String, entityId: String, action: String, actorId: String?, at: String, changes: [FieldChange], via: String?
    init(_ e: AuditEntry) {
        id = UUIDText.lowercase(e.id); entity = e.entity; entityId = UUIDText.lowercase(e.entityId); action = e.action
        actorId = e.actorId?.string; at = Timestamp.string(e.at); changes = e.changes; via = e.via
    }
}

struct SearchResultDTO: Encodable, Sendable {
    let type: String, id: String, title: String, subtitle: String
    init(_ e: SearchEntry) {
        type = e.kind.rawValue; id = UUIDText.lowercase(e.id); title = e.title; subtitle = e.subtitle
    }
}

struct HierarchyDTO: Encodable, Sendable {
    struct Summary: Encodable, Sendable { let id: String, name: String }
    struct Node: Encodable, Sendable {
        let id: String, name: String, children: [Node]
        init(_ n: AccountHierarchy.Node) { id = n.account.id.string; name = n.account.fields.name; children = n.children.map(Node.init) }
    }
    let ancestors: [Summary]
    let tree: Node
    init(_ h: AccountHierarchy) {
        ancestors = h.ancestors.map { Summary(id: $0.id.string, name: $0.fields.name) }
        tree = Node(h.tree)
    }
}

struct TokenDTO: Encodable, Sendable {
    let token: String, expiresAt: String, userId: String
}
