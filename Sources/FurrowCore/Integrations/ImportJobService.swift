import Foundation
import FurrowDomain

/// An import job's steps, shared by the web UI, the API and the CLI (SPEC §11): upload (the file
/// kept in parts, its format told and its rows counted), mapping (with a duplicate policy; a
/// mapping can be saved by name), dry run, and commit — all rows or none, in one transaction,
/// with progress. A job is its uploader's; administrators see everyone's.
public struct ImportJobService: Sendable {
    /// Larger files are refused as they arrive.
    public static let maxBytes = 256 << 20
    /// Jobs listed at most.
    public static let listLimit = 200

    let env: CoreEnvironment
    let explain: @Sendable (any Error) -> [FieldError]?

    /// `explain` tells which errors a row's data causes (the callers' problem mapping knows every one).
    public init(_ env: CoreEnvironment, explain: @escaping @Sendable (any Error) -> [FieldError]? = ImportRun.explain) {
        self.env = env
        self.explain = explain
    }

    public func upload(_ type: ImportType, fileName: String?, parts: AsyncThrowingStream<Data, any Error>, by principal: Principal) async throws -> ImportJob {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot import records") }
        if type == .products { try ProductService(env).requireEditor(principal) }
        let env = env, id = env.ids.next(), now = env.clock.now()
        var buffer = Data(), seq = 0, bytes = 0
        var job: ImportJob?
        var reader: CSVReader?
        var rows = -1
        let count: ([String], Int) -> Void = { record, _ in
            if rows < 0 || !record.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { rows += 1 }
        }
        func store(_ part: Data) async throws {
            if job == nil {
                let format = ImportFormat.sniff(part)
                guard !format.columns.allSatisfy(\.isEmpty) else { throw ValidationError([FieldError("file", "has no header line naming its columns")]) }
                let made = ImportJob(id: id, type: type, fileName: fileName.map { String($0.prefix(200)) }, status: .uploaded, format: format,
                                     mapping: nil, duplicates: .skip, rowsTotal: 0, bytes: 0, report: nil, message: nil, userId: principal.userId,
                                     createdAt: now, updatedAt: now, finishedAt: nil)
                try await env.store.write { try await $0.insertImportJob(made) }
                job = made
                reader = CSVReader(delimiter: format.delimiter, encoding: format.encoding)
            }
            reader?.feed(part, count)
            let number = seq
            try await env.store.write { try await $0.insertImportFilePart(id, seq: number, data: part) }
            seq += 1
        }
        do {
            for try await chunk in parts {
                bytes += chunk.count
                guard bytes <= Self.maxBytes else { throw ValidationError([FieldError("file", "is larger than \(Self.maxBytes >> 20) MiB")]) }
                buffer.append(chunk)
                while buffer.count >= ImportRun.partSize {
                    try await store(buffer.prefix(ImportRun.partSize))
                    buffer = Data(buffer.dropFirst(ImportRun.partSize))
                }
            }
            if !buffer.isEmpty { try await store(buffer) }
            guard var finished = job else { throw ValidationError([FieldError("file", "is empty: the first line must name the columns")]) }
            reader?.finish(count)
            finished.rowsTotal = max(0, rows)
            finished.bytes = bytes
            let done = finished
            try await env.store.write { try await $0.updateImportJob(done) }
            return done
        } catch {
            if job != nil { try? await env.store.write { try await $0.deleteImportJob(id) } }
            throw error
        }
    }

    /// A file on disk as `upload` takes it, a part at a time (the CLI's file, the web UI's saved upload).
    public static func fileParts(_ path: String) -> AsyncThrowingStream<Data, any Error> {
        AsyncThrowingStream { continuation in
            guard let handle = FileHandle(forReadingAtPath: path) else {
                continuation.finish(throwing: ValidationError([FieldError("file", "cannot be read")]))
                return
            }
            defer { try? handle.close() }
            do {
                while let chunk = try handle.read(upToCount: ImportRun.partSize), !chunk.isEmpty { continuation.yield(chunk) }
                continuation.finish()
            } catch { continuation.finish(throwing: error) }
        }
    }

