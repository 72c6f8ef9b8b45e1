import Foundation
import FurrowDomain

/// Use cases of accounts (SPEC §1): create with duplicate detection, edit with optimistic
/// concurrency, hierarchy without cycles, merge, delete. Every change is audited in its transaction.
public struct AccountService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public func create(_ input: AccountFields, ownerId: User.ID? = nil, allowDuplicate: Bool = false,
                       by principal: Principal) async throws -> Account {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        let fields = try input.validated()
        return try await env.transaction(by: principal) { transaction in
            let ownership = try await transaction.session.ownership(requested: ownerId, by: principal)
            return try await insert(fields, ownership: ownership, allowDuplicate: allowDuplicate, in: transaction)
        }
    }

    /// Creates a validated account inside the caller's transaction (also used by lead qualification).
    func insert(_ fields: AccountFields, ownership: Ownership, allowDuplicate: Bool, in transaction: Transaction) async throws -> Account {
        let session = transaction.session, principal = transaction.principal
        try await checkParent(fields.parentAccountId, of: nil, in: session, by: principal)
        try await checkTerm(fields.paymentTermId, was: nil, in: session)
        if !allowDuplicate {
            let matches = try await session.accountDuplicates(fields.duplicateKeys, excluding: nil, visibleTo: principal)
            if !matches.isEmpty { throw PartyError.duplicateSuspected(matches) }
        }
        let now = env.clock.now()
        let account = Account(id: env.newID(), fields: fields, ownership: ownership, version: 1, createdAt: now, updatedAt: now)
        try await transaction.create(account)
        return account
    }

    /// Creates validated accounts inside the caller's transaction with the same few statements
    /// however many there are: parent checks, the duplicate check (against the stored accounts and
    /// each other), the rows, their search entries and audit entries. Each item is created or
    /// refused on its own: a duplicate (`PartyError.duplicateSuspected`) or a parent the caller cannot see.
    func insertMany(_ items: [(fields: AccountFields, ownership: Ownership)], allowDuplicate: Bool,
                    in transaction: Transaction) async throws -> [Result<Account, any Error>] {
        let session = transaction.session, principal = transaction.principal
        var parents: [Account.ID: (any Error)?] = [:]
        for parent in Set(items.compactMap(\.fields.parentAccountId)) {
            do { try await checkParent(parent, of: nil, in: session, by: principal); parents[parent] = .some(nil) } catch { parents[parent] = error }
        }
        let keys = items.map(\.fields.duplicateKeys)
        let stored = allowDuplicate ? keys.map { _ in [] } : try await session.accountDuplicates(among: keys, visibleTo: principal)
        var batch = BatchDuplicates()
        var results: [Result<Account, any Error>] = [], created: [Account] = []
        let now = env.clock.now()
        let terms = Dictionary(try await session.paymentTerms().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (index, item) in items.enumerated() {
            if let parent = item.fields.parentAccountId, let error = parents[parent] ?? nil {
                results.append(.failure(error))
                continue
            }
            if let term = item.fields.paymentTermId, terms[term]?.active != true {
                results.append(.failure(ValidationError([FieldError("paymentTermId", "is not an active payment term")])))
                continue
            }
            // an account without a domain matches another by name alone: the batch compares its name with an empty domain
            let key = keys[index], batchKey = DuplicateKeys(email: key.email, phone: key.phone, name: key.name, domain: key.domain ?? "")
            let matches = allowDuplicate ? [] : stored[index] + batch.matches(batchKey)
            if !matches.isEmpty {
                results.append(.failure(PartyError.duplicateSuspected(Array(matches.prefix(10)))))
                continue
            }
            let account = Account(id: env.newID(), fields: item.fields, ownership: item.ownership, version: 1, createdAt: now, updatedAt: now)
            batch.add(batchKey, id: account.id.string, name: item.fields.name)
            created.append(account)
            results.append(.success(account))
        }
        try await session.insertAccounts(created)
        try await session.indexNew(created.compactMap(\.indexEntry))
        for account in created { transaction.audit(Account.entity, account.id.uuid, "create", AuditDiff.changes(from: [:], to: account.auditValues)) }
        return results
    }

    public func get(_ id: Account.ID, by principal: Principal) async throws -> Account {
        try await env.store.read { session in try await session.visibleAccount(id, principal) }
    }

    public func list(_ query: ListQuery, by principal: Principal) async throws -> [Account] {
        try await env.store.read { session in try await session.accounts(query, visibleTo: principal.ledger) }
    }

    /// Replaces the editable fields (and optionally the owner) when `expectedVersion` is current.
    public func update(_ id: Account.ID, fields input: AccountFields, ownerId: User.ID? = nil,
                       expectedVersion: Int?, by principal: Principal) async throws -> Account {
        guard let expectedVersion else { throw CoreError.versionRequired }
        let fields = try input.validated()
        return try await env.transaction(by: principal) { transaction in
            try await updating(id, fields: fields, ownerId: ownerId, expectedVersion: expectedVersion, in: transaction)
        }
    }

    /// The change in the caller's transaction (also used by bulk updates).
    func updating(_ id: Account.ID, fields: AccountFields, ownerId: User.ID?, expectedVersion: Int, in transaction: Transaction) async throws -> Account {
        let principal = transaction.principal
        let session = transaction.session
        var account = try await transaction.loadChangeable(Account.self, id)
        guard account.version == expectedVersion else { throw CoreError.versionConflict(current: account.version) }
        let before = account
        if fields.parentAccountId != account.fields.parentAccountId {
            try await checkParent(fields.parentAccountId, of: id, in: session, by: principal)
        }
        try await checkTerm(fields.paymentTermId, was: account.fields.paymentTermId, in: session)
        account.fields = fields
        if let ownerId, ownerId != account.ownership.ownerId {
            account.ownership = try await session.ownership(requested: ownerId, by: principal)
        }
        try await transaction.save(&account, over: before, action: "update")
        return account
    }

    public func delete(_ id: Account.ID, by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in try await deleting(id, in: transaction) }
    }

    /// The deletion in the caller's transaction (also used by bulk deletes).
    func deleting(_ id: Account.ID, in transaction: Transaction) async throws {
        let principal = transaction.principal
        let session = transaction.session
        let account = try await transaction.loadChangeable(Account.self, id)
        if !(try await session.childAccounts(of: id)).isEmpty {
            throw PartyError.hasDependents("the account has child accounts; move or delete them first")
        }
        let contacts = try await session.contacts(ListQuery(limit: 1, filters: [Filter("accountId", .eq, [id.string])]),
                                                   visibleTo: Principal(userId: principal.userId, role: .admin, teamId: nil))
        if !contacts.isEmpty { throw PartyError.hasDependents("the account has contacts; move or delete them first") }
        try await session.refuseBusinessReferences(to: .account, id: id.uuid)
        try await session.deleteConnections(of: id.uuid)
        try await transaction.delete(account)
    }

    /// Merges `otherId` into `id`: every related record moves to the survivor, blank fields of the
    /// survivor are filled from the other, and the other is deleted — one transaction.
    public func merge(_ id: Account.ID, with otherId: Account.ID, by principal: Principal) async throws -> Account {
        guard id != otherId else { throw PartyError.mergeWithSelf }
        return try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            var survivor = try await session.changeableAccount(id, principal)
            let other = try await session.changeableAccount(otherId, principal)
            let before = survivor.auditValues
            let everyone = Principal(userId: principal.userId, role: .admin, teamId: nil)
            let children = try await session.childAccounts(of: otherId).filter { $0.id != id }
            let contacts = try await session.contacts(ListQuery(limit: 1000, filters: [Filter("accountId", .eq, [otherId.string])]), visibleTo: everyone)
            let connections = try await session.connections(of: otherId.uuid)
            try await session.moveAccountReferences(from: otherId, to: id)
            let business = try await session.moveBusinessReferences(of: .account, from: otherId.uuid, to: id.uuid)
            try await session.auditBusinessMoves(env, business, field: "accountId", from: otherId.uuid, to: id.uuid, actor: principal.userId)
            try await session.auditMoves(env, children: children.map(\.id.uuid), entity: "account", field: "parentAccountId",
                                         from: otherId.uuid, to: id.uuid, actor: principal.userId)
            try await session.auditMoves(env, children: contacts.map(\.id.uuid), entity: "contact", field: "accountId",
                                         from: otherId.uuid, to: id.uuid, actor: principal.userId)
            try await session.auditMovedConnections(env, connections, from: otherId.uuid, to: id.uuid, actor: principal.userId)
            survivor = try await session.account(id: id) ?? survivor
            if survivor.fields.parentAccountId == otherId { survivor.fields.parentAccountId = other.fields.parentAccountId }
            survivor.fields.email = survivor.fields.email ?? other.fields.email
            survivor.fields.phone = survivor.fields.phone ?? other.fields.phone
            survivor.fields.website = survivor.fields.website ?? other.fields.website
            survivor.fields.industry = survivor.fields.industry ?? other.fields.industry
            survivor.fields.billingAddress = survivor.fields.billingAddress ?? other.fields.billingAddress
            survivor.fields.shippingAddress = survivor.fields.shippingAddress ?? other.fields.shippingAddress
            survivor.fields.vatNumber = survivor.fields.vatNumber ?? other.fields.vatNumber
            survivor.fields.paymentTermId = survivor.fields.paymentTermId ?? other.fields.paymentTermId
            // The survivor first: it may have named the other as its parent.
            let currentVersion = survivor.version
            survivor.version += 1
            survivor.updatedAt = env.clock.now()
            guard try await session.updateAccount(survivor, expectedVersion: currentVersion) else {
                throw CoreError.versionConflict(current: currentVersion + 1)
            }
            try await session.deleteAccount(id: otherId)
            if try await session.ancestors(of: id).contains(id) { throw PartyError.hierarchyCycle }
            try await session.unindex(id: otherId.uuid)
            try await session.index(survivor.searchEntry)
            var changes = AuditDiff.changes(from: before, to: survivor.auditValues)
            changes.append(FieldChange(field: "mergedFrom", old: nil, new: otherId.string))
            transaction.audit("account", id.uuid, "merge", changes)
            transaction.audit("account", otherId.uuid, "delete", AuditDiff.changes(from: other.auditValues, to: ["mergedInto": id.string]))
            return survivor
        }
    }

    /// The account's ancestors (root first) and the visible tree of its descendants.
    public func hierarchy(_ id: Account.ID, by principal: Principal) async throws -> AccountHierarchy {
        try await env.store.read { session in
            let account = try await session.visibleAccount(id, principal)
            var ancestors: [Account] = []
            for ancestorId in try await session.ancestors(of: id) {
                if let ancestor = try await session.account(id: ancestorId), principal.canSee(ancestor.ownership) {
                    ancestors.insert(ancestor, at: 0)
                }
            }
            func tree(_ node: Account, depth: Int) async throws -> AccountHierarchy.Node {
                let children = depth > 20 ? [] : try await session.childAccounts(of: node.id).filter { principal.canSee($0.ownership) }
                var nodes: [AccountHierarchy.Node] = []
                for child in children { nodes.append(try await tree(child, depth: depth + 1)) }
                return AccountHierarchy.Node(account: node, children: nodes)
            }
            return AccountHierarchy(ancestors: ancestors, tree: try await tree(account, depth: 0))
        }
    }

    /// A payment term chosen anew must be active (one kept from before may have been deactivated since).
    private func checkTerm(_ id: PaymentTerm.ID?, was: PaymentTerm.ID?, in session: any StoreSession) async throws {
        guard let id, id != was else { return }
        guard let term = try await session.paymentTerm(id: id), term.active else {
            throw ValidationError([FieldError("paymentTermId", "is not an active payment term")])
        }
    }

    private func checkParent(_ parentId: Account.ID?, of id: Account.ID?, in session: any StoreSession,
                             by principal: Principal) async throws {
        guard let parentId else { return }
        guard let parent = try await session.account(id: parentId), principal.canSee(parent.ownership) else {
            throw ValidationError([FieldError("parentAccountId", "is not an account you can see")])
        }
        guard let id else { return }
        try Hierarchy.checkParent(of: id, ancestorsOfParent: [parent.id] + (try await session.ancestors(of: parentId)))
    }
}

public struct AccountHierarchy: Sendable {
    public struct Node: Sendable {
        public let account: Account
        public let children: [Node]
    }
    public let ancestors: [Account]
    public let tree: Node
}

extension Account {
    public var auditValues: [String: String] {
        var values = fields.auditValues
        values["ownerId"] = ownership.ownerId.string
        return values
    }

    var searchEntry: SearchEntry {
        SearchEntry(kind: .account, id: id.uuid, title: fields.name,
                    subtitle: fields.website ?? fields.email ?? fields.industry ?? "",
                    text: fields.searchText, ownership: ownership)
    }
}

extension StoreSession {
    /// An account the principal may read: accounts are billing records, so finance reads all
    /// (`Principal.ledger`); changing one still needs `canChange` on the principal itself.
    func visibleAccount(_ id: Account.ID, _ principal: Principal) async throws -> Account {
        guard let account = try await account(id: id), principal.ledger.canSee(account.ownership) else {
            throw CoreError.notFound("account")
        }
        return account
    }

    func changeableAccount(_ id: Account.ID, _ principal: Principal) async throws -> Account {
        let account = try await visibleAccount(id, principal)
        guard principal.canChange(account.ownership) else { throw CoreError.forbidden("your role cannot change records") }
        return account
    }
}
