import Foundation
import FurrowDomain

/// An image a PDF can carry as it is: a JPEG (its bytes), or a PNG without transparency, 8 bits a
/// channel, not interlaced (its compressed pixel data, which PDF decodes with the PNG predictors).
public struct DocumentImage: Sendable, Equatable {
    public enum Kind: String, Sendable { case jpeg, png }
    public let kind: Kind
    public let width: Int
    public let height: Int
    /// 1 (grey) or 3 (colour).
    public let colors: Int
    /// What the PDF embeds: the JPEG file, or the PNG's joined IDAT chunks.
    public let stream: Data
    public let original: Data

    public var contentType: String { kind == .jpeg ? "image/jpeg" : "image/png" }
    /// The image as a `data:` address, for pages that show it inline.
    public var dataAddress: String { "data:\(contentType);base64," + original.base64EncodedString() }

    /// The image, or nil for anything else (a GIF, an SVG, a PNG with transparency or a palette).
    public static func read(_ data: Data) -> DocumentImage? {
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
        func u32(_ at: Int) -> Int { u16(at) << 16 | u16(at + 2) }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), bytes.count > 33 {
            guard String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR" else { return nil }
            let width = u32(16), height = u32(20), depth = Int(bytes[24]), type = Int(bytes[25]), interlace = Int(bytes[28])
            guard depth == 8, type == 0 || type == 2, interlace == 0, width > 0, height > 0 else { return nil }
            var idat = Data(), at = 8
            while at + 12 <= bytes.count {
                let length = u32(at), tag = String(decoding: bytes[at + 4..<at + 8], as: UTF8.self)
                guard at + 12 + length <= bytes.count else { return nil }
                if tag == "IDAT" { idat.append(contentsOf: bytes[at + 8..<at + 8 + length]) }
                if tag == "IEND" { break }
                at += 12 + length
            }
            guard !idat.isEmpty else { return nil }
            return DocumentImage(kind: .png, width: width, height: height, colors: type == 2 ? 3 : 1, stream: idat, original: data)
        }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            var at = 2
            while at + 9 < bytes.count, bytes[at] == 0xFF {
                let marker = bytes[at + 1], length = u16(at + 2)
                // a start of frame (baseline, extended or progressive) holds the size and the components
                if [0xC0, 0xC1, 0xC2].contains(marker) {
                    let components = Int(bytes[at + 9])
                    guard components == 1 || components == 3 else { return nil }
                    return DocumentImage(kind: .jpeg, width: u16(at + 7), height: u16(at + 5), colors: components, stream: data, original: data)
                }
                at += 2 + length
            }
        }
        return nil
    }
}

public protocol DocumentAssetSession: Sendable {
    func documentAsset(_ name: String) async throws -> (contentType: String, data: Data)?
    func setDocumentAsset(_ name: String, contentType: String, data: Data, at: Date) async throws
    func deleteDocumentAsset(_ name: String) async throws
}

/// The company's logo on its documents (quotes, invoices, the customer's page), kept by administrators.
public struct DocumentLogo: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public static let maxBytes = 512 * 1024

    public func get() async throws -> DocumentImage? {
        try await env.store.read { try await Self.load($0) }
    }

    static func load(_ session: any StoreSession) async throws -> DocumentImage? {
        try await session.documentAsset("logo").flatMap { DocumentImage.read($0.data) }
    }

    public func set(_ data: Data, by principal: Principal) async throws -> DocumentImage {
        guard principal.isAdmin else { throw CoreError.forbidden("only administrators change the settings") }
        if data.count > Self.maxBytes { throw ValidationError([FieldError("logo", "is larger than 512 KB")]) }
        guard let image = DocumentImage.read(data) else {
            throw ValidationError([FieldError("logo", "must be a JPEG, or a PNG without transparency")])
        }
        try await env.transaction(by: principal) { transaction in
            try await transaction.session.setDocumentAsset("logo", contentType: image.contentType, data: data, at: env.clock.now())
            transaction.audit("settings", UUID(uuidString: "00000000-0000-0000-0000-000000000000")!, "logo",
                              [FieldChange(field: "logo", old: nil, new: "\(image.width)×\(image.height) \(image.kind.rawValue)")])
        }
        return image
    }

    public func remove(by principal: Principal) async throws {
        guard principal.isAdmin else { throw CoreError.forbidden("only administrators change the settings") }
        try await env.transaction(by: principal) { transaction in
            try await transaction.session.deleteDocumentAsset("logo")
            transaction.audit("settings", UUID(uuidString: "00000000-0000-0000-0000-000000000000")!, "logo", [FieldChange(field: "logo", old: "set", new: nil)])
        }
    }
}
