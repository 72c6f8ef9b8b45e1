import FurrowCore
import Hummingbird

/// Gives each request its own settings memo, so the page's shell, the routes and the use cases
/// read the company's settings once per request.
public struct RequestSettingsMiddleware: RouterMiddleware {
    public typealias Context = AppContext
    public init() {}

    public func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        try await RequestSettings.$current.withValue(RequestSettings()) { try await next(request, context) }
    }
}
