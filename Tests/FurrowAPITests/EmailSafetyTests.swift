import Foundation
import FurrowCore
import FurrowDomain
@testable import FurrowServer
import FurrowStore
import FurrowTestSupport
import HTTPTypes
import Testing

@Suite("Email addresses cannot inject SMTP commands or headers")
struct EmailSafetyTests {
    static let injected = "customer\r\nBcc:attacker@evil.example"

    @Test("an email address holding a line break is a 422 naming the field on every way in", arguments: TestWorld.engines)
    func emailInjection(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        try await world.withAPI { api in
            func expectRefused(_ reply: API.Reply, _ field: String) {
                #expect(reply.status == 422)
                #expect(reply.contentType == "application/problem+json")
                #expect((reply.json["errors"] as? [[String: Any]] ?? []).contains { $0["field"] as? String == field })
            }
            expectRefused(try await api.call(.post, "/api/v1/contacts", token: token, json: ["lastName": "Doe", "email": Self.injected]), "email")
            expectRefused(try await api.call(.post, "/api/v1/accounts", token: token, json: ["name": "Acme", "email": Self.injected]), "email")
            expectRefused(try await api.call(.post, "/api/v1/users", token: token, json: ["email": Self.injected, "password": "long-enough"]), "email")
            expectRefused(try await api.call(.patch, "/api/v1/settings", token: token, json: ["mailFrom": "x\r\nRCPT TO:<a@evil.example>@localhost"]),
                          "mailFrom")
            let csv = "lastName,email\nDoe,\"customer\r\nBcc:attacker@evil.example\"\n"
            let imported = try await api.call(.post, "/api/v1/imports/contacts", token: token, raw: csv, headers: ["Content-Type": "text/csv"])
            #expect(imported.status == 422)
            #expect((imported.json["rowErrors"] as? [[String: Any]] ?? []).contains { $0["field"] as? String == "email" })
            #expect(try await api.call(.get, "/api/v1/contacts", token: token).items.isEmpty)
        }
    }

    @Test("a web form with such an address shows the message by the field")
    func emailInjectionInAForm() async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        let session = try await world.session(for: world.admin)
        try await world.withAPI { api in
            let body = "_csrf=\(session.csrf)&lastName=Doe&email=customer%0D%0ABcc%3Aattacker%40evil.example"
            let answer = try await api.call(.post, "/contacts", raw: body,
                                            headers: ["Cookie": session.cookie, "Content-Type": "application/x-www-form-urlencoded"])
            #expect(answer.status == 422)
            #expect(answer.text.contains("may not contain control characters or white space"))
        }
    }

    @Test("the SMTP client refuses a command or header holding a line break and writes nothing")
    func smtpRefusesLineBreaks() async throws {
        #expect(throws: SMTPClient.Failure.self) { try SMTPClient.commandLine("RCPT TO:<\(Self.injected)>") }
        #expect(throws: SMTPClient.Failure.self) { try SMTPClient.commandLine("MAIL FROM:<a@example.com>\nDATA") }
        #expect(try SMTPClient.commandLine("RCPT TO:<ada@example.com>") == "RCPT TO:<ada@example.com>\r\n")
        let email = OutboxEmail(id: UUID(), to: Self.injected, subject: "Quote", body: "Hello", nextAttemptAt: Date(), createdAt: Date())
        #expect(throws: SMTPClient.Failure.self) { _ = try MailMessage.render(email, from: "furrow@example.com", date: Date()) }
        // Port 9 (discard) is not listening here: a refusal that tried to connect would fail differently.
        let client = SMTPClient(host: "127.0.0.1", port: 9)
        await #expect { try await client.send(from: "furrow@example.com", to: Self.injected, message: "x") } throws: { error in
            (error as? SMTPClient.Failure)?.description.contains("line break") == true
        }
    }
}
