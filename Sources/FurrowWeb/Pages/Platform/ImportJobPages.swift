import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// CSV imports (SPEC §11), the web side of `/api/v1/imports` and `furrow import`: the list of
/// one's imports with an upload form, and an import's page — the file as it was told (encoding,
/// delimiter, rows), each column with its first values and the field it fills, the duplicate
/// policy, a saved mapping to start from or a name to save this one as, a check (dry run) and the
/// import itself, whose progress bar `import-job.js` moves while it runs; then the report row by row.
struct ImportJobPages {
    static let path = "/imports"
    let web: Web
    var service: ImportJobService { ImportJobService(web.env, explain: ImportProblems.explain) }

    func add(to group: RouterGroup<AppContext>) {
        group.get("imports", use: list)
        group.post("imports", use: upload)
        group.get("imports/:id", use: show)
        group.post("imports/:id", use: act)
    }

    static let typeNames: [ImportType: String] = [.accounts: "Accounts", .contacts: "Contacts", .leads: "Leads", .products: "Products",
                                                  .opportunities: "Opportunities"]
    static let statusNames: [ImportJob.Status: String] = [.uploaded: "Uploaded: map its columns", .mapped: "Mapped: check or import",
                                                          .running: "Importing…", .done: "Imported", .failed: "Not imported"]
    static let policyNames: [(ImportRun.Policy, String)] = [
        (.skip, "Skip the row: keep the stored record as it is"), (.update, "Update the stored record with the row's mapped fields"),
        (.create, "Create a new record anyway"),
    ]

    func writer(_ request: Request, _ context: AppContext) throws -> Principal {
        let principal = try web.principal(request, context)
        guard principal.canWriteRecords else { throw CoreError.forbidden("Your role can read records but not import them.") }
        return principal
    }

    // MARK: the list and the upload

