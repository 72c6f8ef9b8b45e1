import Foundation
import FurrowAPI
import OpenAPIKit

/// The OpenAPI 3.1 document of the API, built from the endpoint table and the component schemas
/// (`APIRoutes.endpoints`, `Components.all`): what the router serves is what the document says.
public enum OpenAPIDocument {
    /// The document as OpenAPIKit values.
    public static func document() -> OpenAPI.Document {
        var paths: OpenAPI.PathItem.Map = [:]
        for endpoint in APIRoutes.endpoints {
            let path = OpenAPI.Path(rawValue: endpoint.path)
            var item = paths[path]?.pathItemValue ?? OpenAPI.PathItem()
            item.set(operation: operation(endpoint), for: method(endpoint))
            paths[path] = .pathItem(item)
        }
        var schemas: OpenAPI.ComponentDictionary<JSONSchema> = [:]
        for (name, schema) in Components.all {
            schemas[OpenAPI.ComponentKey(rawValue: name)!] = jsonSchema(schema)
        }
        let bearer = OpenAPI.SecurityScheme(type: .http(scheme: "bearer", bearerFormat: nil), description: APIDescription.bearer)
        let bearerKey = OpenAPI.ComponentKey(rawValue: "bearer")!
        return OpenAPI.Document(
            openAPIVersion: .v3_1_0,
            info: .init(title: APIDescription.title, description: APIDescription.conventions, version: APIDescription.version),
            servers: [.init(urlTemplate: URLTemplate(rawValue: APIDescription.server)!)],
            paths: paths,
            components: .init(schemas: schemas, securitySchemes: [bearerKey: .b(bearer)]),
            security: [[.component(named: "bearer"): []]],
            tags: APIDescription.tags.map { OpenAPI.Tag(name: $0.name, description: $0.description) }
        )
    }

    /// The document as the server sends it: JSON with sorted keys, so it reads the same every time.
    public static func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document()) + Data("\n".utf8)
    }

    static func method(_ endpoint: Endpoint) -> OpenAPI.HttpMethod {
        switch endpoint.method {
        case .get: .get
        case .post: .post
        case .put: .put
        case .patch: .patch
        case .delete: .delete
        default: .options
        }
    }

    static func operation(_ endpoint: Endpoint) -> OpenAPI.Operation {
        var responses: OpenAPI.Response.Map = [:]
        for answer in endpoint.answers {
            var headers: OpenAPI.Header.Map = [:]
            for header in answer.headers {
                headers[header.name] = .b(OpenAPI.Header(schema: jsonSchema(header.schema), description: header.description))
            }
            responses[OpenAPI.Response.StatusCode(integerLiteral: answer.status)] = .b(OpenAPI.Response(
                description: answer.description, headers: headers.isEmpty ? nil : headers, content: content(answer.content)))
        }
        let body = endpoint.body.map { body in
            OpenAPI.Request(description: body.description, content: content(body.content), required: body.required)
        }
        return OpenAPI.Operation(
            tags: [endpoint.tag], summary: endpoint.summary, description: endpoint.description, operationId: endpoint.operationId,
            parameters: endpoint.parameters.map { .b(parameter($0)) }, requestBody: body, responses: responses,
            security: endpoint.security.map { names in names.map { [.component(named: $0): []] } })
    }

    static func content(_ items: [Endpoint.Content]) -> OpenAPI.Content.Map {
        var map: OpenAPI.Content.Map = [:]
        for item in items {
            map[OpenAPI.ContentType(rawValue: item.type)!] = .b(OpenAPI.Content(schema: jsonSchema(item.schema)))
        }
        return map
    }

    static func parameter(_ p: Endpoint.Parameter) -> OpenAPI.Parameter {
        let schema = jsonSchema(p.schema), example = p.example.map(AnyCodable.init)
        let context: OpenAPI.Parameter.SchemaContext = switch p.style {
        case .repeated: .init(schema, style: .form, explode: true, example: example)
        case .commaSeparated: .init(schema, style: .form, explode: false, example: example)
        case nil: .init(schema, style: p.location == .query ? .form : .simple, example: example)
        }
        let location: OpenAPI.Parameter.Context = switch p.location {
        case .path: .path(schemaOrContent: .a(context))
        case .query: .query(required: p.required, allowEmptyValue: false, schemaOrContent: .a(context))
        case .header: .header(required: p.required, schemaOrContent: .a(context))
        }
        return OpenAPI.Parameter(name: p.name, context: location, description: p.description)
    }
}
