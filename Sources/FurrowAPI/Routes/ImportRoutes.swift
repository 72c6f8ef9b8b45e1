import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird
import NIOCore

struct ImportReportDTO: Encodable, Sendable {
    let rows: Int, imported: Int, dryRun: Bool
}

/// `POST /imports/contacts` with a `text/csv` body: the file streams to a temporary file and is
/// imported in one transaction; one bad row and nothing is stored (`422 import-rejected` lists
/// every bad row with its line). `dryRun=true` checks and stores nothing. The web UI's import page
/// saves its uploads through `save` too.
public struct ImportRoutes: RouteSet {
    let env: CoreEnvironment


    @Sendable func contacts(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var options = ContactImport.Options()
        for (key, value) in request.uri.queryParameters {
            let text = String(value)
            switch key {
            case "dryRun", "allowDuplicates":
                guard text == "true" || text == "false" else { throw Problem.invalidQuery("\(key) must be true or false.") }
                if key == "dryRun" { options.dryRun = text == "true" } else { options.allowDuplicates = text == "true" }
            case "ownerId":
                guard let id = User.ID(text) else { throw Problem.invalidQuery("ownerId must be a UUID.") }
                options.ownerId = id
            default: throw Problem.invalidQuery("Unknown parameter '\(key)'. Use dryRun, allowDuplicates and ownerId.")
            }
        }
        guard request.headers[.contentType]?.lowercased().hasPrefix("text/csv") == true else {
            throw Problem(.unsupportedMediaType, 415, "Unsupported media type", "Send the file as text/csv.")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("furrow-import-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        try await UploadedFile.save(request.body, to: file)
        let outcome = try await ContactImport(env, by: principal).run(file: file, options: options)
        if outcome.errorCount > 0 {
            var problem = Problem(.importRejected, 422, "Import rejected",
                                  "Nothing was stored: \(outcome.errorSummary).")
            problem.rowErrors = outcome.errors.map { Problem.RowError(line: $0.line, field: $0.field, message: $0.message) }
            problem.rows = outcome.rows
            problem.errorCount = outcome.errorCount
            throw problem
        }
        return try .json(ImportReportDTO(rows: outcome.rows, imported: outcome.imported, dryRun: options.dryRun),
                         status: options.dryRun ? .ok : .created)
    }
}
