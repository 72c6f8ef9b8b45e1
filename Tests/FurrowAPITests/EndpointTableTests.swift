import Foundation
import FurrowAPI
import Testing

/// The endpoint table is the one declaration of every operation: the router registers it, 405
/// answers come from it, and the OpenAPI document says exactly what it says.
@Suite("Endpoint table")
struct EndpointTableTests {
    static var paths: [String: [String: Any]] {
        let document = (try? JSONSerialization.jsonObject(with: APIRoutes.openAPIDocument)) as? [String: Any] ?? [:]
        return document["paths"] as? [String: [String: Any]] ?? [:]
    }

    @Test("each operation of the table is the document's operation, field by field")
    func operationsMatchTheDocument() throws {
        // given
        let paths = Self.paths
        let documented = paths.flatMap { path, operations in operations.keys.map { "\($0) \(path)" } }
        // when
        let declared = APIRoutes.endpoints.map { "\($0.method.rawValue.lowercased()) \($0.path)" }
        // then
        #expect(Set(declared).count == declared.count, "an operation is declared twice")
        #expect(Set(declared) == Set(documented))
        for endpoint in APIRoutes.endpoints {
            let operation = try #require(paths[endpoint.path]?[endpoint.method.rawValue.lowercased()] as? [String: Any])
            let rendered = JSONRendering.operation(endpoint)
            for key in Set(operation.keys).union(rendered.keys) {
                #expect(JSONRendering.same(operation[key], rendered[key]), "\(endpoint.operationId): \(key) differs from the document")
            }
        }
    }

    @Test("each component schema declared in Swift is the document's schema of that name")
    func schemasMatchTheDocument() throws {
        // given
        let document = try #require(try JSONSerialization.jsonObject(with: APIRoutes.openAPIDocument) as? [String: Any])
        let documented = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        // when
        let declared = Components.all
        // then
        #expect(Set(declared.map(\.name)).count == declared.count, "a schema is declared twice")
        #expect(Set(declared.map(\.name)) == Set(documented.keys))
        for (name, schema) in declared {
            #expect(JSONRendering.same(documented[name], JSONRendering.schema(schema)), "\(name) differs from the document")
        }
    }

    @Test("operation ids are unique and every answer with a problem names its problem types")
    func operationIds() {
        // given
        let endpoints = APIRoutes.endpoints
        // when
        let ids = endpoints.map(\.operationId)
        // then
        #expect(Set(ids).count == ids.count)
        for endpoint in endpoints {
            for answer in endpoint.answers where answer.content.contains(where: { $0.type == "application/problem+json" }) {
                #expect(!answer.problems.isEmpty, "\(endpoint.operationId) \(answer.status) names no problem type")
            }
        }
    }
}

/// The JSON an endpoint stands for, to hold the table to the committed document.
enum JSONRendering {
    static func operation(_ e: Endpoint) -> [String: Any] {
        var out: [String: Any] = ["operationId": e.operationId, "tags": [e.tag], "summary": e.summary,
                                  "parameters": e.parameters.map(parameter)]
        if let description = e.description { out["description"] = description }
        if let body = e.body {
            var b: [String: Any] = ["content": content(body.content)]
            b["required"] = body.required
            if let description = body.description { b["description"] = description }
            out["requestBody"] = b
        }
        if let security = e.security { out["security"] = security.map { [$0: [String]()] } }
        out["responses"] = Dictionary(uniqueKeysWithValues: e.answers.map { answer -> (String, Any) in
            var a: [String: Any] = ["description": answer.description]
            if !answer.content.isEmpty { a["content"] = content(answer.content) }
            if !answer.headers.isEmpty {
                a["headers"] = Dictionary(uniqueKeysWithValues: answer.headers.map { ($0.name, ["description": $0.description, "schema": schema($0.schema)] as [String: Any]) })
            }
            return (String(answer.status), a)
        })
        return out
    }

    static func content(_ items: [Endpoint.Content]) -> [String: Any] {
        Dictionary(uniqueKeysWithValues: items.map { ($0.type, ["schema": schema($0.schema)] as [String: Any]) })
    }

    static func parameter(_ p: Endpoint.Parameter) -> [String: Any] {
        var out: [String: Any] = ["name": p.name, "in": p.location.rawValue, "required": p.required, "schema": schema(p.schema)]
        if let description = p.description { out["description"] = description }
        if let style = p.style { out["style"] = "form"; out["explode"] = style == .repeated }
        if let example = p.example { out["example"] = example }
        return out
    }

    static func schema(_ s: Schema) -> [String: Any] {
        var out: [String: Any] = [:]
        if let ref = s.ref { out["$ref"] = "#/components/schemas/\(ref)" }
        if s.types.count == 1 { out["type"] = s.types[0].rawValue } else if !s.types.isEmpty { out["type"] = s.types.map(\.rawValue) }
        if let v = s.description { out["description"] = v }
        if let v = s.format { out["format"] = v }
        if let v = s.pattern { out["pattern"] = v }
        if let v = s.minLength { out["minLength"] = v }
        if let v = s.maxLength { out["maxLength"] = v }
        if let v = s.minimum { out["minimum"] = v }
        if let v = s.maximum { out["maximum"] = v }
        if let v = s.minItems { out["minItems"] = v }
        if let v = s.maxItems { out["maxItems"] = v }
        if let v = s.uniqueItems { out["uniqueItems"] = v }
        if let v = s.writeOnly { out["writeOnly"] = v }
        if let v = s.values { out["enum"] = v.map { $0 as Any? ?? NSNull() } }
        if let v = s.examples { out["examples"] = v }
        switch s.defaultValue {
        case .string(let v): out["default"] = v
        case .integer(let v): out["default"] = v
        case .boolean(let v): out["default"] = v
        case nil: break
        }
        if let item = s.items.first { out["items"] = schema(item) }
        if !s.properties.isEmpty { out["properties"] = Dictionary(uniqueKeysWithValues: s.properties.map { ($0.name, schema($0.schema)) }) }
        if !s.required.isEmpty { out["required"] = s.required }
        if let v = s.additionalProperties { out["additionalProperties"] = v }
        if !s.anyOf.isEmpty { out["anyOf"] = s.anyOf.map(schema) }
        return out
    }

    /// JSON equality of two parsed values (key order aside).
    static func same(_ a: Any?, _ b: Any?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .fragmentsAllowed]
        return (try? JSONSerialization.data(withJSONObject: a, options: options)) == (try? JSONSerialization.data(withJSONObject: b, options: options))
    }
}
