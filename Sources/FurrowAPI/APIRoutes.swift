import Foundation
import FurrowCore
import Hummingbird
import NIOCore

/// The JSON API under `/api/v1` (SPEC §0).
public enum APIRoutes {
    public static func add(to router: Router<AppContext>, env: CoreEnvironment, limits: RateLimiter.Limits = .fromEnvironment()) {
        CalendarFeedRoute(env: env).add(to: router)
        let api = router.group("api/v1")
            .add(middleware: AuthMiddleware(auth: AuthService(env), checkCSRF: true))
            .add(middleware: RateLimitMiddleware(limiter: RateLimiter(limits)))
        api.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: openAPIDocument)))
        }
        AuthRoutes(env: env).add(to: api)
        UserRoutes(env: env).add(to: api)
        AccountRoutes(env: env).add(to: api)
        ContactRoutes(env: env).add(to: api)
        ConnectionRoutes(env: env).add(to: api)
        SearchRoutes(env: env).add(to: api)
        SettingsRoutes(env: env).add(to: api)
        CatalogRoutes(env: env).add(to: api)
        LeadRoutes(env: env).add(to: api)
        OpportunityRoutes(env: env).add(to: api)
        BoardRoutes(env: env).add(to: api)
        NotificationRoutes(env: env).add(to: api)
        ProductRoutes(env: env).add(to: api)
        QuoteRoutes(env: env).add(to: api)
        OrderRoutes(env: env).add(to: api)
        OrderLifecycleRoutes(env: env).add(to: api)
        InvoiceRoutes(env: env).add(to: api)
        PaymentRoutes(env: env).add(to: api)
        BankRoutes(env: env).add(to: api)
        ActivityRoutes(env: env).add(to: api)
        CalendarRoutes(env: env).add(to: api)
        ReportRoutes(env: env).add(to: api)
        ImportRoutes(env: env).add(to: api)
    }

    /// The OpenAPI 3.1 document of the whole API, shipped as a resource and kept true by a test.
    public static let openAPIDocument: Data = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
              let data = try? Data(contentsOf: url) else { return Data("{}".utf8) }
        return data
    }()
}
