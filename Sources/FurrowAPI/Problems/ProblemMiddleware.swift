import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The outermost middleware of the API: every thrown error becomes a problem response. Errors it
/// does not know become `500 internal` with an incident id; the real error goes only to the log.
public struct ProblemMiddleware: RouterMiddleware {
    public typealias Context = AppContext
    public init() {}

    public func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let error = error as? HTTPError, error.status == .notFound, let allowed = APIMethods.allowed(request.uri.path) {
                var problem = Problem(.methodNotAllowed, 405, "Method not allowed",
                                      "\(request.uri.path) takes \(allowed.joined(separator: ", ")), not \(request.method.rawValue).")
                problem.allow = allowed.joined(separator: ", ")
                return problem.response()
            }
            if let problem = Problem.from(error) { return problem.response() }
            let incident = UUID().uuidString.lowercased()
            context.logger.error("unhandled error", metadata: ["incident": .string(incident), "error": .string(String(reflecting: error))])
            var problem = Problem(.internal, 500, "Internal error", "Something went wrong on our side. Incident \(incident).")
            problem.incidentId = incident
            return problem.response()
        }
    }
}

/// Gives every request an id (or keeps a sane one the client sent), logs one structured line per
/// request, and echoes the id in `X-Request-Id`.
public struct RequestLogMiddleware: RouterMiddleware {
    public typealias Context = AppContext
    public init() {}

    public func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        let sent = request.headers[.requestId].flatMap { $0.count <= 64 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } ? $0 : nil }
        let id = sent ?? UUID().uuidString.lowercased()
        context.logger[metadataKey: "request"] = .string(id)
        let start = ContinuousClock.now
        var response = try await next(request, context)
        response.headers[.requestId] = id
        let elapsed = ContinuousClock.now - start
        let millis = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue), "path": .string(LoggedPath.text(path: request.uri.path, query: request.uri.query)),
            "status": .stringConvertible(response.status.code), "ms": .string(String(format: "%.1f", millis)),
        ])
        return response
    }
}

extension HTTPField.Name {
    static let requestId = HTTPField.Name("X-Request-Id")!
}

/// The methods each API path takes, from the endpoint table:
/// a path the router knows under other methods answers 405 with `Allow`, not 404.
enum APIMethods {
    /// Each path of the endpoint table (`nil` for a parameter segment) with its methods.
    static let templates: [(segments: [String?], methods: [String])] = {
        var methods: [String: [String]] = [:], order: [String] = []
        for endpoint in APIRoutes.endpoints {
            if methods[endpoint.path] == nil { order.append(endpoint.path) }
            methods[endpoint.path, default: []].append(endpoint.method.rawValue)
        }
        let verbs = ["GET", "PUT", "POST", "PATCH", "DELETE"]
        return order.map { path in
            (path.split(separator: "/").map { $0.hasPrefix("{") ? nil : String($0) }, verbs.filter { methods[path]!.contains($0) })
        }
    }()

    /// The methods of an `/api/v1/…` path, or nil when no documented path matches it.
    static func allowed(_ path: String) -> [String]? {
        guard path.hasPrefix("/api/v1/") else { return nil }
        let parts = path.dropFirst("/api/v1".count).split(separator: "/").map(String.init)
        let matches = templates.filter { template in
            template.segments.count == parts.count
                && zip(template.segments, parts).allSatisfy { wanted, part in wanted == nil || wanted == part }
        }
        // A literal segment beats a parameter: /accounts/merge is not /accounts/{id}.
        let best = matches.max { a, b in a.segments.compactMap { $0 }.count < b.segments.compactMap { $0 }.count }
        guard let best, !best.methods.isEmpty else { return nil }
        return best.methods
    }
}
