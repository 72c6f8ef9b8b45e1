import Foundation
import FurrowDomain

/// Use cases of contacts (SPEC §1), with the same rules as accounts: duplicates, versions,
/// merge and audit.
public struct ContactService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public func create(_ input: ContactFields, ownerId: User.ID? = nil, allowDuplicate: Bool = false,
                       by principal: Principal) async throws -> Contact {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        let fields = try input.validated()
        return try await env.transaction(by: principal) { transaction in
            let ownership = try await transaction.session.ownership(requested: ownerId, by: principal)
            return try await insert(fields, ownership: ownership, allowDuplicate: allowDuplicate, in: transaction)
        }
    }

    /// Creates a validated contact inside the caller's transaction (also used by lead qualification).
    func insert(_ fields: ContactFields, ownership: Ownership, allowDuplicate: Bool, in transaction: Transaction) async throws -> Contact {
        try await insertMany([fields], ownership: ownership, allowDuplicate: allowDuplicate, in: transaction.session,
                             by: transaction.principal)[0].get()
    }

    /// Creates validated contacts inside the caller's transaction with the same few statements
    /// however many there are: account check, duplicate check (against the database and each
    /// other), the rows, their search entries and audit entries. Each item is created or refused
    /// on its own: a duplicate (`PartyError.duplicateSuspected`) or an account the caller cannot see.
    func insertMany(_ items: [ContactFields], ownership: Ownership, allowDuplicate: Bool, in session: any StoreSession,
                    by principal: Principal) async throws -> [Result<Contact, any Error>] {
        var seen = BatchDuplicates()
        let prepared = try await prepareMany(items, ownership: ownership, allowDuplicate: allowDuplicate, seen: &seen, in: session, by: principal)
        try await session.insertContacts(prepared.created)
        try await session.indexNew(prepared.entries)
        try await session.appendAudits(prepared.created.map { audit($0, by: principal) })
        return prepared.results
    }

    /// New contacts checked as one create each (account link, duplicates among the stored ones and
    /// those `seen` before), not stored yet: each result, and the contacts with their search entries.
    struct Prepared: Sendable {
        var results: [Result<Contact, any Error>] = []
        var created: [Contact] = []
        var entries: [SearchEntry] = []
    }

    func prepareMany(_ items: [ContactFields], ownership: Ownership, allowDuplicate: Bool, seen batch: inout BatchDuplicates,
                     in session: any StoreSession, by principal: Principal) async throws -> Prepared {
        let accountIds = Set(items.compactMap(\.accountId))
        let accounts = Dictionary(uniqueKeysWithValues: try await session.accounts(ids: Array(accountIds)).map { ($0.id, $0) })
        let keys = items.map(\.duplicateKeys)
        let stored = allowDuplicate ? keys.map { _ in [] } : try await session.contactDuplicates(among: keys, visibleTo: principal)
        var prepared = Prepared()
        let now = env.clock.now()
        for (index, fields) in items.enumerated() {
            var accountName: String? = nil
            if let accountId = fields.accountId {
                guard let account = accounts[accountId], principal.canSee(account.ownership) else {
                    prepared.results.append(.failure(ValidationError([FieldError("accountId", "is not an account you can see")])))
                    continue
                }
                accountName = account.fields.name
            }
            let matches = allowDuplicate ? [] : stored[index] + batch.matches(keys[index])
            if !matches.isEmpty {
                prepared.results.append(.failure(PartyError.duplicateSuspected(Array(matches.prefix(10)))))
                continue
            }
            let contact = Contact(id: env.newID(), fields: fields, ownership: ownership, version: 1, createdAt: now, updatedAt: now)
            batch.add(keys[index], id: contact.id.string, name: fields.fullName)
            prepared.created.append(contact)
            prepared.entries.append(contact.searchEntry(accountName: accountName))
            prepared.results.append(.success(contact))
        }
        return prepared
    }

    /// The `contact.create` entry of a new contact.
    func audit(_ contact: Contact, by principal: Principal) -> AuditEntry {
        AuditEntry(id: env.ids.next(), entity: "contact", entityId: contact.id.uuid, action: "contact.create",
                   actorId: principal.userId, at: contact.createdAt, changes: AuditDiff.changes(from: [:], to: contact.auditValues))
    }

    public func get(_ id: Contact.ID, by principal: Principal) async throws -> Contact {
        try await env.store.read { session in try await session.visibleContact(id, principal) }
    }

    public func list(_ query: ListQuery, by principal: Principal) async throws -> [Contact] {
        try await env.store.read { session in try await session.contacts(query, visibleTo: principal) }
    }

    public func update(_ id: Contact.ID, fields input: ContactFields, ownerId: User.ID? = nil,
                       expectedVersion: Int?, by principal: Principal) async throws -> Contact {
        guard let expectedVersion else { throw CoreError.versionRequired }
        let fields = try input.validated()
        return try await env.transaction(by: principal) { transaction in
            try await updating(id, fields: fields, ownerId: ownerId, expectedVersion: expectedVersion, in: transaction)
        }
    }

    /// The change in the caller's transaction (also used by bulk updates).
    func updating(_ id: Contact.ID, fields: ContactFields, ownerId: User.ID?, expectedVersion: Int, in transaction: Transaction) async throws -> Contact {
        let principal = transaction.principal
        let session = transaction.session
        var contact = try await transaction.loadChangeable(Contact.self, id)
        guard contact.version == expectedVersion else { throw CoreError.versionConflict(current: contact.version) }
        let before = contact
        var accountName: String? = nil
        if fields.accountId != contact.fields.accountId || fields.accountId != nil {
            accountName = try await checkAccount(fields.accountId, in: session, by: principal,
                                                 unchanged: fields.accountId == contact.fields.accountId)
        }
        contact.fields = fields
        if let ownerId, ownerId != contact.ownership.ownerId {
            contact.ownership = try await session.ownership(requested: ownerId, by: principal)
        }
        try await transaction.save(&contact, over: before, action: "update")
        if contact.version != before.version { try await session.index(contact.searchEntry(accountName: accountName)) }
        return contact
    }

    public func delete(_ id: Contact.ID, by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in try await deleting(id, in: transaction) }
    }

    /// The deletion in the caller's transaction (also used by bulk deletes).
    func deleting(_ id: Contact.ID, in transaction: Transaction) async throws {
        let session = transaction.session
        let contact = try await transaction.loadChangeable(Contact.self, id)
        try await session.refuseBusinessReferences(to: .contact, id: id.uuid)
        try await session.deleteConnections(of: id.uuid)
        try await transaction.delete(contact)
        try await session.unindex(id: id.uuid)
    }

    public func merge(_ id: Contact.ID, with otherId: Contact.ID, by principal: Principal) async throws -> Contact {
        guard id != otherId else { throw PartyError.mergeWithSelf }
        return try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            var survivor = try await session.changeableContact(id, principal)
            let other = try await session.changeableContact(otherId, principal)
            let before = survivor.auditValues
            let connections = try await session.connections(of: otherId.uuid)
            try await session.moveContactReferences(from: otherId, to: id)
            let business = try await session.moveBusinessReferences(of: .contact, from: otherId.uuid, to: id.uuid)
            try await session.auditBusinessMoves(env, business, field: "contactId", from: otherId.uuid, to: id.uuid, actor: principal.userId)
            try await session.auditMovedConnections(env, connections, from: otherId.uuid, to: id.uuid, actor: principal.userId)
            survivor.fields.firstName = survivor.fields.firstName ?? other.fields.firstName
            survivor.fields.email = survivor.fields.email ?? other.fields.email
            survivor.fields.phone = survivor.fields.phone ?? other.fields.phone
            survivor.fields.mobile = survivor.fields.mobile ?? other.fields.mobile
            survivor.fields.title = survivor.fields.title ?? other.fields.title
            survivor.fields.accountId = survivor.fields.accountId ?? other.fields.accountId
            try await session.deleteContact(id: otherId)
            let currentVersion = survivor.version
            survivor.version += 1
            survivor.updatedAt = env.clock.now()
            guard try await session.updateContact(survivor, expectedVersion: currentVersion) else {
                throw CoreError.versionConflict(current: currentVersion + 1)
            }
            try await session.unindex(id: otherId.uuid)
            let accountName = try await survivor.fields.accountId.asyncMap { try await session.account(id: $0)?.fields.name } ?? nil
            try await session.index(survivor.searchEntry(accountName: accountName))
            var changes = AuditDiff.changes(from: before, to: survivor.auditValues)
            changes.append(FieldChange(field: "mergedFrom", old: nil, new: otherId.string))
            transaction.audit("contact", id.uuid, "merge", changes)
            transaction.audit("contact", otherId.uuid, "delete", AuditDiff.changes(from: other.auditValues, to: ["mergedInto": id.string]))
            return survivor
        }
    }

    /// The account must be one the caller can see; returns its name for the search index.
    private func checkAccount(_ accountId: Account.ID?, in session: any StoreSession, by principal: Principal,
                              unchanged: Bool = false) async throws -> String? {
        guard let accountId else { return nil }
        guard let account = try await session.account(id: accountId), unchanged || principal.canSee(account.ownership) else {
            throw ValidationError([FieldError("accountId", "is not an account you can see")])
        }
        return account.fields.name
    }
}

