import Foundation

/// An imported bank statement (SPEC §5): its lines, each matched to a payment or left visible
/// as unmatched.
public struct BankStatement: Sendable, Equatable {
    public typealias ID = Identifier<BankStatement>
    public enum Format: String, Sendable, Codable, CaseIterable { case csv, camt053 }

    public var id: ID
    public var format: Format
    public var name: String?
    public var importedAt: Date
    public var importedBy: User.ID
    public var lines: [BankLine]

    public init(id: ID, format: Format, name: String?, importedAt: Date, importedBy: User.ID, lines: [BankLine]) {
        self.id = id
        self.format = format
        self.name = name
        self.importedAt = importedAt
        self.importedBy = importedBy
        self.lines = lines
    }
}

public struct BankLine: Sendable, Equatable {
    public typealias ID = Identifier<BankLine>
    public var id: ID
    public var date: Day
    /// Positive for money received, negative for money paid out.
    public var amount: Money
    public var reference: String
    public var counterparty: String?
    public var paymentId: Payment.ID?
    /// Set on an import's answer only: the line was imported before and is not stored again.
    public var duplicate: Bool

    public init(id: ID, date: Day, amount: Money, reference: String, counterparty: String?, paymentId: Payment.ID? = nil, duplicate: Bool = false) {
        self.id = id
        self.date = date
        self.amount = amount
        self.reference = reference
        self.counterparty = counterparty
        self.paymentId = paymentId
        self.duplicate = duplicate
    }

    /// The key two imports of one line share (date, amount, currency, reference).
    public var duplicateKey: String { "\(date)|\(amount.currency.code)|\(amount.minorUnits)|\(reference)" }

    /// Whether a recorded payment is this line's (the auto-match rule): same amount and currency,
    /// a reference naming the payment's number, its own reference or one of its invoices'
    /// numbers, and a date at most `window` days apart.
    public func matches(_ payment: Payment, invoiceNumbers: [String], window: Int = 7) -> Bool {
        guard payment.status == .posted, payment.amount == amount, abs(payment.date.ordinal - date.ordinal) <= window else { return false }
        let text = reference.lowercased()
        let names = [payment.number] + invoiceNumbers + [payment.reference].compactMap { $0 }.filter { $0.count >= 4 }
        return names.contains { text.contains($0.lowercased()) }
    }
}

/// How a bank's CSV export reads: which header names hold which field, and their formats.
/// The default reads `date,amount,reference,counterparty` with ISO dates and a dot.
public struct StatementProfile: Sendable, Equatable {
    public typealias ID = Identifier<StatementProfile>
    public enum DateFormat: String, Sendable, Codable, CaseIterable {
        case iso = "YYYY-MM-DD", dayMonthYear = "DD/MM/YYYY", monthDayYear = "MM/DD/YYYY", dotted = "DD.MM.YYYY"
    }

    public var id: ID?
    public var name: String
    public var delimiter: Character
    public var dateColumn: String
    public var dateFormat: DateFormat
    public var amountColumn: String
    public var decimalComma: Bool
    public var referenceColumn: String
    public var counterpartyColumn: String?
    public var currencyColumn: String?

    public init(id: ID? = nil, name: String, delimiter: Character = ",", dateColumn: String = "date", dateFormat: DateFormat = .iso,
                amountColumn: String = "amount", decimalComma: Bool = false, referenceColumn: String = "reference",
                counterpartyColumn: String? = "counterparty", currencyColumn: String? = nil) {
        self.id = id
        self.name = name
        self.delimiter = delimiter
        self.dateColumn = dateColumn
        self.dateFormat = dateFormat
        self.amountColumn = amountColumn
        self.decimalComma = decimalComma
        self.referenceColumn = referenceColumn
        self.counterpartyColumn = counterpartyColumn
        self.currencyColumn = currencyColumn
    }

    public static let standard = StatementProfile(name: "Standard")

    public func day(_ text: String) -> Day? {
        let t = text.trimmedSpaces()
        let parts = t.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" }).map(String.init)
        guard parts.count == 3 else { return nil }
        let (y, m, d): (String, String, String) = switch dateFormat {
        case .iso: (parts[0], parts[1], parts[2])
        case .dayMonthYear, .dotted: (parts[2], parts[1], parts[0])
        case .monthDayYear: (parts[2], parts[0], parts[1])
        }
        let pad = { (s: String) in s.count == 1 ? "0" + s : s }
        return Day("\(y)-\(pad(m))-\(pad(d))")
    }

    /// A statement amount as Money: a sign, digits, optional thousands separators and the decimal mark.
    public func amount(_ text: String, currency: Currency) -> Money? {
        var t = text.trimmedSpaces().replacingOccurrences(of: " ", with: "")
        t = decimalComma ? t.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
            : t.replacingOccurrences(of: ",", with: "")
        return Money(t, currency: currency)
    }
}
