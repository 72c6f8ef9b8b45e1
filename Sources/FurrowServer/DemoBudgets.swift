import Foundation
import FurrowCore
import FurrowDomain

/// The demo company's budget tracking: budget activities, this year's budget for Acme Field
/// Services (a master made three weeks ago, corrected twice since, all locked) and service tasks
/// with income and expenses booked, one of them in dollars, so budget vs actual shows variance.
enum DemoBudgets {
    static func load(_ env: CoreEnvironment, people: [String: Principal], accounts: [String: Account], admin: Principal) async throws {
        let catalog = BudgetCatalogService(env)
        let maintenance = try await catalog.create(name: "Maintenance", code: "MNT", by: admin)
        let installation = try await catalog.create(name: "Installation", code: "INS", by: admin)
        let training = try await catalog.create(name: "Training", code: "TRN", by: admin)
        let roadWork = try await catalog.create(name: "Road work", code: "RW", by: admin)
        _ = try await catalog.update(roadWork.id, name: nil, code: nil, active: false, by: admin)

        let account = accounts["Acme Field Services"]!, sam = people["sam@demo.furrow.test"]!
        let gbp = Currency("GBP")!, now = env.clock.now()
        let today = Timestamp.calendarDay(now, in: TimeZone(identifier: "Europe/London")!)
        let year = today.year
        func money(_ text: String) -> Money { Money(text, currency: gbp)! }
        func line(_ activity: BudgetActivity, _ income: String, _ cost: String) -> BudgetLine {
            BudgetLine(budgetActivityId: activity.id, income: money(income), cost: money(cost))
        }
        func daysAgo(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }
        // Saved through the store: the demo's budget was made weeks ago and has locked since.
        let from = Day(year: year, month: 1, day: 1), to = Day(year: year, month: 12, day: 31)
        var budget = Budget(id: Budget.ID(UUID()), target: BudgetTarget(.account, account.id.uuid), currency: gbp,
                            master: BudgetVersion(number: 0, from: from, to: to,
                                                  lines: [line(maintenance, "24000.00", "9000.00"), line(installation, "15000.00", "6000.00"),
                                                          line(training, "3000.00", "1000.00")],
                                                  createdAt: daysAgo(21), createdBy: sam.userId, updatedAt: daysAgo(21)),
                            version: 3, targetOwnership: account.ownership)
        budget.versions.append(BudgetVersion(number: 1, from: from, to: to,
                                             lines: [line(maintenance, "26000.00", "9500.00"), line(installation, "15000.00", "6000.00"),
                                                     line(training, "3000.00", "1000.00")],
                                             createdAt: daysAgo(9), createdBy: sam.userId, updatedAt: daysAgo(9)))
        budget.versions.append(BudgetVersion(number: 2, from: from, to: to,
                                             lines: [line(maintenance, "26000.00", "9500.00"), line(installation, "18000.00", "7200.00"),
                                                     line(training, "2000.00", "800.00")],
                                             createdAt: daysAgo(2), createdBy: admin.userId, updatedAt: daysAgo(2)))
        budget.updatedAt = daysAgo(2)
        let saved = budget
        try await env.store.write { session in try await session.insertBudget(saved) }

        let activities = ActivityService(env)
        let regarding = Regarding(.account, account.id.uuid)
        func task(_ subject: String, _ activity: BudgetActivity, _ entries: [(TaskEntry.Kind, String, Currency, Int, String)]) async throws {
            let made = try await activities.create(.init(kind: .serviceVisit, subject: subject, regarding: regarding, startAt: daysAgo(40),
                                                         endAt: daysAgo(40).addingTimeInterval(3 * 3600), budgetActivityId: activity.id),
                                                   completedWith: "Done", by: sam)
            for (kind, amount, currency, days, text) in entries {
                let date = today.adding(days: -days)
                _ = try await catalog.addEntry(to: made.id, kind: kind, amount: Money(amount, currency: currency), date: date.year == year ? date : from,
                                               description: text, by: sam)
            }
        }
        try await task("Quarterly maintenance, depot fleet", maintenance, [
            (.income, "6200.00", gbp, 60, "Invoiced visit"), (.expense, "2100.00", gbp, 61, "Parts and travel"),
        ])
        try await task("Pump station maintenance", maintenance, [
            (.income, "4100.00", gbp, 20, "Invoiced visit"), (.expense, "1650.00", gbp, 20, "Seals and filters"),
            (.expense, "310.00", Currency("USD")!, 19, "Sensor bought in the US"),
        ])
        try await task("Irrigation controller installation", installation, [
            (.income, "9800.00", gbp, 35, "Installation fee"), (.expense, "4350.00", gbp, 36, "Controller and cabling"),
        ])
        try await task("Operator training day", training, [(.income, "1200.00", gbp, 12, "Training fee"), (.expense, "240.00", gbp, 12, "Room hire")])
    }
}