    public func get(_ id: ImportJob.ID, by principal: Principal) async throws -> ImportJob {
        guard let job = try await env.store.read({ try await $0.importJob(id: id) }), job.userId == principal.userId || principal.isAdmin else {
            throw CoreError.notFound("import")
        }
        return await ImportProgress.shared.overlay(job)
    }

    /// The caller's jobs (an administrator's: everyone's), newest first.
    public func list(by principal: Principal) async throws -> [ImportJob] {
        let jobs = try await env.store.read { try await $0.importJobs(of: principal.isAdmin ? nil : principal.userId, limit: Self.listLimit) }
        var overlaid: [ImportJob] = []
        for job in jobs { overlaid.append(await ImportProgress.shared.overlay(job)) }
        return overlaid
    }

    /// The first `rows` data rows of the file, each as its cells, to show beside the columns.
    public func sample(_ job: ImportJob, rows wanted: Int) async throws -> [[String]] {
        guard let head = try await env.store.read({ try await $0.importFilePart(job.id, seq: 0) }) else { return [] }
        var reader = CSVReader(delimiter: job.format.delimiter, encoding: job.format.encoding)
        var records: [[String]] = []
        let take: ([String], Int) -> Void = { record, _ in
            if records.count <= wanted, !record.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { records.append(record) }
        }
        reader.feed(head.prefix(ImportFormat.headBytes), take)
        if records.count <= wanted { reader.finish(take) }
        return Array(records.dropFirst().prefix(wanted)).map { $0.map { ImportRun.unguarded($0.trimmingCharacters(in: .whitespacesAndNewlines)) } }
    }

    public func mappings(_ type: ImportType?) async throws -> [ImportMapping] {
        try await env.store.read { try await $0.importMappings(type: type) }
    }

    /// Sets the mapping and the duplicate policy (every fault at once); `saveAs` keeps the mapping under that name.
    public func map(_ id: ImportJob.ID, mapping: [String: String], duplicates: ImportRun.Policy, saveAs name: String?,
                    by principal: Principal) async throws -> ImportJob {
        var job = try await get(id, by: principal)
        try Self.require(job, in: [.uploaded, .mapped, .failed], to: "change its mapping")
        var errors = ImportRun.mappingErrors(mapping, columns: job.format.columns, type: job.type)
        let name = name?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let name, name.isEmpty || name.count > 100 { errors.append(FieldError("saveAs", "must be 1 to 100 characters")) }
        guard errors.isEmpty else { throw ValidationError(errors) }
        job.mapping = mapping
        job.duplicates = duplicates
        job.status = .mapped
        job.report = nil
        job.message = nil
        job.updatedAt = env.clock.now()
        let changed = job, env = env
        try await env.store.write { session in
            try await session.updateImportJob(changed)
            if let name {
                try await session.saveImportMapping(ImportMapping(id: env.ids.next(), type: changed.type, name: name, mapping: mapping,
                                                                  duplicates: duplicates, userId: principal.userId, updatedAt: changed.updatedAt))
            }
        }
        return changed
    }

    /// Runs every row and stores nothing; the report is kept with the job.
    public func dryRun(_ id: ImportJob.ID, by principal: Principal) async throws -> ImportJob {
        var job = try await get(id, by: principal)
        try Self.require(job, in: [.mapped, .failed], to: "be checked")
        job.report = try await report(of: job, dryRun: true, by: principal, progress: nil)
        job.updatedAt = env.clock.now()
        let checked = job
        try await env.store.write { try await $0.updateImportJob(checked) }
        return checked
    }

    /// Starts the commit in the background; `get` shows its progress.
    public func start(_ id: ImportJob.ID, by principal: Principal) async throws -> ImportJob {
        let job = try await claim(id, by: principal)
        let service = self
        Task.detached { _ = try? await service.finish(job, by: principal, progress: nil) }
        return await ImportProgress.shared.overlay(job)
    }

