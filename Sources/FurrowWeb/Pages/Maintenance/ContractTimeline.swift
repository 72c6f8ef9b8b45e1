import Foundation
import FurrowCore
import FurrowDomain

/// A server-drawn SVG timeline of a contract's schedule: its period as a line, each visit a dot
/// on its day coloured by its state (done, open, overdue, cancelled), and today marked. Each dot
/// has its day and state as a tooltip, and the chart a title and a description that count them,
/// so it reads without seeing it; the visits table below holds the same facts.
struct ContractTimeline {
    struct Dot { let x: Int, kind: String, label: String }
    struct Tick { let x: Int, label: String, anchor: String }

    let title: String
    let summary: String
    let dots: [Dot]
    let ticks: [Tick]
    let todayX: Int?
    let width = 680, height = 64, left = 16, right = 664, lineY = 26

    init(contract: MaintenanceContract, visits: [Activity], today: Day, now: Date, zone: TimeZone) {
        let first = contract.startDate.ordinal, last = max(contract.endDate.ordinal, first + 1)
        let left = 16, right = 664
        func x(_ day: Day) -> Int { left + Int((Double(day.ordinal - first) / Double(last - first) * Double(right - left)).rounded()) }
        var counts: [String: Int] = [:]
        dots = visits.compactMap { visit in
            guard let start = visit.startAt else { return nil }
            let day = Timestamp.calendarDay(start, in: zone)
            let kind = visit.isOverdue(at: now) ? "overdue" : visit.status == .completed ? "done" : visit.status == .cancelled ? "cancelled" : "open"
            counts[kind, default: 0] += 1
            let state = ["overdue": "overdue", "done": "done", "cancelled": "cancelled", "open": "planned"][kind] ?? kind
            return Dot(x: min(max(x(day), left), right), kind: kind, label: "\(day): \(state)")
        }
        var ticks = [Tick(x: left, label: contract.startDate.description, anchor: "start"), Tick(x: right, label: contract.endDate.description, anchor: "end")]
        let (year, month, _) = Day.civil(first)
        var next = Calendarless.adding(months: 3, to: Day(year: year, month: month, day: 1))
        while next.ordinal < last - 20 {
            if next.ordinal - first > 20 { ticks.append(Tick(x: x(next), label: Self.monthName(next), anchor: "middle")) }
            next = Calendarless.adding(months: 3, to: next)
        }
        self.ticks = ticks
        todayX = (first...last).contains(today.ordinal) ? x(today) : nil
        title = "Visits of \(contract.number ?? "the contract") from \(contract.startDate) to \(contract.endDate)"
        summary = [("done", "done"), ("open", "planned"), ("overdue", "overdue"), ("cancelled", "cancelled")]
            .compactMap { key, word in counts[key].map { "\($0) \(word)" } }.joined(separator: ", ").nonEmpty.map { $0 + "." } ?? "No visits."
    }

    static func monthName(_ day: Day) -> String {
        let (year, month, _) = Day.civil(day.ordinal)
        return ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1] + " \(year)"
    }
}
