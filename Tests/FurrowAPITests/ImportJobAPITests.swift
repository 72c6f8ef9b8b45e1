import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// The import job API (SPEC §11): upload a file as it is (its encoding, delimiter and columns told),
/// map its columns (every fault at once; a mapping saved by name), a dry run, and a commit that
/// runs in the background with progress and ends `done`, or `failed` with the bad rows.
@Suite("Import job API")
struct ImportJobAPITests {
    /// Waits for a commit to end.
    static func finished(_ api: API, _ path: String, token: String) async throws -> API.Reply {
        for _ in 0..<400 {
            let reply = try await api.call(.get, path, token: token)
            if reply.string("status") != "running" { return reply }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("the import did not end")
        return try await api.call(.get, path, token: token)
    }

    @Test("a Windows-1252 semicolon file of 50 columns: told, mapped, checked, imported; a done job cannot run again", arguments: TestWorld.engines)
    func journey(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales, email: "sam.seller@example.com")
        let token = try await world.token(for: seller)
        // 50 columns, three of them mapped by their titles; "Müller" in Windows-1252 is 4D FC 6C 6C 65 72
        let extra = (1...46).map { "Extra \($0)" }
        let header = (["Firma", "E-Mail", "Telefon", "Notes"] + extra).joined(separator: ";")
        func row(_ name: String, _ email: String, _ phone: String) -> String { ([name, email, phone, "x"] + extra.map { _ in "" }).joined(separator: ";") }
        var bytes = Array((header + "\r\n" + row("M\u{FC}ller Agrar", "info@mueller.example", "+49 30 1234") + "\r\n" + row("Hof Bauer", "hof@bauer.example", "+49 89 5678") + "\r\n")
            .unicodeScalars.map { UInt8($0.value) })
        bytes.append(contentsOf: Array("\r\n".utf8))
        let body = Data(bytes)
        try await world.withAPI { api in
            let uploaded = try await api.send(.post, "/api/v1/imports?type=accounts&fileName=firmen.csv", token: token, body: body, contentType: "text/csv")
            #expect(uploaded.status == 201, "\(uploaded.text)")
            let job = uploaded.json
            #expect(job["encoding"] as? String == "Windows-1252" && job["delimiter"] as? String == ";" && job["rowsTotal"] as? Int == 2)
            #expect((job["columns"] as? [String])?.count == 50 && job["status"] as? String == "uploaded")
            let path = "/api/v1/imports/\(try #require(job["id"] as? String))"
            // every fault at once: a column the file lacks, a field accounts lack, and no name
            let wrong = try await api.call(.put, path + "/mapping", token: token, json: ["mapping": ["Nope": "name", "Notes": "colour", "Telefon": "phone"]])
            #expect(wrong.status == 422 && wrong.fieldErrors.count == 2 && wrong.fieldErrors.allSatisfy { $0.field == "mapping" }, "\(wrong.text)")
            let mapped = try await api.call(.put, path + "/mapping", token: token,
                                            json: ["mapping": ["Firma": "name", "E-Mail": "email", "Telefon": "phone", "Notes": NSNull()], "saveAs": "Firmen"])
            #expect(mapped.status == 200 && mapped.string("status") == "mapped", "\(mapped.text)")
            let saved = try await api.call(.get, "/api/v1/import-mappings?type=accounts", token: token)
            #expect(saved.items.map { $0["name"] as? String } == ["Firmen"])
            let checked = try await api.call(.post, path + "/dry-run", token: token)
            let dry = try #require(checked.json["report"] as? [String: Any])
            #expect(dry["created"] as? Int == 2 && dry["stored"] as? Bool == false)
            #expect(try await AccountService(world.env).list(ListQuery(limit: 10), by: world.admin).isEmpty)
            let started = try await api.call(.post, path + "/commit", token: token)
            #expect(started.status == 202 && started.string("status") == "running", "\(started.text)")
            let done = try await Self.finished(api, path, token: token)
            #expect(done.string("status") == "done" && done.json["rowsDone"] as? Int == 2, "\(done.text)")
            let names = try await AccountService(world.env).list(ListQuery(limit: 10), by: seller).map(\.fields.name)
            #expect(Set(names) == ["Müller Agrar", "Hof Bauer"])
            let again = try await api.call(.post, path + "/commit", token: token)
            #expect(again.status == 409 && again.type == "import-job-state")
            // another user does not see the job; the list shows it to its owner
            let other = try await world.token(for: try await world.makeUser(.sales))
            #expect(try await api.call(.get, path, token: other).status == 404)
            #expect(try await api.call(.get, "/api/v1/imports", token: token).items.count == 1)
        }
    }

    @Test("a commit with a bad row stores nothing and ends failed with the row; mapped again it is imported", arguments: TestWorld.engines)
    func failedThenFixed(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            let file = "Name,Email,Owner\nAlder Farm,a@alder.example,nobody@example.com\nBirch Farm,b@birch.example,\n"
            let uploaded = try await api.send(.post, "/api/v1/imports?type=accounts", token: token, body: Data(file.utf8), contentType: "text/csv")
            let path = "/api/v1/imports/\(try #require(uploaded.string("id")))"
            _ = try await api.call(.put, path + "/mapping", token: token, json: ["mapping": ["Name": "name", "Email": "email", "Owner": "ownerEmail"]])
            #expect(try await api.call(.post, path + "/commit", token: token).status == 202)
            let failed = try await Self.finished(api, path, token: token)
            let report = try #require(failed.json["report"] as? [String: Any])
            #expect(failed.string("status") == "failed" && report["failed"] as? Int == 1 && report["stored"] as? Bool == false, "\(failed.text)")
            let bad = try #require((report["rows"] as? [[String: Any]])?.first { $0["outcome"] as? String == "failed" })
            #expect(bad["line"] as? Int == 2 && ((bad["errors"] as? [[String: Any]])?.first?["field"] as? String) == "ownerEmail")
            #expect(try await AccountService(world.env).list(ListQuery(limit: 10), by: world.admin).isEmpty)
            _ = try await api.call(.put, path + "/mapping", token: token, json: ["mapping": ["Name": "name", "Email": "email"]])
            #expect(try await api.call(.post, path + "/commit", token: token).status == 202)
            #expect(try await Self.finished(api, path, token: token).string("status") == "done")
            #expect(try await AccountService(world.env).list(ListQuery(limit: 10), by: world.admin).count == 2)
            // bad uploads: no type, an empty file, a read-only user
            #expect(try await api.send(.post, "/api/v1/imports", token: token, body: Data(file.utf8), contentType: "text/csv").status == 400)
            let empty = try await api.send(.post, "/api/v1/imports?type=leads", token: token, body: Data(), contentType: "text/csv")
            #expect(empty.status == 422, "\(empty.text)")
        }
    }
}
