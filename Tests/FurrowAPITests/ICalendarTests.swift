import Foundation
import FurrowDocuments
import FurrowDomain
import Testing

@Suite("Calendar feeds (RFC 5545)")
struct ICalendarTests {
    static let stamp = instant("2026-11-01T08:15:30Z")

    @Test("a line of 75 octets stays whole; a longer one folds before the character that would overflow", arguments: [
        (String(repeating: "x", count: 67), ["SUMMARY:" + String(repeating: "x", count: 67)]),
        (String(repeating: "x", count: 68), ["SUMMARY:" + String(repeating: "x", count: 67), " x"]),
        (String(repeating: "x", count: 66) + "é", ["SUMMARY:" + String(repeating: "x", count: 66), " é"]),
        (String(repeating: "x", count: 64) + "🚜", ["SUMMARY:" + String(repeating: "x", count: 64), " 🚜"]),
        (String(repeating: "x", count: 63) + "🚜", ["SUMMARY:" + String(repeating: "x", count: 63) + "🚜"]),
    ])
    func foldBoundary(summary: String, expected: [String]) {
        // given
        let item = CalendarFeedItem(uid: "fold@furrow", stamp: Self.stamp, summary: summary, start: Self.stamp)
        // when
        let feed = Feed(ICalendar.feed(name: "Fold", timeZone: utc, items: [item]))
        // then
        let start = feed.physical.firstIndex { $0.hasPrefix("SUMMARY:") }
        #expect(start.map { Array(feed.physical[$0..<min($0 + expected.count + 1, feed.physical.count)]) } == expected + ["STATUS:CONFIRMED"])
    }

    @Test("long multi-byte text folds into lines of at most 75 octets that are each valid UTF-8, and unfolding restores it")
    func folding() throws {
        // given
        let summary = String(repeating: "Größe 🚜 Łódź 日本語 👩‍👩‍👧 ", count: 12)
        let description = String(repeating: "é", count: 500) + String(repeating: "€", count: 333)
        let item = CalendarFeedItem(uid: "long@furrow", stamp: Self.stamp, summary: summary, description: description,
                                    categories: [String(repeating: "Straße ", count: 20)], start: Self.stamp)
        // when
        let feed = Feed(ICalendar.feed(name: String(repeating: "Kalender für Größe ", count: 8), timeZone: london, items: [item]))
        // then
        #expect(feed.physicalBytes.allSatisfy { $0.count <= 75 })
        #expect(feed.physicalBytes.allSatisfy { String(validating: $0, as: UTF8.self) != nil })
        #expect(feed.physical.count > feed.lines.count + 20)
        #expect(feed.value("SUMMARY") == summary)
        #expect(feed.value("DESCRIPTION") == description)
        #expect(feed.value("X-WR-CALNAME") == String(repeating: "Kalender für Größe ", count: 8))
        #expect(feed.list("CATEGORIES") == [String(repeating: "Straße ", count: 20)])
    }

