import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Answers each signed-in request in the user's number style: pages show amounts, and forms read
/// them, as the user writes numbers (`NumberStyle.current`).
struct NumberStyleMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let env: CoreEnvironment

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        guard let principal = context.principal else { return try await next(request, context) }
        let style = try await UserPreferences(env).numberStyle(of: principal.userId)
        return try await NumberStyle.$current.withValue(style) { try await next(request, context) }
    }
}
