import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The problem schemas of the API's document.
extension Components {
    static let fieldError: Schema = .object(required: ["field", "message"], [
        "field": .string(),
        "message": .string(),
    ])
    static let importRowError: Schema = .object(required: ["line", "field", "message"], [
        "line": .integer("The line of the file the row starts on (the header is line 1).", minimum: 1),
        "field": .string("The column, or `row` for the row as a whole."),
        "message": .string(),
    ])
    static let importReport: Schema = .object(required: ["rows", "imported", "dryRun"], [
        "rows": .integer("Data rows read (blank lines aside).", minimum: 0),
        "imported": .integer("Contacts stored: all the rows, or none on a dry run.", minimum: 0),
        "dryRun": .boolean(),
    ])
    static let duplicateMatch: Schema = .object(required: ["id", "name", "matchedOn"], [
        "id": .uuid(),
        "name": .string(),
        "matchedOn": .array(.string(), "What matched, e.g. `email`, `phone`, `name`."),
    ])
    static let problem: Schema = .object("An RFC 9457 problem. `type` is a stable slug to branch on; members other than type, title, status and detail appear only where the slug defines them.", required: ["type", "title", "status", "detail"], [
        "type": .values(ProblemCatalog.slugs, "Stable machine-readable slug."),
        "title": .string(),
        "status": .integer("The HTTP status code.", minimum: 400, maximum: 599),
        "detail": .string(),
        "errors": .array(.ref("FieldError"), "`validation`: one entry per invalid field."),
        "matches": .array(.ref("DuplicateMatch"), "`duplicate-suspected`: the similar existing records."),
        "currentVersion": .integer("`version-conflict`: the record's current version."),
        "unmet": .array(.string(), "`stage-requirements-unmet`: each unmet condition of the stage, e.g. `a quote is required`."),
        "incidentId": .string("`internal`: the id under which the error was logged."),
        "rowErrors": .array(.ref("ImportRowError"), "`import-rejected`: each bad row (the first 1,000) with its line in the file."),
        "rows": .integer("`import-rejected`: data rows read.", minimum: 0),
        "errorCount": .integer("`import-rejected`: errors in all.", minimum: 1),
    ])

    static let problemSchemas: [(name: String, schema: Schema)] = [
        ("FieldError", fieldError),
        ("ImportRowError", importRowError),
        ("ImportReport", importReport),
        ("DuplicateMatch", duplicateMatch),
        ("Problem", problem),
    ]
}
