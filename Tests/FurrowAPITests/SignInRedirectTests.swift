import Foundation
import FurrowTestSupport
import HTTPTypes
import Testing

@Suite("Where sign-in leads")
struct SignInRedirectTests {
    @Test("after sign-in `next` leads only to a path of this site", arguments: [
        ("/%09/evil.example/", "/"), ("//evil.example/", "/"), ("/\\evil.example", "/"), ("/%5Cevil.example", "/"),
        ("https://evil.example/", "/"), ("/%0D%0A/evil.example", "/"), ("/ /evil.example", "/"), ("/%E2%80%AE/x", "/"),
        ("/a%5Cb", "/"), ("%2F%2Fevil.example", "/"), ("/opportunities?stage=2", "/opportunities?stage=2"), ("/accounts/x", "/accounts/x"),
    ])
    func nextIsLocal(next: String, location: String) async throws {
        let world = try await TestWorld.make()
        defer { Task { await world.close() } }
        let session = try await world.session(for: world.admin)
        try await world.withAPI { api in
            // when
            let answer = try await api.call(.get, "/login?next=" + next.replacingOccurrences(of: "?", with: "%3F")
                .replacingOccurrences(of: "=", with: "%3D").replacingOccurrences(of: " ", with: "%20"), headers: ["Cookie": session.cookie])
            // then
            #expect(answer.status == 303)
            #expect(answer.headers[.location] == location)
        }
    }
}
