import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

/// Notes and files on records (`M0032NotesAndFiles`).
extension SQLSession {
    func insertNote(_ note: Note) async throws {
        try await run("""
            INSERT INTO notes (id, record_type, record_id, body, author_id, created_at)
            VALUES (\(bind: note.id.string), \(bind: note.record.kind.rawValue), \(bind: UUIDText.lowercase(note.record.id)), \(bind: note.body),
                    \(bind: note.authorId.string), \(bind: Timestamp.string(note.createdAt)))
            """)
    }

    func notes(of record: UUID) async throws -> [Note] {
        try await rows("""
            SELECT n.*, (SELECT name FROM users u WHERE u.id = n.author_id) AS author_name FROM notes n
            WHERE n.record_id = \(bind: UUIDText.lowercase(record)) ORDER BY n.created_at DESC, n.id DESC LIMIT 500
            """).map(noteRecord)
    }

    func note(id: Note.ID) async throws -> Note? {
        try await rows("SELECT n.*, NULL AS author_name FROM notes n WHERE n.id = \(bind: id.string)").first.map(noteRecord)
    }

    func deleteNote(id: Note.ID) async throws {
        try await run("DELETE FROM notes WHERE id = \(bind: id.string)")
    }

    func insertAttachment(_ attachment: Attachment, data: Data) async throws {
        try await run("""
            INSERT INTO attachments (id, record_type, record_id, name, content_type, size, data_base64, author_id, created_at)
            VALUES (\(bind: attachment.id.string), \(bind: attachment.record.kind.rawValue), \(bind: UUIDText.lowercase(attachment.record.id)),
                    \(bind: attachment.name), \(bind: attachment.contentType), \(bind: attachment.size), \(bind: data.base64EncodedString()),
                    \(bind: attachment.authorId.string), \(bind: Timestamp.string(attachment.createdAt)))
            """)
    }

    func attachments(of record: UUID) async throws -> [Attachment] {
        try await rows("""
            SELECT a.id, a.record_type, a.record_id, a.name, a.content_type, a.size, a.author_id, a.created_at,
                (SELECT name FROM users u WHERE u.id = a.author_id) AS author_name
            FROM attachments a WHERE a.record_id = \(bind: UUIDText.lowercase(record)) ORDER BY a.created_at DESC, a.id DESC LIMIT 500
            """).map(attachmentRecord)
    }

    func attachment(id: Attachment.ID) async throws -> Attachment? {
        try await rows("""
            SELECT a.id, a.record_type, a.record_id, a.name, a.content_type, a.size, a.author_id, a.created_at, NULL AS author_name
            FROM attachments a WHERE a.id = \(bind: id.string)
            """).first.map(attachmentRecord)
    }

    func attachmentData(id: Attachment.ID) async throws -> Data? {
        try await rows("SELECT data_base64 FROM attachments WHERE id = \(bind: id.string)").first.flatMap { Data(base64Encoded: try $0.string("data_base64")) }
    }

    func deleteAttachment(id: Attachment.ID) async throws {
        try await run("DELETE FROM attachments WHERE id = \(bind: id.string)")
    }

    private func regarding(_ row: any SQLRow) throws -> Regarding {
        Regarding(try row.status("record_type", Regarding.Kind.self), UUIDText.parse(try row.string("record_id")) ?? UUID())
    }

    private func noteRecord(_ row: any SQLRow) throws -> Note {
        var note = Note(id: try row.id("id"), record: try regarding(row), body: try row.string("body"), authorId: try row.id("author_id"),
                        createdAt: try row.date("created_at"))
        note.names["authorName"] = try row.optional("author_name")
        return note
    }

    private func attachmentRecord(_ row: any SQLRow) throws -> Attachment {
        var attachment = Attachment(id: try row.id("id"), record: try regarding(row), name: try row.string("name"),
                                    contentType: try row.string("content_type"), size: try row.decode(column: "size", as: Int.self),
                                    authorId: try row.id("author_id"), createdAt: try row.date("created_at"))
        attachment.names["authorName"] = try row.optional("author_name")
        return attachment
    }
}
