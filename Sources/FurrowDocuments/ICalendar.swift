import Foundation
import FurrowDomain

/// Someone taking part in a calendar item. Without an email address they are listed by name
/// with the calendar address `invalid:nomail`, the convention calendar clients already use.
public struct CalendarAttendee: Sendable, Equatable {
    public var name: String
    public var email: String?

    public init(name: String, email: String? = nil) {
        self.name = name
        self.email = email
    }
}

/// One VEVENT or VTODO of a published feed (RFC 5545 §3.6.1, §3.6.2), already resolved from the
/// CRM's records: timed items carry instants, all-day items carry days.
public struct CalendarFeedItem: Sendable, Equatable {
    public enum Kind: Sendable { case event, todo }
    public var kind: Kind
    /// Stable across feeds, e.g. `<uuid>@furrow`.
    public var uid: String
    /// Bumped when the time changes.
    public var sequence: Int
    /// DTSTAMP: the record's last change.
    public var stamp: Date
    public var summary: String
    public var description: String?
    public var location: String?
    public var url: String?
    public var categories: [String]
    /// Timed start (events and todos), end (events) and due (todos), written in the feed's zone.
    public var start: Date?
    public var end: Date?
    public var due: Date?
    /// All-day: the first day and the day after the last (DTEND is exclusive). `allDayStart`
    /// wins over `start`; todos use `allDayStart` as a DTSTART date and ignore `allDayEnd`.
    public var allDayStart: Day?
    public var allDayEnd: Day?
    /// A todo due on a day rather than at a time (`DUE;VALUE=DATE`); wins over `due`.
    public var dueDay: Day?
    /// Events: TENTATIVE, CONFIRMED, CANCELLED; todos: NEEDS-ACTION, IN-PROCESS, COMPLETED,
    /// CANCELLED. Any other value leaves STATUS out.
    public var status: String
    /// Todos: when it was completed.
    public var completed: Date?
    /// An already valid RRULE value such as `FREQ=WEEKLY;INTERVAL=1;COUNT=5`, written as-is.
    public var rrule: String?
    /// ORGANIZER is written only with an email address.
    public var organizerName: String?
    public var organizerEmail: String?
    public var attendees: [CalendarAttendee]

    /// `status` nil means CONFIRMED for an event and NEEDS-ACTION for a todo.
    public init(kind: Kind = .event, uid: String, sequence: Int = 0, stamp: Date, summary: String,
                description: String? = nil, location: String? = nil, url: String? = nil, categories: [String] = [],
                start: Date? = nil, end: Date? = nil, due: Date? = nil,
                allDayStart: Day? = nil, allDayEnd: Day? = nil, dueDay: Day? = nil,
                status: String? = nil, completed: Date? = nil, rrule: String? = nil,
                organizerName: String? = nil, organizerEmail: String? = nil, attendees: [CalendarAttendee] = []) {
        self.kind = kind
        self.uid = uid
        self.sequence = sequence
        self.stamp = stamp
        self.summary = summary
        self.description = description
        self.location = location
        self.url = url
        self.categories = categories
        self.start = start
        self.end = end
        self.due = due
        self.allDayStart = allDayStart
        self.allDayEnd = allDayEnd
        self.dueDay = dueDay
        self.status = status ?? (kind == .event ? "CONFIRMED" : "NEEDS-ACTION")
        self.completed = completed
        self.rrule = rrule
        self.organizerName = organizerName
        self.organizerEmail = organizerEmail
        self.attendees = attendees
    }
}

/// An RFC 5545 calendar writer: values in, text out, the same bytes for the same input (the
/// server hashes it for an ETag). Lines end in CRLF and fold at 75 octets without splitting a
/// UTF-8 character; TEXT values are escaped; control characters cannot break a line.
public enum ICalendar {
    /// A whole VCALENDAR with one VTIMEZONE for `timeZone` (none for UTC), then the items in
    /// order. An event with neither `start` nor `allDayStart` is left out: PUBLISH needs DTSTART.
    public static func feed(name: String, timeZone: TimeZone, items: [CalendarFeedItem]) -> String {
        let zone = FeedZone(timeZone)
        var lines = ContentLines()
        lines.add("BEGIN:VCALENDAR")
        lines.add("PRODID:-//Furrow//Furrow CRM//EN")
        lines.add("VERSION:2.0")
        lines.add("CALSCALE:GREGORIAN")
        lines.add("METHOD:PUBLISH")
        lines.add("X-WR-CALNAME:" + text(name))
        // Foundation on Linux names UTC "GMT"; calendar clients know the zone best as "UTC".
        lines.add("X-WR-TIMEZONE:" + text(zone.tzid ?? "UTC"))
        if zone.tzid != nil { zone.write(covering: coverage(of: items), to: &lines) }
        for item in items {
            switch item.kind {
            case .event: event(item, zone: zone, to: &lines)
            case .todo: todo(item, zone: zone, to: &lines)
            }
        }
        lines.add("END:VCALENDAR")
        return lines.text
    }