extension Optional {
    public func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

extension Contact {
    public var auditValues: [String: String] {
        var values = fields.auditValues
        values["ownerId"] = ownership.ownerId.string
        return values
    }

    func searchEntry(accountName: String?) -> SearchEntry {
        SearchEntry(kind: .contact, id: id.uuid, title: fields.fullName,
                    subtitle: [accountName, fields.email].compactMap { $0 }.joined(separator: " · "),
                    text: fields.searchText, ownership: ownership)
    }
}

extension StoreSession {
    /// A party that deals, quotes or orders point at stays; merge it into another instead.
    func refuseBusinessReferences(to party: PartyType, id: UUID) async throws {
        let references = try await businessReferences(to: party, id: id)
        guard !references.isEmpty else { return }
        let list = references.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        throw PartyError.hasDependents("the \(party.rawValue) is used by \(list); merge it into another \(party.rawValue) instead")
    }

    func visibleContact(_ id: Contact.ID, _ principal: Principal) async throws -> Contact {
        guard let contact = try await contact(id: id), principal.canSee(contact.ownership) else {
            throw CoreError.notFound("contact")
        }
        return contact
    }

    func changeableContact(_ id: Contact.ID, _ principal: Principal) async throws -> Contact {
        let contact = try await visibleContact(id, principal)
        guard principal.canChange(contact.ownership) else { throw CoreError.forbidden("your role cannot change records") }
        return contact
    }
}

/// The duplicate keys of the contacts created so far in one batch, by the same rule as the
/// stored ones: email, phone, or name within the same account.
struct BatchDuplicates: Sendable {
    private var byEmail: [String: [DuplicateMatch]] = [:], byPhone: [String: [DuplicateMatch]] = [:]
    private var byName: [String: [DuplicateMatch]] = [:]
    private var keysById: [String: DuplicateKeys] = [:]

    mutating func add(_ keys: DuplicateKeys, id: String, name: String) {
        let match = DuplicateMatch(id: id, name: name, matchedOn: [])
        keysById[id] = keys
        if let email = keys.email { byEmail[email, default: []].append(match) }
        if let phone = keys.phone { byPhone[phone, default: []].append(match) }
        if let domain = keys.domain { byName[keys.name + "\u{0}" + domain, default: []].append(match) }
    }

    func matches(_ keys: DuplicateKeys) -> [DuplicateMatch] {
        var found: [DuplicateMatch] = []
        let candidates = (keys.email.flatMap { byEmail[$0] } ?? []) + (keys.phone.flatMap { byPhone[$0] } ?? [])
            + (keys.domain.flatMap { byName[keys.name + "\u{0}" + $0] } ?? [])
        for candidate in candidates where !found.contains(where: { $0.id == candidate.id }) {
            guard let other = keysById[candidate.id] else { continue }
            var on: [String] = []
            if let email = keys.email, other.email == email { on.append("email") }
            if let phone = keys.phone, other.phone == phone { on.append("phone") }
            if other.name == keys.name { on.append("name") }
            found.append(DuplicateMatch(id: candidate.id, name: candidate.name, matchedOn: on))
        }
        return found
    }
}
