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
            guard header.lowercased().hasPrefix("bearer ") else { throw Problem.unauthorized }
            let secret = String(header.dropFirst(7)).trimmedSpaces()
            if let (principal, token) = try await auth.apiTokens.authenticate(secret) {
                let needed = Self.scope(of: request)
                guard token.scopes.contains(needed) else {
                    throw Problem(.forbidden, 403, "Forbidden", "This API token lacks the \(needed.rawValue) scope this request needs "
                                  + "(it has \(token.scopes.sorted().map(\.rawValue).joined(separator: ", "))).")
                }
                context.principal = principal
                context.apiToken = token
                return try await AuditTrail.$via.withValue("token \"\(token.name)\"") { try await next(request, context) }
            }
            guard let (principal, credential) = try await auth.authenticate(secret, kind: .token) else { throw Problem.unauthorized }
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

extension AuthMiddleware {
    /// The scope a named token needs for a request: reading for safe methods, handing in email
    /// for the inbound mail endpoint, writing for every other change.
    public static func scope(of request: Request) -> ApiToken.Scope {
        if [.get, .head, .options].contains(request.method) { return .read }
        if request.uri.path.hasSuffix("/inbound-email") { return .inboundEmail }
        return .write
    }
}

extension HTTPField.Name {
    public static let csrfToken = HTTPField.Name("X-CSRF-Token")!
}
