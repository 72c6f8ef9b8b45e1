import Foundation
import FurrowCore
import FurrowHTTP
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
        PaymentRoutes.endpoints, BankRoutes.endpoints, ActivityRoutes.endpoints, CalendarRoutes.endpoints, BudgetRoutes.endpoints,
        ContractRoutes.endpoints, MarketingListRoutes.endpoints, CampaignRoutes.endpoints,
        CampaignActivityRoutes.endpoints, CampaignResponseRoutes.endpoints, LiteratureRoutes.endpoints, ApiTokenRoutes.endpoints, BatchRoutes.endpoints, WebhookRoutes.endpoints, ImportJobRoutes.endpoints, HomeRoutes.endpoints, BulkRoutes.endpoints, SavedViewRoutes.endpoints, NoteRoutes.endpoints, QuoteLinkRoutes.endpoints, LogoRoutes.endpoints,
    ].flatMap { $0 }

    /// Registers every operation. `document` is the OpenAPI document `GET /api/v1/openapi.json`
    /// answers with, built once by the server from this same table.
    public static func add(to router: Router<AppContext>, env: CoreEnvironment, document: Data,
                           limits: RateLimiter.Limits = .fromEnvironment()) {
        CalendarFeedRoute(env: env).add(to: router)
        let api = router.group("api/v1")
            .add(middleware: AuthMiddleware(auth: AuthService(env), checkCSRF: true))
            .add(middleware: RateLimitMiddleware(limiter: RateLimiter(limits)))
        for endpoint in endpoints {
            let handler = endpoint.operationId == MetaRoutes.documentOperation ? MetaRoutes.serve(document) : endpoint.handler(env)
            api.on(RouterPath(endpoint.routerPath), method: endpoint.method, use: handler)
        }
    }
}

/// The API's own description: the document is built from the endpoint table by the server (the
/// OpenAPI target) and handed to the router, so it is served as built, never read from a file.
struct MetaRoutes: RouteSet {
    let env: CoreEnvironment
    static let documentOperation = "getOpenApiDocument"

    static func serve(_ document: Data) -> Handler {
        { _, _ in Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: document))) }
    }

    /// Never registered: `APIRoutes.add` serves the document it is given instead.
    @Sendable func document(_ request: Request, context: AppContext) async throws -> Response {
        throw HTTPError(.notFound)
    }
}
