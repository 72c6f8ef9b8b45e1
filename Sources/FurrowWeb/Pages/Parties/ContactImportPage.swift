import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// Importing contacts from a CSV file (SPEC §11), the web side of `furrow import contacts`: the
/// upload streams to disk, `ContactImport` checks every row and stores all of them or none, and
/// the page shows what happened, each bad row by its line. For everyone who may create records;
/// managers and administrators may give the new contacts another owner. `import.js` uploads with
/// a progress bar; without it the form posts as it is.
struct ContactImportPage {
    static let path = "/contacts/import"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("contacts/import", use: show)
        group.post("contacts/import", use: run)
    }

    /// What each of `ContactImport.columns` holds, for the table on the page.
    static let columnHelp = [
        "firstName": "Given name, up to 100 characters.",
        "lastName": "Family name (or the whole name), up to 100 characters. Required in every row.",
        "email": "Email address.",
        "phone": "Phone number as written: digits with + ( ) - . / spaces or “ext”, up to 40 characters.",
        "mobile": "Mobile number, written like the phone.",
        "title": "Job title, up to 100 characters.",
        "accountId": "The id of an account you can see (the last part of its page's address), to link the contact to it.",
    ]

    struct Column { let name: String, text: String, required: Bool }
    struct RowError { let line: Int, column: String, message: String }
    struct Outcome {
        let headline: String
        let detail: String?
        let succeeded: Bool
        let showContacts: Bool
        let errors: [RowError]
        let hasErrors: Bool
        let shownErrors: String?
    }
    struct Model {
        let fields: [Field]
        let message: String?
        let outcome: Outcome?
        let columns: [Column]
        let maxSize: String
    }

    struct Values {
        var dryRun = false
        var allowDuplicates = false
        var ownerId: String?
    }

    func page(_ request: Request, _ context: AppContext, _ principal: Principal, values: Values, outcome: Outcome? = nil,
              problem: Problem? = nil) async throws -> Response {
        var fields = FormFields(problem)
        fields.add("file", "CSV file", nil, type: "file", required: true,
                   hint: "UTF-8 text whose first line names the columns (see below); at most \(Self.maxSize).")
        fields.checkbox("dryRun", "Dry run (check only)", checked: values.dryRun, hint: "Check every row and report; store nothing.")
        fields.checkbox("allowDuplicates", "Allow duplicates", checked: values.allowDuplicates,
                        hint: "Also store rows that look like existing contacts (same email, phone, or name at the same account).")
        let owners = try await RecordParts(env: web.env).ownerOptions(by: principal, selected: values.ownerId)
        if !owners.isEmpty {
            fields.select("ownerId", "Owner", owners, selected: values.ownerId ?? principal.userId.string, required: true,
                          hint: "Who owns the new contacts.")
        }
        var result = fields.result
        for index in result.indices {
            if result[index].name == "file" { result[index].accept = ".csv,text/csv,text/plain" }
            if fields.errors.isEmpty { result[index].autofocus = false }
        }
        let placed = Set(fields.fields.map(\.name))
        let unplaced = fields.errors.filter { !placed.contains($0.field) }.map { RecordParts.label($0.field) + " " + $0.message }
        let message = problem.flatMap { $0.errors?.isEmpty == false ? (unplaced.isEmpty ? nil : unplaced.joined(separator: "; ") + ".") : $0.detail }
        let model = Model(fields: result, message: message, outcome: outcome,
                          columns: ContactImport.columns.map { Column(name: $0, text: Self.columnHelp[$0] ?? "", required: $0 == "lastName") },
                          maxSize: Self.maxSize)
        let status: HTTPResponse.Status = problem.map { .init(code: $0.status) } ?? (outcome?.succeeded == false ? .unprocessableContent : .ok)
        return try await web.page("contact-import", "Import contacts", model, request, context, status: status)
    }

    static var maxSize: String { "\(BodyLimits.importFile / 1024 / 1024) MB" }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard principal.canWriteRecords else { throw CoreError.forbidden("Your role can read records but not create them.") }
        return try await page(request, context, principal, values: Values())
    }

    @Sendable func run(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard principal.canWriteRecords else { throw CoreError.forbidden("Your role can read records but not create them.") }
        var values = Values()
        do {
            return try await web.savedUpload(request, context, fileField: "file") { upload in
                values = Values(dryRun: upload.flag("dryRun"), allowDuplicates: upload.flag("allowDuplicates"), ownerId: upload.optional("ownerId"))
                guard let file = upload.file else { throw ValidationError([FieldError("file", "choose the CSV file to import")]) }
                var ownerId: User.ID?
                if let text = values.ownerId {
                    guard let id = User.ID(text) else { throw ValidationError([FieldError("ownerId", "is not a user")]) }
                    ownerId = id
                }
                let options = ContactImport.Options(dryRun: values.dryRun, allowDuplicates: values.allowDuplicates, ownerId: ownerId)
                let outcome = try await ContactImport(web.env, by: principal).run(file: file.url, options: options)
                return try await page(request, context, principal, values: values, outcome: Self.outcome(outcome, dryRun: values.dryRun))
            }
        } catch let problem as Problem where [400, 413].contains(problem.status) {
            var shown = problem
            shown.detail = problem.status == 413 ? "The file is too large: an import file may be at most \(Self.maxSize)."
                                                 : "The upload did not arrive whole. Try again."
            return try await page(request, context, principal, values: values, problem: shown)
        } catch {
            return try await page(request, context, principal, values: values, problem: try Problem.forForm(error))
        }
    }

    static func outcome(_ outcome: ContactImport.Outcome, dryRun: Bool) -> Outcome {
        let rows = plural(outcome.rows, "row")
        guard outcome.errorCount == 0 else {
            let errors = outcome.errors.map { RowError(line: $0.line, column: $0.field == "row" ? "(whole row)" : $0.field, message: $0.message) }
            let shown = outcome.errorCount > errors.count
                ? "The first \(number(errors.count)) of \(number(outcome.errorCount)) errors, by line." : nil
            return Outcome(headline: "Nothing imported: \(outcome.errorSummary)",
                           detail: "Correct the rows below in the file and upload it again; no contact was stored.",
                           succeeded: false, showContacts: false, errors: errors, hasErrors: !errors.isEmpty, shownErrors: shown)
        }
        if outcome.rows == 0 {
            return Outcome(headline: "Nothing to import: the file has no rows under its header", detail: nil, succeeded: true,
                           showContacts: false, errors: [], hasErrors: false, shownErrors: nil)
        }
        if dryRun {
            return Outcome(headline: outcome.rows == 1 ? "Dry run: the row is good" : "Dry run: all \(rows) are good",
                           detail: "Nothing was stored. Untick “Dry run” and upload the file again to import it.",
                           succeeded: true, showContacts: false, errors: [], hasErrors: false, shownErrors: nil)
        }
        return Outcome(headline: "Imported \(plural(outcome.imported, "contact"))", detail: nil, succeeded: true, showContacts: true,
                       errors: [], hasErrors: false, shownErrors: nil)
    }

    static func plural(_ count: Int, _ noun: String) -> String { "\(number(count)) \(noun)\(count == 1 ? "" : "s")" }

    /// `12345` as `12,345`.
    static func number(_ count: Int) -> String {
        let digits = String(count.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (count < 0 ? "-" : "") + grouped
    }
}
