import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

/// Import jobs, their files' parts and saved mappings (`M0028ImportJobs`).
extension SQLSession {
    func insertImportJob(_ job: ImportJob) async throws {
        try await run("""
            INSERT INTO import_jobs (id, type, file_name, status, encoding, byte_order_mark, delimiter, columns, mapping, duplicates,
                rows_total, bytes, report, message, user_id, created_at, updated_at, finished_at)
            VALUES (\(bind: UUIDText.lowercase(job.id)), \(bind: job.type.rawValue), \(bind: job.fileName), \(bind: job.status.rawValue),
                \(bind: job.format.encoding.rawValue), \(bind: job.format.byteOrderMark ? 1 : 0), \(bind: String(job.format.delimiter)),
                \(bind: try JSONText.encode(job.format.columns)), \(bind: try job.mapping.map(JSONText.encode)), \(bind: job.duplicates.rawValue),
                \(bind: job.rowsTotal), \(bind: job.bytes), \(bind: try job.report.map(JSONText.encode)), \(bind: job.message),
                \(bind: job.userId.string), \(bind: Timestamp.string(job.createdAt)), \(bind: Timestamp.string(job.updatedAt)),
                \(bind: job.finishedAt.map(Timestamp.string)))
            """)
    }

    func updateImportJob(_ job: ImportJob) async throws {
        try await run("""
            UPDATE import_jobs SET status = \(bind: job.status.rawValue), rows_total = \(bind: job.rowsTotal), bytes = \(bind: job.bytes), mapping = \(bind: try job.mapping.map(JSONText.encode)),
                duplicates = \(bind: job.duplicates.rawValue), report = \(bind: try job.report.map(JSONText.encode)), message = \(bind: job.message),
                updated_at = \(bind: Timestamp.string(job.updatedAt)), finished_at = \(bind: job.finishedAt.map(Timestamp.string))
            WHERE id = \(bind: UUIDText.lowercase(job.id))
            """)
    }

    func claimImportJob(_ job: ImportJob) async throws -> Bool {
        !(try await rows("""
            UPDATE import_jobs SET status = 'running', report = NULL, message = NULL, updated_at = \(bind: Timestamp.string(job.updatedAt))
            WHERE id = \(bind: UUIDText.lowercase(job.id)) AND status IN ('mapped', 'failed') RETURNING id
            """)).isEmpty
    }

    func deleteImportJob(_ id: ImportJob.ID) async throws {
        try await run("DELETE FROM import_file_parts WHERE job_id = \(bind: UUIDText.lowercase(id))")
        try await run("DELETE FROM import_jobs WHERE id = \(bind: UUIDText.lowercase(id))")
    }

    func importJob(id: ImportJob.ID) async throws -> ImportJob? {
        try await rows("SELECT * FROM import_jobs WHERE id = \(bind: UUIDText.lowercase(id))").first.map(importJobRecord)
    }

    func importJobs(of user: User.ID?, limit: Int) async throws -> [ImportJob] {
        let filter: SQLQueryString = user.map { "WHERE user_id = \(bind: $0.string)" } ?? ""
        return try await rows("SELECT * FROM import_jobs \(filter) ORDER BY created_at DESC, id LIMIT \(literal: limit)").map(importJobRecord)
    }

    func insertImportFilePart(_ job: ImportJob.ID, seq: Int, data: Data) async throws {
        try await run("""
            INSERT INTO import_file_parts (job_id, seq, data_base64) VALUES (\(bind: UUIDText.lowercase(job)), \(bind: seq), \(bind: data.base64EncodedString()))
            """)
    }

    func importFilePart(_ job: ImportJob.ID, seq: Int) async throws -> Data? {
        try await rows("SELECT data_base64 FROM import_file_parts WHERE job_id = \(bind: UUIDText.lowercase(job)) AND seq = \(bind: seq)")
            .first.flatMap { Data(base64Encoded: try $0.string("data_base64")) }
    }

    func deleteImportFileParts(_ job: ImportJob.ID) async throws {
        try await run("DELETE FROM import_file_parts WHERE job_id = \(bind: UUIDText.lowercase(job))")
    }

