import Foundation
import FurrowDomain

/// The rows of an import file made into records (SPEC §11), after its format is told and its
/// columns mapped to fields: every row read, checked and stored in one transaction as the single
/// create or change would (all rows or none), references found by the keys spreadsheets have (an
/// account by its name, an owner by email, a product by SKU, a kind and a stage by name), and each
/// row's fate reported by its line. A dry run does all of it and rolls it back. The file is read a
/// part at a time, so memory does not grow with it.
public struct ImportRun: Sendable {
    /// What a row that matches a stored record does: `skip` it, `update` that record with the
    /// row's mapped fields, or `create` a new one anyway. A row with an `id` column matches by it.
    public enum Policy: String, Sendable, CaseIterable { case skip, update, create }

    /// Where the file's bytes come from.
    public enum Source: Sendable {
        case data(Data)
        case file(URL)
        /// The parts an import job's upload was kept in.
        case job(ImportJob.ID)
    }

    public struct Options: Sendable {
        public var type: ImportType
        /// Column title → field name (`ImportType.fields`); columns not named are left out.
        public var mapping: [String: String]
        public var duplicates: Policy
        public var dryRun: Bool
        /// Called as rows are stored: rows done, rows in all (when known, else 0).
        public var progress: (@Sendable (Int, Int) -> Void)?
        /// The rows in the file when known (an import job counts them at upload).
        public var rowsTotal: Int
        /// Why an error a row met refuses it, as field errors; nil for an error that is not the row's fault.
        public var explain: @Sendable (any Error) -> [FieldError]?
        public init(type: ImportType, mapping: [String: String], duplicates: Policy = .skip, dryRun: Bool = false, rowsTotal: Int = 0,
                    explain: @escaping @Sendable (any Error) -> [FieldError]? = ImportRun.explain,
                    progress: (@Sendable (Int, Int) -> Void)? = nil) {
            self.type = type
            self.mapping = mapping
            self.duplicates = duplicates
            self.dryRun = dryRun
            self.rowsTotal = rowsTotal
            self.explain = explain
            self.progress = progress
        }
    }

    /// Thrown when a row fails: nothing is stored; the report says which rows and why.
    public struct Rejected: Error, Sendable { public let report: ImportReport }

    let env: CoreEnvironment
    let principal: Principal
    public init(_ env: CoreEnvironment, by principal: Principal) {
        self.env = env
        self.principal = principal
    }

    struct DryRunEnded: Error { let report: ImportReport }

    /// The errors a row's own data causes, as the single create would report them.
    public static let explain: @Sendable (any Error) -> [FieldError]? = { error in
        switch error {
        case let error as ValidationError: return error.errors
        case CoreError.notFound(let what): return [FieldError("id", "is no \(what) you can change")]
        case CoreError.versionConflict: return [FieldError("id", "was changed by someone else meanwhile")]
        case PartyError.duplicateSuspected: return [FieldError("row", "looks like a stored record")]
        default: return nil
        }
    }

    /// The mapping's faults against the file's columns and the type's fields: every one at once.
    public static func mappingErrors(_ mapping: [String: String], columns: [String], type: ImportType) -> [FieldError] {
        var errors: [FieldError] = []
        let known = Set(type.fields.map(\.name))
        var taken: [String: String] = [:]
        for (column, field) in mapping.sorted(by: { $0.key < $1.key }) {
            if !columns.contains(column) { errors.append(FieldError("mapping", "names a column the file does not have: \(column)")) }
            if !known.contains(field) { errors.append(FieldError("mapping", "\(field) is not a field of \(type.rawValue)")) }
            if let other = taken[field] { errors.append(FieldError("mapping", "maps both \(other) and \(column) to \(field)")) }
            taken[field] = column
        }
        let mapped = Set(mapping.values)
        for field in type.fields where field.required && !mapped.contains(field.name) {
            errors.append(FieldError("mapping", "maps no column to \(field.name), which every row needs"))
        }
        return errors
    }

    public func run(_ source: Source, format: ImportFormat, options: Options) async throws -> ImportReport {
        let errors = Self.mappingErrors(options.mapping, columns: format.columns, type: options.type)
        guard errors.isEmpty else { throw ValidationError(errors) }
        let env = env, principal = principal
        if options.type == .products { try ProductService(env).requireEditor(principal) }
        let base = try await SettingsService(env).current().baseCurrency
        do {
            var report = try await Batch(env, by: principal).run { writer in
                let rows = ImportRows(run: self, options: options, writer: writer, baseCurrency: Currency(base) ?? Currency("EUR")!, delimiter: format.delimiter)
                var reader = CSVReader(delimiter: format.delimiter, encoding: format.encoding)
                var header: [String]?
                var pending: [(line: Int, values: [String: String])] = []
                let take: ([String], Int) -> Void = { record, line in
                    guard let columns = header else { header = record.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }; return }
                    if record.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return }
                    var values: [String: String] = [:]
                    for (index, column) in columns.enumerated() where index < record.count {
                        if let field = options.mapping[column] {
                            let value = Self.unguarded(record[index].trimmingCharacters(in: .whitespacesAndNewlines))
                            if !value.isEmpty { values[field] = value }
                        }
                    }
                    if record.count > columns.count { values[ImportRows.widthKey] = String(record.count) }
                    pending.append((line, values))
                }
                var seq = 0
                while let part = try await Self.part(source, seq, in: writer.session) {
                    seq += 1
                    reader.feed(part, take)
                    for (line, values) in pending { try await rows.take(values, line: line) }
                    pending.removeAll(keepingCapacity: true)
                }
                reader.finish(take)
                for (line, values) in pending { try await rows.take(values, line: line) }
                try await rows.finish()
                let report = rows.report
                if report.failed > 0 { throw Rejected(report: report) }
                if options.dryRun { throw DryRunEnded(report: report) }
                return report
            }
            report.stored = true
            return report
        } catch let ended as DryRunEnded {
            return ended.report
        }
    }

    static let partSize = 1 << 20

    /// The `seq`th part of the file (from 0), nil past its end.
    static func part(_ source: Source, _ seq: Int, in session: any StoreSession) async throws -> Data? {
        switch source {
        case .data(let data):
            let start = seq * partSize
            return start < data.count ? data.subdata(in: start..<min(data.count, start + partSize)) : nil
        case .file(let url):
            guard let handle = FileHandle(forReadingAtPath: url.path) else { throw ValidationError([FieldError("file", "cannot be read")]) }
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(seq * partSize))
            guard let data = try handle.read(upToCount: partSize), !data.isEmpty else { return nil }
            return data
        case .job(let id):
            return try await session.importFilePart(id, seq: seq)
        }
    }

    /// A cell as Furrow's exports write a text that would run as a formula (`'=…`) is read without
    /// its guard, so an exported file imports back unchanged.
    static func unguarded(_ value: String) -> String {
        guard value.hasPrefix("'"), let next = value.unicodeScalars.dropFirst().first, formulaStarts.contains(next) else { return value }
        return String(value.dropFirst())
    }

    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n", "|", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}", "\u{FF5C}"]
}
