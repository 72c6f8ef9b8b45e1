import FurrowDomain
import Testing

@Suite("Line pricing")
struct PricingTests {
    /// quantity, unit price, discount %, tax %, currency → net, tax, total
    static let cases: [(String, String, String, String, String, String, String, String)] = [
        ("1", "100.00", "0", "20", "EUR", "100.00", "20.00", "120.00"),
        ("3", "19.99", "0", "20", "EUR", "59.97", "11.99", "71.96"),          // tax 11.994 → 11.99
        ("2.5", "10.01", "0", "0", "EUR", "25.02", "0.00", "25.02"),          // 25.025 → 25.02 (half-even)
        ("1", "0.125", "0", "0", "EUR", "0.12", "0.00", "0.12"),              // 0.125 → 0.12
        ("1", "0.135", "0", "0", "EUR", "0.14", "0.00", "0.14"),              // 0.135 → 0.14
        ("4", "12.50", "10", "20", "EUR", "45.00", "9.00", "54.00"),
        ("7", "3.33", "15", "5", "EUR", "19.81", "0.99", "20.80"),            // 23.31 × 0.85 = 19.8135; tax 0.99065
        ("3", "1000", "0", "10", "JPY", "3000", "300", "3300"),
        ("1", "1005", "0", "5", "JPY", "1005", "50", "1055"),                 // tax 50.25 → 50
        ("2", "0.1235", "0", "0", "KWD", "0.247", "0.000", "0.247"),
        ("1", "1.0005", "0", "0", "KWD", "1.000", "0.000", "1.000"),          // 1.0005 → 1.000 (half-even)
        ("1000000", "999999.99", "0", "0", "EUR", "999999990000.00", "0.00", "999999990000.00"),
    ]

    @Test("each line rounds half-even once, at the minor unit", arguments: cases.indices)
    func line(index: Int) throws {
        let (quantity, price, discount, tax, code, net, taxAmount, total) = Self.cases[index]
        let currency = try #require(Currency(code))
        let priced = LinePrice.of(quantity: try #require(Micros(quantity)), unitPrice: try #require(Micros(price)),
                                  discountPercent: try #require(Micros(discount)), taxPercent: try #require(Micros(tax)), currency: currency)
        #expect(priced.net.decimalString == net)
        #expect(priced.tax.decimalString == taxAmount)
        #expect(priced.total.decimalString == total)
        #expect(priced.gross.minorUnits - priced.discount.minorUnits == priced.net.minorUnits)
    }

    @Test("document totals are exact sums of the rounded lines")
    func totals() throws {
        let eur = try #require(Currency("EUR"))
        let lines = (0..<3).map { _ in
            LinePrice.of(quantity: Micros("1")!, unitPrice: Micros("0.125")!, discountPercent: Micros("0")!, taxPercent: Micros("20")!, currency: eur)
        }
        let totals = DocumentTotals(lines, currency: eur)
        #expect(totals.subtotal.decimalString == "0.36")   // 3 × 0.12, not round(0.375)
        #expect(totals.taxTotal.decimalString == "0.06")   // 3 × 0.02 (0.024 → 0.02)
        #expect(totals.total.decimalString == "0.42")
        #expect(totals.discountTotal.decimalString == "0.00")
    }

    @Test("the quote status table: every status × verb", arguments: QuoteStatus.allCases)
    func quoteStatus(status: QuoteStatus) {
        for verb in QuoteStatus.Verb.allCases {
            #expect((try? status.applying(verb)) == QuoteStatus.transitions[status]?[verb], "\(status) \(verb)")
        }
        #expect(QuoteReading(.sent, validUntil: Day("2026-01-31"), on: Day("2026-02-01")!).rawValue == "expired")
        #expect(QuoteReading(.sent, validUntil: Day("2026-01-31"), on: Day("2026-01-31")!).rawValue == "sent")
        #expect(QuoteReading(.accepted, validUntil: Day("2026-01-31"), on: Day("2026-02-01")!).rawValue == "accepted")
    }

    @Test("a serialised item is sold once, with the day it left")
    func serialised() {
        var van = Product(id: Product.ID(UUID()), sku: "VAN-1", name: "Van", serialized: true, serialNumber: "VIN123")
        van.markSold(on: Day("2026-11-18")!)
        #expect(van.inventoryStatus == .sold && van.deactivationDate == Day("2026-11-18") && !van.active)
        var oil = Product(id: Product.ID(UUID()), sku: "OIL", name: "Oil")
        oil.markSold(on: Day("2026-11-18")!)
        #expect(oil.inventoryStatus == .available)
    }
}

import Foundation

@Suite("Amount bounds")
struct AmountBoundsTests {
    static let extremes: [Int64] = [Int64.min, -1, 0, 1, 999_999_999_999_990_000, Int64.max]

    @Test("pricing any 64-bit inputs never traps; out-of-range results are held at the ends", arguments: extremes, extremes)
    func noTrap(quantity: Int64, price: Int64) {
        for discount in [Int64.min, 0, 50_000_000, Int64.max] {
            for code in ["EUR", "JPY", "KWD"] {
                let line = LinePrice.of(quantity: Micros(value: quantity), unitPrice: Micros(value: price),
                                        discountPercent: Micros(value: discount), taxPercent: Micros(value: price), currency: Currency(code)!)
                _ = DocumentTotals([line, line, line], currency: Currency(code)!).total
            }
        }
    }

    @Test("the largest amount has twelve whole digits in every currency")
    func largest() {
        #expect(Bounds.maxAmountText(Currency("EUR")!) == "999999999999.99")
        #expect(Bounds.maxAmountText(Currency("JPY")!) == "999999999999")
        #expect(Bounds.maxAmountText(Currency("KWD")!) == "999999999999.999")
    }

    @Test("lines are held to the bounds, every problem at once")
    func validate() {
        let eur = Currency("EUR")!
        let huge = QuoteLine(productId: nil, description: "x", quantity: Micros("100000")!, unitPrice: Micros("999999999999")!)
        let tooMany = QuoteLine(productId: nil, description: "y", quantity: Micros("1000000001")!, unitPrice: Micros("1")!)
        #expect(throws: ValidationError([FieldError("lines[0].unitPrice", "quantity × unit price comes to more than 999,999,999,999.99 EUR"),
                                         FieldError("lines[1].quantity", "must be more than 0 and at most 1,000,000,000")])) {
            try QuoteLine.validate([huge, tooMany], currency: eur)
        }
        let near = QuoteLine(productId: nil, description: "z", quantity: Micros("1")!, unitPrice: Micros("600000000000")!)
        #expect(throws: ValidationError([FieldError("lines", "the lines add up to more than 999,999,999,999.99 EUR")])) {
            try QuoteLine.validate([near, near], currency: eur)
        }
        #expect((try? QuoteLine.validate([near], currency: eur)) != nil)
    }

    @Test("wide sums print exactly beyond 64 bits")
    func wide() {
        let total = MoneyTotal(minorUnits: Int128(Int64.max) * 3, currency: Currency("EUR")!)
        #expect(total.decimalString == "276701161105643274.21")
        #expect(total.money == nil)
        #expect(MoneyTotal.weighted(percentTimesMinorUnits: 250, currency: Currency("EUR")!).minorUnits == 2)
    }
}
