import Foundation
import FurrowDomain
import Testing

@Suite("Recurrence: RRULE subset and expansion")
struct RecurrenceTests {
    static let london = TimeZone(identifier: "Europe/London")!

    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// Expands a rule from a start over a window and prints each start in London wall time.
    static func expand(_ rule: String, start: String, from: String, to: String) throws -> [String] {
        let recurrence = try Recurrence(rule: rule)
        let formatter = DateFormatter()
        formatter.timeZone = london
        formatter.locale = Locale(identifier: "en_GB_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return recurrence.occurrences(start: at(start), timeZone: london, from: at(from), to: at(to)).map(formatter.string)
    }

    @Test("expansion table", arguments: [
        ("FREQ=DAILY;COUNT=3", "2026-11-18T09:00:00Z", "2026-11-01T00:00:00Z", "2026-12-31T00:00:00Z",
         ["2026-11-18 09:00", "2026-11-19 09:00", "2026-11-20 09:00"]),
        ("FREQ=DAILY;INTERVAL=2;COUNT=3", "2026-11-18T09:00:00Z", "2026-11-01T00:00:00Z", "2026-12-31T00:00:00Z",
         ["2026-11-18 09:00", "2026-11-20 09:00", "2026-11-22 09:00"]),
        // the window cuts, the count still counts from the start
        ("FREQ=DAILY;COUNT=5", "2026-11-18T09:00:00Z", "2026-11-20T00:00:00Z", "2026-12-31T00:00:00Z",
         ["2026-11-20 09:00", "2026-11-21 09:00", "2026-11-22 09:00"]),
        ("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4", "2026-11-18T09:00:00Z", "2026-11-01T00:00:00Z", "2026-12-31T00:00:00Z",
         ["2026-11-18 09:00", "2026-11-23 09:00", "2026-11-25 09:00", "2026-11-30 09:00"]),
        ("FREQ=WEEKLY;INTERVAL=2;UNTIL=20261216T235959Z", "2026-11-18T09:00:00Z", "2026-11-01T00:00:00Z", "2027-03-01T00:00:00Z",
         ["2026-11-18 09:00", "2026-12-02 09:00", "2026-12-16 09:00"]),
        // months without the 31st are skipped
        ("FREQ=MONTHLY;COUNT=4", "2027-01-31T10:00:00Z", "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z",
         ["2027-01-31 10:00", "2027-03-31 10:00", "2027-05-31 10:00", "2027-07-31 10:00"]),
        // wall-clock time survives the change to summer time (29 March 2026)
        ("FREQ=DAILY;COUNT=3", "2026-03-28T09:00:00Z", "2026-03-01T00:00:00Z", "2026-04-30T00:00:00Z",
         ["2026-03-28 09:00", "2026-03-29 09:00", "2026-03-30 09:00"]),
        // open-ended: only the window
        ("FREQ=WEEKLY", "2026-11-18T09:00:00Z", "2026-12-01T00:00:00Z", "2026-12-15T00:00:00Z",
         ["2026-12-02 09:00", "2026-12-09 09:00"]),
    ])
    func table(rule: String, start: String, from: String, to: String, expected: [String]) throws {
        #expect(try Self.expand(rule, start: start, from: from, to: to) == expected)
    }

    @Test("rules print back the same and unsupported parts are refused with a reason")
    func parsing() throws {
        #expect(try Recurrence(rule: "RRULE:freq=weekly;byday=we,mo;interval=2;count=6").rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=6")
        #expect(try Recurrence(rule: "FREQ=DAILY;UNTIL=20261231").rule == "FREQ=DAILY;UNTIL=20261231T235959Z")
        for bad in ["", "FREQ=YEARLY", "FREQ=DAILY;COUNT=0", "FREQ=DAILY;COUNT=2;UNTIL=20261231", "FREQ=MONTHLY;BYDAY=MO",
                    "FREQ=WEEKLY;BYDAY=XX", "FREQ=DAILY;BYHOUR=9", "FREQ=DAILY;INTERVAL=0", "FREQ=DAILY;FREQ=WEEKLY", "FREQ=DAILY;UNTIL=2026"] {
            #expect(throws: ValidationError.self, "\(bad)") { try Recurrence(rule: bad) }
        }
    }

    @Test("an activity's shape: meetings need both ends in order; closed ones cannot be completed again")
    func activityRules() throws {
        let owner = Ownership(ownerId: User.ID(UUID()), teamId: nil)
        let now = Self.at("2026-11-18T09:00:00Z")
        let meeting = Activity(id: Activity.ID(UUID()), kind: .appointment, subject: "Visit", startAt: now, ownership: owner, createdAt: now, updatedAt: now)
        #expect(throws: ValidationError([FieldError("endAt", "is required for an appointment")])) { try meeting.validated() }
        var backwards = meeting
        backwards.endAt = now.addingTimeInterval(-60)
        #expect(throws: ValidationError([FieldError("endAt", "must not be before startAt")])) { try backwards.validated() }
        var task = Activity(id: Activity.ID(UUID()), kind: .task, subject: "  Call back  ", ownership: owner, createdAt: now, updatedAt: now)
        #expect(try task.validated().subject == "Call back")
        try task.complete(outcome: "Done", at: now)
        #expect(throws: ActivityError.notOpen) { try task.complete(outcome: nil, at: now) }
        try task.reopen()
        #expect(task.status == .open && task.completedAt == nil)
    }
}
