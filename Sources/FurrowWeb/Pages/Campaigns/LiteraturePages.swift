import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Sales literature on the web: the list with a form for a new piece, and a piece's page with its
/// products, its files (downloads) and an upload form; campaigns link it from their page.
struct LiteraturePages {
    static let path = "/sales-literature"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("sales-literature", use: list)
        group.post("sales-literature", use: create)
        group.get("sales-literature/:id", use: show)
        group.post("sales-literature/:id/files", use: upload)
        group.get("sales-literature/:id/files/:fileId", use: download)
        group.post("campaigns/:id/sales-literature", use: link)
        group.post("campaigns/:id/sales-literature/:literatureId/unlink", use: unlink)
    }

    struct Row { let title: String, url: String, products: String }
    struct ListModel { let rows: [Row], hasRows: Bool, canCreate: Bool, products: [Field.Option], hasProducts: Bool }
    struct FileRow { let name: String, url: String, type: String, size: String }
    struct Model { let id: String, title: String, description: String?, products: String, files: [FileRow], hasFiles: Bool, canUpload: Bool }

    static func size(_ bytes: Int) -> String { bytes < 1024 ? "\(bytes) bytes" : bytes < 1 << 20 ? "\(bytes / 1024) KiB" : String(format: "%.1f MiB", Double(bytes) / 1_048_576) }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let products = try await ProductService(web.env).products(ListQuery(limit: 500, sort: ListFields.products.defaultSort))
        let names = Dictionary(uniqueKeysWithValues: products.map { ($0.id, $0.name) })
        let rows = try await LiteratureService(web.env).list().map { l in
            Row(title: l.title, url: "\(Self.path)/\(l.id)", products: l.productIds.compactMap { names[$0] }.joined(separator: ", ").nonEmpty ?? "—")
        }
        let options = products.filter(\.active).map { Field.Option(value: $0.id.string, label: $0.name, selected: false) }
        return try await web.page("sales-literature", "Sales literature",
                                  ListModel(rows: rows, hasRows: !rows.isEmpty, canCreate: principal.canWriteRecords, products: options, hasProducts: !options.isEmpty),
                                  request, context)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        var made: SalesLiterature?
        let refused = try await web.act(back: Self.path, done: "", failed: "Not added:") {
            made = try await LiteratureService(web.env).create(title: form.optional("title"), description: form.optional("description"),
                                                               productIds: form.all("productIds").compactMap(Product.ID.init), by: principal)
        }
        guard let made else { return refused }
        return .redirect("\(Self.path)/\(made.id)", flash: "Added. Upload its files below.")
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard let id = context.parameters.get("id").flatMap(SalesLiterature.ID.init) else { throw Problem.notFound() }
        let detail = try await LiteratureService(web.env).get(id, by: principal)
        let products = try await ProductService(web.env).products(ListQuery(limit: 500, sort: ListFields.products.defaultSort))
        let names = Dictionary(uniqueKeysWithValues: products.map { ($0.id, $0.name) })
        let l = detail.literature
        let files = detail.files.map { FileRow(name: $0.name, url: "\(Self.path)/\(id)/files/\($0.id)", type: $0.contentType, size: Self.size($0.size)) }
        return try await web.page("literature", l.title, Model(id: id.string, title: l.title, description: l.description,
                                                               products: l.productIds.compactMap { names[$0] }.joined(separator: ", ").nonEmpty ?? "—",
                                                               files: files, hasFiles: !files.isEmpty,
                                                               canUpload: principal.canChange(l.ownership)), request, context)
    }

    @Sendable func upload(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard let id = context.parameters.get("id").flatMap(SalesLiterature.ID.init) else { throw Problem.notFound() }
        return try await web.savedUpload(request, context, fileField: "file") { upload in
            try await web.act(back: "\(Self.path)/\(id)", done: "File added.", failed: "Not added:") {
                guard let file = upload.file else { throw ValidationError([FieldError("file", "choose a file")]) }
                guard file.size <= LiteratureFile.maxBytes else { throw ValidationError([FieldError("file", "must be at most 5 MiB")]) }
                let data = try Data(contentsOf: file.url)
                _ = try await LiteratureService(web.env).addFile(to: id, name: file.filename, contentType: LiteratureFile.type(ofName: file.filename),
                                                                 data: data, by: principal)
            }
        }
    }

    @Sendable func download(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard let id = context.parameters.get("id").flatMap(SalesLiterature.ID.init),
              let fileId = context.parameters.get("fileId").flatMap(LiteratureFile.ID.init) else { throw Problem.notFound() }
        let (file, data) = try await LiteratureService(web.env).file(fileId, of: id, by: principal)
        return .download(name: file.name, type: file.contentType, data: data)
    }

    @Sendable func link(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let campaign = try CampaignPages.id(context)
        return try await web.act(back: "\(CampaignPages.path)/\(campaign)#literature", done: "Literature added.", failed: "Not added:") {
            guard let literature = form.optional("literatureId").flatMap(SalesLiterature.ID.init) else {
                throw ValidationError([FieldError("literatureId", "choose a piece of literature")])
            }
            try await LiteratureService(web.env).link(literature, to: campaign, by: principal)
        }
    }

    @Sendable func unlink(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let campaign = try CampaignPages.id(context)
        guard let literature = context.parameters.get("literatureId").flatMap(SalesLiterature.ID.init) else { throw Problem.notFound() }
        return try await web.act(back: "\(CampaignPages.path)/\(campaign)#literature", done: "Literature removed.", failed: "Not removed:") {
            try await LiteratureService(web.env).unlink(literature, from: campaign, by: principal)
        }
    }
}
