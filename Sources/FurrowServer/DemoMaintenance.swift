import Foundation
import FurrowCore
import FurrowDomain

/// The demo company's maintenance: a year's contract with Harbour Logistics, monthly visits by
/// Tess Tech since two months ago (the first one done), and a public holiday the schedule avoids.
enum DemoMaintenance {
    static func load(_ env: CoreEnvironment, people: [String: Principal], accounts: [String: Account], admin: Principal) async throws {
        let tess = people["tess@demo.furrow.test"]!, nora = people["nora@demo.furrow.test"]!
        // the visits are planned in the company's time zone, which the demo sets to London
        _ = try await SettingsService(env).update({ $0.timeZone = "Europe/London" }, by: admin)
        let today = Timestamp.calendarDay(env.clock.now(), in: TimeZone(identifier: "Europe/London")!)
        _ = try await HolidayService(env).add(Day(year: today.year, month: 12, day: 25), name: "Christmas Day", by: admin)
        _ = try await HolidayService(env).add(Day(year: today.year, month: 12, day: 26), name: "Boxing Day", by: admin)
        var input = ContractService.Input()
        input.accountId = accounts["Acme Field Services"]!.id
        input.startDate = Calendarless.adding(months: -2, to: today)
        input.durationMonths = 12
        input.frequency = .monthly
        input.visitMinutes = 120
        input.value = Money("4800.00", currency: Currency("GBP")!)
        input.billing = .perPeriod
        input.slaResponseHours = 24
        input.technicianIds = [tess.userId]
        input.terms = "Monthly inspection and recalibration of the field fleet's sensors; parts billed separately."
        let contract = try await ContractService(env).create(input, by: nora)
        let (_, visits) = try await ContractService(env).activate(contract.id, by: nora)
        if let first = visits.first {
            _ = try await ActivityService(env).complete(first.id, outcome: "All sensors within tolerance; one cable replaced.",
                                                        report: VisitReport(rating: 5, comment: "Quick and tidy, thank you.", signedBy: "Ken Olsen",
                                                                            timeSpentMinutes: 105, parts: ["Sensor cable, 5 m"]),
                                                        by: tess)
        }
    }
}