    @Test("hostile text round-trips through escaping and cannot break out of its property", arguments: [
        "Smith, Jones; Partners",
        #"C:\path\to\file; a\,b \n not a newline"#,
        "line one\nline two\r\nline three\rline four",
        "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected",
        "Emoji 🧑🏽‍🌾👍🏻 Ünïcödé 中文 עברית \"quoted\" : colon\ttab",
        "trailing backslash \\",
    ])
    func escaping(text: String) throws {
        // given
        let item = CalendarFeedItem(uid: "hostile@furrow", stamp: Self.stamp, summary: text, description: text, location: text,
                                    categories: [text, "plain", "a,b;c"], start: Self.stamp, end: Self.stamp.addingTimeInterval(3600),
                                    organizerName: text, organizerEmail: "owner@example.com",
                                    attendees: [CalendarAttendee(name: text, email: "guest@example.com")])
        // when
        let feed = Feed(ICalendar.feed(name: text, timeZone: london, items: [item]))
        // then
        let expected = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        #expect(feed.value("SUMMARY") == expected)
        #expect(feed.value("DESCRIPTION") == expected)
        #expect(feed.value("LOCATION") == expected)
        #expect(feed.value("X-WR-CALNAME") == expected)
        #expect(feed.list("CATEGORIES") == [expected, "plain", "a,b;c"])
        #expect(feed.lines.filter { $0 == "BEGIN:VEVENT" }.count == 1)
        #expect(feed.lines.filter { $0.hasPrefix("SUMMARY") }.count == 1)
        let attendee = try #require(feed.lines.first { $0.hasPrefix("ATTENDEE") })
        let name = expected.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\"", with: "")
        #expect(attendee == "ATTENDEE;CN=\"\(name)\":mailto:guest@example.com")
        #expect(feed.lines.first { $0.hasPrefix("ORGANIZER") } == "ORGANIZER;CN=\"\(name)\":mailto:owner@example.com")
    }

    @Test("every line ends in CRLF and there is no bare CR or LF")
    func lineEndings() {
        // given
        let items = [CalendarFeedItem(uid: "a@furrow", stamp: Self.stamp, summary: "A\rB\nC\r\nD", description: String(repeating: "wrap ", count: 40),
                                      start: Self.stamp),
                     CalendarFeedItem(kind: .todo, uid: "b@furrow", stamp: Self.stamp, summary: "Call back", dueDay: Day("2026-11-20"))]
        // when
        let bytes = Array(ICalendar.feed(name: "Lines", timeZone: london, items: items).utf8)
        // then
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        let carriageReturns = bytes.indices.filter { bytes[$0] == 0x0D }
        let lineFeeds = bytes.indices.filter { bytes[$0] == 0x0A }
        #expect(carriageReturns.map { $0 + 1 } == lineFeeds)
    }

    @Test("timed times are local with TZID in the feed's zone, or UTC with Z in a UTC feed", arguments: [
        ("Europe/London", "2026-11-18T09:00:00Z", "DTSTART;TZID=Europe/London:20261118T090000"),
        ("Europe/London", "2026-07-01T09:00:00Z", "DTSTART;TZID=Europe/London:20260701T100000"),
        ("America/New_York", "2026-11-18T09:00:00Z", "DTSTART;TZID=America/New_York:20261118T040000"),
        ("Asia/Kolkata", "2026-11-18T09:00:00Z", "DTSTART;TZID=Asia/Kolkata:20261118T143000"),
        ("Pacific/Auckland", "2026-12-31T12:30:00Z", "DTSTART;TZID=Pacific/Auckland:20270101T013000"),
        ("UTC", "2026-11-18T09:00:00Z", "DTSTART:20261118T090000Z"),
        ("GMT", "2026-11-18T09:00:00Z", "DTSTART:20261118T090000Z"),
    ])
    func timed(zone: String, start: String, expected: String) throws {
        // given
        let timeZone = try #require(TimeZone(identifier: zone))
        let item = CalendarFeedItem(uid: "timed@furrow", stamp: Self.stamp, summary: "Demo", start: instant(start),
                                    end: instant(start).addingTimeInterval(5400))
        // when
        let feed = Feed(ICalendar.feed(name: "Timed", timeZone: timeZone, items: [item]))
        // then
        #expect(feed.lines.first { $0.hasPrefix("DTSTART") && !feed.isInTimeZone($0) } == expected)
        #expect(feed.value("DTSTAMP") == "20261101T081530Z")
        #expect(feed.value("X-WR-TIMEZONE") == (zone == "GMT" ? "UTC" : zone))
        #expect(feed.lines.contains("BEGIN:VTIMEZONE") == (zone != "UTC" && zone != "GMT"))
        #expect(feed.lines.contains { $0.hasPrefix("TZID:") } == (zone != "UTC" && zone != "GMT"))
    }

    @Test("all-day events use DATE values with an exclusive end, whatever the zone")
    func allDay() {
        // given
        let item = CalendarFeedItem(uid: "day@furrow", stamp: Self.stamp, summary: "Trade fair", start: Self.stamp,
                                    allDayStart: Day("2026-11-18"), allDayEnd: Day("2026-11-19"))
        let sameDay = CalendarFeedItem(uid: "one@furrow", stamp: Self.stamp, summary: "Holiday",
                                       allDayStart: Day("2026-12-25"), allDayEnd: Day("2026-12-25"))
        for zone in [london, utc] {
            // when
            let feed = Feed(ICalendar.feed(name: "Days", timeZone: zone, items: [item, sameDay]))
            // then
            #expect(feed.lines.filter { $0.hasPrefix("DTSTART") && !feed.isInTimeZone($0) }
                == ["DTSTART;VALUE=DATE:20261118", "DTSTART;VALUE=DATE:20261225"])
            #expect(feed.lines.filter { $0.hasPrefix("DTEND") } == ["DTEND;VALUE=DATE:20261119"])
        }
    }

    @Test("Europe/London gets a VTIMEZONE with STANDARD (+0100 → +0000) and DAYLIGHT (+0000 → +0100) onsets in local time")
    func londonTimeZone() throws {
        // given
        let item = CalendarFeedItem(uid: "tz@furrow", stamp: Self.stamp, summary: "Review", start: instant("2026-11-18T09:00:00Z"))
        // when
        let feed = Feed(ICalendar.feed(name: "London", timeZone: london, items: [item]))
        // then
        let zone = try #require(feed.components("VTIMEZONE").first)
        #expect(feed.components("VTIMEZONE").count == 1)
        #expect(zone.first == "TZID:Europe/London")
        let daylight = feed.components("DAYLIGHT"), standard = feed.components("STANDARD")
        #expect(daylight.allSatisfy { $0.contains("TZOFFSETFROM:+0000") && $0.contains("TZOFFSETTO:+0100") })
        #expect(standard.allSatisfy { $0.contains("TZOFFSETFROM:+0100") && $0.contains("TZOFFSETTO:+0000") })
        #expect(daylight.contains { $0.contains("DTSTART:20260329T010000") })
        #expect(standard.contains { $0.contains("DTSTART:20261025T020000") })
        // Two years before to three after the item, starting from the change in force then.
        #expect(standard.first?.contains("DTSTART:20241027T020000") == true)
        #expect(daylight.last?.contains("DTSTART:20290325T010000") == true)
        #expect((daylight.count, standard.count) == (5, 6))
        #expect((daylight + standard).allSatisfy { (observance: [String]) in observance.contains { $0.hasPrefix("TZNAME:") } })
    }

    @Test("a zone without daylight saving has one STANDARD from 1970; offsets can be negative and fractional", arguments: [
        ("Asia/Tokyo", ["+0900"]), ("Asia/Kolkata", ["+0530"]), ("America/St_Johns", ["-0330", "-0230"]),
    ])
    func offsets(zone: String, expected: [String]) throws {
        // given
        let item = CalendarFeedItem(uid: "zone@furrow", stamp: Self.stamp, summary: "Call", start: Self.stamp)
        // when
        let feed = Feed(ICalendar.feed(name: zone, timeZone: try #require(TimeZone(identifier: zone)), items: [item]))
        // then
        let offsets = Set(feed.lines.filter { $0.hasPrefix("TZOFFSETTO:") }.map { String($0.dropFirst(11)) })
        #expect(offsets == Set(expected))
        if expected.count == 1 {
            #expect(feed.components("STANDARD") == [["DTSTART:19700101T000000", "TZOFFSETFROM:\(expected[0])", "TZOFFSETTO:\(expected[0])"]
                + feed.components("STANDARD")[0].filter { $0.hasPrefix("TZNAME:") }])
            #expect(feed.components("DAYLIGHT").isEmpty)
        }
    }

    @Test("a time in the repeated hour after clocks go back is written in UTC, since a local time means the first pass")
    func repeatedHour() {
        // given 01:30 BST is 00:30Z; 01:30 GMT is 01:30Z
        let first = CalendarFeedItem(uid: "1@furrow", stamp: Self.stamp, summary: "First", start: instant("2026-10-25T00:30:00Z"))
        let second = CalendarFeedItem(uid: "2@furrow", stamp: Self.stamp, summary: "Second", start: instant("2026-10-25T01:30:00Z"))
        // when
        let feed = Feed(ICalendar.feed(name: "Autumn", timeZone: london, items: [first, second]))
        // then
        #expect(feed.components("VEVENT").map { $0.first { $0.hasPrefix("DTSTART") } }
            == ["DTSTART;TZID=Europe/London:20261025T013000", "DTSTART:20261025T013000Z"])
    }

    @Test("events carry their fields; one without a start is left out and an end not after the start is dropped")
    func events() throws {
        // given
        let meeting = CalendarFeedItem(uid: "meet@furrow", sequence: 3, stamp: Self.stamp, summary: "Kick-off", description: "Agenda",
                                       location: "Room 1", url: "https://crm.example.com/activities/1?tab=notes&x=a b",
                                       categories: ["Meeting", "Acme"], start: instant("2026-11-18T09:00:00Z"), end: instant("2026-11-18T10:00:00Z"),
                                       status: "tentative", rrule: "FREQ=WEEKLY;INTERVAL=1;COUNT=5",
                                       organizerName: "Olga Owner", organizerEmail: "olga@example.com",
                                       attendees: [CalendarAttendee(name: "Ann", email: "ann@example.com"), CalendarAttendee(name: "Bob")])
        let point = CalendarFeedItem(uid: "point@furrow", stamp: Self.stamp, summary: "Deadline", start: Self.stamp, end: Self.stamp, status: "DONE")
        let undated = CalendarFeedItem(uid: "none@furrow", stamp: Self.stamp, summary: "No date")
        // when
        let feed = Feed(ICalendar.feed(name: "Events", timeZone: london, items: [meeting, undated, point]))
        // then
        let events = feed.components("VEVENT")
        try #require(events.count == 2)
        #expect(events[0] == [
            "UID:meet@furrow", "DTSTAMP:20261101T081530Z", "SEQUENCE:3",
            "DTSTART;TZID=Europe/London:20261118T090000", "DTEND;TZID=Europe/London:20261118T100000",
            "RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=5", "SUMMARY:Kick-off", "DESCRIPTION:Agenda", "LOCATION:Room 1",
            "URL:https://crm.example.com/activities/1?tab=notes&x=a%20b", "CATEGORIES:Meeting,Acme", "STATUS:TENTATIVE",
            "ORGANIZER;CN=\"Olga Owner\":mailto:olga@example.com",
            "ATTENDEE;CN=\"Ann\":mailto:ann@example.com", "ATTENDEE;CN=\"Bob\":invalid:nomail",
        ])
        #expect(events[1] == ["UID:point@furrow", "DTSTAMP:20261101T081530Z", "SEQUENCE:0",
                              "DTSTART;TZID=Europe/London:20261101T081530", "SUMMARY:Deadline"])
        #expect(!feed.lines.contains("UID:none@furrow"))
    }

    @Test("todos carry start, due, status and completion; a due day is a DATE")
    func todos() throws {
        // given
        let done = CalendarFeedItem(kind: .todo, uid: "task@furrow", sequence: 1, stamp: Self.stamp, summary: "Send quote", description: "Q-0001",
                                    url: "https://crm.example.com/tasks/1", categories: ["Task"],
                                    start: instant("2026-11-17T08:00:00Z"), due: instant("2026-11-18T17:00:00Z"),
                                    status: "COMPLETED", completed: instant("2026-11-18T15:45:00Z"))
        let open = CalendarFeedItem(kind: .todo, uid: "call@furrow", stamp: Self.stamp, summary: "Call back", dueDay: Day("2026-11-20"))
        // when
        let feed = Feed(ICalendar.feed(name: "Tasks", timeZone: london, items: [done, open]))
        // then
        let todos = feed.components("VTODO")
        try #require(todos.count == 2)
        #expect(todos[0] == [
            "UID:task@furrow", "DTSTAMP:20261101T081530Z", "SEQUENCE:1",
            "DTSTART;TZID=Europe/London:20261117T080000", "DUE;TZID=Europe/London:20261118T170000",
            "SUMMARY:Send quote", "DESCRIPTION:Q-0001", "STATUS:COMPLETED", "COMPLETED:20261118T154500Z",
            "URL:https://crm.example.com/tasks/1", "CATEGORIES:Task",
        ])
        #expect(todos[1] == ["UID:call@furrow", "DTSTAMP:20261101T081530Z", "SEQUENCE:0", "DUE;VALUE=DATE:20261120",
                             "SUMMARY:Call back", "STATUS:NEEDS-ACTION"])
        #expect(feed.components("VEVENT").isEmpty)
    }

    @Test("the feed opens with the calendar properties, and the same input gives the same bytes")
    func determinism() {
        // given
        let items = [CalendarFeedItem(uid: "a@furrow", stamp: Self.stamp, summary: "Ä, b; c", start: Self.stamp),
                     CalendarFeedItem(kind: .todo, uid: "b@furrow", stamp: Self.stamp, summary: "Todo", due: Self.stamp),
                     CalendarFeedItem(uid: "c@furrow", stamp: Self.stamp, summary: "Day", allDayStart: Day("2027-01-01"))]
        // when
        let first = ICalendar.feed(name: "Team", timeZone: london, items: items)
        let second = ICalendar.feed(name: "Team", timeZone: TimeZone(identifier: "Europe/London")!, items: items.map { $0 })
        // then
        #expect(first == second)
        #expect(Array(Feed(first).lines.prefix(7)) == ["BEGIN:VCALENDAR", "PRODID:-//Furrow//Furrow CRM//EN", "VERSION:2.0",
                                                      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Team",
                                                      "X-WR-TIMEZONE:Europe/London"])
        #expect(Feed(first).lines.last == "END:VCALENDAR")
        #expect(ICalendar.feed(name: "Team", timeZone: utc, items: []).hasSuffix("X-WR-TIMEZONE:UTC\r\nEND:VCALENDAR\r\n"))
    }
}

