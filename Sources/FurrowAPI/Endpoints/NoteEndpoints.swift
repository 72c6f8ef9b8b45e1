import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `NoteRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension NoteRoutes {
    static let recordParameters: [Endpoint.Parameter] = [
        Endpoint.Parameter("recordType", in: .query, required: true, "The kind of record.", .values(Regarding.Kind.allCases.map(\.rawValue))),
        Endpoint.Parameter("recordId", in: .query, required: true, "The record's id.", .uuid()),
    ]

    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/notes", "listNotes", tag: "Notes and files", "A record's notes",
                 description: "Newest first, at most 500, for whoever sees the record.",
                 parameters: recordParameters,
                 answers: [.ok("NotePage"), .problem(400, [.invalidQuery]), .unauthorized, .problem(404)],
                 use: NoteRoutes.notes),
        Endpoint(.post, "/notes", "createNote", tag: "Notes and files", "Write a note on a record",
                 description: "On a record the caller sees (read-only users cannot). The record's history notes it.",
                 body: .json("NoteCreate"),
                 answers: [.created("Note", location: nil), .unauthorized, .writeForbidden(), .problem(404)],
                 bodyErrors: true,
                 use: NoteRoutes.addNote),
        Endpoint(.delete, "/notes/{id}", "deleteNote", tag: "Notes and files", "Delete a note",
                 description: "Its author or an administrator.",
                 parameters: [.id],
                 answers: [.noContent, .unauthorized, .writeForbidden("Only its author or an administrator deletes a note"), .problem(404)],
                 use: NoteRoutes.deleteNote),
        Endpoint(.get, "/attachments", "listAttachments", tag: "Notes and files", "A record's files",
                 description: "Newest first, at most 500, for whoever sees the record; `link` downloads one.",
                 parameters: recordParameters,
                 answers: [.ok("AttachmentPage"), .problem(400, [.invalidQuery]), .unauthorized, .problem(404)],
                 use: NoteRoutes.files),
        Endpoint(.post, "/attachments", "createAttachment", tag: "Notes and files", "Add a file to a record",
                 description: "The body is the file as it is (any Content-Type), at most \(BodyLimits.text(NotesAndFiles.maxFileSize)). Its kind is told by its content, not its name or Content-Type: \(NotesAndFiles.typesText); anything else is refused (422). The record's history notes it.",
                 parameters: recordParameters + [Endpoint.Parameter("name", in: .query, required: true, "The file's name (a path is cut to its last part).",
                                                                    .string(pattern: ListDocs.noNul, minLength: 1, maxLength: 200))],
                 body: Endpoint.Body([Endpoint.Content("application/octet-stream", .string(format: "binary"))], description: "The file's bytes."),
                 answers: [.created("Attachment", location: "/api/v1/attachments/{id}/content"), .problem(400, [.invalidQuery]), .unauthorized,
                           .writeForbidden(), .problem(404), .problem(413, detail: "The file is larger than \(BodyLimits.text(NotesAndFiles.maxFileSize))"),
                           .problem(422, [.validation], detail: "An empty file, or one of a kind not kept")],
                 use: NoteRoutes.upload),
        Endpoint(.get, "/attachments/{id}/content", "downloadAttachment", tag: "Notes and files", "Download a file",
                 description: "With its stored type, as an attachment named as it was added.",
                 parameters: [.id],
                 answers: [Endpoint.Answer(200, "The file", content: [Endpoint.Content("*/*", .string(format: "binary"))],
                                           headers: [Endpoint.Header("Content-Disposition", "`attachment; filename=\"offer.pdf\"`", .string())]),
                           .unauthorized, .problem(404)],
                 use: NoteRoutes.download),
        Endpoint(.delete, "/attachments/{id}", "deleteAttachment", tag: "Notes and files", "Delete a file",
                 description: "Whoever added it or an administrator.",
                 parameters: [.id],
                 answers: [.noContent, .unauthorized, .writeForbidden("Only whoever added it or an administrator deletes a file"), .problem(404)],
                 use: NoteRoutes.deleteFile),
    ]
}

extension Components {
    static let noteSchemas: [(name: String, schema: Schema)] = [
        ("Note", .object("A note on a record.", required: ["id", "recordType", "recordId", "body", "authorId", "createdAt"], [
            "id": .uuid(), "recordType": .values(Regarding.Kind.allCases.map(\.rawValue)), "recordId": .uuid(),
            "body": .string(maxLength: NotesAndFiles.maxNoteLength), "authorId": .uuid(),
            "authorName": .string("Omitted when the note is answered on its own.", nullable: true), "createdAt": .timestamp(),
        ])),
        ("NoteCreate", .object("A note to write. Unknown fields are refused (422).", required: ["recordType", "recordId", "body"], closed: true, [
            "recordType": .values(Regarding.Kind.allCases.map(\.rawValue)), "recordId": .uuid("A record the caller sees."),
            "body": .string("1 to \(NotesAndFiles.maxNoteLength) characters.", pattern: ListDocs.noNul, minLength: 1, maxLength: NotesAndFiles.maxNoteLength),
        ])),
        ("NotePage", .page("Note", "A record's notes (one page).")),
        ("Attachment", .object("A file on a record.", required: ["id", "recordType", "recordId", "name", "contentType", "size", "authorId", "createdAt", "link"], [
            "id": .uuid(), "recordType": .values(Regarding.Kind.allCases.map(\.rawValue)), "recordId": .uuid(),
            "name": .string(maxLength: 200), "contentType": .string("As told by the content.", examples: ["application/pdf"]),
            "size": .integer("Bytes.", minimum: 1), "authorId": .uuid(),
            "authorName": .string("Omitted when the file is answered on its own.", nullable: true), "createdAt": .timestamp(),
            "link": .string("Where its content downloads.", examples: ["/api/v1/attachments/0190…/content"]),
        ])),
        ("AttachmentPage", .page("Attachment", "A record's files (one page).")),
    ]
}
