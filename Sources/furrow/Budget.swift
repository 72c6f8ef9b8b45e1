import ArgumentParser
import Foundation
import FurrowCore
import FurrowDomain

struct BudgetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "budget", abstract: "Budget tracking on accounts and opportunities.",
                                                    subcommands: [Report.self])

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Budget vs actual of a record's budgets: budgeted, actual, variance and consumed, per budget activity (or month).")
        @Option(help: "The account's name.") var account: String?
        @Option(help: "The opportunity's id.") var opportunity: String?
        @Option(name: .customLong("group-by"), help: "activity (the default) or month.") var groupBy: String = "activity"
        @Option(help: "Act as this user (default: the first administrator).") var user: String?
        @OptionGroup var db: DatabaseOption

        func validate() throws {
            guard (account == nil) != (opportunity == nil) else { throw ArgumentParser.ValidationError("give --account NAME or --opportunity ID") }
            guard VersusActual.Grouping(rawValue: groupBy) != nil else { throw ArgumentParser.ValidationError("--group-by must be activity or month") }
            if let opportunity, Opportunity.ID(opportunity) == nil { throw ArgumentParser.ValidationError("--opportunity must be an opportunity's id") }
        }

        func run() async throws {
            let grouping = VersusActual.Grouping(rawValue: groupBy) ?? .activity
            let reports = try await withEnvironment(db.database) { env in
                let principal = try await actingPrincipal(env, email: user)
                let target: BudgetTarget
                if let account {
                    let found = try await AccountService(env).list(ListQuery(limit: 50, sort: ListFields.accounts.defaultSort, text: account), by: principal)
                    guard let match = found.first(where: { $0.fields.name.lowercased() == account.lowercased() }) ?? found.first else {
                        throw ArgumentParser.ValidationError("no account is named \(account)")
                    }
                    target = BudgetTarget(.account, match.id.uuid)
                } else {
                    target = BudgetTarget(.opportunity, Opportunity.ID(opportunity ?? "")!.uuid)
                }
                let names = Dictionary(uniqueKeysWithValues: try await BudgetCatalogService(env).activities(by: principal).map { ($0.id, $0.name) })
                var reports: [(Budget, VersusActual, [BudgetActivity.ID: String])] = []
                for reading in try await BudgetService(env).budgets(of: target, by: principal) {
                    let (current, table) = try await BudgetService(env).versusActual(reading.budget.id, grouping: grouping, by: principal)
                    reports.append((current.budget, table, names))
                }
                return reports
            }
            guard !reports.isEmpty else { output("No budgets."); return }
            for (budget, table, names) in reports {
                let versions = budget.versions.count == 1 ? "master" : "master and \(budget.versions.count - 1) correction(s)"
                output("\(budget.names["targetName"] ?? "") \(budget.from) to \(budget.to), \(budget.currency.code) (\(versions))")
                var rows = [["Activity", "Month", "Income budget", "Income actual", "Variance", "%", "Cost budget", "Cost actual", "Variance", "%"]]
                let labelled = table.rows.map { (names[$0.budgetActivityId] ?? "", $0) } + [table.total].compactMap { $0 }.map { ("Total", $0) }
                for (name, row) in labelled {
                    rows.append([name, row.month ?? "", row.budgetedIncome.decimalString, row.actualIncome.decimalString, row.incomeVariance.decimalString,
                                 row.incomeConsumed ?? "", row.budgetedCost.decimalString, row.actualCost.decimalString, row.costVariance.decimalString,
                                 row.costConsumed ?? ""])
                }
                printTable(rows, rightAligned: [2, 3, 4, 5, 6, 7, 8, 9])
                for apart in table.unconverted {
                    output("Not added in: \(names[apart.budgetActivityId] ?? "") \(apart.kind.rawValue) \(apart.amount.decimalString) \(apart.amount.currency.code)")
                }
                output("")
            }
        }
    }
}