private let london = TimeZone(identifier: "Europe/London")!
private let utc = TimeZone(identifier: "UTC")!

private func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// A feed read back the way a client reads it: physical lines split at CRLF, unfolded into
/// content lines, TEXT values unescaped.
private struct Feed {
    let physicalBytes: [[UInt8]]
    let physical: [String]
    let lines: [String]

    init(_ text: String) {
        var rows: [[UInt8]] = [[]]
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                rows.append([])
                index += 2
            } else {
                rows[rows.count - 1].append(bytes[index])
                index += 1
            }
        }
        if rows.last == [] { rows.removeLast() }
        physicalBytes = rows
        physical = rows.map { String(decoding: $0, as: UTF8.self) }
        var logical: [[UInt8]] = []
        for row in rows {
            if row.first == 0x20, !logical.isEmpty { logical[logical.count - 1] += row.dropFirst() } else { logical.append(row) }
        }
        lines = logical.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The lines between each `BEGIN:name` and its `END:name`.
    func components(_ name: String) -> [[String]] {
        var found: [[String]] = []
        var current: [String]? = nil
        for line in lines {
            if line == "BEGIN:\(name)" { current = [] } else if line == "END:\(name)" {
                if let done = current { found.append(done) }
                current = nil
            } else { current?.append(line) }
        }
        return found
    }

    func isInTimeZone(_ line: String) -> Bool { components("VTIMEZONE").joined().contains(line) }

    /// The raw value of the first property `name` outside VTIMEZONE.
    func raw(_ name: String) -> String? {
        guard let line = lines.first(where: { ($0.hasPrefix(name + ":") || $0.hasPrefix(name + ";")) && !isInTimeZone($0) }) else { return nil }
        var quoted = false
        for (offset, character) in line.unicodeScalars.enumerated() {
            if character == "\"" { quoted.toggle() }
            if character == ":" && !quoted { return String(String.UnicodeScalarView(line.unicodeScalars.dropFirst(offset + 1))) }
        }
        return nil
    }

    func value(_ name: String) -> String? { raw(name).map { Self.unescape($0).joined(separator: ",") } }

    func list(_ name: String) -> [String]? { raw(name).map(Self.unescape) }

    /// TEXT unescaping, splitting at unescaped commas.
    static func unescape(_ text: String) -> [String] {
        var parts = [""]
        var escaped = false
        for scalar in text.unicodeScalars {
            if escaped {
                parts[parts.count - 1] += scalar == "n" || scalar == "N" ? "\n" : String(scalar)
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == "," {
                parts.append("")
            } else {
                parts[parts.count - 1].unicodeScalars.append(scalar)
            }
        }
        return parts
    }
}
