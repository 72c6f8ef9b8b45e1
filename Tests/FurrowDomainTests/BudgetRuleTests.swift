import Foundation
import FurrowDomain
import Testing

/// Budgets (seed 001 rules 24–30): a master is open until the end of its day in the company's
/// time zone, then only its numbers change, as corrections, each open until the end of its own day.
@Suite("Budget rules")
struct BudgetRuleTests {
    static let eur = Currency("EUR")!
    static let roadWork = BudgetActivity.ID(UUID(uuidString: "00000000-0000-4000-8000-00000000000a")!)
    static let upkeep = BudgetActivity.ID(UUID(uuidString: "00000000-0000-4000-8000-00000000000b")!)
    static let ada = User.ID(UUID()), bo = User.ID(UUID())

    static func money(_ text: String) -> Money { Money(text, currency: eur)! }
    static func line(_ id: BudgetActivity.ID, _ income: String, _ cost: String) -> BudgetLine {
        BudgetLine(budgetActivityId: id, income: money(income), cost: money(cost))
    }
    static func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    static func budget(createdAt: Date, from: Day = Day(year: 2027, month: 1, day: 1), to: Day = Day(year: 2027, month: 12, day: 31)) -> Budget {
        Budget(id: Budget.ID(UUID()), target: BudgetTarget(.account, UUID()), currency: eur,
               master: BudgetVersion(number: 0, from: from, to: to, lines: [line(roadWork, "1000.00", "400.00")], createdAt: createdAt,
                                     createdBy: ada, updatedAt: createdAt),
               targetOwnership: Ownership(ownerId: ada, teamId: nil))
    }

    @Test("a version locks at the next local midnight, a daylight-saving day included", arguments: [
        ("Europe/Oslo", "2026-12-07T22:59:59Z", "2026-12-07T23:00:00Z"),
        ("America/New_York", "2026-12-08T04:00:00Z", "2026-12-08T05:00:00Z"),
        ("Asia/Kolkata", "2026-12-07T00:00:00Z", "2026-12-07T18:30:00Z"),
        // 2026-03-29 has 23 hours in Oslo: it starts 22:00Z the day before and ends 22:00Z
        ("Europe/Oslo", "2026-03-29T12:00:00Z", "2026-03-29T22:00:00Z"),
        // 2026-11-01 has 25 hours in New York: it starts 04:00Z and ends 05:00Z the next day
        ("America/New_York", "2026-11-01T12:00:00Z", "2026-11-02T05:00:00Z"),
    ])
    func lockedAt(zone: String, created: String, expected: String) {
        // given
        let zone = TimeZone(identifier: zone)!
        // when
        let lock = BudgetLock.lockedAt(Self.instant(created), in: zone)
        // then
        #expect(lock == Self.instant(expected))
    }

