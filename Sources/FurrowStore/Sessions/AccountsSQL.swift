import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    static let accountList = ListStatement(
        table: "accounts",
        fields: .accounts,
        columns: ["name": "name", "industry": "COALESCE(industry, '')", "createdAt": "created_at", "updatedAt": "updated_at",
                  "ownerId": "owner_id", "parentAccountId": "parent_account_id"],
        textKind: .account,
        names: [(key: "parentAccountName", sql: "SELECT name FROM accounts parent WHERE parent.id = page.parent_account_id"), ListStatement.ownerName]
    )

    func insertAccount(_ account: Account) async throws {
        let f = account.fields, keys = f.duplicateKeys
        try await run("""
            INSERT INTO accounts (id, name, name_key, parent_account_id, email, email_key, phone, phone_key, website, domain_key,
                                  industry, owner_id, team_id, version, created_at, updated_at,
                                  billing_address, shipping_address, vat_number, payment_term_id)
            VALUES (\(bind: account.id.string), \(bind: f.name), \(bind: keys.name), \(bind: f.parentAccountId?.string),
                    \(bind: f.email), \(bind: keys.email), \(bind: f.phone), \(bind: keys.phone), \(bind: f.website), \(bind: keys.domain),
                    \(bind: f.industry), \(bind: account.ownership.ownerId.string), \(bind: account.ownership.teamId?.string),
                    \(bind: account.version), \(bind: Timestamp.string(account.createdAt)), \(bind: Timestamp.string(account.updatedAt)),
                    \(bind: Self.json(f.billingAddress)), \(bind: Self.json(f.shippingAddress)), \(bind: f.vatNumber), \(bind: f.paymentTermId?.string))
            """)
    }

    func insertAccounts(_ accounts: [Account]) async throws {
        guard !accounts.isEmpty else { return }
        let values = accounts.map { account -> SQLQueryString in
            let f = account.fields, keys = f.duplicateKeys
            return """
                (\(bind: account.id.string), \(bind: f.name), \(bind: keys.name), \(bind: f.parentAccountId?.string),
                 \(bind: f.email), \(bind: keys.email), \(bind: f.phone), \(bind: keys.phone), \(bind: f.website), \(bind: keys.domain),
                 \(bind: f.industry), \(bind: account.ownership.ownerId.string), \(bind: account.ownership.teamId?.string),
                 \(bind: account.version), \(bind: Timestamp.string(account.createdAt)), \(bind: Timestamp.string(account.updatedAt)),
                 \(bind: Self.json(f.billingAddress)), \(bind: Self.json(f.shippingAddress)), \(bind: f.vatNumber), \(bind: f.paymentTermId?.string))
                """
        }
        try await run("""
            INSERT INTO accounts (id, name, name_key, parent_account_id, email, email_key, phone, phone_key, website, domain_key,
                                  industry, owner_id, team_id, version, created_at, updated_at,
                                  billing_address, shipping_address, vat_number, payment_term_id)
            VALUES \(values.joined(separator: ", "))
            """)
    }

    func updateAccount(_ account: Account, expectedVersion: Int) async throws -> Bool {
        let f = account.fields, keys = f.duplicateKeys
        let changed = try await rows("""
            UPDATE accounts SET name = \(bind: f.name), name_key = \(bind: keys.name), parent_account_id = \(bind: f.parentAccountId?.string),
                email = \(bind: f.email), email_key = \(bind: keys.email), phone = \(bind: f.phone), phone_key = \(bind: keys.phone),
                website = \(bind: f.website), domain_key = \(bind: keys.domain), industry = \(bind: f.industry),
                billing_address = \(bind: Self.json(f.billingAddress)), shipping_address = \(bind: Self.json(f.shippingAddress)),
                vat_number = \(bind: f.vatNumber), payment_term_id = \(bind: f.paymentTermId?.string),
                owner_id = \(bind: account.ownership.ownerId.string), team_id = \(bind: account.ownership.teamId?.string),
                version = \(bind: account.version), updated_at = \(bind: Timestamp.string(account.updatedAt))
            WHERE id = \(bind: account.id.string) AND version = \(bind: expectedVersion)
            RETURNING id
            """)
        return !changed.isEmpty
    }

    func account(id: Account.ID) async throws -> Account? {
        let rows = try await rows(Self.accountList.named("SELECT * FROM accounts WHERE id = \(bind: id.string)"))
        return try Self.accountList.named(try rows.map(accountRecord), from: rows, \.names).first
    }

    func accounts(_ query: ListQuery, visibleTo principal: Principal) async throws -> [Account] {
        let rows = try await rows(Self.accountList.build(query, visibility: visibility(principal), engine: engine))
        return try Self.accountList.named(try rows.map(accountRecord), from: rows, \.names)
    }

    func accounts(ids: [Account.ID]) async throws -> [Account] {
        guard !ids.isEmpty else { return [] }
        return try await rows("SELECT * FROM accounts WHERE id IN (\(binds: Set(ids).map(\.string).sorted()))").map(accountRecord)
    }

    func accountIDs(named names: [String], visibleTo principal: Principal) async throws -> [String: Account.ID] {
        guard !names.isEmpty else { return [:] }
        var found: [String: Account.ID] = [:]
        for row in try await rows("""
            SELECT id, name FROM accounts WHERE LOWER(name) IN (\(binds: Set(names.map { $0.lowercased() }).sorted())) AND \(visibility(principal))
            ORDER BY created_at DESC, id DESC
            """) {
            found[try row.string("name").lowercased()] = try row.id("id")
        }
        return found
    }

    func accountNames(_ ids: [Account.ID]) async throws -> [Account.ID: String] {
        guard !ids.isEmpty else { return [:] }
        var names: [Account.ID: String] = [:]
        for row in try await rows("SELECT id, name FROM accounts WHERE id IN (\(binds: Set(ids).map(\.string)))") {
            names[try row.id("id")] = try row.string("name")
        }
        return names
    }

    func childAccounts(of id: Account.ID) async throws -> [Account] {
        try await rows("SELECT * FROM accounts WHERE parent_account_id = \(bind: id.string) ORDER BY name, id").map(accountRecord)
    }

    func deleteAccount(id: Account.ID) async throws {
        try await run("DELETE FROM accounts WHERE id = \(bind: id.string)")
    }

    func accountDuplicates(_ keys: DuplicateKeys, excluding: Account.ID?, visibleTo principal: Principal) async throws -> [DuplicateMatch] {
        var alternatives: [SQLQueryString] = []
        if let email = keys.email { alternatives.append("email_key = \(bind: email)") }
        if let phone = keys.phone { alternatives.append("phone_key = \(bind: phone)") }
        if let domain = keys.domain { alternatives.append("(name_key = \(bind: keys.name) AND domain_key = \(bind: domain))") }
        else { alternatives.append("(name_key = \(bind: keys.name) AND domain_key IS NULL)") }
        let query: SQLQueryString = "SELECT * FROM accounts WHERE (" + alternatives.joined(separator: " OR ")
            + ") AND id <> \(bind: excluding?.string ?? "") AND \(visibility(principal)) ORDER BY name, id LIMIT 10"
        return try await rows(query).map { row in
            var on: [String] = []
            if let email = keys.email, try row.optional("email_key") == email { on.append("email") }
            if let phone = keys.phone, try row.optional("phone_key") == phone { on.append("phone") }
            if try row.string("name_key") == keys.name { on.append("name") }
            return DuplicateMatch(id: try row.string("id"), name: try row.string("name"), matchedOn: on)
        }
    }

    /// Accounts match on email, on phone, or on name with the same domain (or both without one):
    /// one index lookup per key kind for all the key sets, matched to each in memory, at most 10 each, by name.
    func accountDuplicates(among keys: [DuplicateKeys], visibleTo principal: Principal) async throws -> [[DuplicateMatch]] {
        let emails = Set(keys.compactMap(\.email)), phones = Set(keys.compactMap(\.phone)), names = Set(keys.map(\.name))
        var lookups: [SQLQueryString] = []
        if !emails.isEmpty { lookups.append("SELECT id FROM accounts WHERE email_key IN (\(binds: emails.sorted()))") }
        if !phones.isEmpty { lookups.append("SELECT id FROM accounts WHERE phone_key IN (\(binds: phones.sorted()))") }
        if !names.isEmpty { lookups.append("SELECT id FROM accounts WHERE name_key IN (\(binds: names.sorted()))") }
        guard !lookups.isEmpty else { return keys.map { _ in [] } }
        let candidates = try await rows("SELECT id, name, name_key, email_key, phone_key, domain_key FROM accounts WHERE id IN ("
            + lookups.joined(separator: " UNION ALL ") + ") AND \(visibility(principal)) ORDER BY name, id").map { row in
            DuplicateCandidates.Candidate(id: try row.string("id"), name: try row.string("name"), nameKey: try row.string("name_key"),
                                          email: try row.optional("email_key"), phone: try row.optional("phone_key"), group: try row.optional("domain_key"))
        }
        // accounts without a domain share the empty one: their names are compared with each other
        let matcher = DuplicateCandidates(candidates) { $0 ?? "" }
        return keys.map(matcher.matches)
    }

    func moveAccountReferences(from: Account.ID, to: Account.ID) async throws {
        try await run("UPDATE accounts SET parent_account_id = \(bind: to.string), version = version + 1 WHERE parent_account_id = \(bind: from.string) AND id <> \(bind: to.string)")
        try await run("UPDATE contacts SET account_id = \(bind: to.string), version = version + 1 WHERE account_id = \(bind: from.string)")
        try await moveConnections(from: from.uuid, to: to.uuid)
    }

    /// An address as stored: its parts as JSON text.
    static func json(_ address: PostalAddress?) -> String? {
        guard let address, !address.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(address)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func address(_ text: String?) -> PostalAddress? {
        text.flatMap { try? JSONDecoder().decode(PostalAddress.self, from: Data($0.utf8)) }
    }

    private func accountRecord(_ row: any SQLRow) throws -> Account {
        Account(
            id: try row.id("id"),
            fields: AccountFields(name: try row.string("name"), parentAccountId: try row.optionalID("parent_account_id"),
                                  email: try row.optional("email"), phone: try row.optional("phone"),
                                  website: try row.optional("website"), industry: try row.optional("industry"),
                                  billingAddress: Self.address(try row.optional("billing_address")),
                                  shippingAddress: Self.address(try row.optional("shipping_address")),
                                  vatNumber: try row.optional("vat_number"), paymentTermId: try row.optionalID("payment_term_id")),
            ownership: try row.ownership(), version: try row.int("version"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
