import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One statement line as read from a file, before it is stored.
public struct StatementEntry: Sendable, Equatable {
    public var date: Day
    public var amount: Money
    public var reference: String
    public var counterparty: String?

    /// A reference of at most 500 characters and a counterparty of at most 200 (`exceeds` counts
    /// bytes too: a "character" of many combining marks is not one).
    public func textProblem(_ field: String) -> FieldError? {
        func fits(_ text: String, _ limit: Int) -> Bool { !text.exceeds(maxLength: limit) }
        if !fits(reference, 500) { return FieldError(field, "has a reference over 500 characters") }
        if let counterparty, !fits(counterparty, 200) { return FieldError(field, "has a counterparty over 200 characters") }
        return nil
    }

    public init(date: Day, amount: Money, reference: String, counterparty: String?) {
        self.date = date
        self.amount = amount
        self.reference = reference
        self.counterparty = counterparty
    }
}

/// Reads bank statements: CSV through a profile, and ISO 20022 CAMT.053 XML. Every unreadable
/// row is reported with its line number; nothing is half-read.
public enum StatementParser {
    public static func csv(_ text: String, profile: StatementProfile, currency: Currency) throws(LedgerError) -> [StatementEntry] {
        let rows = CSVReader.records(text, delimiter: profile.delimiter)
        guard let header = rows.first?.map({ $0.trimmedSpaces().lowercased() }) else {
            throw .badStatement([FieldError("file", "is empty")])
        }
        func column(_ name: String?, _ field: String, required: Bool, _ errors: inout [FieldError]) -> Int? {
            guard let name else { return nil }
            if let index = header.firstIndex(of: name.lowercased()) { return index }
            if required { errors.append(FieldError(field, "the header has no column \"\(name)\"")) }
            return nil
        }
        var errors: [FieldError] = []
        let dateAt = column(profile.dateColumn, "dateColumn", required: true, &errors)
        let amountAt = column(profile.amountColumn, "amountColumn", required: true, &errors)
        let referenceAt = column(profile.referenceColumn, "referenceColumn", required: true, &errors)
        let counterpartyAt = column(profile.counterpartyColumn, "counterpartyColumn", required: false, &errors)
        let currencyAt = column(profile.currencyColumn, "currencyColumn", required: profile.currencyColumn != nil, &errors)
        guard errors.isEmpty, let dateAt, let amountAt, let referenceAt else { throw .badStatement(errors) }
        var entries: [StatementEntry] = []
        for (index, row) in rows.enumerated().dropFirst() where !(row.count == 1 && row[0].trimmedSpaces().isEmpty) {
            let field = "lines[\(index + 1)]"
            func cell(_ at: Int?) -> String? { at.flatMap { $0 < row.count ? row[$0].trimmedSpaces() : nil } }
            if row.contains(where: \.containsNUL) { errors.append(.nul(field)); continue }
            let lineCurrency = cell(currencyAt).map { Currency($0) } ?? currency
            guard let lineCurrency else { errors.append(FieldError(field, "has no valid currency")); continue }
            guard let day = cell(dateAt).flatMap(profile.day) else {
                errors.append(FieldError(field, "has no valid date (\(profile.dateFormat.rawValue))")); continue
            }
            guard let amount = cell(amountAt).flatMap({ profile.amount($0, currency: lineCurrency) }), amount.minorUnits != 0 else {
                errors.append(FieldError(field, "has no valid amount")); continue
            }
            let entry = StatementEntry(date: day, amount: amount, reference: cell(referenceAt) ?? "",
                                       counterparty: cell(counterpartyAt).flatMap { $0.isEmpty ? nil : $0 })
            if let problem = entry.textProblem(field) { errors.append(problem); continue }
            entries.append(entry)
            if errors.count > 50 { break }
        }
        guard errors.isEmpty else { throw .badStatement(errors) }
        guard !entries.isEmpty else { throw .badStatement([FieldError("file", "has no lines")]) }
        return entries
    }

