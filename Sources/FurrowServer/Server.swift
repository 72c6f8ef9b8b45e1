import Foundation
import FurrowAPI
import FurrowHTTP
import FurrowCore
import FurrowDocuments
import FurrowDomain
import FurrowOpenAPI
import FurrowStore
import FurrowWeb
import Hummingbird
import Logging
import Metrics
import NIOCore
import Prometheus

/// How `furrow serve` is configured.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var database: String
    public var adminEmail: String?
    public var adminPassword: String?
    /// Whether `/metrics` answers anyone; by default only an administrator's bearer token.
    public var metricsPublic: Bool

    public init(host: String = "127.0.0.1", port: Int = 8080, database: String = "furrow.sqlite",
                adminEmail: String? = nil, adminPassword: String? = nil, metricsPublic: Bool = false) {
        self.metricsPublic = metricsPublic
        self.host = host
        self.port = port
        self.database = database
        self.adminEmail = adminEmail
        self.adminPassword = adminPassword
    }
}

/// Assembles the application: store, migrations, the first administrator, routes, middleware.
public enum FurrowServer {
    /// The process-wide Prometheus registry behind `/metrics`.
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// Opens and migrates the database; creates the first admin from the configuration when the
    /// database has no users yet.
    public static func prepare(_ configuration: ServerConfiguration, logger: Logger) async throws -> (SQLStore, CoreEnvironment) {
        _ = registry
        let store = try await SQLStore.open(configuration.database, logger: logger)
        let applied = try await Migrator(store).migrate()
        for name in applied { logger.info("migrated", metadata: ["migration": .string(name)]) }
        let env = CoreEnvironment(store: store, documentRenderer: PDFRenderer())
        if let email = configuration.adminEmail, let password = configuration.adminPassword,
           try await !UserService(env).hasUsers() {
            _ = try await UserService(env).setUpFirstAdmin(email: email, password: password, name: "Administrator")
            logger.info("created the first administrator", metadata: ["email": .string(email)])
        }
        _ = await env.passwords.unknownUserHash()
        // An import whose process died (it touches its record every batch) is discarded.
        let discarded = try await ContactImport.discard(env, touchedBefore: env.clock.now().addingTimeInterval(-ContactImport.staleAfter))
        if discarded > 0 { logger.info("discarded unfinished imports", metadata: ["count": .stringConvertible(discarded)]) }
        // An import job's commit is one transaction: one left running by a process that stopped stored nothing. On SQLite this
        // process is the file's only server; on PostgreSQL another server may be running one, so only day-old ones are ended.
        let now = env.clock.now()
        let stale = store.engine == .sqlite ? now : now.addingTimeInterval(-86_400)
        let ended = try await store.write { try await $0.failRunningImportJobs(startedBefore: stale, message: "the server stopped during the import; nothing was stored", at: now) }
        if ended > 0 { logger.info("ended import jobs left running", metadata: ["count": .stringConvertible(ended)]) }
        return (store, env)
    }

    /// The API's OpenAPI document, built from the endpoint table once per process (a test holds
    /// the committed openapi.json to it, so it always encodes).
    static let apiDocument = (try? OpenAPIDocument.json()) ?? Data("{}".utf8)

    /// The router of the whole product: health, metrics, API and web UI. `/metrics` asks for an
    /// administrator's bearer token unless `metricsPublic`.
    public static func router(env: CoreEnvironment, metricsPublic: Bool = false, templateAudit: KeyAudit? = nil) -> Router<AppContext> {
        _ = registry
        let router = Router(context: AppContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: ProblemMiddleware(allowedMethods: APIMethods.allowed))
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: RequestSettingsMiddleware())
        router.get("healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "{\"status\":\"ok\"}")))
        }
        router.get("metrics") { request, _ in
            if !metricsPublic { try await requireAdminToken(request, env: env) }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        APIRoutes.add(to: router, env: env, document: apiDocument)
        WebRoutes.add(to: router, env: env, audit: templateAudit)
        return router
    }

    /// Runs the server until SIGTERM or SIGINT; in-flight requests finish before it stops.
    public static func run(_ configuration: ServerConfiguration, logger: Logger) async throws {
        let (store, env) = try await prepare(configuration, logger: logger)
        var app = Application(
            router: router(env: env, metricsPublic: configuration.metricsPublic),
            server: ConnectionLimits.fromEnvironment().server(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Furrow"),
            logger: logger
        )
        app.addServices(OutboxWorker(env: env, logger: logger), ActivityWorker(env: env, logger: logger), DistributionWorker(env: env, logger: logger),
                        WebhookWorker(env: env, logger: logger))
        do {
            try await app.runService()
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    /// A 401 problem without a bearer token, 403 when it is not an administrator's.
    static func requireAdminToken(_ request: Request, env: CoreEnvironment) async throws {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer "),
              let (principal, _) = try await AuthService(env).authenticate(String(header.dropFirst(7)).trimmedSpaces(), kind: .token)
        else { throw Problem.unauthorized }
        guard principal.isAdmin else { throw Problem(.forbidden, 403, "Forbidden", "Only administrators read the metrics.") }
    }
}
