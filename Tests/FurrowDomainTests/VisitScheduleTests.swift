import Foundation
import FurrowDomain
import Testing

/// Maintenance contracts (seed 002 rules 41–42): the visit schedule by frequency from the start
/// date, off weekends and holidays, inside working hours, technicians in turn without clashes.
@Suite("Maintenance contract schedule")
struct VisitScheduleTests {
    static func day(_ text: String) -> Day { Day(text)! }
    static let ann = User.ID(UUID()), bo = User.ID(UUID())

    @Test("due days by frequency, counted from the start: month ends and leap years", arguments: [
        ("2027-01-31", 3, MaintenanceContract.Frequency.monthly, nil as Int?, ["2027-01-31", "2027-02-28", "2027-03-31"]),
        ("2028-01-31", 2, .monthly, nil, ["2028-01-31", "2028-02-29"]),
        ("2026-11-30", 12, .quarterly, nil, ["2026-11-30", "2027-02-28", "2027-05-30", "2027-08-30"]),
        ("2026-08-31", 12, .halfYearly, nil, ["2026-08-31", "2027-02-28"]),
        ("2028-02-29", 48, .yearly, nil, ["2028-02-29", "2029-02-28", "2030-02-28", "2031-02-28"]),
        ("2027-01-01", 1, .everyNDays, 10, ["2027-01-01", "2027-01-11", "2027-01-21", "2027-01-31"]),
    ])
    func dueDays(start: String, months: Int, frequency: MaintenanceContract.Frequency, n: Int?, expected: [String]) {
        // given
        let start = Self.day(start), end = Calendarless.adding(months: months, to: start).adding(days: -1)
        // when
        let days = VisitSchedule.dueDays(start: start, end: end, frequency: frequency, everyNDays: n)
        // then
        #expect(days.map(\.description) == expected)
    }

    @Test("month arithmetic on any number of months never traps")
    func extremeMonths() {
        let day = Self.day("2027-01-31")
        #expect(Calendarless.adding(months: Int.max, to: day).year > 2999)
        #expect(Calendarless.adding(months: Int.min, to: day).year < 1900)
    }

    @Test("weekdays by ISO number: 2026-12-07 is a Monday, 2027-01-03 a Sunday")
    func weekdays() {
        #expect(Calendarless.weekday(Self.day("2026-12-07")) == 1)
        #expect(Calendarless.weekday(Self.day("2027-01-03")) == 7)
        #expect(Calendarless.weekday(Self.day("1970-01-01")) == 4)
        #expect(Calendarless.weekday(Self.day("1969-12-31")) == 3)
    }

    @Test("a visit due on a weekend or a holiday moves to the next working day, or back when that passes the end")
    func workingDays() {
        // given: monthly from Saturday 2027-05-01; 2027-06-01 is a holiday; the contract ends Friday 2027-07-30
        let rules = VisitSchedule.Rules(holidays: [Self.day("2027-06-01")])
        // when
        let plan = VisitSchedule.plan(start: Self.day("2027-05-01"), end: Self.day("2027-07-30"), frequency: .monthly, everyNDays: nil,
                                      visitMinutes: 60, technicians: [Self.ann], rules: rules)
        // then: Sat 1 May → Mon 3 May; Tue 1 Jun (holiday) → Wed 2 Jun; Thu 1 Jul stays
        #expect(plan.visits.map(\.day.description) == ["2027-05-03", "2027-06-02", "2027-07-01"])
        // and a last visit due on Saturday 31 July with the contract ending that day moves back to Friday
        let back = VisitSchedule.plan(start: Self.day("2027-05-31"), end: Self.day("2027-07-31"), frequency: .monthly, everyNDays: nil,
                                      visitMinutes: 60, technicians: [Self.ann], rules: VisitSchedule.Rules())
        #expect(back.visits.last?.day.description == "2027-07-30")
    }

    @Test("technicians take visits in turn; a busy one is skipped, and when all are busy the visit takes a later slot")
    func roundRobin() {
        // given: weekly visits, Bo is busy all of the second Monday morning, Ann from 9 to 10 that day
        let rules = VisitSchedule.Rules()
        let second = Self.day("2027-01-11")
        let busy: VisitSchedule.Busy = [Self.bo: [second: [540..<720]], Self.ann: [second: [540..<600]]]
        // when
        let plan = VisitSchedule.plan(start: Self.day("2027-01-04"), end: Self.day("2027-01-24"), frequency: .everyNDays, everyNDays: 7,
                                      visitMinutes: 90, technicians: [Self.ann, Self.bo], rules: rules, busy: busy)
        // then
        #expect(plan.visits.count == 3)
        #expect(plan.visits[0].technicianId == Self.ann && plan.visits[0].startMinute == 540)
        #expect(plan.visits[1].day == second && plan.visits[1].technicianId == Self.ann && plan.visits[1].startMinute == 630)
        #expect(plan.visits[2].technicianId == Self.bo)
        // no technician has two visits that overlap, counting what they were busy with
        for visit in plan.visits {
            let span = visit.startMinute..<(visit.startMinute + 90)
            #expect(!(busy[visit.technicianId]?[visit.day] ?? []).contains { $0.overlaps(span) })
            #expect(span.upperBound <= rules.dayEnd)
        }
    }

    @Test("a daily schedule runs on working days only, once a day")
    func daily() {
        let plan = VisitSchedule.plan(start: Self.day("2027-01-01"), end: Self.day("2027-01-14"), frequency: .everyNDays, everyNDays: 1,
                                      visitMinutes: 60, technicians: [Self.ann], rules: VisitSchedule.Rules())
        // Friday 1st, then Monday 4th to Friday 8th, Monday 11th to Thursday 14th
        #expect(plan.visits.count == 10)
        #expect(Set(plan.visits.map(\.day)).count == 10)
        #expect(plan.visits.allSatisfy { Calendarless.weekday($0.day) <= 5 })
    }

    @Test("a contract's status: moves declared once, and an active one past its end reads as expired")
    func status() {
        typealias S = MaintenanceContract.Status
        #expect(S.draft.canMove(to: .active) && !S.draft.canMove(to: .renewed))
        #expect(S.active.canMove(to: .renewed) && !S.cancelled.canMove(to: .active) && !S.renewed.canMove(to: .expired))
        let contract = MaintenanceContract(id: .init(UUID()), accountId: .init(UUID()), items: [], startDate: Self.day("2027-01-31"),
                                           durationMonths: 1, frequency: .monthly, value: Money("100.00", currency: Currency("EUR")!)!,
                                           technicianIds: [Self.ann], status: .active, ownership: Ownership(ownerId: Self.ann, teamId: nil),
                                           createdAt: Date(), updatedAt: Date())
        #expect(contract.endDate.description == "2027-02-27")
        #expect(contract.status(on: Self.day("2027-02-27")) == .active)
        #expect(contract.status(on: Self.day("2027-02-28")) == .expired)
    }
}
