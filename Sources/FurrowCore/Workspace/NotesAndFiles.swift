import Foundation
import FurrowDomain

/// A note written on a record (issue 22).
public struct Note: Sendable, Equatable {
    public typealias ID = Identifier<Note>
    public var id: ID
    public var record: Regarding
    public var body: String
    public var authorId: User.ID
    public var createdAt: Date
    public var names: [String: String] = [:]

    public init(id: ID, record: Regarding, body: String, authorId: User.ID, createdAt: Date) {
        self.id = id
        self.record = record
        self.body = body
        self.authorId = authorId
        self.createdAt = createdAt
    }
}

/// A file kept on a record: its facts; the bytes are read apart (`NotesAndFiles.file`).
public struct Attachment: Sendable, Equatable {
    public typealias ID = Identifier<Attachment>
    public var id: ID
    public var record: Regarding
    public var name: String
    public var contentType: String
    public var size: Int
    public var authorId: User.ID
    public var createdAt: Date
    public var names: [String: String] = [:]

    public init(id: ID, record: Regarding, name: String, contentType: String, size: Int, authorId: User.ID, createdAt: Date) {
        self.id = id
        self.record = record
        self.name = name
        self.contentType = contentType
        self.size = size
        self.authorId = authorId
        self.createdAt = createdAt
    }
}

public protocol NoteSession: Sendable {
    func insertNote(_ note: Note) async throws
    /// A record's notes, newest first, each with its author's name (`authorName`).
    func notes(of record: UUID) async throws -> [Note]
    func note(id: Note.ID) async throws -> Note?
    func deleteNote(id: Note.ID) async throws
    func insertAttachment(_ attachment: Attachment, data: Data) async throws
    /// A record's files, newest first, each with its author's name (`authorName`).
    func attachments(of record: UUID) async throws -> [Attachment]
    func attachment(id: Attachment.ID) async throws -> Attachment?
    func attachmentData(id: Attachment.ID) async throws -> Data?
    func deleteAttachment(id: Attachment.ID) async throws
}

