import Foundation
import FurrowCore
import FurrowDomain
import Hummingbird
import NIOCore

extension Response {
    /// A JSON response of any encodable value.
    public static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, location: String? = nil) throws -> Response {
        let bytes = try StreamingJSONEncoder().encode(value)
        var headers: HTTPFields = [.contentType: "application/json"]
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A JSON answer that carries a secret (a bearer token, a calendar feed address): no cache
    /// or proxy may keep it (`Cache-Control: no-store`).
    public static func secret<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = try json(value, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    public static var noContent: Response { Response(status: .noContent) }
}

extension AppContext {
    /// A path id of the given entity; a malformed id is simply not found.
    public func id<T>(_: T.Type, _ name: String = "id") throws -> Identifier<T> {
        guard let text = parameters.get(name), let id = Identifier<T>(text) else { throw Problem.notFound() }
        return id
    }
}

extension Request {
    /// The expected version from `If-Match: "N"` (or `W/"N"`), else from the body's `version`; an
    /// If-Match of another shape is a 400, never read as some version.
    public func expectedVersion(_ body: inout JSONBody) throws -> Int? {
        if let header = headers[.ifMatch] {
            var tag = Substring(header.trimmingCharacters(in: .whitespaces))
            if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
            guard tag.count >= 3, tag.first == "\"", tag.last == "\"", let version = Int(tag.dropFirst().dropLast()), version >= 1,
                  tag.dropFirst().dropLast().allSatisfy(\.isASCII) else {
                throw Problem.malformed("If-Match must be the record's version in quotes, such as \"3\".")
            }
            return version
        }
        return body.int("version")
    }

    /// A boolean query parameter: absent is false; anything but `true` or `false` is a 400.
    public func flag(_ name: String) throws -> Bool {
        guard let value = uri.queryParameters[Substring(name)] else { return false }
        guard value == "true" || value == "false" else { throw Problem.invalidQuery("\(name) must be true or false.") }
        return value == "true"
    }
}

extension Response {
    /// A stored file as a download: its own type, never sniffed, never shown inline, its name in
    /// ASCII and in UTF-8 (RFC 6266).
    public static func download(name: String, type: String, data: Data) -> Response {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 32 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
                                               HTTPFields.Element.Name("X-Content-Type-Options")!: "nosniff", .cacheControl: "private, max-age=300"],
                        body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}
