import Foundation
import Hummingbird
import HTTPTypes
import NIOCore

/// A stored file sent as a download: its type as stored, `attachment` with its name (ASCII and
/// RFC 5987 forms), never sniffed or shown inline by the browser.
public enum FileDownload {
    public static func response(_ data: Data, name: String, contentType: String) -> Response {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 32 ? Character($0) : "_" })
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
        return Response(status: .ok, headers: [
            .contentType: contentType,
            .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
            .cacheControl: "private, no-store",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        ], body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}
