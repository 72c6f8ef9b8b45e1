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
    public var total: Money { Money(minorUnits: net.minorUnits + tax.minorUnits, currency: net.currency) }

    /// Prices a line. `discountPercent` and `taxPercent` are percentages (20 = 20 %).
    public static func of(quantity: Micros, unitPrice: Micros, discountPercent: Micros, taxPercent: Micros, currency: Currency) -> LinePrice {
        let scale = Int128(Micros.scale)
        let hundred = 100 * scale
        let minorPerUnit = Int128(Money.power(currency.minorDigits))
        // quantity × price is scaled 10^12; minor units = that × 10^digits / 10^12
        let product = Int128(quantity.value) * Int128(unitPrice.value)
        let gross = Money.halfEven(product * minorPerUnit, dividedBy: scale * scale)
        let net = Money.halfEven(product * (hundred - Int128(discountPercent.value)) * minorPerUnit, dividedBy: scale * scale * hundred)
        let tax = Money.halfEven(Int128(net) * Int128(taxPercent.value), dividedBy: hundred)
        return LinePrice(gross: Money(minorUnits: gross, currency: currency),
                         discount: Money(minorUnits: gross - net, currency: currency),
                         net: Money(minorUnits: net, currency: currency),
                         tax: Money(minorUnits: tax, currency: currency))
    }
}

/// The sums of a document's lines, in one currency.
public struct DocumentTotals: Sendable, Equatable {
    public let subtotal: Money
    public let discountTotal: Money
    public let taxTotal: Money
    public var total: Money { Money(minorUnits: subtotal.minorUnits + taxTotal.minorUnits, currency: subtotal.currency) }

    public init(_ lines: [LinePrice], currency: Currency) {
        func sum(_ part: (LinePrice) -> Money) -> Money {
            Money(minorUnits: lines.reduce(Int64(0)) { $0 + part($1).minorUnits }, currency: currency)
        }
        subtotal = sum(\.net)
        discountTotal = sum(\.discount)
        taxTotal = sum(\.tax)
    }
}
