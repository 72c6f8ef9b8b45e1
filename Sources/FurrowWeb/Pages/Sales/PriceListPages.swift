import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// Price lists (SPEC §4, rules 79–80): a currency, validity dates and a price per product.
/// Everyone reads them; managers and administrators create and edit them.
struct PriceListPages {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("price-lists", use: list)
        group.get("price-lists/new", use: newForm)
        group.post("price-lists", use: create)
        group.get("price-lists/:id", use: show)
        group.get("price-lists/:id/edit", use: editForm)
        group.post("price-lists/:id/edit", use: update)
    }

    struct Row { let name: String, url: String, currency: String, validFrom: String, validTo: String, items: Int, current: Bool }
    struct ListModel {
        let rows: [Row], hasRows: Bool, canEdit: Bool
        let onProducts = false
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let today = try await SettingsService(web.env).current().today(web.env.clock.now())
        let lists = try await ProductService(web.env).priceLists().sorted { ($0.validFrom, $0.name) > ($1.validFrom, $1.name) }
        let rows = lists.map {
            Row(name: $0.name, url: "/price-lists/\($0.id)", currency: $0.currency.code, validFrom: $0.validFrom.description,
                validTo: $0.validTo?.description ?? "open", items: $0.items.count, current: $0.isValid(on: today))
        }
        return try await web.page("price-lists", "Price lists", ListModel(rows: rows, hasRows: !rows.isEmpty, canEdit: principal.canReassign),
                                  request, context)
    }

    struct ItemRow { let product: String, sku: String, url: String, price: String }
    struct Model {
        let id: String, name: String, current: Bool, facts: [Fact], items: [ItemRow], hasItems: Bool
        let history: [RecordParts.HistoryRow], canEdit: Bool
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard let id = context.parameters.get("id").flatMap(PriceList.ID.init) else { throw Problem.notFound() }
        let list = try await ProductService(web.env).priceList(id)
        let catalog = try await SalesCatalog.load(web.env, priceLists: false)
        let today = try await SettingsService(web.env).current().today(web.env.clock.now())
        let items = list.items.map { productId, price in
            let product = catalog.product(productId)
            return ItemRow(product: product?.name ?? "(product)", sku: product?.sku ?? "", url: "/products/\(productId)",
                           price: SalesText.price(price, list.currency))
        }.sorted { $0.product < $1.product }
        let facts: [Fact] = [
            .init(label: "Currency", value: list.currency.code, href: nil),
            .init(label: "Valid from", value: list.validFrom.description, href: nil),
            .init(label: "Valid to", value: list.validTo?.description ?? "open-ended", href: nil),
        ]
        return try await web.page("price-list", list.name, request, context) { shell in
            Model(id: id.string, name: list.name, current: list.isValid(on: today), facts: facts, items: items, hasItems: !items.isEmpty,
                  history: await RecordParts(env: web.env).historyIfKnown("price-list", id.uuid, by: principal, shell: shell),
                  canEdit: principal.canReassign)
        }
    }

    // MARK: the form

    static let emptyRows = 5

    /// The list the form describes; a row with neither product nor price is skipped.
    static func priceList(_ form: WebForm, id: PriceList.ID) throws -> PriceList {
        var errors: [FieldError] = []
        let currency = Currency(form["currency"].trimmedSpaces())
        if currency == nil { errors.append(FieldError("currency", "is not an ISO 4217 currency code such as EUR")) }
        var items: [Product.ID: Micros] = [:]
        for index in 0..<rowCount(form) {
            let productText = form["items[\(index)].productId"], priceText = form["items[\(index)].unitPrice"].trimmedSpaces()
            if productText.isEmpty && priceText.isEmpty { continue }
            guard let productId = Product.ID(productText) else {
                errors.append(FieldError("items[\(index)].productId", "choose a product for this price"))
                continue
            }
            if items[productId] != nil { errors.append(FieldError("items[\(index)].productId", "is listed already")) }
            guard let price = Micros(TypedNumber.plain(priceText)), price.value >= 0 else {
                errors.append(FieldError("items[\(index)].unitPrice", priceText.isEmpty ? "enter a price" : "must be an amount such as 12.50"))
                continue
            }
            items[productId] = price
        }
        let validFrom = Day(form["validFrom"].trimmedSpaces())
        if validFrom == nil { errors.append(FieldError("validFrom", Bounds.dateMessage)) }
        let validTo = DayField.parse(form.optional("validTo"), field: "validTo", message: Bounds.dateMessage, errors: &errors)
        // With an unreadable validFrom the form is refused below; the stand-in day only lets the other rules speak.
        let list = PriceList(id: id, name: form["name"], currency: currency ?? Currency("EUR")!, validFrom: validFrom ?? Day(ordinal: 0),
                             validTo: validTo, items: items)
        try FormCheck.check(errors) { _ = try list.validated() }
        return list
    }

    static func rowCount(_ form: WebForm) -> Int { min(max(Int(form["itemCount"]) ?? 0, 0), 500) }

    static func values(_ list: PriceList, catalog: SalesCatalog) -> WebForm {
        var values: [String: String?] = ["name": list.name, "currency": list.currency.code, "validFrom": list.validFrom.description, "validTo": list.validTo?.description]
        let items = list.items.sorted { (catalog.product($0.key)?.name ?? "") < (catalog.product($1.key)?.name ?? "") }
        for (index, item) in items.enumerated() {
            values["items[\(index)].productId"] = item.key.string
            values["items[\(index)].unitPrice"] = item.value.decimalString
        }
        values["itemCount"] = String(items.count)
        return WebForm(values: values)
    }

    struct FormRow {
        let index: Int, number: Int, options: [Field.Option], price: String
        let productError: String?, priceError: String?, hasError: Bool, autofocus: Bool
    }
    struct FormModel { let form: FormPage, rows: [FormRow], itemCount: Int }

    func formPage(_ request: Request, _ context: AppContext, values: WebForm, editing: PriceList?, problem: Problem?,
                  catalog: SalesCatalog? = nil) async throws -> Response {
        var loaded = catalog
        if loaded == nil { loaded = try await SalesCatalog.load(web.env, priceLists: false) }
        guard let catalog = loaded else { throw Problem.notFound() }
        let today = try await SettingsService(web.env).current().today(web.env.clock.now())
        var fields = FormFields(problem)
        fields.add("name", "Name", values["name"], required: true, autocomplete: "off", hint: "e.g. “Retail 2026”.")
        let base = try await PipelineParts(env: web.env).baseCurrency()
        fields.add("currency", "Currency", values.optional("currency") ?? base, required: true, list: "currencies")
        fields.add("validFrom", "Valid from", values.optional("validFrom") ?? today.description, type: "date", required: true)
        fields.add("validTo", "Valid to", values["validTo"], type: "date", hint: "Leave empty for no end date.")
        let filled = (0..<Self.rowCount(values)).last { !values["items[\($0)].productId"].isEmpty || !values["items[\($0)].unitPrice"].isEmpty }
        let count = (filled.map { $0 + 1 } ?? 0) + Self.emptyRows
        let chosen = Set((0..<count).map { values["items[\($0)].productId"] })
        let products = catalog.products.filter { $0.active || chosen.contains($0.id.string) }
        var rows: [FormRow] = []
        var focused = false
        for index in 0..<count {
            let selected = values["items[\(index)].productId"]
            let options = [Field.Option(value: "", label: "— choose a product —", selected: selected.isEmpty)] + products.map {
                Field.Option(value: $0.id.string, label: "\($0.sku) — \($0.name)", selected: $0.id.string == selected)
            }
            let productError = fields.message(for: "items[\(index)].productId"), priceError = fields.message(for: "items[\(index)].unitPrice")
            let hasError = productError != nil || priceError != nil
            rows.append(FormRow(index: index, number: index + 1, options: options, price: values["items[\(index)].unitPrice"],
                                productError: productError, priceError: priceError, hasError: hasError, autofocus: hasError && !focused))
            focused = focused || hasError
        }
        var page: FormPage
        if let editing {
            page = FormPage(heading: "Edit " + editing.name, action: "/price-lists/\(editing.id)/edit", submitLabel: "Save changes",
                            cancel: "/price-lists/\(editing.id)")
        } else {
            page = FormPage(heading: "New price list", action: "/price-lists", submitLabel: "Create price list", cancel: "/price-lists")
        }
        page.intro = "Products are priced on a document only from a price list valid on the document’s date. Fill the empty rows to add prices; clear a row to remove it."
        page.datalists = [FormPage.Datalist(id: "currencies", options: SettingsPage.currencies.map {
            Field.Option(value: $0, label: $0, selected: false)
        })]
        let placed = Set((0..<count).flatMap { ["items[\($0)].productId", "items[\($0)].unitPrice"] })
        page.apply(fields, problem: problem, placed: placed)
        if focused { page.fields = page.fields.map { var field = $0; field.autofocus = false; return field } }
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("price-list-form", page.heading, FormModel(form: page, rows: rows, itemCount: count), request, context,
                                  status: status)
    }

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> Response {
        _ = try ProductForms.editor(request, context, web)
        return try await formPage(request, context, values: WebForm(""), editing: nil, problem: nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try ProductForms.editor(request, context, web)
        let form = try await web.form(request, context)
        do {
            let list = try await ProductService(web.env).createPriceList(try Self.priceList(form, id: PriceList.ID(UUID())), by: principal)
            return .redirect("/price-lists/\(list.id)", flash: "Price list created.")
        } catch {
            return try await formPage(request, context, values: form, editing: nil, problem: try Problem.forForm(error))
        }
    }

    @Sendable func editForm(_ request: Request, context: AppContext) async throws -> Response {
        _ = try ProductForms.editor(request, context, web)
        guard let id = context.parameters.get("id").flatMap(PriceList.ID.init) else { throw Problem.notFound() }
        let list = try await ProductService(web.env).priceList(id)
        let catalog = try await SalesCatalog.load(web.env, priceLists: false)
        return try await formPage(request, context, values: Self.values(list, catalog: catalog), editing: list, problem: nil, catalog: catalog)
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try ProductForms.editor(request, context, web)
        let form = try await web.form(request, context)
        guard let id = context.parameters.get("id").flatMap(PriceList.ID.init) else { throw Problem.notFound() }
        let list = try await ProductService(web.env).priceList(id)
        do {
            _ = try await ProductService(web.env).updatePriceList(id, try Self.priceList(form, id: id), by: principal)
            return .redirect("/price-lists/\(id)", flash: "Changes saved.")
        } catch {
            return try await formPage(request, context, values: form, editing: list, problem: try Problem.forForm(error))
        }
    }
}
