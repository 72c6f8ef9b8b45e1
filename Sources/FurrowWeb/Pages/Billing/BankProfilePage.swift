import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// CSV statement profiles (SPEC §5): how a bank's CSV export reads — delimiter, the header
/// names of the date, amount, reference, counterparty and currency columns, the date format and
/// the decimal mark. Saved ones are offered on the upload form.
struct BankProfilePage {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("bank-statements/profiles", use: show)
        group.post("bank-statements/profiles", use: create)
    }

    static let delimiters: [(key: String, label: String, character: Character)] = [
        ("comma", "Comma ( , )", ","), ("semicolon", "Semicolon ( ; )", ";"), ("tab", "Tab", "\t"), ("bar", "Bar ( | )", "|"),
    ]

    struct Row { let name: String, delimiter: String, columns: String, dateFormat: String, decimal: String }
    struct Model {
        let rows: [Row]
        let hasRows: Bool
        let form: FormPage
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        try await page(request, context, values: WebForm(values: ["delimiter": "comma", "dateColumn": "date", "amountColumn": "amount",
                                                                  "referenceColumn": "reference", "counterpartyColumn": "counterparty",
                                                                  "dateFormat": StatementProfile.DateFormat.iso.rawValue]), problem: nil)
    }

    func page(_ request: Request, _ context: AppContext, values: WebForm, problem: Problem?) async throws -> Response {
        let principal = try web.principal(request, context)
        let profiles = try await ReconciliationService(web.env).profiles(by: principal)
        let rows = profiles.map { p in
            Row(name: p.name, delimiter: Self.delimiters.first { $0.character == p.delimiter }?.label ?? String(p.delimiter),
                columns: [p.dateColumn, p.amountColumn, p.referenceColumn, p.counterpartyColumn, p.currencyColumn].compactMap { $0 }.joined(separator: ", "),
                dateFormat: p.dateFormat.rawValue, decimal: p.decimalComma ? "1.234,56" : "1,234.56")
        }
        var fields = FormFields(problem)
        fields.add("name", "Name", values["name"], required: true, autocomplete: "off", hint: "e.g. the bank's name.")
        fields.select("delimiter", "Delimiter", Self.delimiters.map { ($0.key, $0.label) }, selected: values["delimiter"], required: true)
        fields.add("dateColumn", "Date column", values["dateColumn"], required: true, hint: "The header's name for the column, e.g. Booking date.")
        fields.select("dateFormat", "Date format", StatementProfile.DateFormat.allCases.map { ($0.rawValue, $0.rawValue) },
                      selected: values["dateFormat"], required: true)
        fields.add("amountColumn", "Amount column", values["amountColumn"], required: true, hint: "Money received is positive, paid out negative.")
        fields.checkbox("decimalComma", "Decimal comma", checked: values.flag("decimalComma"), hint: "Amounts are written 1.234,56.")
        fields.add("referenceColumn", "Reference column", values["referenceColumn"], required: true)
        fields.add("counterpartyColumn", "Counterparty column", values["counterpartyColumn"], hint: "Optional.")
        fields.add("currencyColumn", "Currency column", values["currencyColumn"], hint: "Optional; otherwise the currency chosen on import.")
        var form = FormPage(heading: "New profile", action: "/bank-statements/profiles", submitLabel: "Save profile", cancel: "/bank-statements")
        form.apply(fields, problem: problem)
        if problem == nil { for index in form.fields.indices { form.fields[index].autofocus = false } }
        let model = Model(rows: rows, hasRows: !rows.isEmpty, form: form)
        return try await web.page("bank-profiles", "CSV profiles", model, request, context,
                                  status: problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let delimiter = Self.delimiters.first { $0.key == form["delimiter"] }?.character ?? "?"
        let profile = StatementProfile(name: form["name"], delimiter: delimiter, dateColumn: form["dateColumn"].trimmedSpaces(),
                                       dateFormat: StatementProfile.DateFormat(rawValue: form["dateFormat"]) ?? .iso,
                                       amountColumn: form["amountColumn"].trimmedSpaces(), decimalComma: form.flag("decimalComma"),
                                       referenceColumn: form["referenceColumn"].trimmedSpaces(),
                                       counterpartyColumn: form.optional("counterpartyColumn"), currencyColumn: form.optional("currencyColumn"))
        do {
            let saved = try await ReconciliationService(web.env).createProfile(profile, by: principal)
            return .redirect("/bank-statements/profiles", flash: "Profile “\(saved.name)” saved. Choose it when importing a CSV.")
        } catch {
            let problem = try Problem.forForm(error)
            return try await page(request, context, values: form, problem: problem)
        }
    }
}
