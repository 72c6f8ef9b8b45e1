/// Exact money (DESIGN §6): integer minor units plus an ISO 4217 currency. Never a Double.
public struct Money: Hashable, Sendable {
    public let minorUnits: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Parses a decimal string such as `"1234.50"`; more decimals than the currency has → nil.
    public init?(_ text: String, currency: Currency) {
        guard let micros = Micros(text) else { return nil }
        let scale = Micros.scale / Self.power(currency.minorDigits)
        guard micros.value % scale == 0 else { return nil }
        self.init(minorUnits: micros.value / scale, currency: currency)
    }

    /// The one place a Decimal amount becomes Money: rounded half-even to the minor unit.
    public static func rounding(_ amount: Micros, to currency: Currency) -> Money {
        Money(minorUnits: halfEven(amount.value, dividedBy: Micros.scale / power(currency.minorDigits)), currency: currency)
    }

    /// The sum of amounts in one currency, held at `Int64`'s ends rather than trapping: amounts
    /// are inside `Bounds`, so a sum that reaches an end is refused by the check it feeds.
    public static func sum(_ amounts: [Money], currency: Currency) -> Money {
        Money(minorUnits: Int64(clamping: amounts.reduce(Int128(0)) { $0 + Int128($1.minorUnits) }), currency: currency)
    }

    /// Integer division rounding half to even: the project's one rounding rule (SPEC §0). A
    /// result outside `Int64` is held at its nearest end: callers check `Bounds` first, so it
    /// cannot happen for a stored amount, and it never traps.
    static func halfEven<T: BinaryInteger>(_ value: T, dividedBy divisor: T) -> Int64 {
        Int64(clamping: halfEvenWide(Int128(clamping: value), dividedBy: Int128(clamping: divisor)))
    }

    static func halfEvenWide(_ value: Int128, dividedBy divisor: Int128) -> Int128 {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return rounded(quotient, remainder: remainder, divisor: divisor, negative: value < 0)
    }

    /// The half-even step of a division already made.
    static func rounded(_ quotient: Int128, remainder: Int128, divisor: Int128, negative: Bool) -> Int128 {
        let twice = remainder.magnitude * 2
        if twice > divisor.magnitude || (twice == divisor.magnitude && quotient % 2 != 0) {
            return quotient + (negative ? -1 : 1)
        }
        return quotient
    }

    /// `"1234.50"` with exactly the currency's minor digits.
    public var decimalString: String { Self.decimalString(Int128(minorUnits), currency: currency) }

    /// As Furrow shows an amount: whole part grouped by thousands, then the currency (`23,900.00 GBP`).
    public var displayText: String { Self.grouped(decimalString) + " " + currency.code }

    /// A decimal string with its whole part grouped by thousands: `1234567.5` → `1,234,567.5`.
    public static func grouped(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let parts = text.drop { $0 == "-" }.split(separator: ".", maxSplits: 1)
        var whole = String(parts.first ?? "0")
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        return (negative ? "-" : "") + whole + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// Any number of minor units (a wide sum too) as a decimal string in the currency.
    public static func decimalString(_ minorUnits: Int128, currency: Currency) -> String {
        let digits = currency.minorDigits
        guard digits > 0 else { return String(minorUnits) }
        let factor = UInt128(power(digits))
        let whole = minorUnits.magnitude / factor
        let fraction = String(minorUnits.magnitude % factor)
        let padded = String(repeating: "0", count: digits - fraction.count) + fraction
        return (minorUnits < 0 ? "-" : "") + "\(whole).\(padded)"
    }

    public static func power(_ digits: Int) -> Int64 {
        (0..<digits).reduce(Int64(1)) { value, _ in value * 10 }
    }
}

/// An ISO 4217 currency with its number of minor-unit digits.
public struct Currency: Hashable, Sendable, Codable, CustomStringConvertible {
    public let code: String
    public let minorDigits: Int

    public init?(_ code: String) {
        let upper = code.uppercased()
        guard upper.count == 3, upper.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        self.code = upper
        self.minorDigits = Self.zeroDigit.contains(upper) ? 0 : (Self.threeDigit.contains(upper) ? 3 : 2)
    }

    public var description: String { code }

    static let zeroDigit: Set<String> = ["JPY", "KRW", "CLP", "ISK", "VND", "XAF", "XOF", "UGX", "PYG"]
    static let threeDigit: Set<String> = ["BHD", "KWD", "OMR", "JOD", "TND", "LYD", "IQD"]

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let currency = Currency(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a currency"))
        }
        self = currency
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

/// A decimal quantity, price or rate held as an integer scaled by 10^6 (DESIGN §6:
/// `*_micros` columns). Parsed from and printed to decimal strings exactly.
public struct Micros: Hashable, Sendable, Comparable {
    public static let scale: Int64 = 1_000_000
    public let value: Int64

    public init(value: Int64) { self.value = value }

    public init?(_ text: String) {
        var body = Substring(text.trimmedSpaces())
        let negative = body.hasPrefix("-")
        if negative || body.hasPrefix("+") { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholeText = parts.first, !wholeText.isEmpty, wholeText.count <= 12,
              wholeText.allSatisfy(\.isASCII), let whole = Int64(wholeText), whole >= 0
        else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let parsed = Int64(digits) else { return nil }
            fraction = parsed * Money.power(6 - digits.count)
        }
        let magnitude = whole * Self.scale + fraction
        value = negative ? -magnitude : magnitude
    }

    public var decimalString: String {
        let whole = abs(value) / Self.scale
        var fraction = String(abs(value) % Self.scale)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = value < 0 ? "-" : ""
        return fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }

    public static func < (lhs: Micros, rhs: Micros) -> Bool { lhs.value < rhs.value }
}
