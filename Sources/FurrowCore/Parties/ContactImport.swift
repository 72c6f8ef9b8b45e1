import Foundation
import FurrowDomain

/// `furrow import contacts FILE.csv` (SPEC §11): a CSV with named columns streams through the same
/// steps as one create each (validation, account link, duplicate check, search index, audit) in
/// one transaction. Any bad row and nothing is stored; every bad row is reported with its line.
public struct ContactImport: Sendable {
    let env: CoreEnvironment
    let principal: Principal

    public init(_ env: CoreEnvironment, by principal: Principal) {
        self.env = env
        self.principal = principal
    }

    /// The columns a file may have; `lastName` is required.
    public static let columns = ["firstName", "lastName", "email", "phone", "mobile", "title", "accountId"]
    /// Errors kept for the report; the count goes on past it.
    public static let reportedErrorLimit = 1_000
    /// Rows stored together: one statement each for the rows, their search and audit entries.
    static let chunk = 1000

    public struct Options: Sendable {
        public var dryRun: Bool
        public var allowDuplicates: Bool
        public var ownerId: User.ID?
        public init(dryRun: Bool = false, allowDuplicates: Bool = false, ownerId: User.ID? = nil) {
            self.dryRun = dryRun
            self.allowDuplicates = allowDuplicates
            self.ownerId = ownerId
        }
    }

    public struct RowError: Sendable, Equatable {
        public let line: Int
        public let field: String
        public let message: String
    }

    public struct Progress: Sendable {
        public let rows: Int
        public let bytesRead: Int
        public let totalBytes: Int
    }

    public struct Outcome: Sendable {
        /// Data rows read (blank lines aside).
        public let rows: Int
        /// Contacts stored: `rows` when committed, else 0.
        public let imported: Int
        public let errorCount: Int
        public let errors: [RowError]
        public var committed: Bool { imported > 0 || (rows == 0 && errorCount == 0) }
    }

    struct Rejected: Error { let outcome: Outcome }

    public func run(file: URL, options: Options = Options(),
                    progress: @escaping @Sendable (Progress) -> Void = { _ in }) async throws -> Outcome {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        guard let handle = FileHandle(forReadingAtPath: file.path) else {
            throw ValidationError([FieldError("file", "cannot be read")])
        }
        defer { try? handle.close() }
        let total = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        let env = env, principal = principal
        do {
            return try await BulkWrite.$active.withValue(true) { try await env.store.write { session in
                var state = State()
                let ownership = try await session.ownership(requested: options.ownerId, by: principal)
                var reader = CSVReader()
                var bytesRead = 0
                while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                    bytesRead += chunk.count
                    var records: [([String], Int)] = []
                    reader.feed(chunk) { records.append(($0, $1)) }
                    for (record, line) in records {
                        try await state.take(record, line: line, ownership: ownership, options: options, env: env, session: session, by: principal)
                    }
                    progress(Progress(rows: state.rows, bytesRead: bytesRead, totalBytes: total))
                }
                var last: [([String], Int)] = []
                reader.finish { last.append(($0, $1)) }
                for (record, line) in last {
                    try await state.take(record, line: line, ownership: ownership, options: options, env: env, session: session, by: principal)
                }
                try await state.flush(ownership: ownership, options: options, env: env, session: session, by: principal)
                if state.header == nil { state.fail(1, "file", "is empty: the first line must name the columns") }
                let outcome = Outcome(rows: state.rows, imported: state.errorCount == 0 && !options.dryRun ? state.rows : 0,
                                      errorCount: state.errorCount, errors: state.errors.sorted { $0.line < $1.line })
                // A dry run or a bad row undoes the whole transaction.
                if state.errorCount > 0 || options.dryRun { throw Rejected(outcome: outcome) }
                return outcome
            } }
        } catch let rejected as Rejected {
            return rejected.outcome
        }
    }

    /// What the import has read so far.
    struct State {
        var header: [String: Int]?
        var width = 0
        var pending: [(fields: ContactFields, line: Int)] = []
        var rows = 0
        var errorCount = 0
        var errors: [RowError] = []

        mutating func fail(_ line: Int, _ field: String, _ message: String) {
            errorCount += 1
            if errors.count < ContactImport.reportedErrorLimit { errors.append(RowError(line: line, field: field, message: message)) }
        }

        mutating func take(_ record: [String], line: Int, ownership: Ownership, options: Options, env: CoreEnvironment,
                           session: any StoreSession, by principal: Principal) async throws {
            guard let header else { return readHeader(record) }
            if record.allSatisfy({ $0.trimmedSpaces().isEmpty }) { return }
            rows += 1
            func value(_ name: String) -> String? {
                guard let index = header[name], index < record.count else { return nil }
                let text = record[index].trimmedSpaces()
                return text.isEmpty ? nil : text
            }
            if record.count != width {
                return fail(line, "row", "has \(record.count) fields; the header has \(width)")
            }
            if record.contains(where: \.containsNUL) {
                let error = FieldError.nul("row")
                return fail(line, error.field, error.message)
            }
            var accountId: Account.ID? = nil
            if let text = value("accountId") {
                guard let id = Account.ID(text) else { return fail(line, "accountId", "is not a UUID") }
                accountId = id
            }
            let input = ContactFields(firstName: value("firstName"), lastName: value("lastName") ?? "", email: value("email"),
                                      phone: value("phone"), mobile: value("mobile"), title: value("title"), accountId: accountId)
            do { pending.append((try input.validated(), line)) } catch {
                for problem in error.errors { fail(line, problem.field, problem.message) }
            }
            if pending.count >= ContactImport.chunk {
                try await flush(ownership: ownership, options: options, env: env, session: session, by: principal)
            }
        }

        /// Stores the rows read since the last flush: a few statements for the lot.
        mutating func flush(ownership: Ownership, options: Options, env: CoreEnvironment, session: any StoreSession,
                            by principal: Principal) async throws {
            guard !pending.isEmpty else { return }
            let results = try await ContactService(env).insertMany(pending.map(\.fields), ownership: ownership,
                                                                    allowDuplicate: options.allowDuplicates, in: session, by: principal)
            for ((_, line), result) in zip(pending, results) {
                guard case .failure(let error) = result else { continue }
                switch error {
                case PartyError.duplicateSuspected(let matches):
                    let match = matches.first.map { "\($0.name) (\($0.matchedOn.joined(separator: ", ")))" } ?? "an existing contact"
                    fail(line, "row", "looks like a duplicate of \(match)")
                case let error as ValidationError:
                    for problem in error.errors { fail(line, problem.field, problem.message) }
                default:
                    throw error
                }
            }
            pending.removeAll(keepingCapacity: true)
        }

        mutating func readHeader(_ record: [String]) {
            var header: [String: Int] = [:]
            width = record.count
            for (index, name) in record.enumerated() {
                let column = name.trimmedSpaces()
                guard let known = ContactImport.columns.first(where: { $0.lowercased() == column.lowercased() }) else {
                    fail(1, column, "is not a contact column; use \(ContactImport.columns.joined(separator: ", "))")
                    continue
                }
                if header[known] != nil { fail(1, known, "appears twice in the header") }
                header[known] = index
            }
            if header["lastName"] == nil { fail(1, "lastName", "column is required") }
            self.header = header.isEmpty ? [:] : header
        }
    }
}