    /// The booked entries of a CAMT.053 statement: amount with `Ccy`, `CdtDbtInd` for the sign,
    /// booking (or value) date, unstructured remittance text or end-to-end id as the reference,
    /// and the debtor's (or creditor's) name.
    /// A document type declaration (and with it any entity) is refused before parsing: a bank
    /// statement has no use for one, and entities expand a small file into a huge one.
    public static func camt053(_ data: Data) throws(LedgerError) -> [StatementEntry] {
        let forms = ["<!DOCTYPE", "<!ENTITY"].flatMap { word in
            [Data(word.utf8), word.data(using: .utf16LittleEndian) ?? Data(), word.data(using: .utf16BigEndian) ?? Data()]
        }
        if forms.contains(where: { data.range(of: $0) != nil }) {
            throw .badStatement([FieldError("file", "may not contain a document type declaration (<!DOCTYPE>) or entities")])
        }
        let reader = CAMTReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        parser.shouldResolveExternalEntities = false
        guard parser.parse(), reader.sawDocument else {
            throw .badStatement([FieldError("file", "is not a CAMT.053 document")])
        }
        guard reader.errors.isEmpty else { throw .badStatement(reader.errors) }
        guard !reader.entries.isEmpty else { throw .badStatement([FieldError("file", "has no entries")]) }
        return reader.entries
    }
}

final class CAMTReader: NSObject, XMLParserDelegate {
    var entries: [StatementEntry] = []
    var errors: [FieldError] = []
    var sawDocument = false
    private var path: [String] = []
    private var text = ""
    private var entry: [String: String] = [:]
    private var currency: String?
    private var inEntry = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        let local = name.split(separator: ":").last.map(String.init) ?? name
        if local == "BkToCstmrStmt" { sawDocument = true }
        path.append(local)
        text = ""
        if local == "Ntry" { inEntry = true; entry = [:]; currency = nil }
        if inEntry && local == "Amt" && path.dropLast().last == "Ntry" { currency = attributes["Ccy"] }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let local = path.last ?? name
        let value = text.trimmed()
        if inEntry {
            let parent = path.dropLast().last ?? ""
            switch (parent, local) {
            case ("Ntry", "Amt"): entry["amount"] = value
            case ("Ntry", "CdtDbtInd"): entry["sign"] = value
            case ("BookgDt", "Dt"): entry["booked"] = value
            case ("BookgDt", "DtTm"): entry["booked"] = entry["booked"] ?? String(value.prefix(10))
            case ("ValDt", "Dt"): entry["value"] = value
            case ("RmtInf", "Ustrd"): entry["remittance"] = (entry["remittance"].map { $0 + " " } ?? "") + value
            case ("Refs", "EndToEndId") where value != "NOTPROVIDED": entry["endToEnd"] = value
            case ("Ntry", "AcctSvcrRef"): entry["bankRef"] = value
            case ("Dbtr", "Nm"), ("Cdtr", "Nm"): entry[path.dropLast().last! == "Dbtr" ? "debtor" : "creditor"] = value
            case ("Ntry", "NtryRef"): entry["entryRef"] = value
            default: break
            }
            if local == "Ntry" { finishEntry(); inEntry = false }
        }
        path.removeLast()
        text = ""
    }

    private func finishEntry() {
        let field = "entries[\(entries.count + errors.count + 1)]"
        guard let code = currency, let currency = Currency(code) else { errors.append(FieldError(field, "has no currency")); return }
        guard let magnitude = entry["amount"].flatMap({ Money($0, currency: currency) }), magnitude.minorUnits > 0 else {
            errors.append(FieldError(field, "has no valid amount")); return
        }
        guard let date = (entry["booked"] ?? entry["value"]).flatMap({ Day(String($0.prefix(10))) }) else {
            errors.append(FieldError(field, "has no booking date")); return
        }
        let debit = entry["sign"] == "DBIT"
        let reference = entry["remittance"] ?? entry["endToEnd"] ?? entry["entryRef"] ?? entry["bankRef"] ?? ""
        let line = StatementEntry(date: date, amount: Money(minorUnits: debit ? -magnitude.minorUnits : magnitude.minorUnits, currency: currency),
                                  reference: reference, counterparty: debit ? entry["creditor"] : entry["debtor"])
        if let problem = line.textProblem(field) { errors.append(problem); return }
        entries.append(line)
    }
}
