import Hummingbird
import NIOCore

/// How large a request body may be, said once for the API and the web UI: a JSON body or a web
/// form 1 MB, an uploaded file (bank statements) 10 MB; contact imports stream to disk with their
/// own cap (`importFile`).
public enum BodyLimits {
    public static let form = 1 * 1024 * 1024
    public static let upload = 10 * 1024 * 1024
    /// A bulk create's JSON (`POST /{records}/batch`, up to 1,000 records).
    public static let batch = 16 * 1024 * 1024
    /// A contact import's CSV, streamed to a file (`UploadedFile.save`).
    public static let importFile = 64 * 1024 * 1024
    /// A body over its limit is still read to its end (and dropped) up to this size, so that the
    /// browser, still sending, receives the answer that says the limit instead of a reset connection.
    public static let drained = 64 * 1024 * 1024

    /// `1 MB`, `10 MB`.
    public static func text(_ bytes: Int) -> String {
        bytes % (1024 * 1024) == 0 ? "\(bytes / 1024 / 1024) MB" : "\(bytes / 1024) KB"
    }
}

extension RequestBody {
    /// The whole body when it is at most `limit` bytes; otherwise `tooLarge` (a 413 problem),
    /// thrown once the rest has been read and dropped (see `BodyLimits.drained`).
    public func collect(upTo limit: Int, tooLarge: Problem) async throws -> ByteBuffer {
        var buffer = ByteBuffer()
        var total = 0
        for try await chunk in self {
            total += chunk.readableBytes
            if total <= limit {
                var chunk = chunk
                buffer.writeBuffer(&chunk)
            } else if total > BodyLimits.drained {
                break
            }
        }
        if total > limit { throw tooLarge }
        return buffer
    }
}
