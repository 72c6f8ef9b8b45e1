import ArgumentParser
import Foundation
import FurrowCore
import FurrowDomain

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print pipeline reports.", subcommands: [Pipeline.self, Funnel.self])

    struct Pipeline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open opportunities by stage or owner (every status by status): count, total and weighted total per currency.")
        @Option(name: .customLong("group-by"), help: "stage, status or owner.") var groupBy: String = "stage"
        @Option(help: "Act as this user (default: the first administrator).") var user: String?
        @OptionGroup var db: DatabaseOption

        func validate() throws {
            guard OpportunityGrouping(rawValue: groupBy) != nil else {
                throw ArgumentParser.ValidationError("--group-by must be stage, status or owner")
            }
        }

        func run() async throws {
            let grouping = OpportunityGrouping(rawValue: groupBy) ?? .stage
            let rows = try await withEnvironment(db.database) { env in
                try await ReportService(env).pipeline(groupBy: grouping, by: try await actingPrincipal(env, email: user))
            }
            let table = [[grouping.rawValue.capitalized, "Count", "Total", "Weighted", "Currency"]] + rows.map { row in
                [row.label, "\(row.count)", row.total.decimalString, row.weightedTotal.decimalString, row.total.currency.code]
            }
            printTable(table, rightAligned: [1, 2, 3])
        }
    }

    struct Funnel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "How many opportunities of a kind reached each stage, and where they were lost.")
        @Option(help: "The opportunity kind's name (default: the first kind with stages).") var kind: String?
        @Option(help: "Act as this user (default: the first administrator).") var user: String?
        @OptionGroup var db: DatabaseOption

        func run() async throws {
            let funnel = try await withEnvironment(db.database) { env in
                let kinds = try await CatalogService(env).kinds().filter { $0.type != .none }
                let chosen = kind.map { name in kinds.first { $0.name.lowercased() == name.lowercased() } } ?? kinds.first
                guard let chosen else { throw ArgumentParser.ValidationError("no opportunity kind with stages is named \(kind ?? "")") }
                return try await ReportService(env).funnel(kind: chosen.id, by: try await actingPrincipal(env, email: user))
            }
            output("\(funnel.kind.name)")
            let table = [["Stage", "Reached", "Conversion", "Open", "Lost", "Won"]] + funnel.steps.map { step in
                [step.stage.name, "\(step.reached)", step.conversionPercent.map { ReportService.percentText($0) + "%" } ?? "", "\(step.open)", "\(step.lost)", "\(step.won)"]
            }
            printTable(table, rightAligned: [1, 2, 3, 4, 5])
            output("Won \(funnel.won), lost \(funnel.lost).")
        }
    }
}

/// Columns padded to their widest cell.
func printTable(_ rows: [[String]], rightAligned: Set<Int>) {
    let rows = rows.map { $0.map(Terminal.safe) }
    let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
    for row in rows {
        let line = row.enumerated().map { column, cell in
            let pad = String(repeating: " ", count: widths[column] - cell.count)
            return rightAligned.contains(column) ? pad + cell : cell + pad
        }.joined(separator: "  ")
        output("\(line)")
    }
}
