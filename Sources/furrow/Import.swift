import ArgumentParser
import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The user a command acts as: the named active user, or the first administrator.
func actingPrincipal(_ env: CoreEnvironment, email: String?) async throws -> Principal {
    let users = try await UserService(env).listAsSystem().filter(\.active)
    let user = email.map { wanted in users.first { $0.email.lowercased() == wanted.lowercased() } } ?? users.first { $0.role == .admin }
    guard let user else { throw ArgumentParser.ValidationError("--user must name an active user") }
    return Principal(userId: user.id, role: user.role, teamId: user.teamId)
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import records from CSV files.",
                                                    subcommands: [Accounts.self, Contacts.self, Leads.self, Products.self, Opportunities.self])

    struct Accounts: MappedImport { static let type = ImportType.accounts; static let configuration = Import.configuration(.accounts); @OptionGroup var options: MappedImportOptions }
    struct Leads: MappedImport { static let type = ImportType.leads; static let configuration = Import.configuration(.leads); @OptionGroup var options: MappedImportOptions }
    struct Products: MappedImport { static let type = ImportType.products; static let configuration = Import.configuration(.products); @OptionGroup var options: MappedImportOptions }
    struct Opportunities: MappedImport { static let type = ImportType.opportunities; static let configuration = Import.configuration(.opportunities); @OptionGroup var options: MappedImportOptions }

    static func configuration(_ type: ImportType) -> CommandConfiguration {
        let references: String
        switch type {
        case .accounts: references = "A parent account is found by its name, an owner by email."
        case .contacts: references = "An account is found by its name, an owner by email."
        case .leads: references = "A channel is found by its name, an owner by email; amounts are in the currency column's currency (default the company's)."
        case .products: references = "A tax rate and a price list are found by their names; a price with a price list sets the product's price on it, without one the product's own unit price."
        case .opportunities: references = "An account by its name, a contact by email, a kind and a stage by their names (the stage is walked to through each gate), a product by SKU; rows that follow an opportunity with the same name and account (or both empty) add product lines to it."
        }
        return CommandConfiguration(
            commandName: type.rawValue,
            abstract: "Import \(type.rawValue) from a CSV whose first line names the columns.",
            discussion: """
                The encoding (UTF-8, with or without a byte order mark, or Windows-1252) and the delimiter (comma, semicolon or tab) \
                are told from the file. Columns are mapped to fields by their titles (or --mapping NAME, a mapping saved on the \
                import page); --map "Column=field" maps one by hand ("Column=" leaves it out). Fields: \(type.fields.map(\.name).joined(separator: ", ")). \
                \(references) A row matching a stored record (by its id, or as a likely duplicate) is skipped, updates it or is created anyway \
                (--duplicates). One bad row and nothing is stored; every bad row is listed with its line. The import is kept as an \
                import job, listed on the import page.
                """)
    }
}

struct MappedImportOptions: ParsableArguments {
    @Argument(help: "The CSV file.") var file: String
    @Option(name: .customLong("map"), help: "Column=field; repeat for several.") var maps: [String] = []
    @Option(name: .customLong("mapping"), help: "A mapping saved by this name.") var mappingName: String?
    @Option(name: .customLong("save-mapping"), help: "Keep the mapping used under this name.") var saveMapping: String?
    @Option(help: "What a row like a stored record does: skip, update or create.") var duplicates = "skip"
    @Flag(name: .customLong("dry-run"), help: "Check every row and report, store nothing.") var dryRun = false
    @Option(help: "Act as this user (default: the first administrator).") var user: String?
    @Flag(name: .customLong("no-progress"), help: "Do not draw the progress bar.") var noProgress = false
    @OptionGroup var db: DatabaseOption
}

/// `furrow import accounts|leads|products|opportunities`: an import job run from the command line.
protocol MappedImport: AsyncParsableCommand {
    static var type: ImportType { get }
    var options: MappedImportOptions { get }
}

