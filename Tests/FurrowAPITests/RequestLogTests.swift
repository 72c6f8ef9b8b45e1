import FurrowAPI
import FurrowHTTP
import Testing

@Suite("Request log")
struct RequestLogTests {
    @Test("the request log hides secrets in paths and queries", arguments: [
        ("/calendar/Zx9_abcDEF-123.ics", nil, "/calendar/[redacted].ics"),
        ("/api/v1/accounts", "limit=5&token=abc&apiKey=k&q=x", "/api/v1/accounts?limit=5&token=[redacted]&apiKey=[redacted]&q=x"),
        ("/login", "next=/me&password=hunter2", "/login?next=/me&password=[redacted]"),
        ("/api/v1/accounts/0192a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", nil, "/api/v1/accounts/0192a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"),
        ("/x/" + String(repeating: "A", count: 43), nil, "/x/[redacted]"),
    ] as [(String, String?, String)])
    func logRedaction(path: String, query: String?, logged: String) {
        #expect(LoggedPath.text(path: path, query: query) == logged)
    }
}