    @Test("before its lock a master changes in place, dates too; after it only the numbers change, as a correction")
    func masterThenCorrection() throws {
        // given: made at 10:00 Oslo time
        let zone = TimeZone(identifier: "Europe/Oslo")!
        var budget = Self.budget(createdAt: Self.instant("2026-12-07T09:00:00Z"))
        // when: edited the same evening
        let first = try budget.edit(from: Day(year: 2027, month: 2, day: 1), to: Day(year: 2027, month: 12, day: 31),
                                    lines: [Self.line(Self.roadWork, "1200.00", "400.00")], by: Self.bo, at: Self.instant("2026-12-07T22:59:00Z"), in: zone)
        // then
        #expect(first == .inPlace(0))
        #expect(budget.versions.count == 1 && budget.from == Day(year: 2027, month: 2, day: 1))
        // when: a minute after midnight, the dates cannot change, the numbers can
        let late = Self.instant("2026-12-07T23:01:00Z")
        #expect(throws: BudgetError.datesLocked) {
            try budget.edit(from: Day(year: 2027, month: 3, day: 1), to: budget.to, lines: budget.current.lines, by: Self.ada, at: late, in: zone)
        }
        let second = try budget.edit(from: budget.from, to: budget.to, lines: [Self.line(Self.roadWork, "1500.00", "400.00")],
                                     by: Self.ada, at: late, in: zone)
        // then: the master stays as it was, the correction holds the new numbers
        #expect(second == .correction(1))
        #expect(budget.master.lines == [Self.line(Self.roadWork, "1200.00", "400.00")])
        #expect(budget.current.lines == [Self.line(Self.roadWork, "1500.00", "400.00")])
        #expect(budget.changes(of: 1) == [BudgetLineChange(budgetActivityId: Self.roadWork, incomeBefore: Self.money("1200.00"),
                                                           incomeAfter: Self.money("1500.00"), costBefore: Self.money("400.00"),
                                                           costAfter: Self.money("400.00"))])
    }

    @Test("a correction changes in place for its author until its own lock; then, or for someone else, a new correction follows")
    func correctionChain() throws {
        // given: a master made yesterday (locked) and a correction made today by Ada
        let zone = TimeZone(identifier: "America/New_York")!
        var budget = Self.budget(createdAt: Self.instant("2026-12-06T15:00:00Z"))
        let noon = Self.instant("2026-12-07T17:00:00Z")
        _ = try budget.edit(from: budget.from, to: budget.to, lines: [Self.line(Self.roadWork, "1100.00", "400.00")], by: Self.ada, at: noon, in: zone)
        // when
        let again = try budget.edit(from: budget.from, to: budget.to, lines: [Self.line(Self.roadWork, "1150.00", "400.00")],
                                    by: Self.ada, at: noon.addingTimeInterval(60), in: zone)
        let other = try budget.edit(from: budget.from, to: budget.to, lines: [Self.line(Self.upkeep, "0", "90.00")],
                                    by: Self.bo, at: noon.addingTimeInterval(120), in: zone)
        let tomorrow = try budget.edit(from: budget.from, to: budget.to, lines: [Self.line(Self.upkeep, "0", "95.00")],
                                       by: Self.bo, at: Self.instant("2026-12-08T05:00:00Z"), in: zone)
        // then
        #expect(again == .inPlace(1))
        #expect(other == .correction(2))
        #expect(tomorrow == .correction(3))
        #expect(budget.versions.map(\.number) == [0, 1, 2, 3])
        #expect(budget.versions[1].lines == [Self.line(Self.roadWork, "1150.00", "400.00")])
        #expect(budget.changes(of: 2).count == 2)
    }

    @Test("only an unlocked master without corrections, or the latest unlocked correction, can be deleted")
    func deleting() throws {
        let zone = TimeZone(identifier: "UTC")!
        let made = Self.instant("2026-12-07T08:00:00Z")
        var budget = Self.budget(createdAt: made)
        try budget.checkDeletable(at: made.addingTimeInterval(3600), in: zone)
        #expect(throws: BudgetError.locked) { try budget.checkDeletable(at: Self.instant("2026-12-08T00:00:00Z"), in: zone) }
        let next = Self.instant("2026-12-08T09:00:00Z")
        _ = try budget.edit(from: budget.from, to: budget.to, lines: [Self.line(Self.roadWork, "1.00", "0")], by: Self.ada, at: next, in: zone)
        _ = try budget.edit(from: budget.from, to: budget.to, lines: [Self.line(Self.roadWork, "2.00", "0")], by: Self.bo, at: next, in: zone)
        #expect(throws: BudgetError.notLatest) { try budget.deleteCorrection(1, at: next, in: zone) }
        try budget.deleteCorrection(2, at: next, in: zone)
        #expect(budget.versions.count == 2)
        #expect(throws: BudgetError.locked) { try budget.deleteCorrection(1, at: Self.instant("2026-12-09T00:00:00Z"), in: zone) }
    }

    @Test("periods overlap when they share a day; the day after does not", arguments: [
        (1, 10, 10, 20, true), (1, 10, 11, 20, false), (5, 6, 1, 30, true), (11, 20, 1, 10, false), (1, 1, 1, 1, true),
    ])
    func overlap(a0: Int, a1: Int, b0: Int, b1: Int, expected: Bool) {
        let day = { (d: Int) in Day(year: 2027, month: 1, day: d) }
        #expect(Budget.overlaps(day(a0)...day(a1), day(b0)...day(b1)) == expected)
    }

    @Test("a draft is refused with every field error at once")
    func draftErrors() {
        // given
        let usd = Money("5.00", currency: Currency("USD")!)!
        let draft = BudgetDraft(from: Day(year: 2027, month: 5, day: 1), to: Day(year: 2027, month: 4, day: 1), currency: Self.eur, lines: [
            .init(budgetActivityId: Self.roadWork, income: Money(minorUnits: -1, currency: Self.eur), cost: nil),
            .init(budgetActivityId: Self.roadWork, income: nil, cost: usd),
            .init(budgetActivityId: nil, income: nil, cost: nil),
        ])
        // when
        let errors: [String]
        do { _ = try draft.validated(); errors = [] } catch { errors = error.errors.map(\.field) }
        // then
        #expect(errors == ["to", "lines[0].income", "lines[1].budgetActivityId", "lines[1].cost", "lines[2].budgetActivityId"])
    }

    @Test("a budget covers at most ten years, so its by-month table stays small")
    func longestPeriod() {
        let line = BudgetDraft.Line(budgetActivityId: Self.roadWork, income: Self.money("1.00"), cost: nil)
        let ten = BudgetDraft(from: Day(year: 2027, month: 1, day: 1), to: Day(year: 2036, month: 12, day: 31), currency: Self.eur, lines: [line])
        let long = BudgetDraft(from: Day(year: 1900, month: 1, day: 1), to: Day(year: 2999, month: 12, day: 31), currency: Self.eur, lines: [line])
        #expect((try? ten.validated()) != nil)
        do { _ = try long.validated(); Issue.record("a 1,100-year budget was accepted") } catch { #expect(error.errors.map(\.field) == ["to"]) }
    }

    @Test("budget vs actual: entries dated by the settings inside the period, other currencies apart, months spread exactly")
    func versusActual() {
        // given: 1000.00 income budgeted for January and February (59 days)
        var budget = Self.budget(createdAt: Self.instant("2026-12-01T08:00:00Z"), from: Day(year: 2027, month: 1, day: 1),
                                 to: Day(year: 2027, month: 2, day: 28))
        budget.versions[0].lines = [Self.line(Self.roadWork, "1000.00", "400.00")]
        let jan = Day(year: 2027, month: 1, day: 15), dec = Day(year: 2026, month: 12, day: 20)
        let entries = [
            VersusActual.Entry(budgetActivityId: Self.roadWork, kind: .income, amount: Self.money("300.00"), date: jan, taskCreated: dec),
            VersusActual.Entry(budgetActivityId: Self.roadWork, kind: .expense, amount: Self.money("50.00"), date: dec, taskCreated: jan),
            VersusActual.Entry(budgetActivityId: Self.upkeep, kind: .expense, amount: Self.money("20.00"), date: jan, taskCreated: jan),
            VersusActual.Entry(budgetActivityId: Self.roadWork, kind: .income, amount: Money("70.00", currency: Currency("USD")!)!, date: jan, taskCreated: jan),
        ]
        // when
        let byEntry = VersusActual.compute(budget, entries: entries, costDating: .entryDate, incomeDating: .entryDate, grouping: .activity)
        let byTask = VersusActual.compute(budget, entries: entries, costDating: .taskCreated, incomeDating: .taskCreated, grouping: .activity)
        let byMonth = VersusActual.compute(budget, entries: entries, costDating: .entryDate, incomeDating: .entryDate, grouping: .month)
        // then
        let road = byEntry.rows[0]
        #expect(road.actualIncome == Self.money("300.00") && road.actualCost == Self.money("0.00"))
        #expect(road.incomeVariance == Self.money("-700.00") && road.incomeConsumed == "30.0")
        #expect(byEntry.rows[1].budgetActivityId == Self.upkeep && byEntry.rows[1].costConsumed == nil)
        #expect(byEntry.unconverted == [VersusActual.Unconverted(budgetActivityId: Self.roadWork, kind: .income,
                                                                 amount: Money("70.00", currency: Currency("USD")!)!)])
        #expect(byTask.rows[0].actualIncome == Self.money("0.00") && byTask.rows[0].actualCost == Self.money("50.00"))
        let months = byMonth.rows.filter { $0.budgetActivityId == Self.roadWork }
        #expect(months.map(\.month) == ["2027-01", "2027-02"])
        #expect(months.map(\.budgetedIncome) == [Self.money("525.43"), Self.money("474.57")])
        #expect(byMonth.total?.budgetedIncome == Self.money("1000.00"))
    }
}
