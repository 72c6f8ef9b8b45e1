import Foundation
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Every business date is read once, at the edge, as a `Day`: text that is not a real
/// `YYYY-MM-DD` date from 1900 to 2999 is a 422 naming the field, on every create that takes one.
@Suite("Dates over the API")
struct DayFieldAPITests {
    /// A create endpoint and one of its date fields.
    struct DateField: Sendable, CustomTestStringConvertible {
        let path: String, field: String
        var testDescription: String { "\(path) \(field)" }
    }

    static let fields = [
        DateField(path: "/api/v1/quotes", field: "date"),
        DateField(path: "/api/v1/quotes", field: "validUntil"),
        DateField(path: "/api/v1/opportunities", field: "expectedCloseDate"),
        DateField(path: "/api/v1/price-lists", field: "validFrom"),
        DateField(path: "/api/v1/price-lists", field: "validTo"),
    ]

    /// A day that does not exist, a month that does not exist, a two-digit year, a year before 1900.
    static let refused = ["2026-02-31", "2026-13-01", "26-01-01", "1899-12-31"]

    @Test("a date that is not a real day from 1900 to 2999 is refused with a field error", arguments: fields, refused)
    func refusedDate(target: DateField, text: String) async throws {
        // given
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        let account = try await world.makeAccount("Dated Ltd")
        let token = try await world.token(for: world.admin)
        let accountId = account.id.string, kindId = try await world.kind("Standard sale").id.string
        try await world.withAPI { api in
            let bodies: [String: [String: Any]] = [
                "/api/v1/quotes": ["accountId": accountId, "date": "2026-11-02", "validUntil": "2026-12-31", "lines": []],
                "/api/v1/opportunities": ["name": "Dated deal", "kindId": kindId, "expectedCloseDate": "2026-12-31"],
                "/api/v1/price-lists": ["name": "Dated list", "currency": "EUR", "validFrom": "2026-01-01", "validTo": "2026-12-31"],
            ]
            let valid = try #require(bodies[target.path])
            // when
            let answer = try await api.call(.post, target.path, token: token, json: valid.merging([target.field: text]) { _, new in new })
            // then
            #expect(answer.status == 422)
            #expect(answer.contentType == "application/problem+json")
            #expect(answer.type == "validation")
            let errors = answer.json["errors"] as? [[String: Any]] ?? []
            #expect(errors.contains { $0["field"] as? String == target.field && $0["message"] as? String == Bounds.dateMessage })
            // and the same body with its own dates is accepted
            #expect(try await api.call(.post, target.path, token: token, json: valid).status == 201)
        }
    }
}
