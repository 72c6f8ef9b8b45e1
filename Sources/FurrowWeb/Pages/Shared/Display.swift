import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// Amounts as people read them: `1,383.33 EUR`; per-currency totals side by side, never summed.
enum MoneyText {
    static func format(_ money: Money) -> String { format(MoneyTotal(money)) }

    /// A wide sum (reports, boards, receivables) with its currency.
    static func format(_ total: MoneyTotal) -> String {
        amount(total) + " " + total.currency.code
    }

    /// The amount alone, grouped, for tables with a currency column of their own: `1,383.33`.
    static func amount(_ money: Money) -> String { NumberStyle.current.format(money.decimalString) }
    static func amount(_ total: MoneyTotal) -> String { NumberStyle.current.format(total.decimalString) }

    static func format(_ money: Money?) -> String { money.map { format($0) } ?? "—" }

    /// Parses a typed amount; a bad currency or amount adds a field error.
    static func parse(_ text: String?, currency code: String, field: String, currencyField: String = "currency",
                      errors: inout [FieldError]) -> Money? {
        guard let text = text.map(TypedNumber.plain), !text.isEmpty else { return nil }
        guard let currency = Currency(code) else {
            errors.append(FieldError(currencyField, "is not an ISO 4217 currency code such as EUR"))
            return nil
        }
        guard let money = Money(text, currency: currency) else {
            errors.append(FieldError(field, "must be an amount such as 1,250.00 or 1250.00, with at most \(currency.minorDigits) decimals"))
            return nil
        }
        return money
    }
}

/// Dates and times on the company's wall clock: what the forms show and read.
struct LocalClock {
    let zone: TimeZone
    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.firstWeekday = 2
        return calendar
    }

    init(_ zone: TimeZone) { self.zone = zone }

    /// The clock of the company's time zone (UTC when the setting names none).
    static func company(_ env: CoreEnvironment) async throws -> LocalClock {
        let settings = try await SettingsService(env).current()
        return LocalClock(TimeZone(identifier: settings.timeZone) ?? TimeZone(identifier: "UTC")!)
    }

    /// `YYYY-MM-DD`.
    func day(_ date: Date) -> String { Timestamp.day(date, in: zone) }

    /// `HH:MM`.
    func time(_ date: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }

    /// `YYYY-MM-DD HH:MM`.
    func stamp(_ date: Date) -> String { day(date) + " " + time(date) }

    /// The instant of a day (`YYYY-MM-DD`) and an optional time (`HH:MM`; none is midnight), or nil when either does not parse.
    func date(_ dayText: String, _ timeText: String? = nil) -> Date? {
        guard let day = Day(dayText.trimmedSpaces()) else { return nil }
        var hour = 0, minute = 0
        if let timeText = timeText?.trimmedSpaces(), !timeText.isEmpty {
            let parts = timeText.split(separator: ":")
            guard parts.count >= 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
            hour = h
            minute = m
        }
        let (y, mo, d) = Day.civil(day.ordinal)
        return calendar.date(from: DateComponents(year: y, month: mo, day: d, hour: hour, minute: minute))
    }

    /// `YYYY-MM-DDTHH:MM` (a `datetime-local` input's value) as an instant.
    func dateTime(_ text: String) -> Date? {
        let parts = text.trimmedSpaces().split(separator: "T", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        return date(parts[0], String(parts[1].prefix(5)))
    }

    func dateTimeValue(_ date: Date) -> String { day(date) + "T" + time(date) }

    /// The start of the day after `date`'s day.
    func nextMidnight(after date: Date) -> Date {
        calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: date)) ?? date.addingTimeInterval(86400)
    }
}

/// One labelled value on a record's page, a link when `href` is set.
struct Fact {
    let label: String, value: String, href: String?
    /// Edited in place (`inline.js`): the API field, and its value as typed (empty when unset).
    var edit: String? = nil
    var raw: String? = nil
}