/// Notes and files on the main records: whoever sees a record reads them; whoever may write
/// records adds them; their author or an administrator deletes them. A file is at most 8 MiB and
/// of a type told by its content, not its name: PDF, PNG, JPEG, GIF, WebP, Word, Excel,
/// PowerPoint or OpenDocument, or plain text and CSV. Each addition and deletion is in the
/// record's history.
public struct NotesAndFiles: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public static let maxFileSize = 8 * 1024 * 1024
    public static let maxNoteLength = 10_000
    public static let typesText = "PDF, PNG, JPEG, GIF or WebP images, Word, Excel, PowerPoint or OpenDocument files, text or CSV"

    /// The record, when the caller may see it.
    static func checkVisible(_ record: Regarding, _ session: any StoreSession, _ principal: Principal) async throws -> Ownership {
        guard let owner = try await session.ownership(of: record), principal.reading(record.kind).canSee(owner) else {
            throw CoreError.notFound(record.kind.rawValue)
        }
        return owner
    }

    public func notes(of record: Regarding, by principal: Principal) async throws -> [Note] {
        try await env.store.read { session in
            _ = try await Self.checkVisible(record, session, principal)
            return try await session.notes(of: record.id)
        }
    }

    public func addNote(to record: Regarding, body: String?, by principal: Principal) async throws -> Note {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot write notes") }
        var check = Validator()
        let text = check.text("body", body, required: true, maxLength: Self.maxNoteLength)
        try check.check()
        let note = Note(id: env.newID(), record: record, body: text ?? "", authorId: principal.userId, createdAt: env.clock.now())
        try await env.transaction(by: principal) { transaction in
            _ = try await Self.checkVisible(record, transaction.session, principal)
            try await transaction.session.insertNote(note)
            transaction.audit(record.kind.rawValue, record.id, "note", [FieldChange(field: "note", old: nil, new: Self.excerpt(note.body))])
        }
        return note
    }

    public func deleteNote(_ id: Note.ID, by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in
            guard let note = try await transaction.session.note(id: id) else { throw CoreError.notFound("note") }
            _ = try await Self.checkVisible(note.record, transaction.session, principal)
            guard note.authorId == principal.userId || principal.isAdmin else {
                throw CoreError.forbidden("only its author or an administrator deletes a note")
            }
            try await transaction.session.deleteNote(id: id)
            transaction.audit(note.record.kind.rawValue, note.record.id, "note deleted", [FieldChange(field: "note", old: Self.excerpt(note.body), new: nil)])
        }
    }

    public func attachments(of record: Regarding, by principal: Principal) async throws -> [Attachment] {
        try await env.store.read { session in
            _ = try await Self.checkVisible(record, session, principal)
            return try await session.attachments(of: record.id)
        }
    }

    public func attach(to record: Regarding, name: String?, data: Data, by principal: Principal) async throws -> Attachment {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot add files") }
        var errors: [FieldError] = []
        let filename = Self.cleanName(name ?? "")
        if filename.isEmpty { errors.append(FieldError("name", "is required: the file's name")) }
        if data.isEmpty { errors.append(FieldError("file", "is empty")) }
        if data.count > Self.maxFileSize { errors.append(FieldError("file", "is larger than 8 MiB")) }
        let type = Self.contentType(of: data, name: filename)
        if type == nil, !data.isEmpty { errors.append(FieldError("file", "is not a kind of file Furrow keeps (\(Self.typesText))")) }
        if !errors.isEmpty { throw ValidationError(errors) }
        let attachment = Attachment(id: env.newID(), record: record, name: filename, contentType: type ?? "application/octet-stream",
                                    size: data.count, authorId: principal.userId, createdAt: env.clock.now())
        try await env.transaction(by: principal) { transaction in
            _ = try await Self.checkVisible(record, transaction.session, principal)
            try await transaction.session.insertAttachment(attachment, data: data)
            transaction.audit(record.kind.rawValue, record.id, "file", [FieldChange(field: "file", old: nil, new: attachment.name)])
        }
        return attachment
    }

    /// A file and its bytes, when the caller may see its record.
    public func file(_ id: Attachment.ID, by principal: Principal) async throws -> (Attachment, Data) {
        try await env.store.read { session in
            guard let attachment = try await session.attachment(id: id) else { throw CoreError.notFound("file") }
            _ = try await Self.checkVisible(attachment.record, session, principal)
            guard let data = try await session.attachmentData(id: id) else { throw CoreError.notFound("file") }
            return (attachment, data)
        }
    }

    public func deleteAttachment(_ id: Attachment.ID, by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in
            guard let attachment = try await transaction.session.attachment(id: id) else { throw CoreError.notFound("file") }
            _ = try await Self.checkVisible(attachment.record, transaction.session, principal)
            guard attachment.authorId == principal.userId || principal.isAdmin else {
                throw CoreError.forbidden("only whoever added it or an administrator deletes a file")
            }
            try await transaction.session.deleteAttachment(id: id)
            transaction.audit(attachment.record.kind.rawValue, attachment.record.id, "file deleted",
                              [FieldChange(field: "file", old: attachment.name, new: nil)])
        }
    }

    static func excerpt(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > 80 ? String(line.prefix(79)) + "…" : line
    }

    /// The last part of a path a browser may send, without control characters, at most 200 characters.
    static func cleanName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        return String(clean.prefix(200))
    }

    /// The file's type as its first bytes tell it (a zip container by its name's ending), or nil
    /// for a kind not kept.
    public static func contentType(of data: Data, name: String) -> String? {
        let bytes = [UInt8](data.prefix(16))
        func starts(_ prefix: [UInt8]) -> Bool { bytes.starts(with: prefix) }
        let ending = name.split(separator: ".").count > 1 ? name.split(separator: ".").last.map { $0.lowercased() } ?? "" : ""
        if starts(Array("%PDF-".utf8)) { return "application/pdf" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        if starts(Array("RIFF".utf8)), bytes.count >= 12, Array(bytes[8..<12]) == Array("WEBP".utf8) { return "image/webp" }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            let office = [
                "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
                "odp": "application/vnd.oasis.opendocument.presentation",
            ]
            return office[ending]
        }
        if ["txt", "csv", "md", ""].contains(ending), !data.contains(0), String(data: data, encoding: .utf8) != nil {
            return ending == "csv" ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8"
        }
        return nil
    }
}
