import Foundation
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Text limits over the API")
struct TextLengthTests {
    @Test("a one-character name of 340,001 scalars is too long", arguments: TestWorld.engines)
    func combiningMarks(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        let name = "a" + String(repeating: "\u{301}", count: 340_000)
        #expect(name.count == 1)
        try await world.withAPI { api in
            let answer = try await api.call(.post, "/api/v1/accounts", token: token, json: ["name": name])
            #expect(answer.status == 422)
            #expect(answer.contentType == "application/problem+json")
            #expect((answer.json["errors"] as? [[String: Any]] ?? []).contains { $0["field"] as? String == "name" })
            let fine = try await api.call(.post, "/api/v1/accounts", token: token, json: ["name": "Crème brûlée ✓ 日本 👩‍👩‍👧"])
            #expect(fine.status == 201)
        }
    }
}
