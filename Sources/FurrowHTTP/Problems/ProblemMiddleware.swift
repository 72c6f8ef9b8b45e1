import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The outermost middleware of the API: every thrown error becomes a problem response. Errors it
/// does not know become `500 internal` with an incident id; the real error goes only to the log.
public struct ProblemMiddleware: RouterMiddleware {
    public typealias Context = AppContext
    /// The methods a path takes, when some route has it under another method (405 with `Allow`).
    public let allowedMethods: @Sendable (String) -> [String]?

    public init(allowedMethods: @escaping @Sendable (String) -> [String]? = { _ in nil }) {
        self.allowedMethods = allowedMethods
    }

    public func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let error = error as? HTTPError, error.status == .notFound, let allowed = allowedMethods(request.uri.path) {
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
    public static let requestId = HTTPField.Name("X-Request-Id")!
}
