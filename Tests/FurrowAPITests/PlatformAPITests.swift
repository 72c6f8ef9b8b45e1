import Foundation
import FurrowAPI
import FurrowHTTP
import FurrowCore
import FurrowDomain
import FurrowOpenAPI
import FurrowServer
import FurrowTestSupport
import HTTPTypes
import Hummingbird
import Testing

@Suite("Platform")
struct PlatformAPITests {
    @Test("health, metrics and request ids")
    func operations() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let health = try await api.call(.get, "/healthz")
            #expect(health.status == 200)
            #expect(health.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
            let echoed = try await api.call(.get, "/healthz", headers: ["X-Request-Id": "trace-123"])
            #expect(echoed.headers[HTTPField.Name("X-Request-Id")!] == "trace-123")
            let metrics = try await api.call(.get, "/metrics", token: token)
            #expect(metrics.status == 200)
            #expect(metrics.text.contains("hb_requests"))
        }
    }

    @Test("unknown routes and methods are problems, not bare errors")
    func unknownRoutes() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let missing = try await api.call(.get, "/api/v1/accounts/not-a-uuid", token: token)
            #expect(missing.status == 404)
            #expect(missing.type == "not-found")
            let unknown = try await api.call(.get, "/api/v1/nothing-here", token: token)
            #expect(unknown.status == 404)
            #expect(unknown.contentType == "application/problem+json")
            let media = try await api.call(.post, "/api/v1/accounts", token: token, headers: ["Content-Type": "text/plain"])
            #expect(media.status == 415)
        }
    }

    @Test("settings validate the time zone and currency and are audited")
    func settings() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let bad = try await api.call(.patch, "/api/v1/settings", token: token, json: ["timeZone": "Mars/Base", "baseCurrency": "EURO"])
            #expect(bad.status == 422)
            #expect(Set((bad.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }) == ["timeZone", "baseCurrency"])
            let good = try await api.call(.patch, "/api/v1/settings", token: token, json: ["timeZone": "Europe/Madrid", "quoteWord": "Budget"])
            #expect(good.status == 200)
            #expect(good.string("quoteWord") == "Budget")
            #expect(try await api.call(.get, "/api/v1/settings", token: token).string("timeZone") == "Europe/Madrid")
        }
    }

    @Test("users: admins create them, passwords never leave the server, emails are unique")
    func users() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let team = try await api.call(.post, "/api/v1/teams", token: token, json: ["name": "East"])
            let created = try await api.call(.post, "/api/v1/users", token: token, json: [
                "email": "Seller@Test.example", "name": "Seller", "password": "a-long-password", "role": "sales", "teamId": team.string("id")!,
            ])
            #expect(created.status == 201)
            #expect(created.string("email") == "seller@test.example")
            #expect(!created.text.contains("password"))
            let again = try await api.call(.post, "/api/v1/users", token: token, json: ["email": "seller@test.example", "password": "another-one"])
            #expect(again.status == 409)
            #expect(again.type == "email-taken")
            let short = try await api.call(.post, "/api/v1/users", token: token, json: ["email": "x@test.example", "password": "short", "role": "boss"])
            #expect(short.status == 422)
            let list = try await api.call(.get, "/api/v1/users", token: token)
            #expect(list.items.count == 2)
            let signIn = try await api.call(.post, "/api/v1/auth/tokens", json: ["email": "seller@test.example", "password": "a-long-password"])
            #expect(signIn.status == 201)
            let me = try await api.call(.get, "/api/v1/me", token: signIn.string("token"))
            #expect(me.string("teamId") == team.string("id"))
        }
    }

    @Test("the OpenAPI document names exactly the router's API routes")
    func openAPI() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        // given
        let router = FurrowServer.router(env: world.env)
        let routes = Set(router.routes.compactMap { route -> String? in
            let path = route.path.description
            guard path.hasPrefix("/api/v1/") else { return nil }
            let parts = path.dropFirst("/api/v1".count).split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            return "\(route.method.rawValue.lowercased()) /" + parts.joined(separator: "/")
        })
        // when
        let document = try JSONSerialization.jsonObject(with: OpenAPIDocument.json()) as? [String: Any] ?? [:]
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        let documented = Set(paths.flatMap { path, operations in operations.keys.filter { $0 != "parameters" }.map { "\($0) \(path)" } })
        // then
        #expect(document["openapi"] as? String == "3.1.0")
        #expect(routes.subtracting(documented).sorted() == [], "routes missing from openapi.json")
        #expect(documented.subtracting(routes).sorted() == [], "documented paths with no route")
        #expect(routes.count > 30)
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
        let problem = (schemas?["Problem"] as? [String: Any])?["properties"] as? [String: Any]
        let slugs = (problem?["type"] as? [String: Any])?["enum"] as? [String]
        #expect(slugs == ProblemCatalog.slugs)
    }

    @Test("the OpenAPI quote status lists exactly the readings a quote has")
    func quoteReadings() throws {
        // given
        let document = try JSONSerialization.jsonObject(with: OpenAPIDocument.json()) as? [String: Any] ?? [:]
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
        // when
        let documented = (schemas?["QuoteStatus"] as? [String: Any])?["enum"] as? [String]
        // then
        #expect(documented == QuoteReading.allCases.map(\.rawValue))
    }
}
