import ArgumentParser
import Foundation
import FurrowCore
import FurrowDomain

/// The user a ledger command acts as: a finance user or an administrator (the first
/// administrator when none is named), so it sees every customer's receivables.
func ledgerPrincipal(_ env: CoreEnvironment, email: String?) async throws -> Principal {
    let principal = try await actingPrincipal(env, email: email)
    guard principal.role == .admin || principal.role == .finance else {
        throw ArgumentParser.ValidationError("--user must name an active finance user or administrator")
    }
    return principal
}

struct Bank: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bank statements.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a bank statement (CSV or CAMT.053 XML); lines imported before are skipped.")
        @Argument(help: "The statement file: .csv, or .xml for CAMT.053.") var file: String
        @Option(help: "A saved CSV profile's name (default: date,amount,reference,counterparty).") var profile: String?
        @Option(help: "Currency of a CSV's amounts (default: the base currency).") var currency: String?
        @Option(help: "A name for the statement.") var name: String?
        @Flag(help: "Match the lines to payments and open invoices right after importing.") var reconcile = false
        @Option(help: "Act as this finance user or administrator.") var user: String?
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ArgumentParser.ValidationError("cannot read \(file)") }
            let code = try currency.map { text in
                guard let code = Currency(text) else { throw ArgumentParser.ValidationError("--currency is not an ISO 4217 code") }
                return code
            }
            let xml = file.lowercased().hasSuffix(".xml") || data.prefix(64).contains(UInt8(ascii: "<"))
            try await withEnvironment(db.database) { env in
                let principal = try await ledgerPrincipal(env, email: user)
                let service = ReconciliationService(env)
                var profileId: StatementProfile.ID? = nil
                if let profile {
                    guard let found = try await service.profiles(by: principal).first(where: { $0.name.lowercased() == profile.lowercased() }) else {
                        throw ArgumentParser.ValidationError("no statement profile is named \(profile)")
                    }
                    profileId = found.id
                }
                let source: ReconciliationService.Source = xml ? .camt053(data)
                    : .csv(String(decoding: data, as: UTF8.self), profileId: profileId, currency: code)
                let imported: ReconciliationService.Imported
                do {
                    imported = try await service.importStatement(source, name: name ?? URL(fileURLWithPath: file).lastPathComponent, by: principal)
                } catch let error as LedgerError {
                    if case .badStatement(let errors) = error {
                        for problem in errors { output("\(problem.sentence)") }
                    }
                    throw ExitCode(65)
                }
                let duplicates = imported.lines.filter(\.duplicate).count
                output("Imported \(imported.statement.lines.count) lines (\(duplicates) seen before, skipped) as statement \(imported.statement.id).")
                guard reconcile else { return }
                let outcome = try await service.reconcile(imported.statement.id, by: principal)
                let open = outcome.statement.lines.filter { $0.paymentId == nil }.count
                output("Matched \(outcome.matched) to recorded payments, recorded \(outcome.created) new payments; \(open) lines unmatched.")
            }
        }
    }
}

struct Receivables: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print open balances per account, aged by days past due.")
    @Option(name: .customLong("as-of"), help: "The day to age on, YYYY-MM-DD (default: today).") var asOf: String?
    @Option(help: "Act as this finance user or administrator.") var user: String?
    @OptionGroup var db: DatabaseOption

    func run() async throws {
        let day = try asOf.map { text in
            guard let day = Day(text) else { throw ArgumentParser.ValidationError("--as-of must be a date YYYY-MM-DD") }
            return day
        }
        try await withEnvironment(db.database) { env in
            let report = try await ReceivablesService(env).report(asOf: day, by: try await ledgerPrincipal(env, email: user))
            output("Receivables as of \(report.asOf)")
            let head = ["Account", "Cur", "Current", "1-30", "31-60", "61-90", "90+", "Balance", "Credit"]
            var rows = [head]
            func money(_ minor: Int128, _ currency: Currency) -> String { Money.decimalString(minor, currency: currency) }
            func cells(_ b: ReceivablesService.Buckets, _ c: Currency) -> [String] {
                [b.current, b.days1to30, b.days31to60, b.days61to90, b.over90, b.total].map { money($0, c) }
            }
            for account in report.accounts {
                rows.append([account.accountName, account.currency.code] + cells(account.buckets, account.currency) + [account.credit.decimalString])
            }
            for (currency, buckets) in report.totals.sorted(by: { $0.key.code < $1.key.code }) {
                rows.append(["Total", currency.code] + cells(buckets, currency) + [money(report.credits[currency] ?? 0, currency)])
            }
            rows = rows.map { $0.map(Terminal.safe) }
            let widths = head.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                let line = row.enumerated().map { index, cell in
                    index < 2 ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                        : String(repeating: " ", count: widths[index] - cell.count) + cell
                }.joined(separator: "  ")
                output("\(line)")
            }
        }
    }
}
