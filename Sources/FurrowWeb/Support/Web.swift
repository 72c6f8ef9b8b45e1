import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird
import NIOCore

/// What every page handler needs: the use cases' environment and the templates.
struct Web: Sendable {
    let env: CoreEnvironment
    let templates: Templates

    /// Renders a page inside the layout.
    func page(_ template: String, _ title: String, _ model: Any, _ request: Request, _ context: AppContext,
              status: HTTPResponse.Status = .ok, csrf: String? = nil) async throws -> Response {
        let shell = try await Shell.make(env, request, context, title: title, csrf: csrf)
        return templates.render(template, shell: shell, page: model, status: status)
    }

    /// Renders a page whose model needs the layout (dates in the company's time zone).
    func page(_ template: String, _ title: String, _ request: Request, _ context: AppContext,
              status: HTTPResponse.Status = .ok, model: (Shell) async throws -> Any) async throws -> Response {
        let shell = try await Shell.make(env, request, context, title: title)
        return templates.render(template, shell: shell, page: try await model(shell), status: status)
    }

    /// The signed-in principal; otherwise the request is sent to the sign-in page and back.
    func principal(_ request: Request, _ context: AppContext) throws -> Principal {
        guard let principal = context.principal else { throw SignInRequired(next: request.pathAndQuery) }
        return principal
    }

    /// The submitted form, after checking its `_csrf` field against the session's token.
    func form(_ request: Request, _ context: AppContext) async throws -> WebForm {
        let form = try await WebForm(request, context: context)
        guard let expected = context.csrf, !expected.isEmpty, form.matches("_csrf", expected) else {
            throw Problem(.forbidden, 403, "Forbidden", "The form's security token is missing or out of date. Go back, reload the page and try again.")
        }
        return form
    }
}

/// A header name (HTTPTypes' `HTTPField.Name`, reached through Hummingbird's exported `HTTPFields`).
typealias HeaderName = HTTPFields.Element.Name

/// Thrown by a page that needs a signed-in user; answered with a redirect to `/login?next=…`.
struct SignInRequired: Error {
    let next: String
}

extension Request {
    /// A query parameter, or "" when absent. Decoded like a form: GET forms send spaces as `+`.
    func query(_ name: String) -> String {
        WebForm(uri.query ?? "")[name]
    }

    var pathAndQuery: String {
        uri.query.map { uri.path + "?" + $0 } ?? uri.path
    }

    /// Whether the browser reached us over TLS (directly or through a proxy that says so).
    var overTLS: Bool {
        uri.scheme?.rawValue == "https" || headers[HeaderName("X-Forwarded-Proto")!]?.lowercased() == "https"
    }
}

extension Response {
    /// `303 See Other`, optionally carrying a flash message to the next page.
    static func redirect(_ location: String, flash: String? = nil, isError: Bool = false) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        if let flash { response.setCookie(Flash.setting(flash, isError: isError)) }
        return response
    }
}

/// Percent-encoding for query values in links built by the pages.
enum URLText {
    static let allowed: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// `path?a=1&b=2`, leaving out empty values.
    static func link(_ path: String, _ parameters: [(String, String)]) -> String {
        let query = parameters.filter { !$0.1.isEmpty }.map { "\($0.0)=\(encode($0.1))" }.joined(separator: "&")
        return query.isEmpty ? path : path + "?" + query
    }

    /// A same-origin path to return to (`next`, `back`, notification links); anything else becomes
    /// `fallback`. Exactly one leading `/`, and no backslash, control character or white space
    /// anywhere: browsers drop tabs and newlines and read `\` as `/`, so `/\t/evil.example/` or
    /// `/\\evil.example` would lead to another host.
    static func localPath(_ text: String, fallback: String = "/") -> String {
        let scalars = text.unicodeScalars
        guard scalars.first == "/", scalars.dropFirst().first != "/",
              !scalars.contains(where: { $0 == "\\" || $0.properties.isWhitespace || $0.properties.generalCategory == .control
                  || $0.properties.generalCategory == .format })
        else { return fallback }
        return text
    }
}

extension String {
    /// The text, or nil when empty: templates show `{{#x}}…{{/x}}` for any non-nil value.
    var nonEmpty: String? { isEmpty ? nil : self }

    /// Whether the text equals `expected`, looking at every byte whatever differs: for secrets
    /// such as the CSRF token.
    func matchesSecret(_ expected: String) -> Bool {
        let sent = Array(utf8), wanted = Array(expected.utf8)
        guard sent.count == wanted.count else { return false }
        return zip(sent, wanted).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
