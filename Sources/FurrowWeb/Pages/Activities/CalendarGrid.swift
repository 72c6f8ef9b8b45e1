import Foundation
import FurrowCore
import FurrowDomain

/// The calendar's grids, drawn on the server: a month of weeks, or days (a week's seven, or
/// one) by hour from 07:00 to 20:00 under a row of all-day entries. Entries before 07:00 or
/// from 20:00 on sit in an "earlier" or "later" row, shown only when there are some.
struct CalendarGrid {
    static let firstHour = 7
    static let lastHour = 20
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                         "November", "December"]

    struct Card {
        let id: String, url: String, title: String, time: String, icon: String, kind: String, statusKey: String
        let recurring: Bool, isOpportunity: Bool, draggable: Bool, allDay: Bool, start: String
        /// Whom or what it is about (a customer, a deal).
        let about: String?
        /// In the day and week views: its length and its place among overlapping entries, as classes.
        var layout = ""
    }
    struct Slot { let start: String?, label: String, cards: [Card], droppable: Bool, allDay: Bool }
    struct Row { let label: String, slots: [Slot], kind: String }
    struct Column { let day: String, label: String, isToday: Bool, url: String }
    struct Days { let columns: [Column], allDay: [Slot], rows: [Row], single: Bool }
    struct MonthCell { let day: String, number: String, inMonth: Bool, isToday: Bool, url: String, cards: [Card], hasCards: Bool }
    struct Week { let cells: [MonthCell] }
    struct Month { let weekdays: [String], weeks: [Week] }

    let clock: LocalClock
    let today: String
    let link: (String, String) -> String

    /// Monday = 0 … Sunday = 6.
    static func weekday(_ day: Day) -> Int { ((day.ordinal + 3) % 7 + 7) % 7 }

    static func monthTitle(_ day: Day) -> String {
        let (y, m, _) = Day.civil(day.ordinal)
        return "\(months[m - 1]) \(y)"
    }

    static func dayLabel(_ day: Day) -> String {
        "\(weekdays[weekday(day)]) \(Day.civil(day.ordinal).2)"
    }

    /// The days an entry falls on: every day of an all-day span, else the day it starts.
    func days(of entry: CalendarService.Entry) -> [String] {
        guard entry.allDay else { return [clock.day(entry.start)] }
        let first = Day(entry.day ?? clock.day(entry.start)) ?? Day(ordinal: 0)
        let last = entry.end.flatMap { Day(clock.day($0.addingTimeInterval(-1))) } ?? first
        return (0...max(0, min(last.ordinal - first.ordinal, 60))).map { first.adding(days: $0).description }
    }

    func card(_ entry: CalendarService.Entry, canMove: Bool) -> Card {
        let time: String
        if entry.allDay { time = "" } else if let end = entry.end, end > entry.start {
            time = clock.time(entry.start) + "–" + (clock.day(end) == clock.day(entry.start) ? clock.time(end) : clock.stamp(end))
        } else { time = clock.time(entry.start) }
        let isOpportunity = entry.kind == .opportunity
        let kind = entry.activityKind.map(ActivityText.kind) ?? "Opportunity"
        return Card(id: UUIDText.lowercase(entry.id), url: entry.path, title: entry.invited ? entry.title + " (invited)" : entry.title, time: time,
                    icon: entry.activityKind.map(ActivityText.icon) ?? "◆", kind: kind, statusKey: entry.status,
                    recurring: entry.recurring, isOpportunity: isOpportunity,
                    draggable: canMove && !isOpportunity && !entry.invited && !entry.recurring
                        && entry.activity?.legalVerbs().contains(.reschedule) == true,
                    allDay: entry.allDay, start: clock.dateTimeValue(entry.start),
                    about: entry.about.flatMap { $0 == entry.title ? nil : $0 })
    }

    /// Each timed entry's lane among those overlapping it, and how many lanes their cluster needs
    /// (a cluster: entries joined by overlaps), in the order given.
    static func lanes(_ spans: [(start: Date, end: Date)]) -> [(lane: Int, lanes: Int)] {
        var result = [(lane: Int, lanes: Int)](repeating: (0, 1), count: spans.count)
        var cluster: [Int] = [], laneEnds: [Date] = [], clusterEnd = Date.distantPast
        func close() {
            for index in cluster { result[index].lanes = laneEnds.count }
            cluster = []
            laneEnds = []
        }
        for index in spans.indices.sorted(by: { (spans[$0].start, $0) < (spans[$1].start, $1) }) {
            let span = spans[index]
            if span.start >= clusterEnd { close() }
            if let free = laneEnds.firstIndex(where: { $0 <= span.start }) {
                laneEnds[free] = span.end
                result[index].lane = free
            } else {
                laneEnds.append(span.end)
                result[index].lane = laneEnds.count - 1
            }
            cluster.append(index)
            clusterEnd = max(clusterEnd, span.end)
        }
        close()
        return result
    }

    /// The classes drawing a timed entry from its start to its end (at least half an hour, at most to
    /// the grid's last hour) in its lane.
    func layout(_ entry: CalendarService.Entry, lane: Int, lanes: Int) -> String {
        let parts = clock.calendar.dateComponents([.hour, .minute], from: entry.start)
        let hour = parts.hour ?? 0, minute = parts.minute ?? 0
        let length = max((entry.end ?? entry.start).timeIntervalSince(entry.start), 1800)
        let room = (Self.lastHour - hour) * 2 - (minute >= 30 ? 1 : 0)
        let halves = min(max(Int((length / 1800).rounded(.up)), 1), max(room, 1), 26)
        var classes = "timed h\(halves)"
        if minute / 15 > 0 { classes += " at\(minute / 15)" }
        if lanes > 1 { classes += " lanes-\(min(lanes, 4)) lane-\(min(lane, 3))" }
        return classes
    }

    /// Columns for `count` days from `first`, the all-day row, and the hour rows.
    func days(from first: Day, count: Int, entries: [CalendarService.Entry], canMove: (CalendarService.Entry) -> Bool) -> Days {
        let dayList = (0..<count).map { first.adding(days: $0) }
        var allDay: [String: [Card]] = [:], timed: [String: [Int: [Card]]] = [:]
        var inGrid: [String: [(entry: CalendarService.Entry, card: Card)]] = [:]
        for entry in entries {
            let card = card(entry, canMove: canMove(entry))
            if entry.allDay {
                for day in days(of: entry) { allDay[day, default: []].append(card) }
            } else {
                let hour = clock.calendar.component(.hour, from: entry.start)
                let row = hour < Self.firstHour ? -1 : (hour >= Self.lastHour ? 24 : hour)
                if row == hour {
                    inGrid[clock.day(entry.start), default: []].append((entry, card))
                } else {
                    timed[clock.day(entry.start), default: [:]][row, default: []].append(card)
                }
            }
        }
        // inside the grid's hours, entries are drawn to their length, overlapping ones side by side
        for (day, placed) in inGrid {
            let spans = placed.map { ($0.entry.start, max($0.entry.end ?? $0.entry.start, $0.entry.start.addingTimeInterval(1800))) }
            for (item, lane) in zip(placed, Self.lanes(spans)) {
                var card = item.card
                card.layout = layout(item.entry, lane: lane.lane, lanes: lane.lanes)
                timed[day, default: [:]][clock.calendar.component(.hour, from: item.entry.start), default: []].append(card)
            }
        }
        let columns = dayList.map { Column(day: $0.description, label: Self.dayLabel($0), isToday: $0.description == today,
                                           url: link("day", $0.description)) }
        let allDaySlots = dayList.map { day in
            Slot(start: day.description + "T00:00", label: "\(Self.dayLabel(day)), all day", cards: allDay[day.description] ?? [],
                 droppable: true, allDay: true)
        }
        func row(_ hour: Int, label: String, kind: String) -> Row {
            Row(label: label, slots: dayList.map { day in
                let cards = timed[day.description]?[hour] ?? []
                let inside = hour >= Self.firstHour && hour < Self.lastHour
                return Slot(start: inside ? day.description + "T" + String(format: "%02d:00", hour) : nil,
                            label: "\(Self.dayLabel(day)), \(label)", cards: cards, droppable: inside, allDay: false)
            }, kind: kind)
        }
        var rows: [Row] = []
        if timed.values.contains(where: { $0[-1] != nil }) { rows.append(row(-1, label: "Earlier", kind: "earlier")) }
        for hour in Self.firstHour..<Self.lastHour { rows.append(row(hour, label: String(format: "%02d:00", hour), kind: "hour")) }
        if timed.values.contains(where: { $0[24] != nil }) { rows.append(row(24, label: "Later", kind: "later")) }
        return Days(columns: columns, allDay: allDaySlots, rows: rows, single: count == 1)
    }

    /// The weeks (Monday to Sunday) covering the month of `day`.
    func month(of day: Day, entries: [CalendarService.Entry]) -> Month {
        let (start, end) = Self.monthRange(day)
        var byDay: [String: [Card]] = [:]
        for entry in entries {
            for key in days(of: entry) { byDay[key, default: []].append(card(entry, canMove: false)) }
        }
        let month = Day.civil(day.ordinal).1
        let weeks = stride(from: start.ordinal, to: end.ordinal, by: 7).map { monday in
            Week(cells: (0..<7).map { offset in
                let cell = Day(ordinal: monday + offset)
                let key = cell.description
                let cards = byDay[key] ?? []
                return MonthCell(day: key, number: String(Day.civil(cell.ordinal).2), inMonth: Day.civil(cell.ordinal).1 == month,
                                 isToday: key == today, url: link("day", key), cards: cards, hasCards: !cards.isEmpty)
            })
        }
        return Month(weekdays: Self.weekdays, weeks: weeks)
    }

    /// From the Monday on or before the 1st to the day after the Sunday on or after the month's last day.
    static func monthRange(_ day: Day) -> (Day, Day) {
        let (y, m, _) = Day.civil(day.ordinal)
        let first = Day(ordinal: Day.ordinal(year: y, month: m, day: 1))
        let next = Day(ordinal: Day.ordinal(year: m == 12 ? y + 1 : y, month: m == 12 ? 1 : m + 1, day: 1))
        let start = first.adding(days: -weekday(first))
        let last = next.adding(days: -1)
        return (start, last.adding(days: 7 - weekday(last)))
    }
}
