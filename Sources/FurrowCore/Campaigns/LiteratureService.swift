import Foundation
import FurrowDomain

/// Sales literature (SPEC §8, rule 65): made by anyone who writes records, read by everyone, its
/// files kept in the database (at most 5 MiB each) and served back as downloads with their type,
/// and linked to the campaigns that hand it out.
public struct LiteratureService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public struct Detail: Sendable {
        public let literature: SalesLiterature
        public let files: [LiteratureFile]
    }

    public func create(title: String?, description: String?, productIds: [Product.ID], by principal: Principal) async throws -> SalesLiterature {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        let now = env.clock.now()
        let literature = try SalesLiterature(id: env.newID(), title: title ?? "", description: description, productIds: productIds,
                                             ownership: Ownership(ownerId: principal.userId, teamId: principal.teamId), createdAt: now, updatedAt: now)
            .validated()
        return try await env.transaction(by: principal) { transaction in
            var unknown: [FieldError] = []
            for (index, id) in literature.productIds.enumerated() where try await transaction.session.product(id: id) == nil {
                unknown.append(FieldError("productIds[\(index)]", "is not a product"))
            }
            if !unknown.isEmpty { throw ValidationError(unknown) }
            try await transaction.create(literature)
            return literature
        }
    }

    public func list(limit: Int = 500) async throws -> [SalesLiterature] {
        try await env.store.read { try await $0.literatureList(limit: limit) }
    }

    public func get(_ id: SalesLiterature.ID, by principal: Principal) async throws -> Detail {
        try await env.reading(by: principal) { transaction in
            let literature = try await transaction.load(SalesLiterature.self, id)
            return Detail(literature: literature, files: try await transaction.session.literatureFiles(of: id))
        }
    }

    /// Adds a file: its name made safe, its type a media type (else `application/octet-stream`), at most 5 MiB.
    public func addFile(to id: SalesLiterature.ID, name: String?, contentType: String?, data: Data, by principal: Principal) async throws -> LiteratureFile {
        guard !data.isEmpty else { throw ValidationError([FieldError("file", "is empty")]) }
        guard data.count <= LiteratureFile.maxBytes else { throw ValidationError([FieldError("file", "must be at most 5 MiB")]) }
        return try await env.transaction(by: principal) { transaction in
            _ = try await transaction.loadChangeable(SalesLiterature.self, id)
            let file = LiteratureFile(id: env.newID(), literatureId: id, name: LiteratureFile.safeName(name),
                                      contentType: LiteratureFile.safeType(contentType), size: data.count, createdAt: env.clock.now())
            try await transaction.session.insertLiteratureFile(file, data: data)
            transaction.audit(SalesLiterature.entity, id.uuid, "add file", [FieldChange(field: "files", old: nil, new: "\(file.name) (\(file.size) bytes)")])
            return file
        }
    }

    public func file(_ fileId: LiteratureFile.ID, of id: SalesLiterature.ID, by principal: Principal) async throws -> (file: LiteratureFile, data: Data) {
        try await env.reading(by: principal) { transaction in
            _ = try await transaction.load(SalesLiterature.self, id)
            guard let found = try await transaction.session.literatureFile(id: fileId), found.file.literatureId == id else { throw CoreError.notFound("file") }
            return found
        }
    }

    // MARK: campaigns (rule 65)

    public func link(_ id: SalesLiterature.ID, to campaignId: Campaign.ID, by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in
            _ = try await transaction.loadChangeable(Campaign.self, campaignId)
            guard try await transaction.session.literature(id: id) != nil else { throw ValidationError([FieldError("literatureId", "is not sales literature")]) }
            if try await transaction.session.linkLiterature(id, to: campaignId, at: env.clock.now()) {
                transaction.audit(Campaign.entity, campaignId.uuid, "add literature", [FieldChange(field: "literature", old: nil, new: "salesLiterature:" + id.string)])
            }
        }
    }

    public func unlink(_ id: SalesLiterature.ID, from campaignId: Campaign.ID, by principal: Principal) async throws {
        try await env.transaction(by: principal) { transaction in
            _ = try await transaction.loadChangeable(Campaign.self, campaignId)
            guard try await transaction.session.unlinkLiterature(id, from: campaignId) else { throw CoreError.notFound("linked literature") }
            transaction.audit(Campaign.entity, campaignId.uuid, "remove literature", [FieldChange(field: "literature", old: "salesLiterature:" + id.string, new: nil)])
        }
    }

    public func of(campaign campaignId: Campaign.ID, by principal: Principal) async throws -> [SalesLiterature] {
        try await env.reading(by: principal) { transaction in
            _ = try await transaction.load(Campaign.self, campaignId)
            var found: [SalesLiterature] = []
            for id in try await transaction.session.campaignLiterature(of: campaignId) {
                if let literature = try await transaction.session.literature(id: id) { found.append(literature) }
            }
            return found
        }
    }
}

extension SalesLiterature: StoredRecord {
    static let entity = "salesLiterature"
    static let noun = "sales literature"
    var access: RecordAccess { .published(ownership) }
    mutating func stamp(at time: Date) { updatedAt = time }
    static func load(_ id: ID, locked: Bool, in session: any StoreSession) async throws -> SalesLiterature? { try await session.literature(id: id) }
    func insert(in session: any StoreSession) async throws { try await session.insertLiterature(self) }
    func save(over before: SalesLiterature, in session: any StoreSession) async throws -> Bool { try await session.updateLiterature(self, over: before) }

    var auditValues: [String: String] {
        var values = ["title": title, "ownerId": ownership.ownerId.string]
        values["description"] = description
        values["productIds"] = productIds.isEmpty ? nil : productIds.map { "product:" + $0.string }.joined(separator: ",")
        return values
    }
}
