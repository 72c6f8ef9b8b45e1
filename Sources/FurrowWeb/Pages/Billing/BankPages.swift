import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// Bank statements (SPEC §5; rule 47), for finance, managers and administrators: the imported
/// statements, newest first, with how many lines are matched, and the upload form. A file is
/// read as CAMT.053 when it is XML (by its name or its first character), otherwise as CSV through
/// the chosen profile and currency.
struct BankPages {
    static let path = "/bank-statements"
    static let pageSize = 25
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("bank-statements", use: list)
        group.post("bank-statements", use: upload)
    }

    /// Who the navigation shows the bank pages to; the core decides who may use them.
    static func shown(_ principal: Principal) -> Bool { principal.canReconcile }

    struct Row { let name: String, url: String, imported: String, format: String, lines: Int, matched: Int, unmatched: Int }
    struct ListModel {
        let rows: [Row]
        let hasRows: Bool
        let next: String?
        let first: String?
        let uploadFields: [Field]
        let uploadMessage: String?
        let uploadErrors: [String]
        let hasUploadErrors: Bool
        let datalists: [FormPage.Datalist]
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        try await list(request, context, values: [:], problem: nil)
    }

    func list(_ request: Request, _ context: AppContext, values: [String: String], problem: Problem?) async throws -> Response {
        let principal = try web.principal(request, context)
        let service = ReconciliationService(web.env)
        let before = Timestamp.date(request.query("before"))
        let statements = try await service.statements(limit: Self.pageSize, before: before, by: principal)
        let profiles = try await service.profiles(by: principal)
        let base = try await PipelineParts(env: web.env).baseCurrency()
        var fields = FormFields(problem)
        fields.add("file", "Statement file", nil, type: "file", required: true,
                   hint: "CSV, or CAMT.053 XML (recognised by its .xml name or content).")
        fields.select("profileId", "CSV layout", profiles.compactMap { p in p.id.map { ($0.string, p.name) } }, selected: values["profileId"],
                      empty: "Standard: date, amount, reference, counterparty", hint: "Save your bank's layout under “CSV profiles”.")
        fields.add("currency", "Currency of a CSV", values["currency"] ?? base,
                   hint: "Used for CSV lines without a currency column. CAMT.053 names its own.", list: "currencies")
        fields.add("name", "Name", values["name"], autocomplete: "off", hint: "Optional, e.g. “Main account, November”.")
        let placed = Set(fields.fields.map(\.name))
        let general = fields.errors.filter { !placed.contains($0.field) }.map { RecordParts.label($0.field) + " " + $0.message }
        var result = fields.result
        if problem == nil { for index in result.indices { result[index].autofocus = false } }
        return try await web.page("bank-statements", "Bank statements", request, context,
                                  status: problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok) { shell in
            let rows = statements.map { s in
                Row(name: s.name ?? "Statement of \(shell.format(s.importedAt))", url: "/bank-statements/\(s.id)", imported: shell.format(s.importedAt),
                    format: s.format == .camt053 ? "CAMT.053" : "CSV", lines: s.lines, matched: s.matched, unmatched: s.lines - s.matched)
            }
            return ListModel(
                rows: rows, hasRows: !rows.isEmpty,
                next: statements.count == Self.pageSize ? statements.last.map { URLText.link(Self.path, [("before", Timestamp.string($0.importedAt))]) } : nil,
                first: before == nil ? nil : Self.path, uploadFields: result,
                uploadMessage: problem.flatMap { $0.type == .validation ? (general.isEmpty ? nil : "The file could not be read:") : Web.reason($0) },
                uploadErrors: general, hasUploadErrors: !general.isEmpty,
                datalists: [FormPage.Datalist(id: "currencies", options: SettingsPage.currencies.map { Field.Option(value: $0, label: $0, selected: false) })])
        }
    }

    @Sendable func upload(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.upload(request, context)
        var errors: [FieldError] = []
        let code = form.optional("currency")?.uppercased()
        let currency = code.flatMap(Currency.init)
        if code != nil && currency == nil { errors.append(FieldError("currency", "is not an ISO 4217 currency code such as EUR")) }
        let profile = form.optional("profileId").flatMap(StatementProfile.ID.init)
        let file = form.files["file"]
        if file == nil || file?.data.isEmpty == true { errors.append(FieldError("file", "choose the statement file to import")) }
        do {
            guard errors.isEmpty, let file else { throw ValidationError(errors) }
            let source = Self.source(file, profile: profile, currency: currency)
            let imported = try await ReconciliationService(web.env).importStatement(source, name: form.optional("name") ?? file.filename.nonEmpty,
                                                                                    by: principal)
            let duplicates = imported.lines.filter(\.duplicate).count
            let skipped = duplicates == 0 ? "" : " \(duplicates) line\(duplicates == 1 ? " was" : "s were") imported before and skipped."
            let count = imported.statement.lines.count
            return .redirect("/bank-statements/\(imported.statement.id)", flash: "Statement imported: \(count) line\(count == 1 ? "" : "s").\(skipped)")
        } catch {
            let problem = try Problem.forForm(error)
            return try await list(request, context, values: form.fields, problem: problem)
        }
    }

    /// CAMT.053 for XML (by name or content), else CSV text (UTF-8, or Latin-1 as many banks export).
    static func source(_ file: UploadForm.File, profile: StatementProfile.ID?, currency: Currency?) -> ReconciliationService.Source {
        var data = file.data
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
        let first = data.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if file.filename.lowercased().hasSuffix(".xml") || first == UInt8(ascii: "<") { return .camt053(Data(data)) }
        let text = String(data: Data(data), encoding: .utf8) ?? String(data: Data(data), encoding: .isoLatin1) ?? ""
        return .csv(text, profileId: profile, currency: currency)
    }
}
