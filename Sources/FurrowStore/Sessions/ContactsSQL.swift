import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    static let contactList = ListStatement(
        table: "contacts",
        fields: .contacts,
        columns: ["lastName": "last_name", "firstName": "COALESCE(first_name, '')", "createdAt": "created_at",
                  "updatedAt": "updated_at", "ownerId": "owner_id", "accountId": "account_id"],
        textKind: .contact,
        names: [ListStatement.accountName, ListStatement.ownerName]
    )

    func insertContact(_ contact: Contact) async throws {
        try await insertContacts([contact])
    }

    func insertContacts(_ contacts: [Contact]) async throws {
        try await insertContacts(contacts, importId: nil)
    }

    /// Whether a contact row is settled: not written by an import still in progress.
    static let settled = "(import_id IS NULL OR import_id NOT IN (SELECT id FROM staged_imports))"

    func insertContacts(_ contacts: [Contact], importId: UUID?) async throws {
        guard !contacts.isEmpty else { return }
        let importText = importId.map(UUIDText.lowercase)
        let values = contacts.map { contact -> SQLQueryString in
            let f = contact.fields, keys = f.duplicateKeys
            return """
                (\(bind: contact.id.string), \(bind: f.firstName), \(bind: f.lastName), \(bind: keys.name), \(bind: f.email),
                 \(bind: keys.email), \(bind: f.phone), \(bind: keys.phone), \(bind: f.mobile), \(bind: f.title),
                 \(bind: f.accountId?.string), \(bind: contact.ownership.ownerId.string), \(bind: contact.ownership.teamId?.string),
                 \(bind: contact.version), \(bind: Timestamp.string(contact.createdAt)), \(bind: Timestamp.string(contact.updatedAt)),
                 \(bind: importText))
                """
        }
        try await run("""
            INSERT INTO contacts (id, first_name, last_name, name_key, email, email_key, phone, phone_key, mobile, title, account_id,
                                  owner_id, team_id, version, created_at, updated_at, import_id)
            VALUES \(values.joined(separator: ", "))
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
        let rows = try await rows(Self.contactList.named("SELECT * FROM contacts WHERE id = \(bind: id.string) AND \(unsafeRaw: Self.settled)"))
        return try Self.contactList.named(try rows.map(contactRecord), from: rows, \.names).first
    }

    func contacts(_ query: ListQuery, visibleTo principal: Principal) async throws -> [Contact] {
        let rows = try await rows(Self.contactList.build(query, visibility: "\(visibility(principal)) AND \(unsafeRaw: Self.settled)", engine: engine))
        return try Self.contactList.named(try rows.map(contactRecord), from: rows, \.names)
    }

    func deleteContact(id: Contact.ID) async throws {
        try await run("DELETE FROM contacts WHERE id = \(bind: id.string)")
    }

    func contactDuplicates(_ keys: DuplicateKeys, excluding: Contact.ID?, visibleTo principal: Principal) async throws -> [DuplicateMatch] {
        try await duplicates(among: [keys], excluding: excluding, visibleTo: principal)[0]
    }

    func contactDuplicates(among keys: [DuplicateKeys], visibleTo principal: Principal) async throws -> [[DuplicateMatch]] {
        try await duplicates(among: keys, excluding: nil, visibleTo: principal)
    }

    /// Contacts match on email, on phone, or on name within the same account: one query for all
    /// the key sets, matched to each in memory, at most 10 per key set, by name.
    private func duplicates(among keys: [DuplicateKeys], excluding: Contact.ID?, visibleTo principal: Principal) async throws -> [[DuplicateMatch]] {
        let emails = Set(keys.compactMap(\.email)), phones = Set(keys.compactMap(\.phone))
        let named = keys.filter { $0.domain != nil }
        // One index lookup per key kind, joined with UNION ALL: for a 1,000-row import batch
        // PostgreSQL planned the OR of three long IN lists as a parallel scan of every contact.
        var lookups: [SQLQueryString] = []
        if !emails.isEmpty { lookups.append("SELECT id FROM contacts WHERE email_key IN (\(binds: emails.sorted()))") }
        if !phones.isEmpty { lookups.append("SELECT id FROM contacts WHERE phone_key IN (\(binds: phones.sorted()))") }
        if !named.isEmpty {
            lookups.append("SELECT id FROM contacts WHERE name_key IN (\(binds: Set(named.map(\.name)).sorted())) AND account_id IN (\(binds: Set(named.compactMap(\.domain)).sorted()))")
        }
        guard !lookups.isEmpty else { return keys.map { _ in [] } }
        let candidates = try await rows("SELECT id, first_name, last_name, name_key, email_key, phone_key, account_id FROM contacts WHERE id IN ("
            + lookups.joined(separator: " UNION ALL ") + ") AND id <> \(bind: excluding?.string ?? "") AND \(visibility(principal))"
            + " AND \(unsafeRaw: Self.settled)"
            + " ORDER BY last_name, id").map { row in
            DuplicateCandidates.Candidate(id: try row.string("id"),
                                          name: [try row.optional("first_name"), try row.string("last_name")].compactMap { $0 }.joined(separator: " "),
                                          nameKey: try row.string("name_key"), email: try row.optional("email_key"), phone: try row.optional("phone_key"),
                                          group: try row.optional("account_id"))
        }
        // a contact's name counts only at an account (the key's `domain` holds the account)
        let matcher = DuplicateCandidates(candidates) { $0 }
        return keys.map(matcher.matches)
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
