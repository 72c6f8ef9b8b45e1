import Foundation
import FurrowCore
import Hummingbird

/// A request body taken as it arrives: to a file (contact imports, from the API and the web), or
/// as a stream of parts (import jobs keep them in the database).
public enum UploadedFile {
    /// The body's parts as they arrive: over `limit` bytes is a 413, a body cut short a 400.
    public static func parts(_ body: RequestBody, limit: Int) -> AsyncThrowingStream<Data, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                var size = 0
                do {
                    for try await buffer in body {
                        size += buffer.readableBytes
                        guard size <= limit else {
                            throw Problem(.payloadTooLarge, 413, "Payload too large", "An import file may be at most \(limit) bytes.")
                        }
                        continuation.yield(Data(buffer: buffer))
                    }
                    continuation.finish()
                } catch let problem as Problem {
                    continuation.finish(throwing: problem)
                } catch {
                    continuation.finish(throwing: Problem.malformed("The request body could not be read to its end."))
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Writes the body to `file` as it arrives (at most `BodyLimits.importFile` bytes; an empty body is a 400).
    public static func save(_ body: RequestBody, to file: URL) async throws {
        guard FileManager.default.createFile(atPath: file.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: file.path) else {
            throw CoreError.storageUnavailable
        }
        defer { try? handle.close() }
        var size = 0
        for try await part in parts(body, limit: BodyLimits.importFile) {
            size += part.count
            do { try handle.write(contentsOf: part) } catch { throw CoreError.storageFull }
        }
        guard size > 0 else { throw Problem.malformed("The request body is empty; send the CSV file.") }
    }
}
