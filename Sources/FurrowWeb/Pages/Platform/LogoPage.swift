import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The company's logo for documents, for administrators: the one kept (shown), a new one
/// uploaded, or none.
struct LogoPage {
    static let path = "/settings/logo"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("settings/logo", use: show)
        group.post("settings/logo", use: upload)
        group.post("settings/logo/remove", use: remove)
    }

    struct Model { let preview: String?, size: String?, message: String? }

    func admin(_ request: Request, _ context: AppContext) throws -> Principal {
        let principal = try web.principal(request, context)
        guard principal.isAdmin else { throw CoreError.forbidden("Only administrators change the settings.") }
        return principal
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        _ = try admin(request, context)
        return try await page(request, context, message: nil)
    }

    func page(_ request: Request, _ context: AppContext, message: String?) async throws -> Response {
        let logo = try await DocumentLogo(web.env).get()
        let model = Model(preview: logo?.dataAddress,
                          size: logo.map { "\($0.width) × \($0.height) pixels, \($0.kind == .jpeg ? "JPEG" : "PNG")" }, message: message)
        return try await web.page("logo", "Logo", model, request, context, status: message == nil ? .ok : .unprocessableContent)
    }

    @Sendable func upload(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try admin(request, context)
        let form = try await web.upload(request, context)
        guard let file = form.files["logo"], !file.data.isEmpty else { return try await page(request, context, message: "Choose the image first.") }
        do {
            _ = try await DocumentLogo(web.env).set(file.data, by: principal)
        } catch let error as ValidationError {
            return try await page(request, context, message: "“\(file.filename)” was not kept: it \(error.errors.map(\.message).joined(separator: "; ")).")
        }
        return .redirect(Self.path, flash: "Logo saved: quotes and invoices print it.")
    }

    @Sendable func remove(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try admin(request, context)
        _ = try await web.form(request, context)
        try await DocumentLogo(web.env).remove(by: principal)
        return .redirect(Self.path, flash: "Logo removed.")
    }
}
