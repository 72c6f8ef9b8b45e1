import Foundation
import FurrowDomain

/// Import jobs, the parts of their files and saved mappings: part of a store session.
public protocol ImportJobSession: Sendable {
    func insertImportJob(_ job: ImportJob) async throws
    func updateImportJob(_ job: ImportJob) async throws
    /// Stores the job as running when it is still mapped or failed; false when another request claimed it first.
    func claimImportJob(_ job: ImportJob) async throws -> Bool
    func deleteImportJob(_ id: ImportJob.ID) async throws
    func importJob(id: ImportJob.ID) async throws -> ImportJob?
    /// The jobs of one user, or of everyone when `user` is nil; newest first.
    func importJobs(of user: User.ID?, limit: Int) async throws -> [ImportJob]
    func insertImportFilePart(_ job: ImportJob.ID, seq: Int, data: Data) async throws
    func importFilePart(_ job: ImportJob.ID, seq: Int) async throws -> Data?
    func deleteImportFileParts(_ job: ImportJob.ID) async throws
    /// Marks jobs left `running` by a process that stopped as failed; returns how many.
    func failRunningImportJobs(startedBefore: Date, message: String, at: Date) async throws -> Int

    func saveImportMapping(_ mapping: ImportMapping) async throws
    func importMappings(type: ImportType?) async throws -> [ImportMapping]

    /// Leads whose email is one of `emails` (lower case), newest first: email → id.
    func leadIDs(emails: [String], visibleTo principal: Principal) async throws -> [String: Lead.ID]
    /// Contacts whose email is one of `emails` (lower case): email → id.
    func contactIDs(emails: [String], visibleTo principal: Principal) async throws -> [String: Contact.ID]
}