    /// Commits and waits for the end (the CLI): `progress` is told rows done of rows in all.
    public func commit(_ id: ImportJob.ID, by principal: Principal, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> ImportJob {
        try await finish(try await claim(id, by: principal), by: principal, progress: progress)
    }

    /// Marks the job running, unless another request did first.
    func claim(_ id: ImportJob.ID, by principal: Principal) async throws -> ImportJob {
        var job = try await get(id, by: principal)
        try Self.require(job, in: [.mapped, .failed], to: "be imported")
        job.status = .running
        job.report = nil
        job.message = nil
        job.updatedAt = env.clock.now()
        let running = job
        guard try await env.store.write({ try await $0.claimImportJob(running) }) else {
            throw ImportJobError.state(id: id, status: .running, wanted: "be imported")
        }
        await ImportProgress.shared.set(id, done: 0, total: job.rowsTotal)
        return running
    }

    func finish(_ running: ImportJob, by principal: Principal, progress: (@Sendable (Int, Int) -> Void)?) async throws -> ImportJob {
        var job = running
        let id = job.id
        do {
            job.report = try await report(of: job, dryRun: false, by: principal) { done, total in
                progress?(done, total)
                Task { await ImportProgress.shared.set(id, done: done, total: total) }
            }
            job.status = job.report?.stored == true ? .done : .failed
        } catch {
            job.status = .failed
            job.message = Self.describe(error)
        }
        job.updatedAt = env.clock.now()
        job.finishedAt = job.updatedAt
        let ended = job
        try await env.store.write { session in
            try await session.updateImportJob(ended)
            if ended.status == .done { try await session.deleteImportFileParts(ended.id) }
        }
        await ImportProgress.shared.remove(id)
        return ended
    }

    func report(of job: ImportJob, dryRun: Bool, by principal: Principal, progress: (@Sendable (Int, Int) -> Void)?) async throws -> ImportReport {
        guard let mapping = job.mapping else { throw ImportJobError.state(id: job.id, status: job.status, wanted: "run without a mapping") }
        let options = ImportRun.Options(type: job.type, mapping: mapping, duplicates: job.duplicates, dryRun: dryRun, rowsTotal: job.rowsTotal,
                                        explain: explain, progress: progress)
        do {
            return try await ImportRun(env, by: principal).run(.job(job.id), format: job.format, options: options)
        } catch let rejected as ImportRun.Rejected {
            return rejected.report
        }
    }

    static func require(_ job: ImportJob, in states: Set<ImportJob.Status>, to verb: String) throws {
        guard states.contains(job.status) else { throw ImportJobError.state(id: job.id, status: job.status, wanted: verb) }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as ValidationError: return error.errors.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
        case CoreError.forbidden(let why): return why
        default: return "the import stopped on an error; nothing was stored (\(type(of: error)))"
        }
    }
}

/// An import job asked to do what its state does not allow (a running job mapped again, a done one committed).
public enum ImportJobError: Error, Sendable, Equatable {
    case state(id: ImportJob.ID, status: ImportJob.Status, wanted: String)
}

/// Rows done of the commits running in this process (a commit is one transaction: its progress
/// is not in the database until it ends).
public actor ImportProgress {
    public static let shared = ImportProgress()
    var running: [ImportJob.ID: (done: Int, total: Int)] = [:]

    func set(_ id: ImportJob.ID, done: Int, total: Int) {
        guard let current = running[id] else { if done == 0 { running[id] = (done, total) }; return }
        if done >= current.done { running[id] = (done, total) }
    }

    func remove(_ id: ImportJob.ID) { running[id] = nil }

    func overlay(_ job: ImportJob) -> ImportJob {
        var job = job
        switch job.status {
        case .running: job.rowsDone = running[job.id]?.done ?? 0
        case .done: job.rowsDone = job.report?.rowsRead ?? job.rowsTotal
        default: job.rowsDone = 0
        }
        return job
    }
}
