import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird
import NIOCore

/// Sales literature (SPEC §8): pieces with their files, and the literature a campaign hands out.
struct LiteratureRoutes: RouteSet {
    let env: CoreEnvironment

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["title", "description", "productIds"],
                                      ignoring: JSONBody.serverOwned.union(["files", "ownerId"]))
        body.require("title")
        let title = body.string("title"), description = body.string("description")
        var products: [Product.ID] = []
        for (index, text) in body.strings("productIds").enumerated() {
            if let id = Product.ID(text) { products.append(id) } else { body.errors.append(FieldError("productIds[\(index)]", "is not a UUID")) }
        }
        try body.check()
        let literature = try await LiteratureService(env).create(title: title, description: description, productIds: products, by: principal)
        return try .json(LiteratureDTO(literature, files: []), status: .created, location: "/api/v1/sales-literature/\(literature.id)")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requirePrincipal()
        let limit = try MarketingListRoutes.limit(request, allowed: [])
        return try .json(Page(items: try await LiteratureService(env).list(limit: limit).map { LiteratureDTO($0, files: nil) }, nextCursor: nil))
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let detail = try await LiteratureService(env).get(try context.id(SalesLiterature.self), by: principal)
        return try .json(LiteratureDTO(detail.literature, files: detail.files))
    }

    @Sendable func addFile(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(SalesLiterature.self)
        var name: String?
        for (key, value) in request.uri.queryParameters {
            guard key == "name" else { throw Problem.invalidQuery("Unknown parameter '\(key)'. Use name.") }
            name = String(value)
        }
        var request = request
        let buffer = try await request.collectBody(upTo: LiteratureFile.maxBytes, tooLarge: "A file may be at most 5 MiB.")
        let file = try await LiteratureService(env).addFile(to: id, name: name, contentType: request.headers[.contentType],
                                                             data: Data(buffer: buffer), by: principal)
        return try .json(LiteratureFileDTO(file), status: .created, location: "/api/v1/sales-literature/\(id)/files/\(file.id)")
    }

    @Sendable func download(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(SalesLiterature.self)
        guard let fileId = context.parameters.get("fileId").flatMap(LiteratureFile.ID.init) else { throw Problem.notFound() }
        let (file, data) = try await LiteratureService(env).file(fileId, of: id, by: principal)
        return .download(name: file.name, type: file.contentType, data: data)
    }

    @Sendable func campaignLiterature(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let found = try await LiteratureService(env).of(campaign: try context.id(Campaign.self), by: principal)
        return try .json(Page(items: found.map { LiteratureDTO($0, files: nil) }, nextCursor: nil))
    }

    @Sendable func link(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let campaign = try context.id(Campaign.self)
        let literature = try await JSONBody.id("literatureId", SalesLiterature.self, of: request, context: context)
        try await LiteratureService(env).link(literature, to: campaign, by: principal)
        return .noContent
    }

    @Sendable func unlink(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let campaign = try context.id(Campaign.self)
        guard let literature = context.parameters.get("literatureId").flatMap(SalesLiterature.ID.init) else { throw Problem.notFound() }
        try await LiteratureService(env).unlink(literature, from: campaign, by: principal)
        return .noContent
    }
}

struct LiteratureFileDTO: Encodable, Sendable {
    let id: String, name: String, contentType: String, size: Int, createdAt: String
    init(_ f: LiteratureFile) { id = f.id.string; name = f.name; contentType = f.contentType; size = f.size; createdAt = Timestamp.string(f.createdAt) }
}

struct LiteratureDTO: Encodable, Sendable {
    let id: String, title: String, description: String?, productIds: [String], files: [LiteratureFileDTO]?, ownerId: String, version: Int
    let createdAt: String, updatedAt: String
    init(_ l: SalesLiterature, files: [LiteratureFile]?) {
        id = l.id.string; title = l.title; description = l.description; productIds = l.productIds.map(\.string)
        self.files = files?.map(LiteratureFileDTO.init); ownerId = l.ownership.ownerId.string; version = l.version
        createdAt = Timestamp.string(l.createdAt); updatedAt = Timestamp.string(l.updatedAt)
    }
}
