import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Import jobs (SPEC §11): `/imports`, `/imports/{id}` and its mapping, dry run and commit, and
/// the saved mappings. The web UI's import pages and `furrow import` run the same service.
struct ImportJobRoutes: RouteSet {
    let env: CoreEnvironment
    var service: ImportJobService { ImportJobService(env, explain: ImportProblems.explain) }

    @Sendable func upload(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var type: ImportType?
        var fileName: String?
        for (key, value) in request.uri.queryParameters {
            switch key {
            case "type":
                type = ImportType(rawValue: String(value))
                if type == nil { throw Problem.invalidQuery("type is one of \(ImportType.allCases.map(\.rawValue).joined(separator: ", ")).") }
            case "fileName":
                fileName = String(value)
                if value.count > 200 { throw Problem.invalidQuery("fileName may be at most 200 characters.") }
            default: throw Problem.invalidQuery("Unknown parameter '\(key)'. Use type and fileName.")
            }
        }
        guard let type else { throw Problem.invalidQuery("type is required: one of \(ImportType.allCases.map(\.rawValue).joined(separator: ", ")).") }
        guard request.headers[.contentType]?.lowercased().hasPrefix("text/csv") == true else {
            throw Problem(.unsupportedMediaType, 415, "Unsupported media type", "Send the file as text/csv.")
        }
        let job = try await service.upload(type, fileName: fileName, parts: UploadedFile.parts(request.body, limit: ImportJobService.maxBytes), by: principal)
        return try .json(ImportJobDTO(job), status: .created, location: "/api/v1/imports/\(UUIDText.lowercase(job.id))")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        if let key = request.uri.queryParameters.first?.key { throw Problem.invalidQuery("Unknown parameter '\(key)': this list takes none.") }
        return try .json(Page(items: try await service.list(by: principal).map { ImportJobDTO($0, rows: false) }, nextCursor: nil))
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(ImportJobDTO(try await service.get(try Self.id(context), by: principal)))
    }

    @Sendable func map(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try Self.id(context)
        var body = try await JSONBody(request, context: context, allowed: ["mapping", "duplicates", "saveAs"])
        body.require("mapping")
        var mapping: [String: String] = [:]
        switch body.raw("mapping") {
        case .object(let fields)?:
            for (column, value) in fields {
                switch value {
                case .string(let field): mapping[column] = field
                case .null: break
                default: body.fail("mapping.\(column)", "must be a field name (a string) or null")
                }
            }
        case nil: break
        default: body.fail("mapping", "must be an object of column titles to field names")
        }
        let duplicates = body.enumValue("duplicates", ImportRun.Policy.self) ?? .skip
        let saveAs = body.string("saveAs")
        try body.check()
        return try .json(ImportJobDTO(try await service.map(id, mapping: mapping, duplicates: duplicates, saveAs: saveAs, by: principal)))
    }

    @Sendable func dryRun(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(ImportJobDTO(try await service.dryRun(try Self.id(context), by: principal)))
    }

    @Sendable func commit(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let job = try await service.start(try Self.id(context), by: principal)
        return try .json(ImportJobDTO(job), status: .accepted, location: "/api/v1/imports/\(UUIDText.lowercase(job.id))")
    }

    @Sendable func mappings(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requirePrincipal()
        var type: ImportType?
        for (key, value) in request.uri.queryParameters {
            guard key == "type", let chosen = ImportType(rawValue: String(value)) else {
                throw Problem.invalidQuery("The only parameter is type, one of \(ImportType.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            type = chosen
        }
        return try .json(Page(items: try await service.mappings(type).map(ImportMappingDTO.init), nextCursor: nil))
    }

    static func id(_ context: AppContext) throws -> ImportJob.ID {
        guard let text = context.parameters.get("id"), let id = UUIDText.parse(text) else { throw CoreError.notFound("import") }
        return id
    }
}

struct ImportJobDTO: Encodable, Sendable {
    struct Field: Encodable, Sendable { let name: String, label: String, required: Bool }
    let id: String, type: String, fileName: String?, status: String, encoding: String, delimiter: String, columns: [String]
    let fields: [Field]
    let suggestedMapping: [String: String], mapping: [String: String]?, duplicates: String
    let rowsTotal: Int, rowsDone: Int, bytes: Int
    let report: ImportReport?
    let message: String?, userId: String, createdAt: String, updatedAt: String, finishedAt: String?

    init(_ job: ImportJob, rows: Bool = true) {
        id = UUIDText.lowercase(job.id); type = job.type.rawValue; fileName = job.fileName; status = job.status.rawValue
        encoding = job.format.encodingName; delimiter = job.format.delimiterName; columns = job.format.columns
        fields = job.type.fields.map { Field(name: $0.name, label: $0.label, required: $0.required) }
        suggestedMapping = job.type.suggestedMapping(job.format.columns); mapping = job.mapping; duplicates = job.duplicates.rawValue
        rowsTotal = job.rowsTotal; rowsDone = job.rowsDone; bytes = job.bytes
        var report = job.report
        if !rows { report?.rows = [] }
        self.report = report
        message = job.message; userId = job.userId.string; createdAt = Timestamp.string(job.createdAt)
        updatedAt = Timestamp.string(job.updatedAt); finishedAt = job.finishedAt.map(Timestamp.string)
    }
}

struct ImportMappingDTO: Encodable, Sendable {
    let id: String, type: String, name: String, mapping: [String: String], duplicates: String, userId: String, updatedAt: String
    init(_ m: ImportMapping) {
        id = UUIDText.lowercase(m.id); type = m.type.rawValue; name = m.name; mapping = m.mapping; duplicates = m.duplicates.rawValue
        userId = m.userId.string; updatedAt = Timestamp.string(m.updatedAt)
    }
}
