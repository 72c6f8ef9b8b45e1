import Foundation
import FurrowCore
import Hummingbird

/// A request body streamed to a file as it arrives (contact imports, from the API and the web).
public enum UploadedFile {
    /// Writes the body to `file` as it arrives: over the cap is a 413, a body cut short a 400.
    public static func save(_ body: RequestBody, to file: URL) async throws {
        guard FileManager.default.createFile(atPath: file.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: file.path) else {
            throw CoreError.storageUnavailable
        }
        defer { try? handle.close() }
        var size = 0
        do {
            for try await buffer in body {
                size += buffer.readableBytes
                guard size <= BodyLimits.importFile else {
                    throw Problem(.payloadTooLarge, 413, "Payload too large", "An import file may be at most \(BodyLimits.importFile) bytes.")
                }
                do { try handle.write(contentsOf: Data(buffer: buffer)) } catch { throw CoreError.storageFull }
            }
        } catch let problem as Problem {
            throw problem
        } catch let error as CoreError {
            throw error
        } catch {
            throw Problem.malformed("The request body could not be read to its end.")
        }
        guard size > 0 else { throw Problem.malformed("The request body is empty; send the CSV file.") }
    }
}
