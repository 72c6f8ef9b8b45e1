import Foundation
import FurrowAPI
import FurrowHTTP
import FurrowCore
import FurrowDomain
import FurrowServer
import FurrowWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

extension TestWorld {
    /// A bearer token for the principal, issued without a password round trip.
    public func token(for principal: Principal) async throws -> String {
        let secret = SecretToken.generate()
        let now = clock.now()
        try await store.write { session in
            try await session.insertCredential(CredentialRecord(hash: SecretToken.hash(secret), kind: .token, userId: principal.userId,
                                                                csrf: "", createdAt: now, expiresAt: now.addingTimeInterval(30 * 86400)))
        }
        return secret
    }

    /// A web session cookie (`Cookie` header value) and its CSRF token for the principal.
    public func session(for principal: Principal) async throws -> (cookie: String, csrf: String) {
        let secret = SecretToken.generate(), csrf = SecretToken.generate()
        let now = clock.now()
        try await store.write { session in
            try await session.insertCredential(CredentialRecord(hash: SecretToken.hash(secret), kind: .session, userId: principal.userId,
                                                                csrf: csrf, createdAt: now, expiresAt: now.addingTimeInterval(12 * 3600)))
        }
        return ("furrow_session=" + secret, csrf)
    }

    /// Runs `body` against the whole application in process (no sockets).
    public func withAPI<T: Sendable>(_ body: @Sendable (API) async throws -> T) async throws -> T {
        try await API.with(env, body)
    }
}

extension API {
    /// Runs `body` against the application of `env` in process, for a database a test made itself
    /// (such as the demo company's).
    /// `templateAudit` records the keys the web pages' templates look up that their models lack.
    public static func with<T: Sendable>(_ env: CoreEnvironment, templateAudit: KeyAudit? = nil,
                                         _ body: @Sendable (API) async throws -> T) async throws -> T {
        var logger = Logger(label: "furrow.test")
        logger.logLevel = .warning
        let app = Application(router: FurrowServer.router(env: env, templateAudit: templateAudit), logger: logger)
        return try await app.test(.router) { client in try await body(API(client: client)) }
    }
}

/// A small JSON client over Hummingbird's in-process test client.
public struct API: Sendable {
    let client: any TestClientProtocol

    public struct Reply: Sendable {
        public let status: Int
        public let headers: HTTPFields
        public let text: String

        public var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        }
        public var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
        public var type: String? { json["type"] as? String }
        /// The `{field, message}` pairs of a validation problem.
        public var fieldErrors: [(field: String, message: String)] {
            (json["errors"] as? [[String: Any]] ?? []).map { ($0["field"] as? String ?? "", $0["message"] as? String ?? "") }
        }
        public var contentType: String? { headers[.contentType] }
        public func string(_ key: String) -> String? { json[key] as? String }
    }

    /// A reply whose body is kept as bytes (documents, files).
    public struct Raw: Sendable {
        public let status: Int
        public let contentType: String?
        public let body: Data
    }

    public func raw(_ method: HTTPRequest.Method, _ path: String, token: String? = nil) async throws -> Raw {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: nil)
        return Raw(status: Int(response.status.code), contentType: response.headers[.contentType], body: Data(buffer: response.body))
    }

    /// A body of bytes as they are (a file in any encoding).
    public func send(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, body: Data, contentType: String) async throws -> Reply {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        headers[.contentType] = contentType
        let response = try await client.execute(uri: path, method: method, headers: headers, body: ByteBuffer(data: body))
        return Reply(status: Int(response.status.code), headers: response.headers, text: String(buffer: response.body))
    }

    public func call(_ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: Any? = nil,
                     raw: String? = nil, headers extra: [String: String] = [:]) async throws -> Reply {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer? = nil
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
        } else if let raw {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: raw)
        }
        for (name, value) in extra { headers[HTTPField.Name(name)!] = value }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        return Reply(status: Int(response.status.code), headers: response.headers, text: String(buffer: response.body))
    }
}
