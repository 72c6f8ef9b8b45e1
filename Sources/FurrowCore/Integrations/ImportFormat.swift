import Foundation
import FurrowDomain

/// What an uploaded CSV file is (SPEC §11, the first step of an import job): its encoding (UTF-8
/// with or without a byte order mark, else Windows-1252), its delimiter (comma, semicolon or tab:
/// the one that splits the first lines into the same number of cells) and its columns.
public struct ImportFormat: Sendable, Equatable {
    public var encoding: CSVReader.Encoding
    public var byteOrderMark: Bool
    public var delimiter: Character
    public var columns: [String]

    public init(encoding: CSVReader.Encoding, byteOrderMark: Bool, delimiter: Character, columns: [String]) {
        self.encoding = encoding
        self.byteOrderMark = byteOrderMark
        self.delimiter = delimiter
        self.columns = columns
    }

    public static let delimiters: [Character] = [",", ";", "\t"]
    /// How much of the file is read to tell.
    public static let headBytes = 64 * 1024

    /// `UTF-8`, `UTF-8 with BOM` or `Windows-1252`.
    public var encodingName: String { byteOrderMark ? "UTF-8 with BOM" : encoding.rawValue }
    /// `,`, `;` or `tab`.
    public var delimiterName: String { delimiter == "\t" ? "tab" : String(delimiter) }

    /// Reads the start of a file.
    public static func sniff(_ head: Data) -> ImportFormat {
        let bytes = [UInt8](head.prefix(headBytes))
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        let encoding: CSVReader.Encoding = bom || isUTF8(bytes) ? .utf8 : .windows1252
        var best: (delimiter: Character, columns: [String], consistent: Bool) = (",", [], false)
        for delimiter in delimiters {
            var reader = CSVReader(delimiter: delimiter, encoding: encoding)
            var records: [[String]] = []
            reader.feed(bytes) { record, _ in if records.count < 20 { records.append(record) } }
            // the last record may be cut by the end of the head: only complete ones count, unless it is all there is
            if records.isEmpty { reader.finish { record, _ in records.append(record) } }
            guard let header = records.first else { continue }
            let consistent = header.count > 1 && records.allSatisfy { $0.count == header.count || $0 == [""] }
            let better = (consistent && !best.consistent) || (consistent == best.consistent && header.count > best.columns.count)
            if better { best = (delimiter, header, consistent) }
        }
        let columns = best.columns.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return ImportFormat(encoding: encoding, byteOrderMark: bom, delimiter: best.delimiter, columns: columns)
    }

    /// Whether the bytes are UTF-8, a multi-byte character cut at the very end allowed.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        for cut in 0...min(3, bytes.count) where String(validating: bytes.dropLast(cut), as: UTF8.self) != nil { return true }
        return false
    }
}

/// The record types an import job makes, and the fields each maps columns to (SPEC §11).
/// References are by the keys people have in spreadsheets: an account by name, an owner by
/// email, a product by SKU, a kind and a stage by name.
public enum ImportType: String, Sendable, CaseIterable {
    case accounts, contacts, leads, products, opportunities

    public struct Field: Sendable, Equatable {
        public let name: String
        public let label: String
        public let required: Bool
        /// Other column titles people use for it, compared without case, spaces or punctuation.
        public let synonyms: [String]
    }

