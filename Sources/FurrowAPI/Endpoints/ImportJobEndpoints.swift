import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `ImportJobRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension ImportJobRoutes {
    static let types = ImportType.allCases.map(\.rawValue)
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/imports", "uploadImport", tag: "Imports", "Upload a CSV file to import",
                 description: "The first step of an import job: the file (the body, `text/csv`, at most 256 MiB) is kept as it arrives; its encoding "
                    + "(UTF-8 with or without a byte order mark, else Windows-1252), delimiter (`,` `;` or tab) and columns are told from its start, "
                    + "and its rows counted. The answer lists the type's fields and a `suggestedMapping` of the columns whose titles name one. "
                    + "Products are imported by managers and administrators. Read-only users import nothing.",
                 parameters: [Endpoint.Parameter("type", in: .query, required: true, "What the rows are.", .values(types)),
                              Endpoint.Parameter("fileName", in: .query, "The file's name, to show in the list of imports.", .string(pattern: ListDocs.noNul, maxLength: 200))],
                 body: Endpoint.Body([Endpoint.Content("text/csv", { var bytes = Schema(); bytes.description = "The file's bytes, as they are."; return bytes }())], description: "A CSV file whose first line names its columns."),
                 answers: [.created("ImportJob", location: "/api/v1/imports/{id}"), .problem(400, [.invalidQuery, .malformedRequest], detail: "A missing or unknown type, an unknown parameter, or a body cut short"),
                           .unauthorized, .writeForbidden("Read-only users; products: sales reps and finance"), .problem(413), .problem(415),
                           .problem(422, [.validation], detail: "The file is empty or has no header line")],
                 use: ImportJobRoutes.upload),
        Endpoint(.get, "/imports", "listImports", tag: "Imports", "List import jobs",
                 description: "The caller's import jobs (an administrator's list: everyone's), newest first, at most 200; each with its report's counts (its rows: `GET /imports/{id}`).",
                 answers: [.ok("ImportJobPage"), .problem(400, [.invalidQuery], detail: "Any parameter"), .unauthorized],
                 use: ImportJobRoutes.list),
        Endpoint(.get, "/imports/{id}", "getImport", tag: "Imports", "Get an import job",
                 description: "Its state (`uploaded`, `mapped`, `running`, `done`, `failed`), `rowsDone` of `rowsTotal` while it runs, and the report of "
                    + "its dry run or commit: counts, and each row's outcome (`created`, `updated`, `skipped`, `failed` with its reasons) by line — every "
                    + "failed row up to 1,000 and the first 10,000 rows (`truncated` when rows were left out).",
                 parameters: [.id],
                 answers: [.ok("ImportJob"), .unauthorized, .problem(404)],
                 use: ImportJobRoutes.get),
        Endpoint(.put, "/imports/{id}/mapping", "mapImport", tag: "Imports", "Map an import's columns to fields",
                 description: "`mapping` names a field for each column to import (a column left out, or mapped to null, is not imported); every fault "
                    + "is answered at once (a column the file lacks, a field the type lacks, a field mapped twice, a required field not mapped). "
                    + "`duplicates`: what a row that matches a stored record does — `skip` it (the default), `update` the record with the row's "
                    + "mapped fields, or `create` a new record anyway. A row matches by its `id` column, else as the API finds likely duplicates "
                    + "(accounts by name and domain, email or phone; contacts by email or phone; leads by email; products by SKU; opportunities "
                    + "only by id). `saveAs` keeps the mapping by that name for the next file of the type (saving a name again replaces it).",
                 parameters: [.id],
                 body: .json("ImportMappingInput"),
                 answers: [.ok("ImportJob"), .unauthorized, .writeForbidden(), .problem(404), .problem(409, [.importJobState], detail: "The job is running or done")],
                 bodyErrors: true,
                 use: ImportJobRoutes.map),
        Endpoint(.post, "/imports/{id}/dry-run", "dryRunImport", tag: "Imports", "Check an import without storing it",
                 description: "Every row goes through the same checks and steps as its create or change would, in one transaction that is then "
                    + "rolled back: the report (kept with the job) says what each row would do and every bad row with its reasons.",
                 parameters: [.id],
                 answers: [.ok("ImportJob"), .unauthorized, .writeForbidden(), .problem(404), .problem(409, [.importJobState], detail: "The job has no mapping yet, or is running or done")],
                 use: ImportJobRoutes.dryRun),
        Endpoint(.post, "/imports/{id}/commit", "commitImport", tag: "Imports", "Import the rows",
                 description: "Starts the import and answers at once (202): all rows are stored in one transaction, or none when one fails. "
                    + "`GET /imports/{id}` shows `rowsDone` of `rowsTotal`, then `status` `done` (with the report) or `failed` (with the report's "
                    + "bad rows, or a `message`). A failed job can be mapped again and committed again.",
                 parameters: [.id],
                 answers: [.ok("ImportJob", "Accepted: the import runs", status: 202), .unauthorized, .writeForbidden(), .problem(404),
                           .problem(409, [.importJobState], detail: "The job has no mapping yet, or is running or done")],
                 use: ImportJobRoutes.commit),
        Endpoint(.get, "/import-mappings", "listImportMappings", tag: "Imports", "List saved import mappings",
                 description: "Mappings saved by name (`saveAs`), shared by everyone, by type and name.",
                 parameters: [Endpoint.Parameter("type", in: .query, "Only this type's.", .values(types))],
                 answers: [.ok("ImportMappingPage"), .problem(400, [.invalidQuery], detail: "An unknown parameter or type"), .unauthorized],
                 use: ImportJobRoutes.mappings),
    ]
}

extension Components {
    static let importRow: Schema = .object("What one row did.", required: ["line", "outcome", "errors"], [
        "line": .integer("The row's line in the file (the header is line 1).", minimum: 2),
        "outcome": .values(["created", "updated", "skipped", "failed"]),
        "recordId": .uuid("The record made, changed or matched.", nullable: true),
        "title": .string("What the row names the record by: its name, topic or SKU.", nullable: true),
        "errors": .array(.ref("FieldError"), "Why the row failed: the field and the reason."),
    ])
    static let importJobReport: Schema = .object("What a dry run or commit did.", required: ["dryRun", "stored", "rowsRead", "created", "updated", "skipped", "failed", "rows", "truncated"], [
        "dryRun": .boolean(), "stored": .boolean("Whether the records were stored."),
        "rowsRead": .integer(minimum: 0), "created": .integer(minimum: 0), "updated": .integer(minimum: 0),
        "skipped": .integer(minimum: 0), "failed": .integer(minimum: 0),
        "rows": .array(.ref("ImportRow"), "Each row's outcome by line: every failed row (up to 1,000) and the first 10,000 rows; empty in lists."),
        "truncated": .boolean("Whether rows were left out of `rows`."),
    ])
    static let importJob: Schema = .object("An import job.", required: ["id", "type", "status", "encoding", "delimiter", "columns", "fields", "suggestedMapping", "duplicates", "rowsTotal", "rowsDone", "bytes", "userId", "createdAt", "updatedAt"], [
        "id": .uuid(), "type": .values(ImportJobRoutes.types), "fileName": .string(nullable: true),
        "status": .values(ImportJob.Status.allCases.map(\.rawValue)),
        "encoding": .values(["UTF-8", "UTF-8 with BOM", "Windows-1252"]), "delimiter": .values([",", ";", "tab"]),
        "columns": .array(.string(), "The file's column titles, in order."),
        "fields": .array(.object("A field rows can fill.", required: ["name", "label", "required"], ["name": .string(), "label": .string(), "required": .boolean()])),
        "suggestedMapping": .object("Column → field, for the columns whose titles name a field.", closed: false, [:]),
        "mapping": { var map = Schema.object("Column → field, once set; null before.", closed: false, [:]); map.types.append(.null); return map }(),
        "duplicates": .values(ImportRun.Policy.allCases.map(\.rawValue)),
        "rowsTotal": .integer("Data rows in the file.", minimum: 0), "rowsDone": .integer("Rows done: while it runs, so far.", minimum: 0),
        "bytes": .integer(minimum: 0),
        "report": .nullable("ImportJobReport", "The last dry run's or the commit's."),
        "message": .string("Why a commit failed when no row was to blame.", nullable: true),
        "userId": .uuid(), "createdAt": .timestamp(), "updatedAt": .timestamp(), "finishedAt": .timestamp(nullable: true),
    ])
    static let importMappingInput: Schema = .object("A mapping and a duplicate policy. Unknown fields are refused (422).", required: ["mapping"], closed: true, [
        "mapping": .object("Column title → field name (or null to leave the column out).", closed: false, [:]),
        "duplicates": .values(ImportRun.Policy.allCases.map(\.rawValue), "Default skip."),
        "saveAs": .string("Keep the mapping under this name.", minLength: 1, maxLength: 100),
    ])
    static let importMapping: Schema = .object("A saved mapping.", required: ["id", "type", "name", "mapping", "duplicates", "userId", "updatedAt"], [
        "id": .uuid(), "type": .values(ImportJobRoutes.types), "name": .string(),
        "mapping": .object("Column title → field name.", closed: false, [:]), "duplicates": .values(ImportRun.Policy.allCases.map(\.rawValue)),
        "userId": .uuid("Who saved it last."), "updatedAt": .timestamp(),
    ])

    static let importJobSchemas: [(name: String, schema: Schema)] = [
        ("ImportJob", importJob), ("ImportJobPage", .page("ImportJob", "Import jobs (one page).")), ("ImportJobReport", importJobReport),
        ("ImportRow", importRow), ("ImportMappingInput", importMappingInput), ("ImportMapping", importMapping),
        ("ImportMappingPage", .page("ImportMapping", "Saved mappings.")),
    ]
}
