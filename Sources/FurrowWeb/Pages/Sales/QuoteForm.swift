import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain

/// Reads the quote editor's form (SPEC §4): the header and the numbered line rows
/// `lines[i].productId`, `.description`, `.quantity`, `.unitPrice`, `.discountPercent`,
/// `.taxRateId`. Blank rows are skipped; the server's errors about line k are moved back to
/// the row it came from, so each message shows beside its row.
struct QuoteForm {
    let input: QuoteInput
    /// The form row of each line sent to the server.
    let rows: [Int]
    let errors: [FieldError]

    static let lineFields = ["productId", "description", "quantity", "unitPrice", "discountPercent", "taxRateId"]

    static func lineCount(_ form: WebForm) -> Int { min(max(Int(form["lineCount"]) ?? 0, 0), 200) }

    static func isBlank(_ form: WebForm, _ index: Int) -> Bool {
        ["productId", "description", "unitPrice", "discountPercent"].allSatisfy { form.optional("lines[\(index)].\($0)") == nil }
    }

    /// The last row with something in it, plus one.
    static func filledCount(_ form: WebForm) -> Int {
        ((0..<lineCount(form)).last { !isBlank(form, $0) } ?? -1) + 1
    }

    init(_ form: WebForm) {
        var errors: [FieldError] = []
        var lines: [QuoteInput.Line] = []
        var rows: [Int] = []
        // Errors name a line by its position among the lines sent, as the service's do; `placed`
        // moves them all to their form rows.
        func number(_ index: Int, _ name: String, _ message: String) -> Micros? {
            guard let text = form.optional("lines[\(index)].\(name)") else { return nil }
            guard let value = Micros(TypedNumber.plain(text)) else {
                errors.append(FieldError("lines[\(lines.count)].\(name)", message))
                return nil
            }
            return value
        }
        for index in 0..<Self.lineCount(form) where !Self.isBlank(form, index) {
            let productText = form.optional("lines[\(index)].productId")
            let productId = productText.flatMap(Product.ID.init)
            if productText != nil && productId == nil { errors.append(FieldError("lines[\(lines.count)].productId", "choose a product from the list")) }
            let quantity = number(index, "quantity", "must be a number such as 2 or 1.5") ?? (form.optional("lines[\(index)].quantity") == nil
                ? Micros(value: Micros.scale) : Micros(value: 0))
            // A product's price comes from the price list: a price typed on its row is not sent.
            let unitPrice = number(index, "unitPrice", "must be an amount such as 12.50")
            let discount = number(index, "discountPercent", "must be a percentage such as 10")
            lines.append(QuoteInput.Line(productId: productId, description: form.optional("lines[\(index)].description"), quantity: quantity,
                                         unitPrice: productId == nil ? unitPrice : nil, discountPercent: discount,
                                         taxRateId: form.optional("lines[\(index)].taxRateId").flatMap(TaxRate.ID.init)))
            rows.append(index)
        }
        for (position, line) in lines.enumerated() where line.productId == nil {
            let row = rows[position]
            if line.description == nil { errors.append(FieldError("lines[\(position)].description", "a write-in line needs a description")) }
            if form.optional("lines[\(row)].unitPrice") == nil { errors.append(FieldError("lines[\(position)].unitPrice", "a write-in line needs a unit price")) }
        }
        let date = DayField.parse(form.optional("date"), field: "date", message: Bounds.dateMessage, errors: &errors)
        let validUntil = DayField.parse(form.optional("validUntil"), field: "validUntil", message: Bounds.dateMessage, errors: &errors)
        input = QuoteInput(opportunityId: form.optional("opportunityId").flatMap(Opportunity.ID.init),
                           leadId: form.optional("leadId").flatMap(Lead.ID.init), accountId: form.optional("accountId").flatMap(Account.ID.init),
                           contactId: form.optional("contactId").flatMap(Contact.ID.init),
                           priceListId: form.optional("priceListId").flatMap(PriceList.ID.init), name: form.optional("name"),
                           date: date, validUntil: validUntil, comments: form.optional("comments"),
                           terms: form.optional("terms"), lines: lines)
        self.rows = rows
        self.errors = errors
    }

