import Foundation
import FurrowAPI
import FurrowDomain
import FurrowOpenAPI
import FurrowTestSupport
import OpenAPIKit
import Testing

/// The endpoint table is the one declaration of every operation: the router registers it, 405
/// answers come from it, and the OpenAPI document is built from it.
@Suite("Endpoint table and the OpenAPI document")
struct EndpointTableTests {
    static let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("openapi.json")

    @Test("the committed openapi.json is the document the code builds")
    func committedDocument() throws {
        // given
        let committed = try Data(contentsOf: Self.committed)
        // when
        let built = try OpenAPIDocument.json()
        // then
        #expect(committed == built, "openapi.json is stale: run `swift run furrow openapi > openapi.json`")
    }

    @Test("the document is valid OpenAPI: every reference resolves, every operation id is unique")
    func validDocument() throws {
        // given
        let document = OpenAPIDocument.document()
        // when / then
        try document.validate()
        #expect(document.paths.count > 100)
        #expect(document.components.schemas.count == Components.all.count)
    }

    @Test("the server answers GET /api/v1/openapi.json with the built document")
    func servedDocument() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        // given
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            // when
            let answer = try await api.raw(.get, "/api/v1/openapi.json", token: token)
            // then
            #expect(answer.status == 200)
            #expect(answer.body == (try OpenAPIDocument.json()))
        }
    }

    @Test("operation ids are unique and every answer with a problem names its problem types")
    func operationIds() {
        // given
        let endpoints = APIRoutes.endpoints
        // when
        let ids = endpoints.map(\.operationId)
        let operations = endpoints.map { "\($0.method.rawValue) \($0.path)" }
        // then
        #expect(Set(ids).count == ids.count)
        #expect(Set(operations).count == operations.count, "an operation is declared twice")
        for endpoint in endpoints {
            let statuses = endpoint.answers.map(\.status)
            #expect(Set(statuses).count == statuses.count, "\(endpoint.operationId) declares a status twice")
            for answer in endpoint.answers where answer.content.contains(where: { $0.type == "application/problem+json" }) {
                #expect(!answer.problems.isEmpty, "\(endpoint.operationId) \(answer.status) names no problem type")
            }
        }
    }

    @Test("a Swift enum's new case appears in the document with no other edit")
    func enumsComeFromTheCode() throws {
        // given
        let schema = try #require(Components.all.first { $0.name == "LeadStatus" }?.schema)
        // when
        let documented = schema.values?.compactMap { $0 }
        // then
        #expect(documented == LeadStatus.allCases.map(\.rawValue))
    }

    @Test("a request body's server-owned fields accept any value, as the server ignores them whatever they hold")
    func serverOwnedFieldsAreUntyped() throws {
        // given: every closed schema a JSON request body refers to
        let schemas = Dictionary(uniqueKeysWithValues: Components.all.map { ($0.name, $0.schema) })
        let bodies = Set(APIRoutes.endpoints.flatMap { $0.body?.content ?? [] }.compactMap(\.schema.ref))
        for name in bodies.sorted() {
            let schema = try #require(schemas[name])
            // when
            let owned = schema.properties.filter { ["id", "createdAt", "updatedAt"].contains($0.name) }
            // then: a typed ignored field makes a wrongly typed value look refused when it is accepted
            for property in owned {
                #expect(property.schema.types.isEmpty && property.schema.ref == nil, "\(name).\(property.name) is server-owned but typed")
            }
        }
        #expect(!bodies.isEmpty)
    }
}
