import Foundation
import FurrowDomain

/// Who may see and change a record (DESIGN §5); the kernel checks it on every load.
public enum RecordAccess: Sendable, Equatable {
    /// Sales records: seen and changed by their owner, their team or everyone, by role.
    case owned(Ownership)
    /// Customer records (accounts, orders): as `owned`, and finance reads every customer's (`Principal.ledger`).
    case billing(Ownership)
    /// Ledger records (invoices, payments): finance reads and changes every customer's.
    case ledger(Ownership)
    /// Meetings and tasks: as `owned`, and the users invited read them too.
    case attended(Ownership, invited: Set<User.ID>)
    /// Catalog rows: everyone reads; the service says who changes them.
    case catalog
    /// Campaigns: everyone reads them (a lead or an opportunity names its source campaign); changed as `owned`.
    case published(Ownership)
    /// Maintenance contracts: as `owned`; their technicians read them, and finance reads every
    /// customer's to bill them.
    case serviced(Ownership, technicians: Set<User.ID>)
    /// Users and teams: administrators read and change them.
    case administration

    public func visible(to principal: Principal) -> Bool {
        switch self {
        case .owned(let ownership): principal.canSee(ownership)
        case .billing(let ownership), .ledger(let ownership): principal.ledger.canSee(ownership)
        case .attended(let ownership, let invited): principal.canSee(ownership) || invited.contains(principal.userId)
        case .catalog, .published: true
        case .serviced(let ownership, let technicians): principal.ledger.canSee(ownership) || technicians.contains(principal.userId)
        case .administration: principal.isAdmin
        }
    }

    public func changeable(by principal: Principal) -> Bool {
        switch self {
        case .owned(let ownership), .billing(let ownership), .attended(let ownership, _), .published(let ownership), .serviced(let ownership, _):
            principal.canChange(ownership)
        case .ledger(let ownership): principal.ledger.canChange(ownership)
        case .catalog: principal.canWriteRecords
        case .administration: principal.isAdmin
        }
    }
}

/// A record type the kernel creates, changes and deletes. A type adopts it once (its store
/// calls, its audit name and values, its search entry, its access rule) and every service then
/// edits it through `Transaction`: version checks, search entries and the audit trail are
/// written in one place. `RecordTypes.all` lists the adopted types.
protocol StoredRecord: Sendable {
    associatedtype Entity
    /// The record's name in the audit trail and in `404` answers ("quote").
    static var entity: String { get }
    /// How a `404` names it ("bank statement"); the entity name unless given.
    static var noun: String { get }
    var id: Identifier<Entity> { get }
    var version: Int { get set }
    /// The fields the audit trail records, by name.
    var auditValues: [String: String] { get }
    /// The global search entry; nil for records not searched or indexed by the store itself (documents).
    var indexEntry: SearchEntry? { get }
    var access: RecordAccess { get }
    /// The fields its list is sorted and filtered by, with their types; nil when it has no list.
    static var listFields: ListFields? { get }
    /// Records the moment of a save (`updatedAt`); nothing for records that keep none.
    mutating func stamp(at time: Date)

    static func load(_ id: Identifier<Entity>, locked: Bool, in session: any StoreSession) async throws -> Self?
    func insert(in session: any StoreSession) async throws
    /// Saves over `before` when the stored version is still `before.version`; false when someone saved meanwhile.
    func save(over before: Self, in session: any StoreSession) async throws -> Bool
    static func remove(_ id: Identifier<Entity>, in session: any StoreSession) async throws
}

extension StoredRecord {
    static var noun: String { entity }
    var indexEntry: SearchEntry? { nil }
    static var listFields: ListFields? { nil }
    mutating func stamp(at time: Date) {}
    static func remove(_ id: Identifier<Entity>, in session: any StoreSession) async throws {
        throw CoreError.forbidden("\(noun) records cannot be deleted")
    }
}

/// The record work of one write transaction, done as one person: loads check access, saves
/// check the version (a conflict on any record rolls the whole transaction back), search
/// entries follow the records, and every audit entry is written in one statement at the end.
/// Settings are read once.
final class Transaction {
    let env: CoreEnvironment
    public let session: any StoreSession
    public let principal: Principal
    private var audits: [AuditEntry] = []
    private var cachedSettings: Settings?

    init(env: CoreEnvironment, session: any StoreSession, principal: Principal) {
        self.env = env
        self.session = session
        self.principal = principal
    }

    /// The company settings, read once per transaction (and once per request when the request read them already).
    public func settings() async throws -> Settings {
        if let cachedSettings { return cachedSettings }
        let settings = try await RequestSettings.read { Settings(try await session.settings()) }
        cachedSettings = settings
        return settings
    }