    public var fields: [Field] {
        func field(_ name: String, _ label: String, required: Bool = false, _ synonyms: [String] = []) -> Field {
            Field(name: name, label: label, required: required, synonyms: synonyms)
        }
        let owner = field("ownerEmail", "Owner (email)", ["owner", "assignedto", "salesrep", "accountmanager", "user"])
        let id = field("id", "Furrow id (to update)", ["recordid", "uuid"])
        switch self {
        case .accounts:
            return [id, field("name", "Name", required: true, ["company", "companyname", "account", "accountname", "organisation", "organization"]),
                    field("email", "Email", ["emailaddress", "mail", "e-mail"]), field("phone", "Phone", ["telephone", "tel", "phonenumber"]),
                    field("website", "Website", ["web", "url", "homepage", "site"]), field("industry", "Industry", ["sector", "branch"]),
                    field("parentAccountName", "Parent account (name)", ["parent", "parentaccount", "parentcompany"]),
                    field("vatNumber", "VAT number", ["vat", "vatid", "vatno", "taxid", "taxnumber", "ustid", "ustidnr"]),
                    field("street", "Billing street", ["address", "street", "streetaddress", "address1", "strasse", "straße"]),
                    field("postcode", "Billing postcode", ["zip", "zipcode", "postalcode", "postcode", "plz"]),
                    field("city", "Billing city", ["town", "city", "ort", "stadt"]),
                    field("region", "Billing region", ["state", "county", "province", "region"]),
                    field("country", "Billing country", ["country", "land"]), owner]
        case .contacts:
            return [id, field("firstName", "First name", ["firstname", "givenname", "forename", "first"]),
                    field("lastName", "Last name", required: true, ["lastname", "surname", "familyname", "last", "name"]),
                    field("email", "Email", ["emailaddress", "mail", "e-mail"]), field("phone", "Phone", ["telephone", "tel", "phonenumber", "workphone"]),
                    field("mobile", "Mobile", ["mobilephone", "cell", "cellphone"]), field("title", "Job title", ["jobtitle", "position", "role"]),
                    field("accountName", "Account (name)", ["account", "company", "companyname", "organisation", "organization"]), owner]
        case .leads:
            return [id, field("topic", "Topic", required: true, ["subject", "interest", "title"]), field("firstName", "First name", ["firstname", "givenname"]),
                    field("lastName", "Last name", ["lastname", "surname", "familyname"]), field("companyName", "Company", ["company", "organisation", "organization", "account"]),
                    field("email", "Email", ["emailaddress", "mail", "e-mail"]), field("phone", "Phone", ["telephone", "tel"]),
                    field("estimatedValue", "Estimated value", ["value", "amount", "budget", "estimatedrevenue"]), field("currency", "Currency", ["curr"]),
                    field("requirements", "Requirements", ["notes", "description", "needs"]), field("channelName", "Channel (name)", ["channel", "source", "leadsource"]), owner]
        case .products:
            return [id, field("sku", "SKU", required: true, ["code", "productcode", "itemcode", "articlenumber", "partnumber"]),
                    field("name", "Name", required: true, ["product", "productname", "description", "item"]), field("shortName", "Short name", ["short"]),
                    field("unit", "Unit", ["uom", "unitofmeasure"]), field("type", "Type", ["producttype", "kind"]),
                    field("priceListName", "Price list (name)", ["pricelist"]), field("price", "Price", ["unitprice", "listprice", "amount"]),
                    field("taxRateName", "Tax rate (name)", ["tax", "vat", "taxrate"])]
        case .opportunities:
            return [id, field("name", "Name", required: true, ["opportunity", "opportunityname", "deal", "dealname", "topic"]),
                    field("accountName", "Account (name)", ["account", "company", "customer"]), field("contactEmail", "Contact (email)", ["contact", "contactemail"]),
                    field("kindName", "Kind (name)", ["kind", "type", "pipeline", "salesprocess"]), field("stageName", "Stage (name)", ["stage", "salesstage", "phase"]),
                    field("estimatedRevenue", "Estimated revenue", ["revenue", "value", "amount", "dealvalue"]), field("currency", "Currency", ["curr"]),
                    field("expectedCloseDate", "Expected close date", ["closedate", "expectedclose", "close"]), field("probability", "Probability", ["chance", "likelihood"]),
                    field("priceListName", "Price list (name)", ["pricelist"]), field("productSku", "Product (SKU)", ["sku", "product", "productcode"]),
                    field("quantity", "Quantity", ["qty", "units"]), field("unitPrice", "Unit price", ["price", "listprice"]), owner]
        }
    }

    /// Column → field for the columns whose titles name a field (each field once, the first column naming it).
    public func suggestedMapping(_ columns: [String]) -> [String: String] {
        var mapping: [String: String] = [:], taken = Set<String>()
        for column in columns {
            let key = Self.key(column)
            guard !key.isEmpty, let field = fields.first(where: { !taken.contains($0.name) && (Self.key($0.name) == key || Self.key($0.label) == key || $0.synonyms.map(Self.key).contains(key)) })
            else { continue }
            mapping[column] = field.name
            taken.insert(field.name)
        }
        return mapping
    }

    /// A title compared without case, accents, spaces or punctuation: `E-Mail Address` → `emailaddress`.
    static func key(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .lowercased().filter { $0.isLetter || $0.isNumber }
    }
}
