import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `ImportRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension ImportRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/imports/contacts", "importContacts", tag: "Contacts", "Import contacts from a CSV file",
                 description: "Every row goes through the same checks as a single create (fields, account, duplicates against stored contacts and the rest of the file), read and checked before anything is written; then the rows are stored with their search and audit entries in short transactions that no one sees until the last is written, when all appear at once: one bad row and nothing is stored. No other parameters are accepted.",
                 parameters: [Endpoint.Parameter("dryRun", in: .query, "`true` checks every row and stores nothing.", .boolean(default: false)), Endpoint.Parameter("allowDuplicates", in: .query, "`true` stores rows that look like existing contacts (or like each other).", .boolean(default: false)), Endpoint.Parameter("ownerId", in: .query, "Owner of the new contacts (managers and administrators only); default the caller.", .uuid())],
                 body: Endpoint.Body([Endpoint.Content("text/csv", .string(minLength: 1))], description: "A CSV file (RFC 4180, UTF-8, at most 64 MiB) whose first line names the columns: `lastName` (required), `firstName`, `email`, `phone`, `mobile`, `title`, `accountId`, in any order."),
                 answers: [.ok("ImportReport", "The dry run found every row good"), .ok("ImportReport", "Every row was stored", status: 201), .problem(400, [.invalidQuery, .malformedRequest], detail: "An unknown or bad parameter, or an empty or cut-short body"), .unauthorized, .writeForbidden("Read-only users cannot create records"), .problem(413), .problem(415), .problem(422, [.importRejected, .validation], detail: "`import-rejected` with `rowErrors` (line, field, message), `rows` and `errorCount`; `validation` when ownerId is not an active user or may not be chosen by the caller")],
                 use: ImportRoutes.contacts),
    ]
}
