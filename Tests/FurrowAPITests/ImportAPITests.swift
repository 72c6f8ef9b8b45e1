import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Contact import over the API")
struct ImportAPITests {
    @Test("a CSV body is checked, stored in one go, or refused with every bad row by line", arguments: TestWorld.engines)
    func importContacts(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        let reader = try await world.token(for: try await world.makeUser(.readonly))
        let csv = ["text/csv"].reduce(into: [String: String]()) { $0["Content-Type"] = $1 }
        try await world.withAPI { api in
            let good = "firstName,lastName,email\nAda,Lovelace,ada@example.com\nAlan,Turing,alan@example.com\n"
            let dry = try await api.call(.post, "/api/v1/imports/contacts?dryRun=true", token: token, raw: good, headers: csv)
            #expect(dry.status == 200 && dry.json["rows"] as? Int == 2 && dry.json["imported"] as? Int == 0)
            #expect(try await api.call(.get, "/api/v1/contacts", token: token).items.isEmpty)

            let stored = try await api.call(.post, "/api/v1/imports/contacts", token: token, raw: good, headers: csv)
            #expect(stored.status == 201 && stored.json["imported"] as? Int == 2)
            #expect(try await api.call(.get, "/api/v1/contacts", token: token).items.count == 2)

            let bad = "lastName,email\nNew,new@example.com\nAgain,ada@example.com\n,x@example.com\n"
            let rejected = try await api.call(.post, "/api/v1/imports/contacts", token: token, raw: bad, headers: csv)
            #expect(rejected.status == 422 && rejected.type == "import-rejected")
            #expect(rejected.contentType == "application/problem+json")
            let rows = rejected.json["rowErrors"] as? [[String: Any]] ?? []
            #expect(rows.map { "\($0["line"]!) \($0["field"]!)" } == ["3 row", "4 lastName"])
            #expect(rejected.json["errorCount"] as? Int == 2 && rejected.json["rows"] as? Int == 3)
            #expect(try await api.call(.get, "/api/v1/contacts", token: token).items.count == 2)

            let anyway = try await api.call(.post, "/api/v1/imports/contacts?allowDuplicates=true", token: token,
                                            raw: "lastName,email\nAgain,ada@example.com\n", headers: csv)
            #expect(anyway.status == 201)

            #expect(try await api.call(.post, "/api/v1/imports/contacts", token: token, raw: good).status == 415)
            #expect(try await api.call(.post, "/api/v1/imports/contacts", token: token, raw: "", headers: csv).status == 400)
            #expect(try await api.call(.post, "/api/v1/imports/contacts?dry=1", token: token, raw: good, headers: csv).type == "invalid-query")
            #expect(try await api.call(.post, "/api/v1/imports/contacts", token: reader, raw: good, headers: csv).status == 403)
        }
    }
}
