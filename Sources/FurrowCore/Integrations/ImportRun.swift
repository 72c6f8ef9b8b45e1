import Foundation
import FurrowDomain

/// The rows of an import file made into records (SPEC §11), after its format is told and its
/// columns mapped to fields: every row read, checked and stored in one transaction as the single
/// create or change would (all rows or none), references found by the keys spreadsheets have (an
/// account by its name, an owner by email), and each row's fate reported by its line. A dry run
/// does all of it and rolls it back. This layer serves accounts and contacts so far.
public struct ImportRun: Sendable {
    /// What a row that matches a stored record does: `skip` it, `update` that record with the
    /// row's mapped fields, or `create` a new one anyway. A row with an `id` column matches by it.
    public enum Policy: String, Sendable, CaseIterable { case skip, update, create }

    public struct Options: Sendable {
        public var type: ImportType
        /// Column title → field name (`ImportType.fields`); columns not named are left out.
        public var mapping: [String: String]
        public var duplicates: Policy
        public var dryRun: Bool
        /// Called as rows are stored: rows done, rows in all.
        public var progress: (@Sendable (Int, Int) -> Void)?
        public init(type: ImportType, mapping: [String: String], duplicates: Policy = .skip, dryRun: Bool = false,
                    progress: (@Sendable (Int, Int) -> Void)? = nil) {
            self.type = type
            self.mapping = mapping
            self.duplicates = duplicates
            self.dryRun = dryRun
            self.progress = progress
        }
    }

    public struct Row: Sendable, Equatable {
        public enum Outcome: String, Sendable { case created, updated, skipped, failed }
        public let line: Int
        public let outcome: Outcome
        public let recordId: UUID?
        public let errors: [FieldError]
    }

    public struct Report: Sendable {
        public var rows: [Row] = []
        public var stored: Bool = false
        public func count(_ outcome: Row.Outcome) -> Int { rows.filter { $0.outcome == outcome }.count }
        public var failed: [Row] { rows.filter { $0.outcome == .failed } }
    }

    /// Thrown when a row fails: nothing is stored; the report says which rows and why.
    public struct Rejected: Error, Sendable { public let report: Report }

    let env: CoreEnvironment
    let principal: Principal
    public init(_ env: CoreEnvironment, by principal: Principal) {
        self.env = env
        self.principal = principal
    }

    struct DryRunEnded: Error { let report: Report }

