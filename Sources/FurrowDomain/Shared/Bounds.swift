import Foundation

/// The documented ranges of the numbers Furrow stores (SPEC §0). Every entry path (API, web
/// forms, imports, bank statements) checks them, so the arithmetic on one record is proven to
/// stay inside `Int64`; sums over many records are taken wide (`MoneyTotal`) instead.
///
/// - an amount (a price, a line, a document total, a payment, a bank line, a revenue estimate)
///   is less than 10^12 in the currency's major unit: at most `999999999999.99` in EUR,
///   `999999999999` in JPY, `999999999999.999` in KWD;
/// - a quantity is more than 0 and at most 1,000,000,000;
/// - a percentage (discount, tax, probability) is from 0 to 100;
/// - a document has at most 1,000 lines;
/// - a business date or time (a due date, a payment date, a meeting) falls in the years 1900
///   to 2999.
public enum Bounds {
    public static let years = 1900...2999
    /// 1900-01-01T00:00:00Z and 3000-01-01T00:00:00Z, in seconds since 1970.
    static let firstInstant: TimeInterval = -2_208_988_800, endInstant: TimeInterval = 32_503_680_000

    public static func contains(_ time: Date) -> Bool {
        time.timeIntervalSince1970 >= firstInstant && time.timeIntervalSince1970 < endInstant
    }

    public static let dateMessage = "must be a date from 1900-01-01 to 2999-12-31"
    public static let timeMessage = "must be a time in the years 1900 to 2999"

    /// Whole digits an amount may have.
    public static let amountDigits = 12
    public static let maxQuantity = Micros(value: 1_000_000_000 * Micros.scale)
    public static let maxPercent = Micros(value: 100 * Micros.scale)
    public static let maxLines = 1_000

    /// The largest amount in `currency`, in its minor units.
    public static func maxMinorUnits(_ currency: Currency) -> Int64 {
        Money.power(amountDigits + currency.minorDigits) - 1
    }

    /// The largest amount as a decimal string, for messages and the API document.
    public static func maxAmountText(_ currency: Currency) -> String {
        Money(minorUnits: maxMinorUnits(currency), currency: currency).decimalString
    }

    public static func contains(_ amount: Money) -> Bool {
        amount.minorUnits.magnitude <= UInt64(maxMinorUnits(amount.currency))
    }

    /// The message for an amount out of range.
    public static func amountMessage(_ currency: Currency) -> String {
        "must be at most \(Money.grouped(maxAmountText(currency))) \(currency.code) (and at least -\(Money.grouped(maxAmountText(currency))))"
    }
}

/// A sum of many amounts in one currency: 128 bits hold any number of stored amounts a database
/// can hold, so reports, boards and receivables never overflow (SPEC §0).
public struct MoneyTotal: Hashable, Sendable {
    public var minorUnits: Int128
    public let currency: Currency

    public init(minorUnits: Int128 = 0, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public init(_ money: Money) { self.init(minorUnits: Int128(money.minorUnits), currency: money.currency) }

    public mutating func add(_ amount: Money) { minorUnits += Int128(amount.minorUnits) }

    /// Σ(minor units × percent) / 100, rounded half-even once: a probability-weighted sum.
    public static func weighted(percentTimesMinorUnits value: Int128, currency: Currency) -> MoneyTotal {
        MoneyTotal(minorUnits: Money.halfEvenWide(value, dividedBy: 100), currency: currency)
    }

    /// `"1234.50"` with exactly the currency's minor digits.
    public var decimalString: String { Money.decimalString(minorUnits, currency: currency) }

    /// The sum as Money when it fits in one amount's range (it always does for one document).
    public var money: Money? {
        guard let minor = Int64(exactly: minorUnits) else { return nil }
        return Money(minorUnits: minor, currency: currency)
    }
}
