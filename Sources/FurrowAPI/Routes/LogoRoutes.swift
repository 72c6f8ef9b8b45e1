import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The company's logo on documents (issue 23).
struct LogoRoutes: RouteSet {
    let env: CoreEnvironment

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requirePrincipal()
        guard let logo = try await DocumentLogo(env).get() else { throw Problem.notFound("logo") }
        return FileDownload.response(logo.original, name: "logo." + logo.kind.rawValue, contentType: logo.contentType)
    }

    @Sendable func put(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let buffer = try await request.body.collect(upTo: DocumentLogo.maxBytes, tooLarge: Problem(
            .payloadTooLarge, 413, "Logo too large", "A logo may be at most 512 KB, and this one is larger, so nothing was saved."))
        let image = try await DocumentLogo(env).set(Data(buffer.readableBytesView), by: principal)
        return try .json(["contentType": image.contentType, "width": String(image.width), "height": String(image.height)])
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try await DocumentLogo(env).remove(by: principal)
        return .noContent
    }
}
