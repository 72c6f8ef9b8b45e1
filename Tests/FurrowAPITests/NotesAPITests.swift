import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

@Suite("Notes, files and saved views")
struct NotesAPITests {
    @Test("notes and files follow their record's visibility; a file's kind is told by its content; only the author deletes", arguments: TestWorld.engines)
    func notesAndFiles(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let north = try await world.makeTeam("North"), south = try await world.makeTeam("South")
        let sam = try await world.makeUser(.sales, team: north), mate = try await world.makeUser(.sales, team: north)
        let far = try await world.makeUser(.sales, team: south)
        let account = try await world.makeAccount("Noted", by: sam)
        try await world.withAPI { api in
            let token = try await world.token(for: sam)
            let query = "recordType=account&recordId=\(account.id)"
            let note = try await api.call(.post, "/api/v1/notes", token: token,
                                          json: ["recordType": "account", "recordId": account.id.string, "body": "Called them.\nThey want a demo."])
            #expect(note.status == 201, "\(note.text)")
            let empty = try await api.call(.post, "/api/v1/notes", token: token, json: ["recordType": "account", "recordId": account.id.string, "body": " "])
            #expect(empty.status == 422 && empty.fieldErrors.map(\.field) == ["body"])
            let pdf = Data("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".utf8)
            let added = try await api.send(.post, "/api/v1/attachments?\(query)&name=offer.pdf", token: token, body: pdf, contentType: "application/octet-stream")
            #expect(added.status == 201 && added.string("contentType") == "application/pdf", "\(added.text)")
            // a name does not make a file what it is not
            let fake = try await api.send(.post, "/api/v1/attachments?\(query)&name=invoice.pdf", token: token,
                                          body: Data([0x4D, 0x5A, 0x90, 0x00, 0x03]), contentType: "application/pdf")
            #expect(fake.status == 422 && fake.fieldErrors.map(\.field) == ["file"], "\(fake.text)")
            let big = try await api.send(.post, "/api/v1/attachments?\(query)&name=big.txt", token: token,
                                         body: Data(repeating: 0x61, count: NotesAndFiles.maxFileSize + 1), contentType: "text/plain")
            #expect(big.status == 413)
            // the team reads them; another team does not find the record
            let listed = try await api.call(.get, "/api/v1/attachments?\(query)", token: try await world.token(for: mate))
            #expect(listed.status == 200 && listed.text.contains("offer.pdf"))
            #expect(try await api.call(.get, "/api/v1/notes?\(query)", token: try await world.token(for: far)).status == 404)
            let id = try #require(added.string("id"))
            let download = try await api.raw(.get, "/api/v1/attachments/\(id)/content", token: token)
            #expect(download.status == 200 && download.body == pdf && download.contentType == "application/pdf")
            #expect(try await api.raw(.get, "/api/v1/attachments/\(id)/content", token: try await world.token(for: far)).status == 404)
            // only the author (or an administrator) deletes
            let noteId = try #require(note.string("id"))
            #expect(try await api.call(.delete, "/api/v1/notes/\(noteId)", token: try await world.token(for: mate)).status == 403)
            #expect(try await api.call(.delete, "/api/v1/notes/\(noteId)", token: token).status == 204)
            #expect(try await api.call(.delete, "/api/v1/attachments/\(id)", token: try await world.token(for: world.admin)).status == 204)
        }
        let trail = try await world.store.read { try await $0.auditEntries(entity: "account", id: account.id.uuid) }
        #expect(trail.contains { $0.action.hasSuffix(".note") && $0.changes.first?.new == "Called them." })
        #expect(trail.contains { $0.action.hasSuffix(".file deleted") && $0.changes.first?.old == "offer.pdf" })
    }

    @Test("saved views: one's own and the team's, a name once per list, deleted by their owner", arguments: TestWorld.engines)
    func savedViews(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let north = try await world.makeTeam("North")
        let boss = try await world.makeUser(.manager, team: north), sam = try await world.makeUser(.sales, team: north)
        let lone = try await world.makeUser(.sales)
        try await world.withAPI { api in
            let token = try await world.token(for: boss)
            let shared = try await api.call(.post, "/api/v1/saved-views", token: token,
                                            json: ["list": "opportunities", "name": "Big open deals", "query": "?status=inProgress&sort=-estimatedRevenue&cursor=abc", "shared": true])
            #expect(shared.status == 201 && shared.string("query") == "status=inProgress&sort=-estimatedRevenue", "\(shared.text)")
            #expect(shared.string("link") == "/opportunities?status=inProgress&sort=-estimatedRevenue")
            let again = try await api.call(.post, "/api/v1/saved-views", token: token, json: ["list": "opportunities", "name": "big open DEALS"])
            #expect(again.status == 422 && again.fieldErrors.map(\.field) == ["name"])
            let alone = try await api.call(.post, "/api/v1/saved-views", token: try await world.token(for: lone),
                                           json: ["list": "leads", "name": "Mine", "shared": true])
            #expect(alone.status == 422 && alone.fieldErrors.map(\.field) == ["shared"])
            let seen = try await api.call(.get, "/api/v1/saved-views?list=opportunities", token: try await world.token(for: sam))
            #expect(seen.status == 200 && seen.text.contains("Big open deals") && seen.text.contains("\"mine\":false"))
            #expect(try await api.call(.get, "/api/v1/saved-views?list=opportunities", token: try await world.token(for: lone)).text.contains("Big open deals") == false)
            #expect(try await api.call(.get, "/api/v1/saved-views?list=nothing", token: token).status == 400)
            let id = try #require(shared.string("id"))
            #expect(try await api.call(.delete, "/api/v1/saved-views/\(id)", token: try await world.token(for: sam)).status == 404)
            #expect(try await api.call(.delete, "/api/v1/saved-views/\(id)", token: token).status == 204)
        }
    }
}
