/// One priced line of a quote or order (SPEC §4, DESIGN §6): quantity × unit price, less the
/// line discount, rounded half-even to the currency's minor unit once; tax on the rounded net,
/// rounded once. Document totals are exact integer sums of the lines.
public struct LinePrice: Sendable, Equatable {
    /// quantity × unit price before the discount, rounded.
    public let gross: Money
    public let discount: Money
    /// gross less discount: the line's subtotal.
    public let net: Money
    public let tax: Money
    public var total: Money { Money(minorUnits: Int64(clamping: Int128(net.minorUnits) + Int128(tax.minorUnits)), currency: net.currency) }

    /// Prices a line. `discountPercent` and `taxPercent` are percentages (20 = 20 %).
    ///
    /// Every step is exact 128-bit arithmetic that cannot overflow for any input: the product
    /// of two `Int64`s fits in `Int128`, and the discounted product is divided at full width.
    /// Entered lines are held to `Bounds` (`QuoteLine.validate`), so the results fit `Int64`;
    /// a stored value outside them is held at the nearest end instead of trapping.
    public static func of(quantity: Micros, unitPrice: Micros, discountPercent: Micros, taxPercent: Micros, currency: Currency) -> LinePrice {
        let hundred = Int128(Bounds.maxPercent.value)
        // quantity × price is scaled 10^12; minor units = that / 10^(12 - digits)
        let product = Int128(quantity.value) * Int128(unitPrice.value)
        let toMinor = Int128(Money.power(12 - currency.minorDigits))
        let gross = Money.halfEvenWide(product, dividedBy: toMinor)
        let kept = hundred - min(max(Int128(discountPercent.value), 0), hundred)
        let divisor = toMinor * hundred
        let (quotient, remainder) = divisor.dividingFullWidth(product.multipliedFullWidth(by: kept))
        let net = Int64(clamping: Money.rounded(quotient, remainder: remainder, divisor: divisor, negative: product < 0))
        let tax = Money.halfEven(Int128(net) * Int128(taxPercent.value), dividedBy: hundred)
        return LinePrice(gross: Money(minorUnits: Int64(clamping: gross), currency: currency),
                         discount: Money(minorUnits: Int64(clamping: gross - Int128(net)), currency: currency),
                         net: Money(minorUnits: net, currency: currency),
                         tax: Money(minorUnits: tax, currency: currency))
    }

    /// Whether the line's amounts are inside `Bounds` for an amount.
    public var isInBounds: Bool { [gross, net, tax, total].allSatisfy(Bounds.contains) }
}

/// The sums of a document's lines, in one currency.
public struct DocumentTotals: Sendable, Equatable {
    public let subtotal: Money
    public let discountTotal: Money
    public let taxTotal: Money
    public var total: Money { Money(minorUnits: Int64(clamping: Int128(subtotal.minorUnits) + Int128(taxTotal.minorUnits)), currency: subtotal.currency) }

    public init(_ lines: [LinePrice], currency: Currency) {
        func sum(_ part: (LinePrice) -> Money) -> Money {
            Money(minorUnits: Int64(clamping: lines.reduce(Int128(0)) { $0 + Int128(part($1).minorUnits) }), currency: currency)
        }
        subtotal = sum(\.net)
        discountTotal = sum(\.discount)
        taxTotal = sum(\.tax)
    }

    /// Whether every total is inside `Bounds` for an amount.
    public var isInBounds: Bool { [subtotal, discountTotal, taxTotal, total].allSatisfy(Bounds.contains) }
}