    /// A start, end or due: a whole day or an instant.
    enum Moment {
        case day(Day)
        case time(Date)

        func isLater(than other: Moment) -> Bool {
            switch (self, other) {
            case let (.day(a), .day(b)): a > b
            case let (.time(a), .time(b)): a > b
            default: false
            }
        }
    }

    static func event(_ item: CalendarFeedItem, zone: FeedZone, to lines: inout ContentLines) {
        let start = item.allDayStart.map(Moment.day) ?? item.start.map(Moment.time)
        guard let start else { return }
        let end = item.allDayStart != nil ? item.allDayEnd.map(Moment.day) : item.end.map(Moment.time)
        let recurring = item.rrule.map(uri) ?? ""
        lines.add("BEGIN:VEVENT")
        header(item, to: &lines)
        lines.add(zone.property("DTSTART", start, recurring: !recurring.isEmpty))
        // DTEND must be later than DTSTART; without it the event lasts its start day or instant.
        if let end, end.isLater(than: start) { lines.add(zone.property("DTEND", end, recurring: !recurring.isEmpty)) }
        if !recurring.isEmpty { lines.add("RRULE:" + recurring) }
        texts(item, to: &lines)
        links(item, to: &lines)
        status(item, allowed: ["TENTATIVE", "CONFIRMED", "CANCELLED"], to: &lines)
        people(item, to: &lines)
        lines.add("END:VEVENT")
    }

    static func todo(_ item: CalendarFeedItem, zone: FeedZone, to lines: inout ContentLines) {
        var start = item.allDayStart.map(Moment.day) ?? item.start.map(Moment.time)
        let due = item.dueDay.map(Moment.day) ?? item.due.map(Moment.time)
        // DUE must have DTSTART's value type and be later; the due date is what a task is about.
        if let first = start, let due, !due.isLater(than: first) { start = nil }
        let recurring = start == nil ? "" : item.rrule.map(uri) ?? ""
        lines.add("BEGIN:VTODO")
        header(item, to: &lines)
        if let start { lines.add(zone.property("DTSTART", start, recurring: !recurring.isEmpty)) }
        if let due { lines.add(zone.property("DUE", due, recurring: !recurring.isEmpty)) }
        if !recurring.isEmpty { lines.add("RRULE:" + recurring) }
        texts(item, to: &lines)
        status(item, allowed: ["NEEDS-ACTION", "IN-PROCESS", "COMPLETED", "CANCELLED"], to: &lines)
        if let completed = item.completed { lines.add("COMPLETED:" + utc(completed)) }
        links(item, to: &lines)
        people(item, to: &lines)
        lines.add("END:VTODO")
    }

    static func header(_ item: CalendarFeedItem, to lines: inout ContentLines) {
        lines.add("UID:" + text(item.uid))
        lines.add("DTSTAMP:" + utc(item.stamp))
        lines.add("SEQUENCE:\(max(0, item.sequence))")
    }

    static func texts(_ item: CalendarFeedItem, to lines: inout ContentLines) {
        if !item.summary.isEmpty { lines.add("SUMMARY:" + text(item.summary)) }
        if let description = item.description, !description.isEmpty { lines.add("DESCRIPTION:" + text(description)) }
        if let location = item.location, !location.isEmpty { lines.add("LOCATION:" + text(location)) }
    }

    static func links(_ item: CalendarFeedItem, to lines: inout ContentLines) {
        if let url = item.url.map(uri), !url.isEmpty { lines.add("URL:" + url) }
        let categories = item.categories.filter { !$0.isEmpty }.map(text)
        if !categories.isEmpty { lines.add("CATEGORIES:" + categories.joined(separator: ",")) }
    }

    static func status(_ item: CalendarFeedItem, allowed: Set<String>, to lines: inout ContentLines) {
        let status = item.status.uppercased()
        if allowed.contains(status) { lines.add("STATUS:" + status) }
    }

