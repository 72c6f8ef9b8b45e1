import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain

/// The quote editor's page (`quote-editor.mustache`): header fields, the price-list picker, the
/// line rows and the notes, each with its message beside it. The `data-` attributes let
/// `quote.js` work out line and document totals while typing; the server's figures are the truth.
struct QuoteEditorView {
    struct PriceListOption { let value: String, label: String, selected: Bool, currency: String, digits: Int, prices: String }
    struct ProductOption { let value: String, label: String, selected: Bool, tax: String }
    struct TaxOption { let value: String, label: String, selected: Bool, percent: String }
    struct Line {
        let index: Int, number: Int, products: [ProductOption], description: String, quantity: String, unitPrice: String
        let discount: String, taxes: [TaxOption]
        let productError: String?, descriptionError: String?, quantityError: String?, unitPriceError: String?, discountError: String?
        let taxError: String?, hasError: Bool, autofocus: Bool
    }

    let heading: String
    let intro: String
    let action: String
    let submitLabel: String
    let cancel: String
    let message: String?
    let hasFieldErrors: Bool
    let generalErrors: [String]
    let hasGeneralErrors: Bool
    let fields: [Field]
    let priceLists: [PriceListOption]
    let priceListError: String?
    let priceListAutofocus: Bool
    let lines: [Line]
    let notes: [Field]
    let hidden: [FormPage.Hidden]
    let lineCount: Int
    let currency: String
    let digits: Int

    /// Who the quote is for and what the page is called.
    struct Target {
        var heading: String
        var intro: String
        var action: String
        var cancel: String
        var submitLabel: String
        var currency: Currency?
        var hidden: [FormPage.Hidden]
        /// Whether the document's own fields (name, dates, comments, terms) are edited too.
        var header = true
    }

    /// The editor; without `header` (an opportunity's product lines) only the price list and the lines.
    static func make(_ target: Target, values: WebForm, problem: Problem?, catalog: SalesCatalog, baseCurrency: Currency,
                     today: Day, rows: Int, focusRow: Int?, header: Bool = true, contacts: [(String, String)] = []) -> QuoteEditorView {
        var form = FormFields(problem)
        if header {
            form.add("name", "Name", values["name"], autocomplete: "off", hint: "Leave empty to use the opportunity’s name.")
            form.select("contactId", "Contact", contacts, selected: values["contactId"], empty: "— the opportunity’s or lead’s contact —",
                        hint: "Who the document is addressed to.")
            form.add("date", "Date", values.optional("date") ?? today.description, type: "date", required: true)
            form.add("validUntil", "Valid until", values["validUntil"], type: "date", hint: "After this day the document reads as expired.")
            form.textarea("comments", "Comments", values["comments"])
            form.textarea("terms", "Terms", values["terms"])
        }
        let selectedList = values["priceListId"]
        let lists = catalog.priceLists.filter { target.currency == nil || $0.currency == target.currency || $0.id.string == selectedList }
            .sorted { ($0.isValid(on: today) ? 0 : 1, $0.name) < ($1.isValid(on: today) ? 0 : 1, $1.name) }
        let listOptions = [PriceListOption(value: "", label: "— no price list (write-ins only) —", selected: selectedList.isEmpty, currency: "",
                                           digits: -1, prices: "")] + lists.map { list in
            PriceListOption(value: list.id.string, label: SalesText.priceList(list), selected: list.id.string == selectedList,
                            currency: list.currency.code, digits: list.currency.minorDigits,
                            prices: list.items.map { "\($0.key)=\($0.value.decimalString)" }.sorted().joined(separator: ";"))
        }
        let chosen = Set((0..<rows).map { values["lines[\($0)].productId"] })
        let products = catalog.sellable(selected: chosen)
        var lines: [Line] = []
        var firstError: Int?
        for index in 0..<rows {
            let key = { (name: String) in "lines[\(index)].\(name)" }
            let product = values[key("productId")], tax = values[key("taxRateId")]
            let productOptions = [ProductOption(value: "", label: "— write-in —", selected: product.isEmpty, tax: "")] + products.map {
                ProductOption(value: $0.id.string, label: "\($0.name) (\($0.sku))", selected: $0.id.string == product,
                              tax: catalog.taxRate($0.taxRateId)?.percent.decimalString ?? "0")
            }
            let taxOptions = [TaxOption(value: "", label: "Default rate", selected: tax.isEmpty, percent: "")]
                + catalog.taxRateOptions(selected: tax.nonEmpty).map { value, label in
                    TaxOption(value: value, label: label, selected: value == tax,
                              percent: catalog.taxRate(TaxRate.ID(value))?.percent.decimalString ?? "0")
                }
            let errors = QuoteForm.lineFields.map { form.message(for: key($0)) }
            let hasError = errors.contains { $0 != nil }
            if hasError && firstError == nil { firstError = index }
            lines.append(Line(index: index, number: index + 1, products: productOptions, description: values[key("description")],
                              quantity: values.optional(key("quantity")) ?? "1", unitPrice: values[key("unitPrice")],
                              discount: values[key("discountPercent")], taxes: taxOptions,
                              productError: errors[0], descriptionError: errors[1], quantityError: errors[2], unitPriceError: errors[3],
                              discountError: errors[4], taxError: errors[5], hasError: hasError, autofocus: false))
        }
        var fields = form.fields
        let headerError = fields.prefix(header ? 4 : 0).firstIndex { $0.error != nil }
        let priceListError = form.message(for: "priceListId")
        var listFocus = false
        if let headerError {
            fields[headerError].autofocus = true
        } else if priceListError != nil {
            listFocus = true
        } else if let row = firstError ?? focusRow, lines.indices.contains(row) {
            lines[row] = lines[row].focused()
        } else if let notesError = fields.indices.dropFirst(4).first(where: { fields[$0].error != nil }) {
            fields[notesError].autofocus = true
        } else if !fields.isEmpty {
            fields[0].autofocus = true
        } else if !lines.isEmpty {
            lines[0] = lines[0].focused()
        }
        let placed = Set(["priceListId"] + (0..<rows).flatMap { index in QuoteForm.lineFields.map { "lines[\(index)].\($0)" } })
        let general = form.unplaced(besides: placed)
        var message: String?
        if let problem, problem.type != .validation {
            message = problem.type == .versionConflict
                ? "This document was changed by someone else while you were editing it. Open it again to see their changes, then apply yours."
                : problem.detail
        }
        let currency = target.currency ?? catalog.priceList(PriceList.ID(selectedList))?.currency ?? baseCurrency
        return QuoteEditorView(
            heading: target.heading, intro: target.intro, action: target.action, submitLabel: target.submitLabel, cancel: target.cancel,
            message: message, hasFieldErrors: !form.errors.isEmpty, generalErrors: general, hasGeneralErrors: !general.isEmpty,
            fields: Array(fields.prefix(header ? 4 : 0)), priceLists: listOptions, priceListError: priceListError, priceListAutofocus: listFocus,
            lines: lines, notes: Array(fields.dropFirst(header ? 4 : 0)), hidden: target.hidden, lineCount: rows, currency: currency.code,
            digits: currency.minorDigits)
    }
}

extension QuoteEditorView.Line {
    func focused() -> Self {
        Self(index: index, number: number, products: products, description: description, quantity: quantity, unitPrice: unitPrice,
             discount: discount, taxes: taxes, productError: productError, descriptionError: descriptionError, quantityError: quantityError,
             unitPriceError: unitPriceError, discountError: discountError, taxError: taxError, hasError: hasError, autofocus: true)
    }
}
