import ArgumentParser
import Foundation
import FurrowCore
import FurrowDomain

struct AMCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "amc", abstract: "Annual maintenance contracts.", subcommands: [Due.self])

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
}
