import Foundation
import FurrowAPI
import FurrowCore
import FurrowServer
import FurrowStore
import FurrowTestSupport
import Testing

/// Every JSON answer of every GET operation, read from the demo company, has exactly the shape its
/// schema declares: no key the schema lacks (a DTO field added without its schema fails here), every
/// required key, and only declared values for enums.
@Suite("Answers match their schemas")
struct ResponseShapeTests {
    /// Query strings for the operations that need some.
    static let queries = [
        "/search": "?q=a", "/audit": "?entity=account&id={account}", "/calendar": "?from=2026-11-01&to=2027-01-31",
        "/connections": "?partyType=account&partyId={account}", "/reports/pipeline": "?groupBy=stage", "/reports/funnel": "?kindId={kind}",
        "/budgets": "?regardingType=account&regardingId={account}", "/marketing-lists/preview": "?targetType=accounts&query=industry%3DAgriculture",
        "/campaign-responses": "?campaignId={campaign}", "/saved-views": "?list=opportunities",
        "/notes": "?recordType=account&recordId={account}", "/attachments": "?recordType=account&recordId={account}",
    ]
    /// Where a path's `{id}` comes from when it is not the list at the path's start.
    static let idSources = [
        "/boards": "/opportunity-kinds", "/activities/regarding": "/accounts", "/connections": "/accounts/{any account}/connections",
        "/budgets": "/budgets?regardingType=account&regardingId={any account}",
        "/campaign-activities": "/campaigns/{any campaign}/activities",
        "/campaign-responses": "/campaign-responses?campaignId={any campaign}", "/reports/campaigns": "/campaigns",
        "/quotes": "/quotes?status=sent",
    ]

    @Test("each GET answer of the demo company has the keys, required keys and enum values of its schema")
    func answersMatchSchemas() async throws {
        try await DemoDatabase.with { env, admin in try await Self.check(env, admin) }
    }

    static func check(_ env: CoreEnvironment, _ admin: DemoCompany.Login) async throws {
        let components = Dictionary(uniqueKeysWithValues: Components.all.map { ($0.name, $0.schema) })
        let reads = APIRoutes.endpoints.filter { $0.method == .get }.compactMap { endpoint -> (Endpoint, Schema)? in
            guard let ok = endpoint.answers.first(where: { $0.status == 200 }),
                  let json = ok.content.first(where: { $0.type == "application/json" }), json.schema.ref != nil else { return nil }
            return (endpoint, json.schema)
        }
        try await API.with(env) { api in
            let token = try #require(try await api.call(.post, "/api/v1/auth/tokens", json: ["email": admin.email, "password": admin.password])
                .string("token"))
            var firstIds: [String: String] = [:]
            func firstId(_ list: String) async throws -> String? {
                if let known = firstIds[list] { return known }
                var id: String?
                if let (slot, parents) = [("{any account}", "/accounts?limit=200"), ("{any campaign}", "/campaigns")].first(where: { list.contains($0.0) }) {
                    // the first parent record that has one
                    for parent in try await api.call(.get, "/api/v1" + parents, token: token).items.compactMap({ $0["id"] as? String }) {
                        let path = list.replacingOccurrences(of: slot, with: parent)
                        id = try await api.call(.get, "/api/v1" + path, token: token).items.first?["id"] as? String
                        if id != nil { break }
                    }
                } else {
                    id = try await api.call(.get, "/api/v1" + (try await resolve(list)), token: token).items.first?["id"] as? String
                }
                firstIds[list] = id
                return id
            }
            /// `{account}` and `{kind}` become the first account's and opportunity kind's ids.
            func resolve(_ text: String) async throws -> String {
                var text = text
                for (slot, list) in [("{account}", "/accounts"), ("{kind}", "/opportunity-kinds"), ("{campaign}", "/campaigns")] where text.contains(slot) {
                    text = text.replacingOccurrences(of: slot, with: try await firstId(list) ?? "")
                }
                return text
            }
            var checked = 0, unreached: [String] = []
            for (endpoint, schema) in reads {
                // when: the path's ids are the first record of the list each belongs to
                var path = endpoint.path, resolved = true
                while let range = path.range(of: "{id}") {
                    let prefix = String(path[..<range.lowerBound].dropLast())
                    let list = Self.idSources.first { prefix.hasPrefix($0.key) }?.value ?? prefix
                    guard let id = try await firstId(list) else { resolved = false; break }
                    path.replaceSubrange(range, with: id)
                }
                path = path.replacingOccurrences(of: "{type}", with: "account")
                let query = try await resolve(Self.queries[endpoint.path] ?? "")
                guard resolved else { unreached.append(endpoint.path); continue }
                let answer = try await api.call(.get, "/api/v1" + path + query, token: token)
                // then
                #expect(answer.status == 200, "\(endpoint.operationId): \(answer.status) \(answer.text.prefix(200))")
                guard answer.status == 200 else { continue }
                let value = try JSONSerialization.jsonObject(with: Data(answer.text.utf8), options: [.fragmentsAllowed])
                let problems = ShapeCheck(components: components).check(value, against: schema, at: endpoint.operationId)
                #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))")
                checked += 1
            }
            #expect(unreached == [], "no record to read for these paths in the demo company")
            #expect(checked > 55)
        }
    }
}

/// Compares a decoded JSON value with a schema, naming each place where they disagree.
struct ShapeCheck {
    let components: [String: Schema]

    func check(_ value: Any, against schema: Schema, at path: String) -> [String] {
        if let ref = schema.ref {
            guard let target = components[ref] else { return ["\(path): no schema \(ref)"] }
            return check(value, against: target, at: path)
        }
        if !schema.anyOf.isEmpty {
            let results = schema.anyOf.map { check(value, against: $0, at: path) }
            return results.contains { $0.isEmpty } ? [] : ["\(path): matches none of its alternatives: \(results.flatMap { $0 }.prefix(3))"]
        }
        if value is NSNull {
            return schema.types.isEmpty || schema.isNullable ? [] : ["\(path): null where \(schema.types.map(\.rawValue)) is expected"]
        }
        if let object = value as? [String: Any] {
            guard schema.types.isEmpty || schema.types.contains(.object) else { return ["\(path): an object where \(schema.types) is expected"] }
            guard !schema.properties.isEmpty else { return [] }
            let declared = Set(schema.properties.map(\.name))
            var problems = Set(object.keys).subtracting(declared).sorted().map { "\(path).\($0): not in the schema" }
            problems += Set(schema.required).subtracting(object.keys).sorted().map { "\(path).\($0): required but absent" }
            for property in schema.properties {
                if let field = object[property.name] { problems += check(field, against: property.schema, at: "\(path).\(property.name)") }
            }
            return problems
        }
        if let array = value as? [Any] {
            guard schema.types.isEmpty || schema.types.contains(.array) else { return ["\(path): an array where \(schema.types) is expected"] }
            guard let item = schema.items.first else { return [] }
            return array.enumerated().flatMap { check($0.element, against: item, at: "\(path)[\($0.offset)]") }
        }
        if let text = value as? String {
            if !schema.types.isEmpty && !schema.types.contains(.string) { return ["\(path): a string where \(schema.types) is expected"] }
            if let values = schema.values, !values.contains(text) { return ["\(path): '\(text)' is not one of \(values.compactMap { $0 })"] }
        }
        return []
    }
}
