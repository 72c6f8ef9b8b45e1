import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The "Notes and files" section of a record's page (`notes-section.mustache`): notes newest
/// first, the files as downloads, and the forms adding either.
struct NotesSection {
    struct Item { let id: String, body: String, author: String, when: String, canDelete: Bool, deleteURL: String }
    struct File { let id: String, name: String, url: String, size: String, author: String, when: String, canDelete: Bool, deleteURL: String }

    let recordType: String
    let recordId: String
    let back: String
    let canAdd: Bool
    let items: [Item]
    let hasNotes: Bool
    let files: [File]
    let hasFiles: Bool
    let limit: String

    static func load(_ env: CoreEnvironment, _ record: Regarding, shell: Shell, by principal: Principal) async throws -> NotesSection {
        let service = NotesAndFiles(env)
        let notes = try await service.notes(of: record, by: principal)
        let files = try await service.attachments(of: record, by: principal)
        func deletable(_ author: User.ID) -> Bool { principal.canWriteRecords && (author == principal.userId || principal.isAdmin) }
        return NotesSection(
            recordType: record.kind.rawValue, recordId: UUIDText.lowercase(record.id), back: record.path + "#notes", canAdd: principal.canWriteRecords,
            items: notes.map { note in
                Item(id: note.id.string, body: note.body, author: note.names["authorName"] ?? "—", when: shell.format(note.createdAt),
                     canDelete: deletable(note.authorId), deleteURL: "/notes/\(note.id)/delete")
            }, hasNotes: !notes.isEmpty,
            files: files.map { file in
                File(id: file.id.string, name: file.name, url: "/attachments/\(file.id)", size: Self.size(file.size),
                     author: file.names["authorName"] ?? "—", when: shell.format(file.createdAt), canDelete: deletable(file.authorId),
                     deleteURL: "/attachments/\(file.id)/delete")
            }, hasFiles: !files.isEmpty, limit: BodyLimits.text(NotesAndFiles.maxFileSize))
    }

    /// `2.4 MB`, `830 KB`, `12 bytes`.
    static func size(_ bytes: Int) -> String {
        if bytes >= 1_000_000 { return String(format: "%.1f MB", Double(bytes) / 1_000_000) }
        if bytes >= 1_000 { return "\(bytes / 1_000) KB" }
        return "\(bytes) byte\(bytes == 1 ? "" : "s")"
    }
}

/// The forms of the notes section, and a file's download for whoever sees its record.
struct NotePages {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.post("notes", use: addNote)
        group.post("notes/:id/delete", use: deleteNote)
        group.post("attachments", use: upload)
        group.get("attachments/:id", use: download)
        group.post("attachments/:id/delete", use: deleteFile)
    }

    static func record(_ type: String, _ id: String) -> Regarding? {
        guard let kind = Regarding.Kind(rawValue: type), let uuid = UUIDText.parse(id) else { return nil }
        return Regarding(kind, uuid)
    }

    func back(_ form: (String) -> String, _ record: Regarding) -> String {
        URLText.localPath(form("back"), fallback: record.path + "#notes")
    }

    @Sendable func addNote(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        guard let record = Self.record(form["recordType"], form["recordId"]) else { throw Problem.notFound() }
        let back = back({ form[$0] }, record)
        do {
            _ = try await NotesAndFiles(web.env).addNote(to: record, body: form["body"], by: principal)
            return .redirect(back, flash: "Note added.")
        } catch let error as ValidationError {
            return .redirect(back, flash: "The note was not added: \(error.errors.map(\.message).joined(separator: "; ")).", isError: true)
        }
    }

    @Sendable func deleteNote(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        guard let id = context.parameters.get("id").flatMap(Note.ID.init) else { throw Problem.notFound() }
        try await NotesAndFiles(web.env).deleteNote(id, by: principal)
        return .redirect(URLText.localPath(form["back"], fallback: "/home"), flash: "Note deleted.")
    }

    @Sendable func upload(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.upload(request, context)
        guard let record = Self.record(form["recordType"], form["recordId"]) else { throw Problem.notFound() }
        let back = back({ form[$0] }, record)
        guard let file = form.files["file"], !file.data.isEmpty else {
            return .redirect(back, flash: "Choose a file to add first.", isError: true)
        }
        do {
            let added = try await NotesAndFiles(web.env).attach(to: record, name: file.filename, data: file.data, by: principal)
            return .redirect(back, flash: "“\(added.name)” added.")
        } catch let error as ValidationError {
            return .redirect(back, flash: "“\(file.filename)” was not added: it \(error.errors.map(\.message).joined(separator: "; it ")).", isError: true)
        }
    }

    @Sendable func download(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard let id = context.parameters.get("id").flatMap(Attachment.ID.init) else { throw Problem.notFound() }
        let (attachment, data) = try await NotesAndFiles(web.env).file(id, by: principal)
        return FileDownload.response(data, name: attachment.name, contentType: attachment.contentType)
    }

    @Sendable func deleteFile(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        guard let id = context.parameters.get("id").flatMap(Attachment.ID.init) else { throw Problem.notFound() }
        try await NotesAndFiles(web.env).deleteAttachment(id, by: principal)
        return .redirect(URLText.localPath(form["back"], fallback: "/home"), flash: "File deleted.")
    }
}