    /// Today in the company's time zone.
    public func today() async throws -> Day { try await settings().today(env.clock.now()) }

    /// The record, when the person may see it; `404` otherwise.
    public func load<R: StoredRecord>(_: R.Type, _ id: Identifier<R.Entity>, locked: Bool = false) async throws -> R {
        guard let record = try await R.load(id, locked: locked, in: session), record.access.visible(to: principal) else {
            throw CoreError.notFound(R.noun)
        }
        return record
    }

    /// The record, when the person may change it: `404` when unseen, `403` when only seen.
    public func loadChangeable<R: StoredRecord>(_: R.Type, _ id: Identifier<R.Entity>, locked: Bool = false) async throws -> R {
        let record = try await load(R.self, id, locked: locked)
        guard record.access.changeable(by: principal) else { throw CoreError.forbidden("your role cannot change records") }
        return record
    }

    /// Stores a new record with its search entry and its `create` entry in the trail. `storing`
    /// replaces the record's own insert when the row carries more (an activity's origin).
    public func create<R: StoredRecord>(_ record: R, action: String = "create",
                                        storing insert: ((any StoreSession) async throws -> Void)? = nil) async throws {
        if let insert { try await insert(session) } else { try await record.insert(in: session) }
        if let entry = record.indexEntry { try await session.index(entry) }
        audit(R.entity, record.id.uuid, action, AuditDiff.changes(from: [:], to: record.auditValues))
    }

    /// Loads a changeable record, checks the version the caller saw, applies `body` and saves
    /// what changed: the one way a record is edited or moved by a verb.
    @discardableResult
    public func change<R: StoredRecord>(_: R.Type, _ id: Identifier<R.Entity>, action: String, expectedVersion: Int? = nil,
                                        locked: Bool = false, _ body: (inout R) async throws -> Void) async throws -> R {
        var record = try await loadChangeable(R.self, id, locked: locked)
        if let expectedVersion, expectedVersion != record.version { throw CoreError.versionConflict(current: record.version) }
        let before = record
        try await body(&record)
        try await save(&record, over: before, action: action)
        return record
    }

    /// Saves a record the transaction loaded and changed (a verb's effect on another record):
    /// nothing when no audited field changed; otherwise the next version, only if no one saved
    /// it meanwhile, with its search entry and trail entry.
    /// `extra` adds to the trail what the audit values do not hold (a reason, related rows).
    public func save<R: StoredRecord>(_ record: inout R, over before: R, action: String, extra: [FieldChange] = []) async throws {
        let changes = AuditDiff.changes(from: before.auditValues, to: record.auditValues) + extra
        guard !changes.isEmpty else { return }
        record.version = before.version + 1
        record.stamp(at: env.clock.now())
        guard try await record.save(over: before, in: session) else { throw CoreError.versionConflict(current: before.version + 1) }
        if let entry = record.indexEntry, entry != before.indexEntry { try await session.index(entry) }
        audit(R.entity, record.id.uuid, action, changes)
    }

    /// Deletes a record the transaction loaded, its search entry, and records what it held.
    public func delete<R: StoredRecord>(_ record: R) async throws {
        try await R.remove(record.id, in: session)
        if record.indexEntry != nil { try await session.unindex(id: record.id.uuid) }
        audit(R.entity, record.id.uuid, "delete", AuditDiff.changes(from: record.auditValues, to: [:]))
    }

    /// Adds an entry to the trail, written when the transaction's body ends.
    public func audit(_ entity: String, _ id: UUID, _ action: String, _ changes: [FieldChange]) {
        audits.append(AuditEntry(id: env.ids.next(), entity: entity, entityId: id, action: "\(entity).\(action)",
                                 actorId: principal.userId, at: env.clock.now(), changes: changes))
    }

    /// Writes the trail entries, a few hundred per statement.
    func flush() async throws {
        var start = 0
        while start < audits.count {
            let end = min(start + 500, audits.count)
            try await session.appendAudits(Array(audits[start..<end]))
            start = end
        }
        audits.removeAll()
    }
}

extension CoreEnvironment {
    /// Runs `body` as one write transaction of `principal` through the kernel.
    func transaction<T: Sendable>(by principal: Principal, _ body: @Sendable (Transaction) async throws -> T) async throws -> T {
        try await store.write { session in
            let transaction = Transaction(env: self, session: session, principal: principal)
            let result = try await body(transaction)
            try await transaction.flush()
            return result
        }
    }

    /// Runs `body` in a read transaction with the same access checks.
    func reading<T: Sendable>(by principal: Principal, _ body: @Sendable (Transaction) async throws -> T) async throws -> T {
        try await store.read { session in try await body(Transaction(env: self, session: session, principal: principal)) }
    }
}
