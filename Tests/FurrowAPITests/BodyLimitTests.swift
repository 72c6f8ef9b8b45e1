import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Request body limits")
struct BodyLimitTests {
    @Test("a web form over 1 MB is a 413 page that says the limit, not a 500; a form under it is read")
    func largeForm() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        let session = try await world.session(for: world.admin)
        try await world.withAPI { api in
            let headers = ["Cookie": session.cookie, "Content-Type": "application/x-www-form-urlencoded"]
            // when
            let huge = try await api.call(.post, "/contacts", raw: "_csrf=\(session.csrf)&lastName=Doe&title=" + String(repeating: "x", count: 1_100_000),
                                          headers: headers)
            // then
            #expect(huge.status == 413)
            #expect(huge.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(huge.text.contains("Form too large"))
            #expect(huge.text.contains("at most 1 MB"))
            #expect(!huge.text.contains("Something went wrong"))
            let fine = try await api.call(.post, "/contacts", raw: "_csrf=\(session.csrf)&lastName=Doe", headers: headers)
            #expect(fine.status == 303 || fine.status == 302)
        }
    }

    @Test("a JSON body over 1 MB is a 413 problem that says the limit")
    func largeJSON() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let reply = try await api.call(.post, "/api/v1/accounts", token: token, raw: "{\"name\": \"" + String(repeating: "x", count: 1_100_000) + "\"}")
            #expect(reply.status == 413)
            #expect(reply.type == "payload-too-large")
            #expect(reply.string("detail")?.contains("1 MB") == true)
        }
    }

    @Test("an uploaded file has its own, larger cap: 2 MB is read, over 10 MB is a 413 page")
    func uploads() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        let session = try await world.session(for: world.admin)
        try await world.withAPI { api in
            func upload(_ size: Int) async throws -> API.Reply {
                let boundary = "furrowtestboundary"
                let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(session.csrf)\r\n"
                    + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                    + "when,what\n" + String(repeating: "2026-11-19,1.00\n", count: size / 16) + "\r\n--\(boundary)--\r\n"
                return try await api.call(.post, "/bank-statements", raw: body,
                                          headers: ["Cookie": session.cookie, "Content-Type": "multipart/form-data; boundary=\(boundary)"])
            }
            // a file over the form limit is read (and refused for its missing columns, by the field)
            let read = try await upload(2_000_000)
            #expect(read.status == 422)
            #expect(read.text.contains("no column"))
            let huge = try await upload(11 * 1024 * 1024)
            #expect(huge.status == 413)
            #expect(huge.text.contains("at most 10 MB"))
        }
    }
}
