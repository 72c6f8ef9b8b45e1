import Foundation
import FurrowHTTP
import FurrowCore
import Hummingbird
import Logging

/// Headers every response of the web UI carries: a Content-Security-Policy without
/// `unsafe-inline`, no MIME sniffing, no referrer to other sites.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = AppContext
    static let policy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        Self.apply(to: &response)
        return response
    }

    static func apply(to response: inout Response) {
        response.headers[HeaderName("Content-Security-Policy")!] = policy
        response.headers[HeaderName("X-Content-Type-Options")!] = "nosniff"
        response.headers[HeaderName("Referrer-Policy")!] = "same-origin"
        response.headers[HeaderName("X-Frame-Options")!] = "DENY"
        if response.headers[.cacheControl] == nil, response.headers[.contentType]?.hasPrefix("text/html") ?? false {
            response.headers[.cacheControl] = "no-store"
        }
    }
}

/// Turns what a page throws into a page: sign-in redirect, not found, forbidden, or an error page
/// with only an incident id (the real error goes to the log).
struct WebErrors: RouterMiddleware {
    typealias Context = AppContext
    let web: Web

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let needed as SignInRequired {
            return .redirect(URLText.link("/login", [("next", needed.next)]))
        } catch {
            return await page(for: error, request, context)
        }
    }

    func page(for error: any Error, _ request: Request, _ context: AppContext) async -> Response {
        var problem: Problem
        if let known = Problem.from(error) {
            problem = known
        } else {
            let incident = UUID().uuidString.lowercased()
            context.logger.error("unhandled error", metadata: ["incident": .string(incident), "error": .string(String(reflecting: error))])
            problem = Problem(.internal, 500, "Something went wrong", "Something went wrong on our side. Incident \(incident).")
        }
        if problem.status == 401 { return .redirect(URLText.link("/login", [("next", request.pathAndQuery)])) }
        if problem.status == 404 {
            problem.title = "Not found"
            problem.detail = "This page does not exist, or the record was deleted, or you may not see it."
        }
        return await Self.errorPage(web, problem, request, context)
    }

    static func errorPage(_ web: Web, _ problem: Problem, _ request: Request, _ context: AppContext) async -> Response {
        struct Model { let title: String, detail: String, status: Int }
        let model = Model(title: problem.title, detail: problem.detail, status: problem.status)
        let status = HTTPResponse.Status(code: problem.status)
        if let response = try? await web.page("error", problem.title, model, request, context, status: status) { return response }
        return Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                        body: .init(byteBuffer: .init(string: problem.title + ": " + problem.detail)))
    }
}

/// Answers requests for paths no route knows (outside the API and operations endpoints) with the
/// web UI's not-found page. Added to the router last, so it wraps only the router's not-found answer.
struct WebNotFound: RouterMiddleware {
    typealias Context = AppContext
    let web: Web
    let auth: AuthMiddleware

    static func isWebPath(_ path: String) -> Bool {
        !(path == "/api" || path.hasPrefix("/api/") || path == "/healthz" || path == "/metrics")
    }

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && Self.isWebPath(request.uri.path) {
            var problem = Problem.notFound()
            problem.detail = "This page does not exist. Check the address, or start again from the navigation."
            var response = (try? await auth.handle(request, context: context) { request, context in
                await WebErrors.errorPage(web, problem, request, context)
            }) ?? Response(status: .notFound)
            SecurityHeaders.apply(to: &response)
            return response
        }
    }
}
