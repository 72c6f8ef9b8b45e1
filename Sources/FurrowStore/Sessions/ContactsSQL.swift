import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    static let contactList = ListStatement(
        table: "contacts",
        columns: ["lastName": "last_name", "firstName": "COALESCE(first_name, '')", "createdAt": "created_at",
                  "updatedAt": "updated_at", "ownerId": "owner_id", "accountId": "account_id"],
        textKind: .contact
    )

    func insertContact(_ contact: Contact) async throws {
        let f = contact.fields, keys = f.duplicateKeys
        try await run("""
            INSERT INTO contacts (id, first_name, last_name, name_key, email, email_key, phone, phone_key, mobile, title, account_id,
                                  owner_id, team_id, version, created_at, updated_at)
            VALUES (\(bind: contact.id.string), \(bind: f.firstName), \(bind: f.lastName), \(bind: keys.name), \(bind: f.email),
                    \(bind: keys.email), \(bind: f.phone), \(bind: keys.phone), \(bind: f.mobile), \(bind: f.title),
                    \(bind: f.accountId?.string), \(bind: contact.ownership.ownerId.string), \(bind: contact.ownership.teamId?.string),
                    \(bind: contact.version), \(bind: Timestamp.string(contact.createdAt)), \(bind: Timestamp.string(contact.updatedAt)))
            """)
    }

    func updateContact(_ contact: Contact, expectedVersion: Int) async throws -> Bool {
        let f = contact.fields, keys = f.duplicateKeys
        let changed = try await rows("""
            UPDATE contacts SET first_name = \(bind: f.firstName), last_name = \(bind: f.lastName), name_key = \(bind: keys.name),
                email = \(bind: f.email), email_key = \(bind: keys.email), phone = \(bind: f.phone), phone_key = \(bind: keys.phone),
                mobile = \(bind: f.mobile), title = \(bind: f.title), account_id = \(bind: f.accountId?.string),
                owner_id = \(bind: contact.ownership.ownerId.string), team_id = \(bind: contact.ownership.teamId?.string),
                version = \(bind: contact.version), updated_at = \(bind: Timestamp.string(contact.updatedAt))
            WHERE id = \(bind: contact.id.string) AND version = \(bind: expectedVersion)
            RETURNING id
            """)
        return !changed.isEmpty
    }

    func contact(id: Contact.ID) async throws -> Contact? {
        try await rows("SELECT * FROM contacts WHERE id = \(bind: id.string)").first.map(contactRecord)
    }

    func contacts(_ query: ListQuery, visibleTo principal: Principal) async throws -> [Contact] {
        try await rows(Self.contactList.build(query, visibility: visibility(principal), engine: engine)).map(contactRecord)
    }

    func deleteContact(id: Contact.ID) async throws {
        try await run("DELETE FROM contacts WHERE id = \(bind: id.string)")
    }

    func contactDuplicates(_ keys: DuplicateKeys, excluding: Contact.ID?, visibleTo principal: Principal) async throws -> [DuplicateMatch] {
        var alternatives: [SQLQueryString] = []
        if let email = keys.email { alternatives.append("email_key = \(bind: email)") }
        if let phone = keys.phone { alternatives.append("phone_key = \(bind: phone)") }
        if let account = keys.domain { alternatives.append("(name_key = \(bind: keys.name) AND account_id = \(bind: account))") }
        guard !alternatives.isEmpty else { return [] }
        let query: SQLQueryString = "SELECT * FROM contacts WHERE (" + alternatives.joined(separator: " OR ")
            + ") AND id <> \(bind: excluding?.string ?? "") AND \(visibility(principal)) ORDER BY last_name, id LIMIT 10"
        return try await rows(query).map { row in
            var on: [String] = []
            if let email = keys.email, try row.optional("email_key") == email { on.append("email") }
            if let phone = keys.phone, try row.optional("phone_key") == phone { on.append("phone") }
            if try row.string("name_key") == keys.name { on.append("name") }
            let name = [try row.optional("first_name"), try row.string("last_name")].compactMap { $0 }.joined(separator: " ")
            return DuplicateMatch(id: try row.string("id"), name: name, matchedOn: on)
        }
    }

    func moveContactReferences(from: Contact.ID, to: Contact.ID) async throws {
        try await moveConnections(from: from.uuid, to: to.uuid)
    }

    private func contactRecord(_ row: any SQLRow) throws -> Contact {
        Contact(
            id: try row.id("id"),
            fields: ContactFields(firstName: try row.optional("first_name"), lastName: try row.string("last_name"),
                                  email: try row.optional("email"), phone: try row.optional("phone"), mobile: try row.optional("mobile"),
                                  title: try row.optional("title"), accountId: try row.optionalID("account_id")),
            ownership: try row.ownership(), version: try row.int("version"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
