import Foundation

/// Sales literature (seed 003 rule 65): a brochure, data sheet or price leaflet about some
/// products, with its files, that campaigns hand out.
public struct SalesLiterature: Sendable, Equatable {
    public typealias ID = Identifier<SalesLiterature>

    public var id: ID
    public var title: String
    public var description: String?
    public var productIds: [Product.ID]
    public var ownership: Ownership
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: ID, title: String, description: String? = nil, productIds: [Product.ID] = [], ownership: Ownership, version: Int = 1,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.title = title
        self.description = description
        self.productIds = productIds
        self.ownership = ownership
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public func validated() throws(ValidationError) -> SalesLiterature {
        var check = Validator()
        var literature = self
        literature.title = check.text("title", title, required: true, maxLength: 200) ?? ""
        literature.description = check.text("description", description, maxLength: 2000)
        var seen = Set<Product.ID>()
        literature.productIds = productIds.filter { seen.insert($0).inserted }
        if literature.productIds.count > 100 { check.add("productIds", "takes at most 100 products") }
        try check.check()
        return literature
    }
}

/// A file of a piece of sales literature, kept in the database.
public struct LiteratureFile: Sendable, Equatable {
    public typealias ID = Identifier<LiteratureFile>

    public let id: ID
    public let literatureId: SalesLiterature.ID
    public let name: String
    public let contentType: String
    public let size: Int
    public let createdAt: Date

    public init(id: ID, literatureId: SalesLiterature.ID, name: String, contentType: String, size: Int, createdAt: Date) {
        self.id = id
        self.literatureId = literatureId
        self.name = name
        self.contentType = contentType
        self.size = size
        self.createdAt = createdAt
    }

    /// At most this many bytes a file.
    public static let maxBytes = 5 << 20

    /// A file name safe to send back in a header: the last path component, printable, at most 200 characters.
    public static func safeName(_ name: String?) -> String {
        let last = (name ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let printable = last.filter { !$0.isNewline && $0 != "\"" && $0.unicodeScalars.allSatisfy { $0.value >= 32 && $0.value != 127 } }
        let trimmed = printable.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? "file" : String(trimmed.prefix(200))
    }

    /// A media type `type/subtype` of token characters, lower-cased; anything else is `application/octet-stream`.
    public static func safeType(_ type: String?) -> String {
        let bare = (type ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let parts = bare.split(separator: "/", omittingEmptySubsequences: false)
        let token: (Substring) -> Bool = { part in !part.isEmpty && part.count <= 100 && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "!#$&^_.+-".contains($0)) } }
        return parts.count == 2 && token(parts[0]) && token(parts[1]) ? bare : "application/octet-stream"
    }

    /// The type a file name's extension says, for uploads from a browser form.
    public static func type(ofName name: String) -> String {
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return ["pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "txt": "text/plain",
                "csv": "text/csv", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"][ext] ?? "application/octet-stream"
    }
}
