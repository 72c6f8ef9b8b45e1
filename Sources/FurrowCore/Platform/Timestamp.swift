import Foundation
import FurrowDomain

/// RFC 3339 UTC timestamps with milliseconds (`2026-11-22T15:04:05.123Z`): the one text form
/// of an instant in the API and the database, so stored values sort as they compare.
public enum Timestamp {
    public static func string(_ date: Date) -> String {
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let millis = Int(((totalMillis % 1000) + 1000) % 1000)
        let seconds = (totalMillis - Int64(millis)) / 1000
        let days = Int(floorDiv(seconds, 86400))
        let secondOfDay = Int(seconds - Int64(days) * 86400)
        let (year, month, day) = civil(fromDays: days)
        guard (0...9999).contains(year) else {
            return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", year, month, day,
                          secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60, millis)
        }
        // Written digit by digit: every row of every list carries two or three of these.
        return String(unsafeUninitializedCapacity: 24) { buffer in
            func put(_ value: Int, _ width: Int, at end: Int) {
                var value = value
                for offset in stride(from: end - 1, through: end - width, by: -1) {
                    buffer[offset] = UInt8(48 + value % 10)
                    value /= 10
                }
            }
            put(year, 4, at: 4); buffer[4] = UInt8(ascii: "-")
            put(month, 2, at: 7); buffer[7] = UInt8(ascii: "-")
            put(day, 2, at: 10); buffer[10] = UInt8(ascii: "T")
            put(secondOfDay / 3600, 2, at: 13); buffer[13] = UInt8(ascii: ":")
            put(secondOfDay % 3600 / 60, 2, at: 16); buffer[16] = UInt8(ascii: ":")
            put(secondOfDay % 60, 2, at: 19); buffer[19] = UInt8(ascii: ".")
            put(millis, 3, at: 23); buffer[23] = UInt8(ascii: "Z")
            return 24
        }
    }

    /// Parses the form above; also accepts no fraction or an offset of `Z` only.
    public static func date(_ text: String) -> Date? {
        let chars = Array(text.utf8)
        guard chars.count >= 20, chars.last == UInt8(ascii: "Z") else { return nil }
        func number(_ from: Int, _ length: Int) -> Int? {
            guard from + length <= chars.count else { return nil }
            var value = 0
            for c in chars[from..<from + length] {
                guard c >= 48 && c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var millis = 0
        if chars.count > 20 {
            guard chars[19] == UInt8(ascii: "."), chars.count - 21 >= 1, chars.count - 21 <= 9,
                  let fraction = number(20, chars.count - 21) else { return nil }
            let digits = chars.count - 21
            millis = digits >= 3 ? fraction / Int(pow(10.0, Double(digits - 3))) : fraction * Int(pow(10.0, Double(3 - digits)))
        }
        let days = Self.days(year: year, month: month, day: day)
        let seconds = Int64(days) * 86400 + Int64(hour * 3600 + minute * 60 + second)
        return Date(timeIntervalSince1970: Double(seconds) + Double(millis) / 1000)
    }

    /// `YYYY-MM-DD` of an instant in a time zone.
    public static func day(_ date: Date, in zone: TimeZone = TimeZone(identifier: "UTC")!) -> String {
        let shifted = date.addingTimeInterval(TimeInterval(zone.secondsFromGMT(for: date)))
        return String(string(shifted).prefix(10))
    }

    /// The calendar day of an instant in a time zone.
    public static func calendarDay(_ date: Date, in zone: TimeZone = TimeZone(identifier: "UTC")!) -> Day {
        let seconds = Int64((date.timeIntervalSince1970 + TimeInterval(zone.secondsFromGMT(for: date))).rounded(.down))
        return Day(ordinal: Int(floorDiv(seconds, 86400)))
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : (a - b + 1) / b }

    static func days(year: Int, month: Int, day: Int) -> Int { Day.ordinal(year: year, month: month, day: day) }

    static func civil(fromDays days: Int) -> (Int, Int, Int) { Day.civil(days) }
}
