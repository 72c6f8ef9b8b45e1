import Foundation

/// The service visits of a contract (rules 41–42): one per period from the start date, on a
/// working day, inside working hours, each given to one of the contract's technicians in turn so
/// that no technician has two visits at the same time.
public struct VisitSchedule: Sendable, Equatable {
    public struct Visit: Sendable, Equatable {
        public let day: Day
        /// Minutes after midnight, company time.
        public let startMinute: Int
        public let technicianId: User.ID
    }

    /// When a technician is busy on a day: minute ranges, company time.
    public typealias Busy = [User.ID: [Day: [Range<Int>]]]

    public struct Rules: Sendable, Equatable {
        /// ISO weekdays (1 Monday … 7 Sunday) visits may fall on.
        public var workingDays: Set<Int>
        public var holidays: Set<Day>
        /// Working hours, minutes after midnight.
        public var dayStart: Int
        public var dayEnd: Int

        public init(workingDays: Set<Int> = [1, 2, 3, 4, 5], holidays: Set<Day> = [], dayStart: Int = 9 * 60, dayEnd: Int = 17 * 60) {
            self.workingDays = workingDays
            self.holidays = holidays
            self.dayStart = dayStart
            self.dayEnd = dayEnd
        }

        public func isWorking(_ day: Day) -> Bool { workingDays.contains(Calendarless.weekday(day)) && !holidays.contains(day) }
    }

    public let visits: [Visit]

    /// The days visits are due by frequency, before moving off non-working days: the start date
    /// and each period after it (counted from the start, so 31 January monthly is 28/29 February,
    /// then 31 March) up to the end date.
    public static func dueDays(start: Day, end: Day, frequency: MaintenanceContract.Frequency, everyNDays: Int?) -> [Day] {
        var days: [Day] = []
        var index = 0
        while true {
            let day: Day
            if let months = frequency.months {
                day = Calendarless.adding(months: months * index, to: start)
            } else {
                day = start.adding(days: max(1, everyNDays ?? 1) * index)
            }
            guard day <= end, index < 10_000 else { break }
            days.append(day)
            index += 1
        }
        return days
    }

    /// Plans every visit. A due day that is not a working day moves to the next one (back to the
    /// previous one when that would pass the end date); visits that would land on a day that has
    /// one already are left out (a daily schedule runs on working days). Each visit takes the
    /// first slot of the day, in steps of its length, at which the next technician in turn — or,
    /// failing that, any other — is free; a day with no free slot moves the visit to the next
    /// working day (at most 30 days on, else the day keeps the first technician in turn).
    public static func plan(start: Day, end: Day, frequency: MaintenanceContract.Frequency, everyNDays: Int?, visitMinutes: Int,
                            technicians: [User.ID], rules: Rules, busy: Busy = [:]) -> VisitSchedule {
        guard !technicians.isEmpty, rules.dayEnd - rules.dayStart >= visitMinutes, visitMinutes > 0,
              !rules.workingDays.isEmpty else { return VisitSchedule(visits: []) }
        var taken = busy, visits: [Visit] = [], used = Set<Day>(), turn = 0
        for due in dueDays(start: start, end: end, frequency: frequency, everyNDays: everyNDays) {
            guard var day = workingDay(from: due, end: end, rules: rules), !used.contains(day) else { continue }
            var placed: Visit?
            for _ in 0..<30 where placed == nil {
                placed = slot(on: day, visitMinutes: visitMinutes, technicians: technicians, turn: turn, rules: rules, taken: taken)
                if placed == nil { day = next(after: day, rules: rules) }
            }
            let visit = placed ?? Visit(day: day, startMinute: rules.dayStart, technicianId: technicians[turn % technicians.count])
            visits.append(visit)
            used.insert(visit.day)
            taken[visit.technicianId, default: [:]][visit.day, default: []].append(visit.startMinute..<(visit.startMinute + visitMinutes))
            turn = (technicians.firstIndex(of: visit.technicianId) ?? turn) + 1
        }
        return VisitSchedule(visits: visits)
    }

    static func workingDay(from due: Day, end: Day, rules: Rules) -> Day? {
        var day = due
        for _ in 0..<370 where !rules.isWorking(day) { day = day.adding(days: 1) }
        if rules.isWorking(day) && day <= end { return day }
        day = due
        for _ in 0..<370 where !rules.isWorking(day) { day = day.adding(days: -1) }
        return rules.isWorking(day) ? day : nil
    }

    static func next(after day: Day, rules: Rules) -> Day {
        var next = day.adding(days: 1)
        for _ in 0..<370 where !rules.isWorking(next) { next = next.adding(days: 1) }
        return next
    }

    static func slot(on day: Day, visitMinutes: Int, technicians: [User.ID], turn: Int, rules: Rules, taken: Busy) -> Visit? {
        var minute = rules.dayStart
        while minute + visitMinutes <= rules.dayEnd {
            let span = minute..<(minute + visitMinutes)
            for offset in 0..<technicians.count {
                let technician = technicians[(turn + offset) % technicians.count]
                if !(taken[technician]?[day] ?? []).contains(where: { $0.overlaps(span) }) {
                    return Visit(day: day, startMinute: minute, technicianId: technician)
                }
            }
            minute += visitMinutes
        }
        return nil
    }
}