    func failRunningImportJobs(startedBefore time: Date, message: String, at now: Date) async throws -> Int {
        try await rows("""
            UPDATE import_jobs SET status = 'failed', message = \(bind: message), updated_at = \(bind: Timestamp.string(now)),
                finished_at = \(bind: Timestamp.string(now))
            WHERE status = 'running' AND updated_at < \(bind: Timestamp.string(time)) RETURNING id
            """).count
    }

    func saveImportMapping(_ m: ImportMapping) async throws {
        try await run("""
            INSERT INTO import_mappings (id, type, name, mapping, duplicates, user_id, updated_at)
            VALUES (\(bind: UUIDText.lowercase(m.id)), \(bind: m.type.rawValue), \(bind: m.name), \(bind: try JSONText.encode(m.mapping)),
                \(bind: m.duplicates.rawValue), \(bind: m.userId.string), \(bind: Timestamp.string(m.updatedAt)))
            ON CONFLICT (type, name) DO UPDATE SET mapping = excluded.mapping, duplicates = excluded.duplicates,
                user_id = excluded.user_id, updated_at = excluded.updated_at
            """)
    }

    func importMappings(type: ImportType?) async throws -> [ImportMapping] {
        let filter: SQLQueryString = type.map { "WHERE type = \(bind: $0.rawValue)" } ?? ""
        return try await rows("SELECT * FROM import_mappings \(filter) ORDER BY type, LOWER(name)").map { row in
            ImportMapping(id: UUIDText.parse(try row.string("id")) ?? UUID(), type: try Self.importType(row), name: try row.string("name"),
                          mapping: try JSONText.decode([String: String].self, try row.string("mapping")),
                          duplicates: try Self.importPolicy(row), userId: try row.id("user_id"), updatedAt: try row.date("updated_at"))
        }
    }

    func leadIDs(emails: [String], visibleTo principal: Principal) async throws -> [String: Lead.ID] {
        guard !emails.isEmpty else { return [:] }
        var found: [String: Lead.ID] = [:]
        for row in try await rows("""
            SELECT id, email FROM leads WHERE LOWER(email) IN (\(binds: Set(emails).sorted())) AND \(visibility(principal))
            ORDER BY created_at, id
            """) {
            found[try row.string("email").lowercased()] = try row.id("id")
        }
        return found
    }

    func contactIDs(emails: [String], visibleTo principal: Principal) async throws -> [String: Contact.ID] {
        guard !emails.isEmpty else { return [:] }
        var found: [String: Contact.ID] = [:]
        for row in try await rows("""
            SELECT id, email FROM contacts WHERE LOWER(email) IN (\(binds: Set(emails).sorted())) AND \(visibility(principal))
                AND \(unsafeRaw: Self.settled) ORDER BY created_at, id
            """) {
            found[try row.string("email").lowercased()] = try row.id("id")
        }
        return found
    }

    private static func importType(_ row: any SQLRow) throws -> ImportType {
        guard let type = ImportType(rawValue: try row.string("type")) else { throw StoreError.notSupported("unknown import type") }
        return type
    }

    private static func importPolicy(_ row: any SQLRow) throws -> ImportRun.Policy {
        guard let policy = ImportRun.Policy(rawValue: try row.string("duplicates")) else { throw StoreError.notSupported("unknown duplicate policy") }
        return policy
    }

    private func importJobRecord(_ row: any SQLRow) throws -> ImportJob {
        guard let status = ImportJob.Status(rawValue: try row.string("status")),
              let encoding = CSVReader.Encoding(rawValue: try row.string("encoding")),
              let delimiter = try row.string("delimiter").first
        else { throw StoreError.notSupported("unreadable import job") }
        let format = ImportFormat(encoding: encoding, byteOrderMark: try row.int("byte_order_mark") != 0, delimiter: delimiter,
                                  columns: try JSONText.decode([String].self, try row.string("columns")))
        return ImportJob(id: UUIDText.parse(try row.string("id")) ?? UUID(), type: try Self.importType(row), fileName: try row.optional("file_name"),
                         status: status, format: format, mapping: try row.optional("mapping").map { try JSONText.decode([String: String].self, $0) },
                         duplicates: try Self.importPolicy(row), rowsTotal: try row.int("rows_total"), bytes: try row.int("bytes"),
                         report: try row.optional("report").map { try JSONText.decode(ImportReport.self, $0) }, message: try row.optional("message"),
                         userId: try row.id("user_id"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"),
                         finishedAt: try row.optional("finished_at").flatMap(Timestamp.date))
    }
}
