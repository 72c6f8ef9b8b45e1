import ArgumentParser
import Foundation
import FurrowCore
import FurrowDomain

struct AMCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "amc", abstract: "Annual maintenance contracts.", subcommands: [Due.self, Report.self])

    struct Due: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Contracts due for renewal within some days, and visits overdue.")
        @Option(help: "Renewals due within this many days (default 30).") var days: Int = 30
        @Option(help: "Act as this user (default: the first administrator).") var user: String?
        @OptionGroup var db: DatabaseOption

        func validate() throws {
            guard (0...3650).contains(days) else { throw ArgumentParser.ValidationError("--days must be from 0 to 3650") }
        }

        func run() async throws {
            let (renewals, overdue, accounts, users, zone) = try await withEnvironment(db.database) { env in
                let principal = try await actingPrincipal(env, email: user)
                let (renewals, overdue) = try await ContractService(env).due(days: days, by: principal)
                var accounts: [Account.ID: String] = [:]
                for contract in renewals {
                    accounts[contract.accountId] = try await AccountService(env).get(contract.accountId, by: principal).fields.name
                }
                let users = Dictionary(uniqueKeysWithValues: try await UserService(env).listAsSystem().map { ($0.id, $0.name) })
                return (renewals, overdue, accounts, users, try await SettingsService(env).current().zone)
            }
            let local = DateFormatter()
            local.locale = Locale(identifier: "en_GB_POSIX")
            local.dateFormat = "yyyy-MM-dd HH:mm"
            local.timeZone = zone
            output("Renewals due within \(days) days: \(renewals.count)")
            if !renewals.isEmpty {
                printTable([["Contract", "Account", "Ends", "Value", "Currency"]] + renewals.map { c in
                    [c.number ?? "Draft", accounts[c.accountId] ?? "", c.endDate.description, c.value.decimalString, c.value.currency.code]
                }, rightAligned: [3])
            }
            output("Overdue visits: \(overdue.count)")
            if !overdue.isEmpty {
                printTable([["Visit", "Ended", "Technician"]] + overdue.map { v in
                    [v.subject, v.endAt.map(local.string(from:)) ?? "", users[v.ownership.ownerId] ?? ""]
                }, rightAligned: [])
            }
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The service report: visits due, done and overdue, completion and ratings per technician and customer, renewals due.")
        @Option(help: "The first day, YYYY-MM-DD (default: the first of this month).") var from: String?
        @Option(help: "The last day, YYYY-MM-DD (default: the end of this month).") var to: String?
        @Option(help: "Act as this user (default: the first administrator).") var user: String?
        @OptionGroup var db: DatabaseOption

        func validate() throws {
            for (name, value) in [("--from", from), ("--to", to)] where value != nil && Day(value!) == nil {
                throw ArgumentParser.ValidationError("\(name) must be a date such as 2026-12-01")
            }
        }

        func run() async throws {
            let report = try await withEnvironment(db.database) { env in
                let principal = try await actingPrincipal(env, email: user)
                let month = Calendarless.month(of: try await SettingsService(env).current().today(env.clock.now()))
                return try await ContractService(env).report(from: from.flatMap(Day.init) ?? month.lowerBound, to: to.flatMap(Day.init) ?? month.upperBound,
                                                             by: principal)
            }
            func rows(_ title: String, _ list: [ServiceReport.Row]) -> [[String]] {
                [[title, "Due", "Done", "Overdue", "Upcoming", "Completion", "Rating"]] + list.map { row in
                    [row.name, "\(row.due)", "\(row.done)", "\(row.overdue)", "\(row.upcoming)",
                     row.completionPercent.map { ReportService.percentText($0) + " %" } ?? "—", row.averageRating.map(ReportService.percentText) ?? "—"]
                }
            }
            output("Service visits from \(report.from) to \(report.to)")
            printTable(rows("Technician", report.technicians + [report.total]), rightAligned: [1, 2, 3, 4, 5, 6])
            if !report.customers.isEmpty { printTable(rows("Customer", report.customers), rightAligned: [1, 2, 3, 4, 5, 6]) }
            var previous = 0
            printTable([["Renewals due", "Contracts", "Value"]] + report.renewals.map { bucket in
                defer { previous = bucket.days }
                return [previous == 0 ? "within \(bucket.days) days" : "in \(previous + 1)–\(bucket.days) days", "\(bucket.count)",
                        bucket.totals.map { "\($0.decimalString) \($0.currency.code)" }.joined(separator: ", ")]
            }, rightAligned: [1])
        }
    }
}
