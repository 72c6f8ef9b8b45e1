import Foundation
import FurrowCore
import FurrowDomain

/// The demo company's maintenance: a year's contract with Acme Field Services on the tractor it
/// bought, monthly visits by Tess Tech since two months ago (the first one done, one overdue); a
/// contract due for renewal; one ended and renewed with a renewal quote; two public holidays.
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
        input.terms = "Monthly service of the tractor sold to the estate team and recalibration of the field fleet's sensors; parts billed separately."
        // it covers the serialised tractor sold and invoiced to Acme Field Services, as made from the tractor's page
        let sold = try await ProductService(env).products(ListQuery(limit: 50, sort: ListFields.products.defaultSort,
                                                                    filters: [Filter("inventoryStatus", .eq, ["sold"])]))
        if let tractor = sold.first(where: { $0.serialized }),
           let prefill = try await ContractService(env).prefill(invoice: nil, product: tractor.id, by: nora), prefill.accountId == input.accountId {
            input.items = prefill.items
        }
        let contracts = ContractService(env)
        let contract = try await contracts.create(input, by: nora)
        let (_, visits) = try await contracts.activate(contract.id, by: nora)
        if let first = visits.first {
            _ = try await ActivityService(env).complete(first.id, outcome: "All sensors within tolerance; one cable replaced.",
                                                        report: VisitReport(rating: 5, comment: "Quick and tidy, thank you.", signedBy: "Ken Olsen",
                                                                            timeSpentMinutes: 105, parts: ["Sensor cable, 5 m"]),
                                                        by: tess)
        }
    
        // Greenway Farms' quarterly contract ends in about three weeks: due for renewal
        var greenway = input
        greenway.accountId = accounts["Greenway Farms"]!.id
        greenway.startDate = Calendarless.adding(months: -12, to: today).adding(days: 20)
        greenway.frequency = .quarterly
        greenway.value = Money("1600.00", currency: Currency("GBP")!)
        greenway.billing = .upfront
        greenway.terms = "Quarterly service of the irrigation controllers."
        greenway.items = []
        let due = try await contracts.create(greenway, by: nora)
        try await completePast(try await contracts.activate(due.id, by: nora).1, env, by: tess)
        _ = try await InvoiceService(env).issue(try await contracts.invoice(due.id, by: nora).id, by: nora)
        // Acme Manufacturing's half-yearly contract ended last month and was renewed for another year
        var factory = input
        factory.accountId = accounts["Acme Manufacturing"]!.id
        factory.startDate = Calendarless.adding(months: -13, to: today)
        factory.frequency = .halfYearly
        factory.value = Money("900.00", currency: Currency("GBP")!)
        factory.billing = .upfront
        factory.terms = "Half-yearly safety inspection of the press line."
        factory.items = []
        let ended = try await contracts.create(factory, by: nora)
        try await completePast(try await contracts.activate(ended.id, by: nora).1, env, by: tess)
        // renewed with a renewal quote for the owner to send
        let renewal = try await contracts.renew(ended.id, months: 12, value: Money("950.00", currency: Currency("GBP")!), createQuote: true, by: nora).new
        try await completePast(try await contracts.visits(renewal.id, by: nora), env, by: tess)
}

    /// The visits of the past done, with their reports: ratings of 4 and 5 in turn.
    static func completePast(_ visits: [Activity], _ env: CoreEnvironment, by tech: Principal) async throws {
        let now = env.clock.now()
        for (index, visit) in visits.enumerated() where (visit.endAt ?? now) < now {
            _ = try await ActivityService(env).complete(visit.id, outcome: "Serviced as planned.",
                                                        report: VisitReport(rating: index % 2 == 0 ? 5 : 4, signedBy: "Site manager",
                                                                            timeSpentMinutes: 90), by: tech)
        }
    }
}
