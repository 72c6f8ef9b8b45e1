import ArgumentParser
import Foundation
import FurrowCore
import FurrowDomain

/// The user a command acts as: the named active user, or the first administrator.
func actingPrincipal(_ env: CoreEnvironment, email: String?) async throws -> Principal {
    let users = try await UserService(env).listAsSystem().filter(\.active)
    let user = email.map { wanted in users.first { $0.email.lowercased() == wanted.lowercased() } } ?? users.first { $0.role == .admin }
    guard let user else { throw ArgumentParser.ValidationError("--user must name an active user") }
    return Principal(userId: user.id, role: user.role, teamId: user.teamId)
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import records from CSV files.", subcommands: [Contacts.self, Accounts.self])

    /// `furrow import accounts`: columns mapped to fields by their titles (or `--map`), the
    /// encoding and delimiter told from the file, all rows or none, a duplicate policy.
    struct Accounts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import accounts from a CSV whose first line names the columns.",
            discussion: """
                The encoding (UTF-8, with or without a byte order mark, or Windows-1252) and the delimiter (comma, semicolon or tab) \
                are told from the file. Columns are mapped to fields by their titles; --map "Column=field" maps one by hand \
                ("Column=" leaves it out). Fields: \(ImportType.accounts.fields.map(\.name).joined(separator: ", ")). A parent account is \
                found by its name, an owner by email. One bad row and nothing is stored; every bad row is listed with its line.
                """)
        @Argument(help: "The CSV file.") var file: String
        @Option(name: .customLong("map"), help: "Column=field; repeat for several.") var maps: [String] = []
        @Option(help: "What a row like a stored account does: skip, update or create.") var duplicates = "skip"
        @Flag(name: .customLong("dry-run"), help: "Check every row and report, store nothing.") var dryRun = false
        @Option(help: "Act as this user (default: the first administrator).") var user: String?
        @Flag(name: .customLong("no-progress"), help: "Do not draw the progress bar.") var noProgress = false
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ArgumentParser.ValidationError("cannot read \(file)") }
            guard let policy = ImportRun.Policy(rawValue: duplicates) else { throw ArgumentParser.ValidationError("--duplicates is skip, update or create") }
            let format = ImportFormat.sniff(data)
            var mapping = ImportType.accounts.suggestedMapping(format.columns)
            for entry in maps {
                let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2 else { throw ArgumentParser.ValidationError("--map takes Column=field, not \(entry)") }
                mapping[parts[0]] = parts[1].isEmpty ? nil : parts[1]
            }
            let shown = mapping.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value)" }.joined(separator: ", ")
            FileHandle.standardError.write(Data("\(format.encodingName), \(format.delimiterName)-separated, \(format.columns.count) columns; \(shown)\n".utf8))
            let bar = ProgressBar(enabled: !noProgress)
            do {
                let report = try await withEnvironment(db.database) { env in
                    try await ImportRun(env, by: try await actingPrincipal(env, email: user)).run(
                        data, format: format,
                        options: .init(type: .accounts, mapping: mapping, duplicates: policy, dryRun: dryRun,
                                       progress: { done, total in bar.show(rows: done, done: done, of: total) }))
                }
                bar.finish()
                let summary = "\(report.count(.created)) created, \(report.count(.updated)) updated, \(report.count(.skipped)) skipped"
                output(dryRun ? "Dry run: \(summary); nothing stored." : "Imported: \(summary).")
            } catch let rejected as ImportRun.Rejected {
                bar.finish()
                for row in rejected.report.failed {
                    for error in row.errors { output("line \(row.line): \(error.field) \(error.message)") }
                }
                output("Nothing imported: \(counted(rejected.report.failed.count, "bad row")).")
                throw ExitCode(65)
            } catch let error as FurrowDomain.ValidationError {
                throw ArgumentParser.ValidationError(error.errors.map { "\($0.field) \($0.message)" }.joined(separator: "; "))
            }
        }
    }

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
