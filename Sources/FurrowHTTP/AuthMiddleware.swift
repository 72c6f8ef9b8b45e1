import FurrowCore
import FurrowDomain
import HTTPTypes
import Hummingbird

/// Names the signed-in principal of a request: an API bearer token, or the web UI's session
/// cookie. A session may change data only with its CSRF token (form field or `X-CSRF-Token`),
/// which the web pages check and which this middleware checks for API calls from the page.
public struct AuthMiddleware: RouterMiddleware {
    public typealias Context = AppContext
    public static let sessionCookie = "furrow_session"
    public let auth: AuthService
    public let checkCSRF: Bool

    public init(auth: AuthService, checkCSRF: Bool) {
        self.auth = auth
        self.checkCSRF = checkCSRF
    }

    public func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        if request.uri.queryParameters.contains(where: { $0.key.containsNUL || $0.value.containsNUL }) {
            throw Problem.invalidQuery("Query parameters may not contain the NUL character (%00).")
        }
        if let header = request.headers[.authorization] {
            guard header.lowercased().hasPrefix("bearer "),
                  let (principal, credential) = try await auth.authenticate(String(header.dropFirst(7)).trimmedSpaces(), kind: .token)
            else { throw Problem.unauthorized }
            context.principal = principal
            context.credentialHash = credential.hash
        } else if let secret = request.cookies[Self.sessionCookie]?.value,
                  let (principal, credential) = try await auth.authenticate(secret, kind: .session) {
            context.principal = principal
            context.csrf = credential.csrf
            context.sessionSecret = secret
            context.credentialHash = credential.hash
            let unsafe = ![.get, .head, .options].contains(request.method)
            if checkCSRF && unsafe && request.headers[.csrfToken] != credential.csrf {
                throw Problem(.forbidden, 403, "Forbidden", "The CSRF token is missing or wrong; reload the page.")
            }
        }
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    public static let csrfToken = HTTPField.Name("X-CSRF-Token")!
}