    public func run(_ data: Data, format: ImportFormat, options: Options) async throws -> Report {
        var errors: [FieldError] = []
        let known = Set(options.type.fields.map(\.name))
        for (column, field) in options.mapping.sorted(by: { $0.key < $1.key }) {
            if !format.columns.contains(column) { errors.append(FieldError("mapping", "names a column the file does not have: \(column)")) }
            if !known.contains(field) { errors.append(FieldError("mapping", "\(field) is not a field of \(options.type.rawValue)")) }
        }
        let mapped = Set(options.mapping.values)
        for field in options.type.fields where field.required && !mapped.contains(field.name) {
            errors.append(FieldError("mapping", "maps no column to \(field.name), which every row needs"))
        }
        guard errors.isEmpty else { throw ValidationError(errors) }
        guard [.accounts, .contacts].contains(options.type) else { throw ValidationError([FieldError("type", "is imported through the contact import for now")]) }
        var records: [(line: Int, values: [String: String])] = []
        var reader = CSVReader(delimiter: format.delimiter, encoding: format.encoding)
        var header: [String]?
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
            records.append((line, values))
        }
        reader.feed(data, take)
        reader.finish(take)
        let rows = records
        do {
            let report = try await Batch(env, by: principal).run { writer in
                var report = Report()
                var cache = References()
                for (line, values) in rows {
                    report.rows.append(try await self.store(values, line: line, options: options, writer: writer, cache: &cache))
                    options.progress?(report.rows.count, rows.count)
                }
                if !report.failed.isEmpty { throw Rejected(report: report) }
                if options.dryRun { throw DryRunEnded(report: report) }
                report.stored = true
                return report
            }
            return report
        } catch let ended as DryRunEnded {
            return ended.report
        }
    }

    /// A cell as Furrow's exports write a text that would run as a formula (`'=…`) is read without
    /// its guard, so an exported file imports back unchanged.
    static func unguarded(_ value: String) -> String {
        guard value.hasPrefix("'"), let next = value.unicodeScalars.dropFirst().first, formulaStarts.contains(next) else { return value }
        return String(value.dropFirst())
    }

    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n", "|", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}", "\u{FF5C}"]

    /// Names already looked up in this run.
    struct References {
        var owners: [String: User.ID?] = [:]
        var accounts: [String: Account.ID?] = [:]
    }

    func store(_ values: [String: String], line: Int, options: Options, writer: BatchWriter, cache: inout References) async throws -> Row {
        var errors: [FieldError] = []
        var ownerId: User.ID?
        if let email = values["ownerEmail"] {
            let key = Normalise.email(email)
            if cache.owners[key] == nil {
                let user = try await writer.session.user(email: key)
                cache.owners[key] = user?.active == true ? user?.id : nil
            }
            ownerId = cache.owners[key] ?? nil
            if ownerId == nil { errors.append(FieldError("ownerEmail", "is no active user's email: \(email)")) }
        }
        func account(_ field: String) async throws -> Account.ID? {
            guard let name = values[field] else { return nil }
            let key = name.lowercased()
            if cache.accounts[key] == nil {
                cache.accounts[key] = try await writer.session.accountIDs(named: [name], visibleTo: principal.ledger)[key] ?? nil
            }
            guard let id = cache.accounts[key] ?? nil else {
                errors.append(FieldError(field, "is no account you can see: \(name)"))
                return nil
            }
            return id
        }
        let recordId = values["id"].flatMap(UUIDText.parse)
        if values["id"] != nil && recordId == nil { errors.append(FieldError("id", "is not a Furrow id")) }
        do {
            switch options.type {
            case .accounts:
                let parent = try await account("parentAccountName")
                guard errors.isEmpty else { return Row(line: line, outcome: .failed, recordId: nil, errors: errors) }
                var fields = AccountFields(name: values["name"] ?? "", parentAccountId: parent, email: values["email"], phone: values["phone"],
                                           website: values["website"], industry: values["industry"])
                let match = try await matching(recordId, keys: fields.duplicateKeys, options: options) { try await writer.session.accountDuplicates($0, excluding: nil, visibleTo: principal.ledger) }
                if let match {
                    if options.duplicates == .skip { return Row(line: line, outcome: .skipped, recordId: match, errors: []) }
                    if options.duplicates == .update {
                        let current = try await writer.session.account(id: Account.ID(match))
                        guard let current, current.access.changeable(by: principal) else { throw CoreError.notFound("account") }
                        fields = Self.merge(fields, over: current.fields, mapped: Set(options.mapping.values))
                        let saved = try await writer.updateAccount(current.id, fields: fields, ownerId: ownerId, expectedVersion: current.version)
                        return Row(line: line, outcome: .updated, recordId: saved.id.uuid, errors: [])
                    }
                }
                let made = try await writer.account(fields, ownerId: ownerId, allowDuplicate: true)
                return Row(line: line, outcome: .created, recordId: made.id.uuid, errors: [])
            case .contacts:
                let accountId = try await account("accountName")
                guard errors.isEmpty else { return Row(line: line, outcome: .failed, recordId: nil, errors: errors) }
                var fields = ContactFields(firstName: values["firstName"], lastName: values["lastName"] ?? "", email: values["email"],
                                           phone: values["phone"], mobile: values["mobile"], title: values["title"], accountId: accountId)
                let match = try await matching(recordId, keys: fields.duplicateKeys, options: options) { try await writer.session.contactDuplicates($0, excluding: nil, visibleTo: principal) }
                if let match {
                    if options.duplicates == .skip { return Row(line: line, outcome: .skipped, recordId: match, errors: []) }
                    if options.duplicates == .update {
                        let current = try await writer.session.contact(id: Contact.ID(match))
                        guard let current, principal.canChange(current.ownership) else { throw CoreError.notFound("contact") }
                        fields = Self.merge(fields, over: current.fields, mapped: Set(options.mapping.values))
                        let saved = try await writer.updateContact(current.id, fields: fields, ownerId: ownerId, expectedVersion: current.version)
                        return Row(line: line, outcome: .updated, recordId: saved.id.uuid, errors: [])
                    }
                }
                let made = try await writer.contact(fields, ownerId: ownerId, allowDuplicate: true)
                return Row(line: line, outcome: .created, recordId: made.id.uuid, errors: [])
            default:
                throw ValidationError([FieldError("type", "is not imported here yet")])
            }
        } catch let error as ValidationError {
            return Row(line: line, outcome: .failed, recordId: nil, errors: errors + error.errors)
        } catch CoreError.notFound(let what) {
            return Row(line: line, outcome: .failed, recordId: nil, errors: errors + [FieldError("id", "is no \(what) you can change")])
        }
    }

    /// The stored record a row stands for: by its id, else (unless every row is created) the first likely duplicate.
    func matching(_ id: UUID?, keys: DuplicateKeys, options: Options, duplicates: (DuplicateKeys) async throws -> [DuplicateMatch]) async throws -> UUID? {
        if let id { return id }
        guard options.duplicates != .create else { return nil }
        return try await duplicates(keys).first.flatMap { UUIDText.parse($0.id) }
    }

    /// The row's mapped fields over the stored record's: a field the file does not map stays as it is.
    static func merge(_ row: AccountFields, over stored: AccountFields, mapped: Set<String>) -> AccountFields {
        var merged = stored
        if mapped.contains("name") { merged.name = row.name }
        if mapped.contains("parentAccountName") { merged.parentAccountId = row.parentAccountId }
        if mapped.contains("email") { merged.email = row.email }
        if mapped.contains("phone") { merged.phone = row.phone }
        if mapped.contains("website") { merged.website = row.website }
        if mapped.contains("industry") { merged.industry = row.industry }
        return merged
    }

    static func merge(_ row: ContactFields, over stored: ContactFields, mapped: Set<String>) -> ContactFields {
        var merged = stored
        if mapped.contains("firstName") { merged.firstName = row.firstName }
        if mapped.contains("lastName") { merged.lastName = row.lastName }
        if mapped.contains("email") { merged.email = row.email }
        if mapped.contains("phone") { merged.phone = row.phone }
        if mapped.contains("mobile") { merged.mobile = row.mobile }
        if mapped.contains("title") { merged.title = row.title }
        if mapped.contains("accountName") { merged.accountId = row.accountId }
        return merged
    }
}
