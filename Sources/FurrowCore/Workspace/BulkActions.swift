import Foundation
import FurrowDomain

/// What a list's selection can be given at once (issue 22): a new owner (managers and
/// administrators), or deletion where a single delete is allowed (accounts, contacts). Each record
/// goes through its single change (visibility, version, rules, audit trail, notifications) and the
/// whole selection is one transaction: all change, or — naming the first record that cannot —
/// none.
public struct BulkActions: Sendable {
    public enum RecordType: String, Sendable, CaseIterable, Codable {
        case accounts, contacts, leads, opportunities

        public var deletable: Bool { self == .accounts || self == .contacts }
    }

    /// Records in one bulk change at most.
    public static let limit = 500

    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    static func check(_ ids: [UUID]) throws {
        var errors: [FieldError] = []
        if ids.isEmpty { errors.append(FieldError("ids", "choose at least one record")) }
        if ids.count > limit { errors.append(FieldError("ids", "at most \(limit) records at once")) }
        if Set(ids).count != ids.count { errors.append(FieldError("ids", "a record may appear only once")) }
        if !errors.isEmpty { throw ValidationError(errors) }
    }

    /// Gives every record the owner (and the owner's team); records that have that owner already are left as they are.
    /// Answers how many changed.
    public func assignOwner(_ type: RecordType, ids: [UUID], ownerId: User.ID, by principal: Principal) async throws -> Int {
        guard principal.canReassign else { throw CoreError.forbidden("only managers and administrators assign owners") }
        try Self.check(ids)
        return try await Batch(env, by: principal).run { writer in
            var changed = 0
            for (index, id) in ids.enumerated() {
                do {
                    if try await Self.assign(type, id, ownerId, writer) { changed += 1 }
                } catch let error as ValidationError {
                    throw ValidationError(error.errors.map { FieldError("ids[\(index)]", $0.message) })
                } catch CoreError.notFound {
                    throw ValidationError([FieldError("ids[\(index)]", "is no \(type.rawValue.dropLast()) you may change")])
                }
            }
            return changed
        }
    }

    static func assign(_ type: RecordType, _ id: UUID, _ ownerId: User.ID, _ writer: BatchWriter) async throws -> Bool {
        let transaction = writer.transaction
        switch type {
        case .accounts:
            let record = try await transaction.loadChangeable(Account.self, Account.ID(id))
            guard record.ownership.ownerId != ownerId else { return false }
            _ = try await writer.updateAccount(record.id, fields: record.fields, ownerId: ownerId, expectedVersion: record.version)
        case .contacts:
            let record = try await transaction.loadChangeable(Contact.self, Contact.ID(id))
            guard record.ownership.ownerId != ownerId else { return false }
            _ = try await writer.updateContact(record.id, fields: record.fields, ownerId: ownerId, expectedVersion: record.version)
        case .leads:
            let record = try await transaction.loadChangeable(Lead.self, Lead.ID(id))
            guard record.ownership.ownerId != ownerId else { return false }
            _ = try await writer.updateLead(record.id, fields: record.fields, ownerId: ownerId, markContacted: false, expectedVersion: record.version)
        case .opportunities:
            let record = try await transaction.loadChangeable(Opportunity.self, Opportunity.ID(id))
            guard record.ownership.ownerId != ownerId else { return false }
            _ = try await writer.updateOpportunity(record.id, OpportunityInput(fields: record.fields, ownerId: ownerId), expectedVersion: record.version)
        }
        return true
    }

    /// Deletes every record, each as its single delete would (refused while other records use it).
    public func delete(_ type: RecordType, ids: [UUID], by principal: Principal) async throws -> Int {
        guard type.deletable else { throw ValidationError([FieldError("type", "\(type.rawValue) are not deleted; close or disqualify them instead")]) }
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot delete records") }
        try Self.check(ids)
        return try await env.transaction(by: principal) { transaction in
            for (index, id) in ids.enumerated() {
                do {
                    switch type {
                    case .accounts: try await AccountService(env).deleting(Account.ID(id), in: transaction)
                    default: try await ContactService(env).deleting(Contact.ID(id), in: transaction)
                    }
                } catch PartyError.hasDependents(let message) {
                    throw ValidationError([FieldError("ids[\(index)]", message)])
                } catch CoreError.notFound {
                    throw ValidationError([FieldError("ids[\(index)]", "is no \(type.rawValue.dropLast()) you may delete")])
                }
            }
            return ids.count
        }
    }
}
