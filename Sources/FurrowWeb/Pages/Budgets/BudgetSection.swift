import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The "Economy" section of an account's or an opportunity's page (`budget-section.mustache`):
/// its budgets with their state, and a "New budget" button. Nil when budget tracking is off.
struct BudgetSection {
    struct Row {
        let period: String, url: String, versions: String, income: String, cost: String, state: String, locked: Bool
    }
    let rows: [Row]
    let hasRows: Bool
    let newURL: String?

    static func load(_ env: CoreEnvironment, _ target: BudgetTarget, canChange: Bool, shell: Shell, by principal: Principal) async throws -> BudgetSection? {
        guard try await SettingsService(env).current().budgetTracking else { return nil }
        let readings = try await BudgetService(env).budgets(of: target, by: principal)
        let rows = readings.map { r -> Row in
            let b = r.budget, current = b.current
            let corrections = b.versions.count - 1
            let open = r.locked.last == false
            return Row(period: "\(b.from) – \(b.to)", url: "/budgets/\(b.id)",
                       versions: corrections == 0 ? "Master" : "Master and \(corrections) correction\(corrections == 1 ? "" : "s")",
                       income: MoneyText.format(Money.sum(current.lines.map(\.income), currency: b.currency)),
                       cost: MoneyText.format(Money.sum(current.lines.map(\.cost), currency: b.currency)),
                       state: open ? "Open until " + shell.format(r.lockedAt[r.lockedAt.count - 1]) : "Locked", locked: !open)
        }
        let newURL = canChange && principal.canWriteRecords ? URLText.link("/budgets/new", [("type", target.kind.rawValue), ("id", target.id.uuidString.lowercased())]) : nil
        return BudgetSection(rows: rows, hasRows: !rows.isEmpty, newURL: newURL)
    }
}
