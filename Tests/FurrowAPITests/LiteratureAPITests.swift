import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import HTTPTypes
import Testing

/// Sales literature through the API (SPEC §8, rule 65), on both engines: files kept and served
/// back as downloads with their type, names made safe, the size cap, and the campaigns that hand it out.
@Suite("Sales literature API")
struct LiteratureAPITests {
    @Test("literature keeps its files and serves them as downloads; campaigns hand it out; bad input is refused", arguments: TestWorld.engines)
    func literature(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales), other = try await world.makeUser(.sales), reader = try await world.makeUser(.readonly)
        let pump = try await world.makeProduct("Pump P-40")
        let token = try await world.token(for: seller)
        try await world.withAPI { api in
            // when
            let created = try await api.call(.post, "/api/v1/sales-literature", token: token,
                                             json: ["title": "Pump data sheet", "description": "Flow curves", "productIds": [pump.id.string, pump.id.string]])
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created.string("id"))
            #expect(created.json["productIds"] as? [String] == [pump.id.string])
            let pdf = "%PDF-1.4 pump curves"
            let file = try await api.call(.post, "/api/v1/sales-literature/\(id)/files?name=..%2F..%2Fetc%2Fpump%22.pdf", token: token, raw: pdf,
                                          headers: ["Content-Type": "application/pdf"])
            // then: the name is its last component without quotes, the type kept
            #expect(file.status == 201 && file.string("name") == "pump.pdf" && file.string("contentType") == "application/pdf", "\(file.text)")
            let fileId = try #require(file.string("id"))
            let download = try await api.call(.get, "/api/v1/sales-literature/\(id)/files/\(fileId)", token: try await world.token(for: reader))
            #expect(download.status == 200 && download.text == pdf && download.contentType == "application/pdf")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"pump.pdf\"") == true)
            #expect(download.headers[HTTPFields.Element.Name("X-Content-Type-Options")!] == "nosniff")
            let odd = try await api.call(.post, "/api/v1/sales-literature/\(id)/files?name=notes", token: token, raw: "x",
                                         headers: ["Content-Type": "text/html; charset=utf-8\" onload=1"])
            #expect(odd.string("contentType") == "text/html" || odd.string("contentType") == "application/octet-stream")
            #expect((try await api.call(.get, "/api/v1/sales-literature/\(id)", token: token)).json["files"].map { ($0 as? [Any])?.count } == 2)
            // bad input
            #expect(try await api.call(.post, "/api/v1/sales-literature/\(id)/files?name=empty", token: token, raw: "",
                                       headers: ["Content-Type": "application/pdf"]).status == 422)
            let big = try await api.call(.post, "/api/v1/sales-literature/\(id)/files?name=big.bin", token: token,
                                         raw: String(repeating: "x", count: LiteratureFile.maxBytes + 1), headers: ["Content-Type": "application/octet-stream"])
            #expect(big.status == 413)
            #expect(try await api.call(.post, "/api/v1/sales-literature/\(id)/files?name=x", token: try await world.token(for: other), raw: "x",
                                       headers: ["Content-Type": "text/plain"]).status == 403)
            let unknown = try await api.call(.post, "/api/v1/sales-literature", token: token, json: ["title": "X", "productIds": [UUID().uuidString]])
            #expect(unknown.status == 422 && unknown.fieldErrors.map(\.field) == ["productIds[0]"])
            #expect(try await api.call(.get, "/api/v1/sales-literature/\(id)/files/\(UUID().uuidString)", token: token).status == 404)
            // a campaign hands it out
            let campaign = try #require(try await api.call(.post, "/api/v1/campaigns", token: token, json: ["name": "Pump week"]).string("id"))
            #expect(try await api.call(.post, "/api/v1/campaigns/\(campaign)/sales-literature", token: token, json: ["literatureId": id]).status == 204)
            #expect(try await api.call(.get, "/api/v1/campaigns/\(campaign)/sales-literature", token: token).items.compactMap { $0["title"] as? String }
                    == ["Pump data sheet"])
            #expect(try await api.call(.delete, "/api/v1/campaigns/\(campaign)/sales-literature/\(id)", token: token).status == 204)
            #expect(try await api.call(.delete, "/api/v1/campaigns/\(campaign)/sales-literature/\(id)", token: token).status == 404)
            #expect(try await api.call(.get, "/api/v1/sales-literature", token: token).items.count == 1)
        }
    }
}
