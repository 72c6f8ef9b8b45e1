import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// Creating and editing products (SPEC §4), for managers and administrators. The inventory
/// status and deactivation date of a serialised item are set by accepting a quote, not here.
struct ProductForms {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("products/new", use: newForm)
        group.post("products", use: create)
        group.get("products/:id/edit", use: editForm)
        group.post("products/:id/edit", use: update)
    }

    static func editor(_ request: Request, _ context: AppContext, _ web: Web) throws -> Principal {
        let principal = try web.principal(request, context)
        guard principal.canReassign else { throw CoreError.forbidden("Only managers and administrators change the catalog.") }
        return principal
    }

    /// What the form sets over `base` (which keeps the inventory status and deactivation date).
    static func product(_ form: WebForm, base: Product) throws -> Product {
        var errors: [FieldError] = []
        var product = base
        product.sku = form["sku"]
        product.name = form["name"]
        product.shortName = form.optional("shortName")
        product.unit = form.optional("unit") ?? "unit"
        product.type = Product.Kind(rawValue: form["type"]) ?? .good
        let code = form.optional("currency")?.uppercased() ?? ""
        product.unitPrice = MoneyText.parse(form.optional("unitPrice"), currency: code, field: "unitPrice", errors: &errors)
        product.taxRateId = form.optional("taxRateId").flatMap(TaxRate.ID.init)
        product.active = form.flag("active")
        product.serialized = form.flag("serialized")
        product.serialNumber = form.optional("serialNumber")
        try FormCheck.check(errors) { _ = try product.validated() }
        return product
    }

    static func values(_ product: Product) -> WebForm {
        var values: [String: String?] = [
            "sku": product.sku, "name": product.name, "shortName": product.shortName, "unit": product.unit, "type": product.type.rawValue,
            "unitPrice": product.unitPrice?.decimalString, "currency": product.unitPrice?.currency.code,
            "taxRateId": product.taxRateId?.string, "serialNumber": product.serialNumber, "version": String(product.version),
        ]
        if product.active { values["active"] = "true" }
        if product.serialized { values["serialized"] = "true" }
        return WebForm(values: values)
    }

    func id(_ context: AppContext) throws -> Product.ID {
        guard let id = context.parameters.get("id").flatMap(Product.ID.init) else { throw Problem.notFound() }
        return id
    }

    func formPage(_ request: Request, _ context: AppContext, values: WebForm, editing: Product?, problem: Problem?) async throws -> Response {
        let catalog = try await SalesCatalog.load(web.env, products: false, priceLists: false)
        let base = try await PipelineParts(env: web.env).baseCurrency()
        var fields = FormFields(problem)
        fields.add("sku", "SKU", values["sku"], required: true, autocomplete: "off", hint: "The article number, unique in the catalog.")
        fields.add("name", "Name", values["name"], required: true, autocomplete: "off")
        fields.add("shortName", "Short name", values["shortName"], autocomplete: "off",
                   hint: "Used in generated opportunity names when the settings say so.")
        fields.add("unit", "Unit", values.optional("unit") ?? "unit", hint: "e.g. unit, hour, kg.")
        fields.select("type", "Type", Product.Kind.allCases.map { ($0.rawValue, SalesText.type($0)) },
                      selected: values.optional("type") ?? "good", required: true)
        fields.add("unitPrice", "Default price", values["unitPrice"], hint: "An amount such as 1250.00; price lists set the selling price.")
        fields.add("currency", "Currency", values.optional("currency") ?? base, list: "currencies")
        fields.select("taxRateId", "Tax rate", catalog.taxRateOptions(selected: values.optional("taxRateId")),
                      selected: values["taxRateId"], empty: "— no tax —")
        fields.checkbox("active", "Active", checked: values.flag("active"),
                        hint: "Inactive products cannot be added to new documents.")
        fields.checkbox("serialized", "Serialised item", checked: values.flag("serialized"),
                        hint: "A single item such as a vehicle or a machine, sold once.")
        fields.add("serialNumber", "Serial number", values["serialNumber"], autocomplete: "off", hint: "Required for a serialised item.")
        var page: FormPage
        if let editing {
            page = FormPage(heading: "Edit " + editing.name, action: "/products/\(editing.id)/edit", submitLabel: "Save changes",
                            cancel: "/products/\(editing.id)")
            page.hidden = [FormPage.Hidden(name: "version", value: values.optional("version") ?? String(editing.version))]
            if editing.inventoryStatus == .sold {
                page.intro = "This item was sold" + (editing.deactivationDate.map { " on \($0)" } ?? "") + "."
            }
        } else {
            page = FormPage(heading: "New product", action: "/products", submitLabel: "Create product", cancel: "/products")
        }
        page.datalists = [FormPage.Datalist(id: "currencies", options: SettingsPage.currencies.map {
            Field.Option(value: $0, label: $0, selected: false)
        })]
        page.apply(fields, problem: problem)
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("form", page.heading, page, request, context, status: status)
    }

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> Response {
        _ = try Self.editor(request, context, web)
        return try await formPage(request, context, values: WebForm(values: ["active": "true"]), editing: nil, problem: nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try Self.editor(request, context, web)
        let form = try await web.form(request, context)
        do {
            let input = try Self.product(form, base: Product(id: Product.ID(UUID()), sku: "", name: ""))
            let product = try await ProductService(web.env).createProduct(input, by: principal)
            return .redirect("/products/\(product.id)", flash: "Product created.")
        } catch {
            let problem = try Problem.forForm(error)
            return try await formPage(request, context, values: form, editing: nil, problem: problem)
        }
    }

    @Sendable func editForm(_ request: Request, context: AppContext) async throws -> Response {
        _ = try Self.editor(request, context, web)
        let product = try await ProductService(web.env).product(try id(context))
        return try await formPage(request, context, values: Self.values(product), editing: product, problem: nil)
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try Self.editor(request, context, web)
        let form = try await web.form(request, context)
        let product = try await ProductService(web.env).product(try id(context))
        do {
            let input = try Self.product(form, base: product)
            _ = try await ProductService(web.env).updateProduct(product.id, input, expectedVersion: Int(form["version"]), by: principal)
            return .redirect("/products/\(product.id)", flash: "Changes saved.")
        } catch {
            let problem = try Problem.forForm(error)
            return try await formPage(request, context, values: form, editing: product, problem: problem)
        }
    }
}