extension MappedImport {
    func run() async throws {
        let o = options, type = Self.type
        guard FileManager.default.isReadableFile(atPath: o.file) else { throw ArgumentParser.ValidationError("cannot read \(o.file)") }
        guard var policy = ImportRun.Policy(rawValue: o.duplicates) else { throw ArgumentParser.ValidationError("--duplicates is skip, update or create") }
        let parts = ImportJobService.fileParts(o.file)
        let bar = ProgressBar(enabled: !o.noProgress)
        do {
            let job = try await withEnvironment(o.db.database) { env in
                let principal = try await actingPrincipal(env, email: o.user)
                let service = ImportJobService(env, explain: ImportProblems.explain)
                let uploaded = try await service.upload(type, fileName: URL(fileURLWithPath: o.file).lastPathComponent, parts: parts, by: principal)
                var mapping = type.suggestedMapping(uploaded.format.columns)
                if let name = o.mappingName {
                    guard let saved = try await service.mappings(type).first(where: { $0.name.lowercased() == name.lowercased() }) else {
                        throw ArgumentParser.ValidationError("no \(type.rawValue) mapping is saved as \(name)")
                    }
                    mapping = saved.mapping
                    if o.duplicates == "skip" { policy = saved.duplicates }
                }
                for entry in o.maps {
                    let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                    guard parts.count == 2 else { throw ArgumentParser.ValidationError("--map takes Column=field, not \(entry)") }
                    mapping[parts[0]] = parts[1].isEmpty ? nil : parts[1]
                }
                let format = uploaded.format
                let shown = mapping.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value)" }.joined(separator: ", ")
                FileHandle.standardError.write(Data("\(format.encodingName), \(format.delimiterName)-separated, \(format.columns.count) columns, \(counted(uploaded.rowsTotal, "row")); \(shown)\n".utf8))
                _ = try await service.map(uploaded.id, mapping: mapping, duplicates: policy, saveAs: o.saveMapping, by: principal)
                if o.dryRun { return try await service.dryRun(uploaded.id, by: principal) }
                return try await service.commit(uploaded.id, by: principal) { done, total in bar.show(rows: done, done: done, of: total) }
            }
            bar.finish()
            guard let report = job.report else { throw ArgumentParser.ValidationError(job.message ?? "the import did not run") }
            if report.failed > 0 {
                for row in report.failedRows {
                    for error in row.errors { output("line \(row.line): \(error.field) \(error.message)") }
                }
                if report.failed > report.failedRows.count { output("… and \(report.failed - report.failedRows.count) more bad rows") }
                output("Nothing imported: \(counted(report.failed, "bad row")) of \(counted(report.rowsRead, "row")).")
                throw ExitCode(65)
            }
            if job.status == .failed { throw ArgumentParser.ValidationError(job.message ?? "the import failed; nothing was stored") }
            output(o.dryRun ? "Dry run: \(report.summary); nothing stored." : "Imported: \(report.summary).")
        } catch let error as FurrowDomain.ValidationError {
            bar.finish()
            throw ArgumentParser.ValidationError(error.errors.map { "\($0.field) \($0.message)" }.joined(separator: "; "))
        }
    }
}

extension Import {
    struct Contacts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import contacts from a CSV whose first line names the columns.",
            discussion: """
                Columns: \(ContactImport.columns.joined(separator: ", ")) (lastName required, any order, others ignored \
                with an error). Every row is validated and checked for duplicates; one bad row and nothing is stored, \
                and every bad row is listed with its line. The import is one transaction.
                """)
        @Argument(help: "The CSV file.") var file: String
        @Flag(name: .customLong("dry-run"), help: "Check every row and report, store nothing.") var dryRun = false
        @Flag(name: .customLong("allow-duplicates"), help: "Store rows that look like existing contacts.") var allowDuplicates = false
        @Option(help: "Owner of the new contacts (default: the acting user).") var owner: String?
        @Option(help: "Act as this user (default: the first administrator).") var user: String?
        @Flag(name: .customLong("no-progress"), help: "Do not draw the progress bar.") var noProgress = false
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            guard FileManager.default.isReadableFile(atPath: file) else { throw ArgumentParser.ValidationError("cannot read \(file)") }
            let outcome = try await withEnvironment(db.database) { env in
                let principal = try await actingPrincipal(env, email: user)
                let ownerId = try await owner.asyncMap { try await actingPrincipal(env, email: $0).userId }
                let bar = ProgressBar(enabled: !noProgress)
                let outcome = try await ContactImport(env, by: principal).run(
                    file: URL(fileURLWithPath: file),
                    options: ContactImport.Options(dryRun: dryRun, allowDuplicates: allowDuplicates, ownerId: ownerId),
                    progress: { bar.show(rows: $0.rows, done: $0.bytesRead, of: $0.totalBytes) })
                bar.finish()
                return outcome
            }
            for error in outcome.errors { output("line \(error.line): \(error.field) \(error.message)") }
            if outcome.errorCount > outcome.errors.count {
                output("… and \(outcome.errorCount - outcome.errors.count) more errors")
            }
            if outcome.errorCount > 0 {
                output("Nothing imported: \(outcome.errorSummary).")
                throw ExitCode(65)
            }
            output(dryRun ? "Dry run: all \(counted(outcome.rows, "row")) \(outcome.rows == 1 ? "is" : "are") good; nothing stored." : "Imported \(counted(outcome.imported, "contact")).")
        }
    }
}

/// A one-line progress bar on standard error, redrawn at most ten times a second; on a
/// non-terminal a line at every tenth of the work instead.
// unchecked: the drawing state is only touched under `lock`
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let terminal = isatty(2) != 0
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var lastTenth = -1
    private let lock = NSLock()

    init(enabled: Bool) { self.enabled = enabled }

    func show(rows: Int, done: Int, of total: Int) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
        let rate = Double(rows) / max(Date().timeIntervalSince(started), 0.001)
        if terminal {
            guard Date().timeIntervalSince(lastDraw) >= 0.1 || done >= total else { return }
            lastDraw = Date()
            let width = 30, filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            FileHandle.standardError.write(Data("\r\(bar) \(Int(fraction * 100))%  \(rows) rows  \(Int(rate)) rows/s ".utf8))
        } else {
            let tenth = Int(fraction * 10)
            guard tenth > lastTenth else { return }
            lastTenth = tenth
            FileHandle.standardError.write(Data("\(tenth * 10)% \(rows) rows \(Int(rate)) rows/s\n".utf8))
        }
    }

    func finish() {
        if enabled && terminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// "1 row", "2 rows".
func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