    static func people(_ item: CalendarFeedItem, to lines: inout ContentLines) {
        if let email = item.organizerEmail.map(uri), !email.isEmpty {
            lines.add("ORGANIZER" + commonName(item.organizerName) + ":mailto:" + email)
        }
        for attendee in item.attendees {
            let email = attendee.email.map(uri) ?? ""
            lines.add("ATTENDEE" + commonName(attendee.name) + ":" + (email.isEmpty ? "invalid:nomail" : "mailto:" + email))
        }
    }

    /// `;CN="…"` with what a quoted parameter cannot hold removed (RFC 5545 §3.1: QSAFE-CHAR):
    /// line breaks become a space, DQUOTE and other control characters go.
    static func commonName(_ name: String?) -> String {
        var result = ""
        var afterCR = false
        for scalar in (name ?? "").unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\n" where afterCR: continue
            case "\r", "\n": result.append(" ")
            case "\"": continue
            case "\t": result.unicodeScalars.append(scalar)
            default: if !isControl(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result.isEmpty ? "" : ";CN=\"" + result + "\""
    }

    /// A TEXT value (RFC 5545 §3.3.11): `\\`, `\;`, `\,`, and `\n` for LF, CR LF and CR; other
    /// control characters but tab are not allowed and are dropped.
    static func text(_ value: String) -> String {
        var result = ""
        var afterCR = false
        for scalar in value.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\n" where afterCR: continue
            case "\r", "\n": result += "\\n"
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\t": result.unicodeScalars.append(scalar)
            default: if !isControl(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// A URI, calendar address or RRULE value: control characters, spaces, DQUOTE and non-ASCII
    /// are percent-encoded so that nothing in it can end the content line.
    static func uri(_ value: String) -> String {
        var result = ""
        for byte in value.utf8 {
            if byte <= 0x20 || byte == 0x22 || byte >= 0x7F {
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            } else {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return result
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x20 || scalar.value == 0x7F }

    /// `20261118T090000Z`.
    static func utc(_ date: Date) -> String { wallClock(seconds(date)) + "Z" }

    static func seconds(_ date: Date) -> Int { Int(date.timeIntervalSince1970.rounded(.down)) }

    /// `20261118T090000` for a count of seconds since 1970-01-01T00:00:00 on some wall clock.
    static func wallClock(_ seconds: Int) -> String {
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let time = seconds - days * 86_400
        return basic(Day(ordinal: days)) + "T" + String(time / 3600).leftPadded(to: 2)
            + String(time % 3600 / 60).leftPadded(to: 2) + String(time % 60).leftPadded(to: 2)
    }

    /// `20261118`.
    static func basic(_ day: Day) -> String { String(day.description.filter { $0 != "-" }) }

    /// The span the VTIMEZONE must describe: the items' zoned times (or their stamps when none
    /// has one; now for an empty feed), from two years before to three years after.
    static func coverage(of items: [CalendarFeedItem]) -> ClosedRange<Date> {
        var dates = items.flatMap { item in
            [item.start, item.end, item.due].compactMap { $0 }
                + [item.allDayStart, item.allDayEnd, item.dueDay].compactMap { $0 }.map { Date(timeIntervalSince1970: Double($0.ordinal) * 86_400) }
        }
        if dates.isEmpty { dates = items.map(\.stamp) }
        let earliest = dates.min() ?? Date()
        let latest = dates.max() ?? earliest
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        let from = gregorian.date(byAdding: .year, value: -2, to: earliest) ?? earliest
        let to = gregorian.date(byAdding: .year, value: 3, to: latest) ?? latest
        return from...to
    }
}

/// The feed's zone: timed values are local times with TZID, described by one VTIMEZONE
/// (RFC 5545 §3.6.5) whose observances are the zone's changes, one component each; a UTC feed
/// writes UTC times and has no VTIMEZONE.
struct FeedZone {
    static let utcIdentifiers: Set<String> = ["UTC", "UCT", "GMT", "GMT0", "Zulu", "Universal", "Greenwich",
                                              "Etc/UTC", "Etc/UCT", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0",
                                              "Etc/Zulu", "Etc/Universal", "Etc/Greenwich"]
    let zone: TimeZone
    let tzid: String?

    init(_ zone: TimeZone) {
        self.zone = zone
        tzid = Self.utcIdentifiers.contains(zone.identifier) ? nil : zone.identifier
    }

    func property(_ name: String, _ moment: ICalendar.Moment, recurring: Bool) -> String {
        switch moment {
        case .day(let day):
            return name + ";VALUE=DATE:" + ICalendar.basic(day)
        case .time(let date):
            guard let tzid, recurring || !isRepeatedWallClock(date) else { return name + ":" + ICalendar.utc(date) }
            let parameter = tzid.unicodeScalars.contains { ";:,\"".unicodeScalars.contains($0) || ICalendar.isControl($0) }
                ? "\"" + String(tzid.unicodeScalars.filter { $0 != "\"" && !ICalendar.isControl($0) }.map(Character.init)) + "\""
                : tzid
            return name + ";TZID=" + parameter + ":" + ICalendar.wallClock(ICalendar.seconds(date) + zone.secondsFromGMT(for: date))
        }
    }

    /// Whether `date` falls in the second pass through an hour repeated when the clocks went back.
    /// A local time names the first pass (RFC 5545 §3.3.5), so a one-off item there is written in
    /// UTC; a recurring one keeps local time so that its later occurrences stay right.
    func isRepeatedWallClock(_ date: Date) -> Bool {
        guard let change = zone.nextDaylightSavingTimeTransition(after: date.addingTimeInterval(-86_400)), change <= date else { return false }
        let shift = zone.secondsFromGMT(for: change.addingTimeInterval(-1)) - zone.secondsFromGMT(for: change)
        return shift > 0 && date.timeIntervalSince(change) < Double(shift)
    }

    func write(covering span: ClosedRange<Date>, to lines: inout ContentLines) {
        guard let tzid else { return }
        var changes: [Date] = []
        var cursor = span.lowerBound.addingTimeInterval(-400 * 86_400)
        while changes.count < 1_000, let next = zone.nextDaylightSavingTimeTransition(after: cursor), next <= span.upperBound {
            changes.append(next)
            cursor = next
        }
        // The last change before the span sets the offset at its start; later ones are inside it.
        let inside = changes.firstIndex { $0 > span.lowerBound } ?? changes.count
        lines.add("BEGIN:VTIMEZONE")
        lines.add("TZID:" + ICalendar.text(tzid))
        if inside == 0 {
            let offset = zone.secondsFromGMT(for: span.lowerBound)
            observance(daylight: zone.isDaylightSavingTime(for: span.lowerBound), onset: 0, offsetFrom: offset, offsetTo: offset,
                       name: zone.abbreviation(for: span.lowerBound), into: &lines)
        }
        for change in changes[max(0, inside - 1)...] {
            let before = zone.secondsFromGMT(for: change.addingTimeInterval(-1))
            observance(daylight: zone.isDaylightSavingTime(for: change), onset: ICalendar.seconds(change) + before,
                       offsetFrom: before, offsetTo: zone.secondsFromGMT(for: change), name: zone.abbreviation(for: change), into: &lines)
        }
        lines.add("END:VTIMEZONE")
    }

    /// One STANDARD or DAYLIGHT component; its DTSTART is the local time before the change.
    func observance(daylight: Bool, onset: Int, offsetFrom: Int, offsetTo: Int, name: String?, into lines: inout ContentLines) {
        let kind = daylight ? "DAYLIGHT" : "STANDARD"
        lines.add("BEGIN:" + kind)
        lines.add("DTSTART:" + ICalendar.wallClock(onset))
        lines.add("TZOFFSETFROM:" + Self.offset(offsetFrom))
        lines.add("TZOFFSETTO:" + Self.offset(offsetTo))
        if let name, !name.isEmpty { lines.add("TZNAME:" + ICalendar.text(name)) }
        lines.add("END:" + kind)
    }

    /// `+0100`, `-0330`, with seconds only when there are some (RFC 5545 §3.3.14).
    static func offset(_ seconds: Int) -> String {
        let magnitude = abs(seconds)
        let text = (seconds < 0 ? "-" : "+") + String(magnitude / 3600).leftPadded(to: 2) + String(magnitude % 3600 / 60).leftPadded(to: 2)
        return magnitude % 60 == 0 ? text : text + String(magnitude % 60).leftPadded(to: 2)
    }
}

/// Content lines (RFC 5545 §3.1): CRLF-terminated, folded at 75 octets with a leading space,
/// never inside a UTF-8 sequence.
struct ContentLines {
    private var bytes: [UInt8] = []

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func add(_ line: String) {
        var used = 0
        for byte in line.utf8 {
            let width = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 0
            if width > 0 && used + width > 75 {
                bytes += [0x0D, 0x0A, 0x20]
                used = 1
            }
            bytes.append(byte)
            used += 1
        }
        bytes += [0x0D, 0x0A]
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
