import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

/// Files documents print with (`M0036DocumentAssets`).
extension SQLSession {
    func documentAsset(_ name: String) async throws -> (contentType: String, data: Data)? {
        guard let row = try await rows("SELECT content_type, data_base64 FROM document_assets WHERE name = \(bind: name)").first,
              let data = Data(base64Encoded: try row.string("data_base64")) else { return nil }
        return (try row.string("content_type"), data)
    }

    func setDocumentAsset(_ name: String, contentType: String, data: Data, at: Date) async throws {
        try await run("DELETE FROM document_assets WHERE name = \(bind: name)")
        try await run("""
            INSERT INTO document_assets (name, content_type, data_base64, updated_at)
            VALUES (\(bind: name), \(bind: contentType), \(bind: data.base64EncodedString()), \(bind: Timestamp.string(at)))
            """)
    }

    func deleteDocumentAsset(_ name: String) async throws {
        try await run("DELETE FROM document_assets WHERE name = \(bind: name)")
    }
}
