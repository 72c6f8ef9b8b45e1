import FurrowDomain
import Testing

@Suite("Money and decimals")
struct MoneyTests {
    let eur = Currency("EUR")!

    @Test("decimal strings parse exactly and print back", arguments: [
        ("0", "0"), ("1234.5", "1234.5"), ("0.000001", "0.000001"), ("-12.340", "-12.34"), ("999999999999.999999", "999999999999.999999"),
    ])
    func micros(text: String, printed: String) throws {
        let value = try #require(Micros(text))
        #expect(value.decimalString == printed)
    }

    @Test("malformed decimals are refused", arguments: ["", "abc", "1.2.3", "1.", ".5", "1e3", "1.0000001", "١٢"])
    func malformed(text: String) {
        #expect(Micros(text) == nil)
    }

    @Test("rounding is half-even to the minor unit", arguments: [
        ("1.005", "1.00"), ("1.015", "1.02"), ("1.025", "1.02"), ("1.0251", "1.03"), ("-1.005", "-1.00"), ("-1.015", "-1.02"), ("2.5", "2.50"),
    ])
    func halfEven(amount: String, expected: String) throws {
        let money = Money.rounding(try #require(Micros(amount)), to: eur)
        #expect(money.decimalString == expected)
    }

    @Test("zero- and three-digit currencies keep their minor units")
    func minorUnits() throws {
        let yen = try #require(Currency("jpy"))
        #expect(yen.minorDigits == 0)
        #expect(Money.rounding(try #require(Micros("100.5")), to: yen).decimalString == "100")
        #expect(Money.rounding(try #require(Micros("101.5")), to: yen).decimalString == "102")
        let dinar = try #require(Currency("KWD"))
        #expect(Money(minorUnits: 1234, currency: dinar).decimalString == "1.234")
    }

    @Test("money strings with more decimals than the currency are refused")
    func moneyParse() {
        #expect(Money("10.50", currency: eur)?.minorUnits == 1050)
        #expect(Money("10.505", currency: eur) == nil)
        #expect(Currency("EU") == nil)
        #expect(Currency("E1R") == nil)
    }

    @Test("one tenth plus two tenths is exactly three tenths")
    func noFloatingPoint() throws {
        let sum = try #require(Micros("0.10")).value + (try #require(Micros("0.20"))).value
        #expect(Micros(value: sum) == Micros("0.3"))
    }
}

@Suite("Weighted amounts")
struct WeightedTests {
    @Test("probability-weighted sums round half-even once", arguments: [
        (Int64(12345 * 50), "61.72"), (Int64(12355 * 50), "61.78"), (Int64(101 * 50), "0.50"), (Int64(103 * 50), "0.52"), (Int64(0), "0.00"),
    ])
    func weighted(value: Int64, expected: String) {
        #expect(MoneyTotal.weighted(percentTimesMinorUnits: Int128(value), currency: Currency("EUR")!).decimalString == expected)
    }
}