    struct JobRow { let link: String, file: String, type: String, status: String, ok: Bool, rows: String, when: String }
    struct ListModel { let rows: [JobRow], hasRows: Bool, types: [Field.Option], message: String?, maxSize: String }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try writer(request, context)
        return try await render(request, context, principal, type: request.query("type"), message: nil)
    }

    func render(_ request: Request, _ context: AppContext, _ principal: Principal, type: String, message: String?,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let jobs = try await service.list(by: principal)
        let chosen = ImportType(rawValue: type) ?? .accounts
        return try await web.page("imports", "Imports", request, context, status: status) { shell in
            ListModel(rows: jobs.map { job in
                          JobRow(link: "\(Self.path)/\(UUIDText.lowercase(job.id))", file: job.fileName ?? "(no name)",
                                 type: Self.typeNames[job.type] ?? job.type.rawValue, status: Self.statusNames[job.status] ?? job.status.rawValue,
                                 ok: job.status != .failed, rows: ContactImportPage.number(job.rowsTotal), when: shell.format(job.createdAt))
                      },
                      hasRows: !jobs.isEmpty,
                      types: ImportType.allCases.map { Field.Option(value: $0.rawValue, label: Self.typeNames[$0] ?? $0.rawValue, selected: $0 == chosen) },
                      message: message, maxSize: "\(ImportJobService.maxBytes >> 20) MB")
        }
    }

    @Sendable func upload(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try writer(request, context)
        var type = ""
        do {
            return try await web.savedUpload(request, context, fileField: "file") { upload in
                type = upload.fields["type"] ?? ""
                guard let chosen = ImportType(rawValue: type) else { throw ValidationError([FieldError("type", "choose what the rows are")]) }
                guard let file = upload.file, file.size > 0 else { throw ValidationError([FieldError("file", "choose the CSV file to import")]) }
                let job = try await service.upload(chosen, fileName: file.filename, parts: ImportJobService.fileParts(file.url.path), by: principal)
                return .redirect("\(Self.path)/\(UUIDText.lowercase(job.id))", flash: "The file is uploaded: map its columns below.")
            }
        } catch let problem as Problem where [400, 413].contains(problem.status) {
            let text = problem.status == 413 ? "The file is too large: an import file may be at most \(ImportJobService.maxBytes >> 20) MB."
                                             : "The upload did not arrive whole. Try again."
            return try await render(request, context, principal, type: type, message: text, status: .init(code: problem.status))
        } catch let error as ValidationError {
            return try await render(request, context, principal, type: type, message: error.errors.map { "\(RecordParts.label($0.field)): \($0.message)" }
                                        .joined(separator: "; "), status: .unprocessableContent)
        }
    }

    // MARK: one import

    struct Column { let index: Int, title: String, samples: [String], options: [Field.Option], label: String }
    struct ReportRow { let line: Int, title: String, outcome: String, failed: Bool, link: String?, problems: String }
    struct Report {
        let headline: String, ok: Bool, counts: String, rows: [ReportRow], hasRows: Bool, hasProblems: Bool, truncated: Bool, listLink: String?
    }
    struct Model {
        let title: String, file: String, type: String, status: String, ok: Bool, facts: String, uploaded: String
        let running: Bool, done: Int, total: Int, percent: Int, progressText: String, api: String
        let editable: Bool, action: String, columns: [Column], policies: [Field.Option], saved: [Field.Option], hasSaved: Bool
        let errors: [String], hasErrors: Bool, saveAs: String, message: String?, report: Report?, required: String
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try writer(request, context)
        let job = try await service.get(try id(context), by: principal)
        return try await detail(request, context, principal, job, mapping: job.mapping ?? job.type.suggestedMapping(job.format.columns),
                                duplicates: job.duplicates, saveAs: "", errors: [])
    }

    func id(_ context: AppContext) throws -> UUID {
        guard let id = context.parameters.get("id").flatMap(UUIDText.parse) else { throw Problem.notFound("import") }
        return id
    }

    func detail(_ request: Request, _ context: AppContext, _ principal: Principal, _ job: ImportJob, mapping: [String: String],
                duplicates: ImportRun.Policy, saveAs: String, errors: [String], status: HTTPResponse.Status = .ok) async throws -> Response {
        let samples = try await service.sample(job, rows: 3)
        let saved = try await service.mappings(job.type)
        let base = "\(Self.path)/\(UUIDText.lowercase(job.id))"
        let typeName = Self.typeNames[job.type] ?? job.type.rawValue
        let fieldOptions = job.type.fields.map { ($0.name, $0.label + ($0.required ? " (required)" : "")) }
        return try await web.page("import-job", "Import \(typeName.lowercased())", request, context, status: status) { shell in
            let columns = job.format.columns.enumerated().map { index, title in
                Column(index: index, title: title.isEmpty ? "(column \(index + 1))" : title,
                       samples: samples.compactMap { index < $0.count && !$0[index].isEmpty ? String($0[index].prefix(60)) : nil },
                       options: ([("", "— leave out —")] + fieldOptions).map { Field.Option(value: $0.0, label: $0.1, selected: $0.0 == (mapping[title] ?? "")) },
                       label: "Field for column \(title.isEmpty ? String(index + 1) : title)")
            }
            let total = max(job.rowsTotal, 1)
            let percent = min(100, job.rowsDone * 100 / total)
            return Model(
                title: "Import \(typeName.lowercased())", file: job.fileName ?? "(no name)", type: typeName,
                status: Self.statusNames[job.status] ?? job.status.rawValue, ok: job.status != .failed,
                facts: "\(job.format.encodingName), \(job.format.delimiterName == "tab" ? "tab" : "“\(job.format.delimiterName)”")-separated, "
                    + "\(job.format.columns.count) columns, \(ContactImportPage.plural(job.rowsTotal, "row"))",
                uploaded: shell.format(job.createdAt),
                running: job.status == .running, done: job.rowsDone, total: job.rowsTotal, percent: percent,
                progressText: "\(ContactImportPage.number(job.rowsDone)) of \(ContactImportPage.number(job.rowsTotal)) rows",
                api: "/api/v1\(base)",
                editable: [.uploaded, .mapped, .failed].contains(job.status), action: base, columns: columns,
                policies: Self.policyNames.map { Field.Option(value: $0.0.rawValue, label: $0.1, selected: $0.0 == duplicates) },
                saved: saved.map { Field.Option(value: $0.name, label: $0.name, selected: false) }, hasSaved: !saved.isEmpty,
                errors: errors, hasErrors: !errors.isEmpty, saveAs: saveAs, message: job.message,
                report: job.report.map { Self.report($0, job: job) },
                required: job.type.fields.filter(\.required).map(\.label).joined(separator: " and "))
        }
    }

    static func report(_ report: ImportReport, job: ImportJob) -> Report {
        let headline: String
        if report.failed > 0 {
            headline = (report.dryRun ? "The check found " : "Nothing imported: ") + ContactImportPage.plural(report.failed, "bad row")
                + (report.dryRun ? "; nothing would be stored until they are right" : "")
        } else if report.dryRun {
            headline = "The check found every row good: nothing was stored yet"
        } else {
            headline = "Imported"
        }
        let counts = !report.dryRun && report.failed > 0
            ? "\(ContactImportPage.number(report.failed)) of \(ContactImportPage.plural(report.rowsRead, "row")) bad; no row was stored. Correct them in the file and upload it again, or change the mapping"
            : "\(ContactImportPage.number(report.created)) \(report.dryRun ? "to create" : "created"), "
            + "\(ContactImportPage.number(report.updated)) \(report.dryRun ? "to update" : "updated"), "
            + "\(ContactImportPage.number(report.skipped)) \(report.dryRun ? "to skip" : "skipped")"
            + (report.failed > 0 ? ", \(ContactImportPage.number(report.failed)) bad" : "")
        let outcomes: [ImportReport.Row.Outcome: String] = report.dryRun
            ? [.created: "would be created", .updated: "would update", .skipped: "would be skipped", .failed: "bad"]
            : [.created: "created", .updated: "updated", .skipped: "skipped", .failed: "bad"]
        // failed rows first: they are what the user has to fix
        let shown = report.failed > 0 ? report.failedRows : report.rows
        let rows = shown.prefix(1_000).map { row in
            ReportRow(line: row.line, title: row.title ?? "", outcome: outcomes[row.outcome] ?? row.outcome.rawValue, failed: row.outcome == .failed,
                      link: !report.dryRun || row.outcome != .created ? row.recordId.map { "/\(job.type.rawValue)/\(UUIDText.lowercase($0))" } : nil,
                      problems: row.errors.map { "\(RecordParts.label($0.field)) \($0.message)" }.joined(separator: "; "))
        }
        return Report(headline: headline, ok: report.failed == 0, counts: counts, rows: rows, hasRows: !rows.isEmpty, hasProblems: report.failed > 0,
                      truncated: report.truncated || shown.count > rows.count,
                      listLink: report.stored ? "/\(job.type.rawValue)?sort=-createdAt" : nil)
    }

    /// The mapping form's buttons: `check` (map, then a dry run), `import` (map, then commit), `use` (start from a saved mapping).
    @Sendable func act(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try writer(request, context)
        let form = try await web.form(request, context)
        let id = try id(context)
        let job = try await service.get(id, by: principal)
        let base = "\(Self.path)/\(UUIDText.lowercase(id))"
        var mapping: [String: String] = [:]
        for (index, title) in job.format.columns.enumerated() {
            if let field = form.optional("map.\(index)") { mapping[title] = field }
        }
        let duplicates = ImportRun.Policy(rawValue: form["duplicates"]) ?? .skip
        let saveAs = form["saveAs"].trimmingCharacters(in: .whitespacesAndNewlines)
        if form["action"] == "use" {
            guard let saved = try await service.mappings(job.type).first(where: { $0.name == form["saved"] }) else {
                return try await detail(request, context, principal, job, mapping: mapping, duplicates: duplicates, saveAs: saveAs,
                                        errors: ["Choose a saved mapping."], status: .unprocessableContent)
            }
            let kept = saved.mapping.filter { job.format.columns.contains($0.key) }
            return try await detail(request, context, principal, job, mapping: kept, duplicates: saved.duplicates, saveAs: saveAs,
                                    errors: kept.count < saved.mapping.count ? ["Columns of “\(saved.name)” this file lacks were left out."] : [])
        }
        do {
            _ = try await service.map(id, mapping: mapping, duplicates: duplicates, saveAs: saveAs.isEmpty ? nil : saveAs, by: principal)
            if form["action"] == "import" {
                _ = try await service.start(id, by: principal)
                return .redirect(base, flash: "The import has started.")
            }
            let checked = try await service.dryRun(id, by: principal)
            let flash = checked.report.map { $0.failed > 0 ? "The check found bad rows: see the report below." : "Every row is good." }
            return .redirect(base + "#report", flash: flash, isError: (checked.report?.failed ?? 0) > 0)
        } catch let error as ValidationError {
            return try await detail(request, context, principal, job, mapping: mapping, duplicates: duplicates, saveAs: saveAs,
                                    errors: error.errors.map { ($0.field == "mapping" ? "The mapping " : RecordParts.label($0.field) + " ") + $0.message },
                                    status: .unprocessableContent)
        }
    }
}
