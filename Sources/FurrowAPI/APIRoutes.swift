import Foundation
import FurrowCore
import Hummingbird
import NIOCore

/// The JSON API under `/api/v1` (SPEC §0).
public enum APIRoutes {
    /// Every operation of the API, each declared once next to its route set. The router, the
    /// 405 answers and the OpenAPI document all come from this table.
    public static let endpoints: [Endpoint] = [
        MetaRoutes.endpoints, AuthRoutes.endpoints, UserRoutes.endpoints, AccountRoutes.endpoints, ContactRoutes.endpoints,
        ConnectionRoutes.endpoints, SearchRoutes.endpoints, SettingsRoutes.endpoints, CatalogRoutes.endpoints, LeadRoutes.endpoints,
        OpportunityRoutes.endpoints, BoardRoutes.endpoints, ReportRoutes.endpoints, ImportRoutes.endpoints, NotificationRoutes.endpoints,
        ProductRoutes.endpoints, QuoteRoutes.endpoints, OrderRoutes.endpoints, OrderLifecycleRoutes.endpoints, InvoiceRoutes.endpoints,
        PaymentRoutes.endpoints, BankRoutes.endpoints, ActivityRoutes.endpoints, CalendarRoutes.endpoints,
    ].flatMap { $0 }

    public static func add(to router: Router<AppContext>, env: CoreEnvironment, limits: RateLimiter.Limits = .fromEnvironment()) {
        CalendarFeedRoute(env: env).add(to: router)
        let api = router.group("api/v1")
            .add(middleware: AuthMiddleware(auth: AuthService(env), checkCSRF: true))
            .add(middleware: RateLimitMiddleware(limiter: RateLimiter(limits)))
        for endpoint in endpoints {
            api.on(RouterPath(endpoint.routerPath), method: endpoint.method, use: endpoint.handler(env))
        }
    }

    /// The OpenAPI 3.1 document of the whole API, shipped as a resource and kept true by a test.
    public static let openAPIDocument: Data = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
              let data = try? Data(contentsOf: url) else { return Data("{}".utf8) }
        return data
    }()
}

/// The API's own description.
struct MetaRoutes: RouteSet {
    let env: CoreEnvironment

    @Sendable func document(_ request: Request, context: AppContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: APIRoutes.openAPIDocument)))
    }
}
