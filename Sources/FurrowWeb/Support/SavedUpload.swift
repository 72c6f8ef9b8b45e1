import Foundation
import FurrowDomain
import FurrowHTTP
import FurrowCore
import Hummingbird

/// A `multipart/form-data` upload too large to hold in memory (an import file): the body streams
/// to a temporary file as it arrives (`UploadedFile.save`, with the API's size cap), the saved body
/// is mapped rather than read, and the one file field's bytes are copied to a file of their own.
/// Only the small text fields are read into memory.
struct SavedUpload: Sendable {
    struct File: Sendable {
        let filename: String
        let url: URL
        let size: Int
    }

    let fields: [String: String]
    /// The chosen file; nil when none was chosen (browsers then send an empty part without a file name).
    let file: File?

    /// The field's trimmed value, or nil when absent or blank.
    func optional(_ name: String) -> String? {
        let value = (fields[name] ?? "").trimmed()
        return value.isEmpty ? nil : value
    }

    func flag(_ name: String) -> Bool { ["true", "1", "on", "yes"].contains(fields[name] ?? "") }

    /// Splits the saved body at `body` and copies the part named `fileField` to `destination`.
    init(body: URL, boundary: String, fileField: String, destination: URL) throws {
        let data = try Data(contentsOf: body, options: .alwaysMapped)
        var fields: [String: String] = [:]
        var file: File?
        for part in UploadForm.parts(of: data, boundary: boundary) {
            guard let filename = part.filename else {
                fields[part.name] = String(decoding: data[part.content], as: UTF8.self)
                continue
            }
            guard part.name == fileField, !(filename.isEmpty && part.content.isEmpty) else { continue }
            try Self.copy(data[part.content], to: destination)
            file = File(filename: filename, url: destination, size: part.content.count)
        }
        self.fields = fields
        self.file = file
    }

    /// Writes a mapped slice a megabyte at a time, so its pages need not all be resident at once.
    static func copy(_ bytes: Data, to destination: URL) throws {
        guard FileManager.default.createFile(atPath: destination.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: destination.path) else {
            throw CoreError.storageUnavailable
        }
        defer { try? handle.close() }
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = min(start + (1 << 20), bytes.endIndex)
            do { try handle.write(contentsOf: bytes[start..<end]) } catch { throw CoreError.storageFull }
            start = end
        }
    }
}

extension Web {
    /// Saves a `multipart/form-data` upload to a temporary folder, checks its `_csrf` field against
    /// the session's token, and hands it to `use`; the folder is removed afterwards, whatever
    /// happens. Over `BodyLimits.importFile` is a 413 problem, a body cut short a 400.
    func savedUpload<Result>(_ request: Request, _ context: AppContext, fileField: String,
                             use: (SavedUpload) async throws -> Result) async throws -> Result {
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("multipart/form-data"), let boundary = UploadForm.parameter("boundary", in: type),
              !boundary.isEmpty else {
            throw Problem(.unsupportedMediaType, 415, "Unsupported media type", "Send the form as multipart/form-data.")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("furrow-upload-\(UUID().uuidString)")
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw CoreError.storageUnavailable
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let body = folder.appendingPathComponent("body")
        try await UploadedFile.save(request.body, to: body)
        let upload = try SavedUpload(body: body, boundary: boundary, fileField: fileField,
                                     destination: folder.appendingPathComponent("file"))
        guard let expected = context.csrf, !expected.isEmpty, (upload.fields["_csrf"] ?? "").matchesSecret(expected) else {
            throw Problem(.forbidden, 403, "Forbidden", "The form's security token is missing or out of date. Go back, reload the page and try again.")
        }
        return try await use(upload)
    }
}
