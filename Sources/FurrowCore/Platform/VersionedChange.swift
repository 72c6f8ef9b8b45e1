import Foundation
import FurrowDomain

/// A record changed under optimistic locking: its version, its last change, and what the
/// audit trail records of it.
protocol VersionedRecord: Sendable {
    var version: Int { get set }
    var updatedAt: Date { get set }
    var auditValues: [String: String] { get }
}

extension Activity: VersionedRecord {}
extension Invoice: VersionedRecord {}
extension Quote: VersionedRecord {}

extension CoreEnvironment {
    /// The one way a versioned record is edited: load it (visible and changeable), check the
    /// expected version, apply the change, and, when anything changed, bump the version, save it
    /// only if no one else did meanwhile, and audit the difference; all in one transaction.
    func change<Record: VersionedRecord>(entity: String, id: UUID, action: String, expectedVersion: Int?, by principal: Principal,
                                         load: @escaping (any StoreSession) async throws -> Record,
                                         save: @escaping (any StoreSession, Record, Int) async throws -> Bool,
                                         _ body: @escaping (inout Record, any StoreSession) async throws -> Void) async throws -> Record {
        try await store.write { session in
            var record = try await load(session)
            let version = record.version
            if let expectedVersion, expectedVersion != version { throw CoreError.versionConflict(current: version) }
            let before = record.auditValues
            try await body(&record, session)
            let changes = AuditDiff.changes(from: before, to: record.auditValues)
            guard !changes.isEmpty else { return record }
            record.version = version + 1
            record.updatedAt = clock.now()
            guard try await save(session, record, version) else { throw CoreError.versionConflict(current: version + 1) }
            try await session.audit(self, entity: entity, id: id, action: action, actor: principal.userId, changes: changes)
            return record
        }
    }
}
