import FurrowDomain
import Testing

/// `Day` reads and writes `YYYY-MM-DD` itself, byte by byte: every date it writes reads back as
/// the same day, and nothing but a real date from 1900 to 2999 reads at all.
@Suite("Day text")
struct DayTests {
    @Test("every day from 1900-01-01 to 2999-12-31 writes as YYYY-MM-DD and reads back as itself")
    func roundTrip() {
        // given
        let first = Day(year: 1900, month: 1, day: 1), last = Day(year: 2999, month: 12, day: 31)
        // when
        let broken = (first.ordinal...last.ordinal).map(Day.init(ordinal:)).filter { day in
            let text = day.description
            return text.utf8.count != 10 || Day(text) != day
        }
        // then
        #expect(broken.isEmpty)
        #expect(first.description == "1900-01-01")
        #expect(Day(year: 2024, month: 2, day: 29).description == "2024-02-29")
    }

    @Test("text that is not a real day in the years 1900 to 2999 is refused", arguments: [
        "2026-02-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-04-31", "2100-02-29", "1899-12-31", "3000-01-01",
        "26-01-01", "2026-1-01", "2026-01-1", "2026/01/01", "+026-01-01", "2026-01-0a", " 2026-01-01", "2026-01-01 ",
        "２０２６-01-01", "", "2026-01-01T00:00:00Z",
    ])
    func refused(text: String) {
        #expect(Day(text) == nil)
    }

    @Test("leap days read where they exist")
    func leapDays() {
        #expect(Day("2000-02-29") == Day(year: 2000, month: 2, day: 29))
        #expect(Day("2024-02-29") != nil)
        #expect(Day("2023-02-29") == nil)
    }
}
