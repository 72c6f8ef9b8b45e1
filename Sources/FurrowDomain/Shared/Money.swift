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

    /// A probability-weighted amount: Σ(minor units × percent) / 100, rounded half-even once.
    public static func weighted(percentTimesMinorUnits value: Int64, currency: Currency) -> Money {
        Money(minorUnits: halfEven(value, dividedBy: 100), currency: currency)
    }

    /// Integer division rounding half to even: the project's one rounding rule (SPEC §0).
    static func halfEven<T: BinaryInteger>(_ value: T, dividedBy divisor: T) -> Int64 {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        let twice = remainder.magnitude * 2
        if twice > divisor.magnitude || (twice == divisor.magnitude && quotient % 2 != 0) {
            return Int64(quotient + (value < 0 ? -1 : 1))
        }
        return Int64(quotient)
    }

    /// `"1234.50"` with exactly the currency's minor digits.
    public var decimalString: String {
        let digits = currency.minorDigits
        guard digits > 0 else { return String(minorUnits) }
        let factor = Self.power(digits)
        let whole = abs(minorUnits) / factor
        let fraction = String(abs(minorUnits) % factor)
        let padded = String(repeating: "0", count: digits - fraction.count) + fraction
        return (minorUnits < 0 ? "-" : "") + "\(whole).\(padded)"
    }

    static func power(_ digits: Int) -> Int64 {
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
