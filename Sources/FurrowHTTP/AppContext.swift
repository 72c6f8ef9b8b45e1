import FurrowCore
import FurrowDomain
import Hummingbird
import NIOCore

/// The request context of the API and the web UI: who is signed in, and from where.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    /// The web session's CSRF secret, when signed in through the browser.
    public var csrf: String?
    public var sessionSecret: String?
    /// The hash of the bearer token or session cookie that signed this request in.
    public var credentialHash: String?
    /// The named API token of the request, when it came with one (its scopes, for the audit trail and rate limits).
    public var apiToken: ApiToken?
    public let remoteAddress: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        switch source.channel.remoteAddress {
        case .v4(let address): remoteAddress = address.host
        case .v6(let address): remoteAddress = address.host
        default: remoteAddress = "local"
        }
    }

    /// Request bodies are small JSON documents; imports have their own limits.
    public var maxUploadSize: Int { BodyLimits.form }

    /// The signed-in principal, or a 401 problem.
    public func requirePrincipal() throws -> Principal {
        guard let principal else { throw Problem.unauthorized }
        return principal
    }
}