    /// Throws the errors found while reading the form, if any, together with what the line
    /// rules say about the rest (a discount above 100, a quantity of 0…): every message at once.
    func check(currency: Currency?) throws {
        guard !errors.isEmpty else { return }
        guard let currency else { throw ValidationError(errors) }
        // A number that could not be read has its message already; its stand-in passes the rules.
        let lines = input.lines.enumerated().map { position, line in
            QuoteLine(productId: line.productId, description: line.description ?? "(line \(position + 1))",
                      quantity: errors.contains { $0.field == "lines[\(position)].quantity" } ? Micros(value: Micros.scale) : line.quantity,
                      unitPrice: line.unitPrice ?? Micros(value: 0), discountPercent: line.discountPercent ?? Micros(value: 0),
                      taxPercent: Micros(value: 0), taxRateId: nil)
        }
        var all = errors
        do { try QuoteLine.validate(lines, currency: currency) } catch {
            all += error.errors.filter { found in !errors.contains { $0.field == found.field } }
        }
        throw ValidationError(all)
    }

    /// The problem as the editor shows it: `lines[k]` errors moved to their form rows, and the
    /// quote problems that concern the price list or a product line turned into field messages.
    func placed(_ problem: Problem, catalog: SalesCatalog) -> Problem {
        var errors: [FieldError] = []
        for error in problem.errors ?? [] {
            errors.append(FieldError(moved(error.field), error.message))
        }
        let productRows = zip(rows, input.lines).filter { $0.1.productId != nil }
        switch problem.type {
        case .priceListRequired:
            errors.append(FieldError("priceListId", "choose a price list for the product lines"))
            errors += productRows.map { FieldError("lines[\($0.0)].productId", problem.detail) }
        case .productNotOnPriceList:
            let list = catalog.priceList(input.priceListId)
            let missing = productRows.filter { row in list.map { $0.items[row.1.productId!] == nil } ?? true }
            errors += missing.map { FieldError("lines[\($0.0)].productId", problem.detail) }
            if missing.isEmpty { errors.append(FieldError("priceListId", problem.detail)) }
        case .priceListNotValid, .currencyMismatch:
            errors.append(FieldError("priceListId", problem.detail))
        default:
            return errors.isEmpty ? problem : Problem.validation(errors)
        }
        return Problem.validation(errors)
    }

    /// `lines[1].unitPrice` (the second line sent) → `lines[3].unitPrice` (its form row).
    func moved(_ field: String) -> String {
        guard field.hasPrefix("lines["), let close = field.firstIndex(of: "]"),
              let position = Int(field[field.index(field.startIndex, offsetBy: 6)..<close]), rows.indices.contains(position)
        else { return field }
        return "lines[\(rows[position])]" + field[field.index(after: close)...]
    }

    /// A saved quote's values for the editor; a product line's name and tax rate are left out when
    /// they are the product's own, so that choosing another product takes the new one's.
    static func values(_ quote: Quote, catalog: SalesCatalog) -> WebForm {
        var values: [String: String?] = [
            "name": quote.name, "contactId": quote.contactId?.string, "date": quote.date.description, "validUntil": quote.validUntil?.description, "priceListId": quote.priceListId?.string,
            "comments": quote.comments, "terms": quote.terms, "version": String(quote.version), "lineCount": String(quote.lines.count),
        ]
        values.merge(lineValues(quote.lines, catalog: catalog)) { a, _ in a }
        return WebForm(values: values)
    }

    /// The rows of saved lines, as the editor's form fields.
    static func lineValues(_ lines: [QuoteLine], catalog: SalesCatalog) -> [String: String?] {
        var values: [String: String?] = ["lineCount": String(lines.count)]
        for (index, line) in lines.enumerated() {
            let product = catalog.product(line.productId)
            let key = { (name: String) in "lines[\(index)].\(name)" }
            values[key("productId")] = line.productId?.string
            values[key("description")] = product?.name == line.description ? nil : line.description
            values[key("quantity")] = line.quantity.decimalString
            values[key("unitPrice")] = line.productId == nil ? line.unitPrice.decimalString : nil
            values[key("discountPercent")] = line.discountPercent.value == 0 ? nil : line.discountPercent.decimalString
            values[key("taxRateId")] = line.productId != nil && line.taxRateId == product?.taxRateId ? nil : line.taxRateId?.string
        }
        return values
    }
}
