import Foundation

/// A repeating appointment, in the subset of RFC 5545 RRULE Furrow supports: `FREQ=DAILY`,
/// `WEEKLY` (optionally `BYDAY`) or `MONTHLY`, an `INTERVAL`, and an end by `COUNT` or
/// `UNTIL` (or none). Occurrences are computed, never stored.
public struct Recurrence: Sendable, Equatable, Hashable {
    public enum Frequency: String, Sendable, CaseIterable { case daily = "DAILY", weekly = "WEEKLY", monthly = "MONTHLY" }
    public static let weekdays = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]

    public var frequency: Frequency
    public var interval: Int
    public var count: Int?
    public var until: Date?
    /// Weekday codes (`MO`…`SU`) for weekly rules; empty means the start's weekday.
    public var byDay: [String]

    public init(frequency: Frequency, interval: Int = 1, count: Int? = nil, until: Date? = nil, byDay: [String] = []) {
        self.frequency = frequency
        self.interval = interval
        self.count = count
        self.until = until
        self.byDay = byDay
    }

    /// Parses `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10` (an optional `RRULE:` prefix is allowed).
    public init(rule text: String) throws(ValidationError) {
        var body = text.trimmedSpaces()
        if body.uppercased().hasPrefix("RRULE:") { body = String(body.dropFirst(6)) }
        var parts: [String: String] = [:]
        for part in body.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, parts[pair[0].uppercased()] == nil else { throw Self.invalid("\(part) is not NAME=VALUE") }
            parts[pair[0].uppercased()] = pair[1].uppercased()
        }
        guard let freqText = parts.removeValue(forKey: "FREQ") else { throw Self.invalid("FREQ is required") }
        guard let frequency = Frequency(rawValue: freqText) else { throw Self.invalid("FREQ must be DAILY, WEEKLY or MONTHLY") }
        var interval = 1
        if let text = parts.removeValue(forKey: "INTERVAL") {
            guard let value = Int(text), (1...366).contains(value) else { throw Self.invalid("INTERVAL must be from 1 to 366") }
            interval = value
        }
        var count: Int? = nil
        if let text = parts.removeValue(forKey: "COUNT") {
            guard let value = Int(text), (1...1000).contains(value) else { throw Self.invalid("COUNT must be from 1 to 1000") }
            count = value
        }
        var until: Date? = nil
        if let text = parts.removeValue(forKey: "UNTIL") {
            guard let date = Self.parseUntil(text) else { throw Self.invalid("UNTIL must be YYYYMMDD or YYYYMMDDTHHMMSSZ") }
            until = date
        }
        if count != nil && until != nil { throw Self.invalid("COUNT and UNTIL cannot both be given") }
        var byDay: [String] = []
        if let text = parts.removeValue(forKey: "BYDAY") {
            guard frequency == .weekly else { throw Self.invalid("BYDAY is supported with FREQ=WEEKLY only") }
            byDay = text.split(separator: ",").map(String.init)
            guard !byDay.isEmpty, byDay.allSatisfy(Self.weekdays.contains), Set(byDay).count == byDay.count else {
                throw Self.invalid("BYDAY takes MO, TU, WE, TH, FR, SA, SU")
            }
        }
        if let name = parts.keys.sorted().first { throw Self.invalid("\(name) is not supported") }
        self.init(frequency: frequency, interval: interval, count: count, until: until, byDay: byDay)
    }

    /// The rule as RRULE text, parts in a fixed order.
    public var rule: String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        if !byDay.isEmpty { parts.append("BYDAY=" + Self.weekdays.filter(byDay.contains).joined(separator: ",")) }
        if let count { parts.append("COUNT=\(count)") }
        if let until { parts.append("UNTIL=" + Self.utcStamp(until)) }
        return parts.joined(separator: ";")
    }

    /// The starts of every occurrence that begins in `[from, to)`, walking the wall clock of
    /// `timeZone` so a 09:00 meeting stays at 09:00 across daylight-saving changes. Months
    /// without the start's day are skipped (RFC 5545). At most `limit` are returned.
    public func occurrences(start: Date, timeZone: TimeZone, from: Date, to: Date, limit: Int = 1000) -> [Date] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        let time = calendar.dateComponents([.hour, .minute, .second], from: start)
        var result: [Date] = []
        var produced = 0
        func emit(_ date: Date) -> Bool {
            if let until, date > until { return false }
            if let count, produced >= count { return false }
            produced += 1
            if date >= from && date < to { result.append(date) }
            return date < to && result.count < limit
        }
        switch frequency {
        case .daily:
            for step in 0..<100_000 {
                guard let day = calendar.date(byAdding: .day, value: step * interval, to: calendar.startOfDay(for: start)),
                      let date = calendar.date(bySettingHour: time.hour ?? 0, minute: time.minute ?? 0, second: time.second ?? 0, of: day) else { break }
                if !emit(date) { break }
            }
        case .weekly:
            let days = byDay.isEmpty ? [calendar.component(.weekday, from: start)] : byDay.compactMap { Self.weekdays.firstIndex(of: $0).map { $0 + 1 } }
            guard let weekStart = calendar.dateInterval(of: .weekOfYear, for: start)?.start else { return [] }
            weeks: for week in 0..<20_000 {
                guard let monday = calendar.date(byAdding: .day, value: week * interval * 7, to: weekStart) else { break }
                for offset in 0..<7 {
                    guard let day = calendar.date(byAdding: .day, value: offset, to: monday), days.contains(calendar.component(.weekday, from: day)),
                          let date = calendar.date(bySettingHour: time.hour ?? 0, minute: time.minute ?? 0, second: time.second ?? 0, of: day),
                          date >= start else { continue }
                    if !emit(date) { break weeks }
                }
            }
        case .monthly:
            let parts = calendar.dateComponents([.year, .month, .day], from: start)
            for step in 0..<12_000 {
                var wanted = DateComponents()
                wanted.year = parts.year
                wanted.month = (parts.month ?? 1) + step * interval
                wanted.day = 1
                guard let first = calendar.date(from: wanted), let days = calendar.range(of: .day, in: .month, for: first) else { break }
                guard days.contains(parts.day ?? 1) else { continue }
                guard let day = calendar.date(byAdding: .day, value: (parts.day ?? 1) - 1, to: first),
                      let date = calendar.date(bySettingHour: time.hour ?? 0, minute: time.minute ?? 0, second: time.second ?? 0, of: day) else { break }
                if !emit(date) { break }
            }
        }
        return result
    }

    static func invalid(_ message: String) -> ValidationError { ValidationError([FieldError("recurrence", message)]) }

    static func utcStamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    static func parseUntil(_ text: String) -> Date? {
        let digits = text.replacingOccurrences(of: "T", with: "").replacingOccurrences(of: "Z", with: "")
        guard digits.allSatisfy(\.isNumber), digits.count == 8 || digits.count == 14 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        func number(_ from: Int, _ length: Int) -> Int? { Int(digits.dropFirst(from).prefix(length)) }
        var c = DateComponents(year: number(0, 4), month: number(4, 2), day: number(6, 2))
        if digits.count == 14 { c.hour = number(8, 2); c.minute = number(10, 2); c.second = number(12, 2) } else { c.hour = 23; c.minute = 59; c.second = 59 }
        guard let month = c.month, (1...12).contains(month), let day = c.day, (1...31).contains(day) else { return nil }
        return calendar.date(from: c)
    }
}
