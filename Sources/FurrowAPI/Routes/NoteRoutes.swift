import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Notes and files on records (issue 22).
struct NoteRoutes: RouteSet {
    let env: CoreEnvironment

    /// `recordType` and `recordId` from the query, and the other parameters a route takes.
    static func record(_ request: Request, also allowed: Set<String> = []) throws -> Regarding {
        for (key, _) in request.uri.queryParameters where !["recordType", "recordId"].contains(String(key)) && !allowed.contains(String(key)) {
            throw Problem.invalidQuery("Unknown parameter '\(key)'.")
        }
        guard let type = request.uri.queryParameters["recordType"].flatMap({ Regarding.Kind(rawValue: String($0)) }) else {
            throw Problem.invalidQuery("recordType is one of \(Regarding.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard let id = request.uri.queryParameters["recordId"].flatMap({ UUIDText.parse(String($0)) }) else {
            throw Problem.invalidQuery("recordId is the record's id (a UUID).")
        }
        return Regarding(type, id)
    }

    @Sendable func notes(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let record = try Self.record(request)
        return try .json(Page(items: try await NotesAndFiles(env).notes(of: record, by: principal).map(NoteDTO.init), nextCursor: nil))
    }

    @Sendable func addNote(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["recordType", "recordId", "body"])
        body.require("recordType")
        body.require("recordId")
        body.require("body")
        let type = body.enumValue("recordType", Regarding.Kind.self), id = body.string("recordId").flatMap(UUIDText.parse)
        if body.has("recordId") && body.string("recordId") != nil && id == nil { body.fail("recordId", "is not a UUID") }
        let text = body.string("body")
        try body.check()
        guard let type, let id else { throw Problem.malformed("recordType and recordId are required") }
        let note = try await NotesAndFiles(env).addNote(to: Regarding(type, id), body: text, by: principal)
        return try .json(NoteDTO(note), status: .created)
    }

    @Sendable func deleteNote(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try await NotesAndFiles(env).deleteNote(try context.id(Note.self), by: principal)
        return .noContent
    }

    @Sendable func files(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let record = try Self.record(request)
        return try .json(Page(items: try await NotesAndFiles(env).attachments(of: record, by: principal).map(AttachmentDTO.init), nextCursor: nil))
    }

    @Sendable func upload(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let record = try Self.record(request, also: ["name"])
        let name = request.uri.queryParameters["name"].map(String.init)
        guard let name, !name.isEmpty, name.count <= 200 else { throw Problem.invalidQuery("name is the file's name, 1 to 200 characters.") }
        let buffer = try await request.body.collect(upTo: NotesAndFiles.maxFileSize, tooLarge: Problem(
            .payloadTooLarge, 413, "File too large", "A file may be at most \(BodyLimits.text(NotesAndFiles.maxFileSize)), and this one is larger, so nothing was saved."))
        let attachment = try await NotesAndFiles(env).attach(to: record, name: name, data: Data(buffer.readableBytesView), by: principal)
        return try .json(AttachmentDTO(attachment), status: .created, location: "/api/v1/attachments/\(attachment.id)/content")
    }

    @Sendable func download(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let (attachment, data) = try await NotesAndFiles(env).file(try context.id(Attachment.self), by: principal)
        return FileDownload.response(data, name: attachment.name, contentType: attachment.contentType)
    }

    @Sendable func deleteFile(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try await NotesAndFiles(env).deleteAttachment(try context.id(Attachment.self), by: principal)
        return .noContent
    }
}

struct NoteDTO: Encodable {
    let id: String, recordType: String, recordId: String, body: String, authorId: String, authorName: String?, createdAt: String
    init(_ note: Note) {
        id = note.id.string
        recordType = note.record.kind.rawValue
        recordId = UUIDText.lowercase(note.record.id)
        body = note.body
        authorId = note.authorId.string
        authorName = note.names["authorName"]
        createdAt = Timestamp.string(note.createdAt)
    }
}

struct AttachmentDTO: Encodable {
    let id: String, recordType: String, recordId: String, name: String, contentType: String, size: Int, authorId: String, authorName: String?
    let createdAt: String, link: String
    init(_ file: Attachment) {
        id = file.id.string
        recordType = file.record.kind.rawValue
        recordId = UUIDText.lowercase(file.record.id)
        name = file.name
        contentType = file.contentType
        size = file.size
        authorId = file.authorId.string
        authorName = file.names["authorName"]
        createdAt = Timestamp.string(file.createdAt)
        link = "/api/v1/attachments/\(file.id)/content"
    }
}
