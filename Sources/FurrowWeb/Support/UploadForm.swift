import Foundation
import FurrowDomain
import FurrowHTTP
import Hummingbird
import NIOCore

/// A submitted `multipart/form-data` form (RFC 7578): its text fields and its files. Only what a
/// browser sends for a form with a file input: one part per field, no nested multiparts.
struct UploadForm: Sendable {
    struct File: Sendable {
        let filename: String
        let contentType: String?
        let data: Data
    }

    private(set) var fields: [String: String] = [:]
    private(set) var files: [String: File] = [:]

    init(_ request: Request, context: AppContext) async throws {
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("multipart/form-data"), let boundary = Self.parameter("boundary", in: type), !boundary.isEmpty else {
            throw Problem(.unsupportedMediaType, 415, "Unsupported media type", "Send the form as multipart/form-data.")
        }
        let buffer = try await request.body.collect(upTo: BodyLimits.upload, tooLarge: Problem(
            .payloadTooLarge, 413, "File too large",
            "A file sent here may be at most \(BodyLimits.text(BodyLimits.upload)), and this one is larger, so nothing was saved."))
        self.init(body: Data(buffer.readableBytesView), boundary: boundary)
    }

    init(body: Data, boundary: String) {
        for part in Self.parts(of: body, boundary: boundary) {
            let content = Data(body[part.content])
            if let filename = part.filename {
                guard !filename.isEmpty || !content.isEmpty else { continue }
                files[part.name] = File(filename: filename, contentType: part.contentType, data: content)
            } else {
                fields[part.name] = String(decoding: content, as: UTF8.self)
            }
        }
    }

    /// One named part of a multipart body: where its content lies, not a copy of it (so a large
    /// upload saved to disk and mapped is never read whole into memory).
    struct Part: Sendable {
        let name: String
        let filename: String?
        let contentType: String?
        let content: Range<Data.Index>
    }

    /// The named parts of a `multipart/form-data` body, in order.
    static func parts(of body: Data, boundary: String) -> [Part] {
        let delimiter = Data(("--" + boundary).utf8)
        let crlf = Data("\r\n".utf8), headerEnd = Data("\r\n\r\n".utf8)
        guard var start = body.range(of: delimiter)?.upperBound else { return [] }
        var parts: [Part] = []
        while let next = body.range(of: crlf + delimiter, in: start..<body.endIndex) {
            var from = start
            if body[from..<next.lowerBound].starts(with: crlf) { from += 2 }
            if let split = body.range(of: headerEnd, in: from..<next.lowerBound) {
                let headers = String(decoding: body[from..<split.lowerBound], as: UTF8.self)
                if let part = part(headers: headers, content: split.upperBound..<next.lowerBound) { parts.append(part) }
            }
            start = next.upperBound
            if body[start...].starts(with: Data("--".utf8)) { break }
        }
        return parts
    }

    private static func part(headers: String, content: Range<Data.Index>) -> Part? {
        var disposition = "", contentType: String?
        for line in headers.components(separatedBy: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1).map { $0.trimmedSpaces() }
            guard pair.count == 2 else { continue }
            switch pair[0].lowercased() {
            case "content-disposition": disposition = pair[1]
            case "content-type": contentType = pair[1]
            default: break
            }
        }
        guard let name = parameter("name", in: disposition) else { return nil }
        return Part(name: name, filename: parameter("filename", in: disposition), contentType: contentType, content: content)
    }

    /// `name="file"` in `form-data; name="file"; filename="a.csv"`, quoted or not.
    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmedSpaces() }
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            return value
        }
        return nil
    }

    /// The field's trimmed value, or nil when absent or blank.
    /// A text field as sent, or "".
    subscript(_ name: String) -> String { fields[name] ?? "" }

    func optional(_ name: String) -> String? {
        let value = (fields[name] ?? "").trimmed()
        return value.isEmpty ? nil : value
    }

    /// Compares in constant time, for the CSRF token.
    func matches(_ name: String, _ expected: String) -> Bool {
        (fields[name] ?? "").matchesSecret(expected)
    }
}

extension Web {
    /// The submitted upload form, after checking its `_csrf` field against the session's token.
    func upload(_ request: Request, _ context: AppContext) async throws -> UploadForm {
        let form = try await UploadForm(request, context: context)
        guard let expected = context.csrf, !expected.isEmpty, form.matches("_csrf", expected) else {
            throw Problem(.forbidden, 403, "Forbidden", "The form's security token is missing or out of date. Go back, reload the page and try again.")
        }
        return form
    }
}
