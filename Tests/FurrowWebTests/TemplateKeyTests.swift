import Foundation
import FurrowCore
import FurrowDomain
import FurrowTestSupport
import HTTPTypes
@testable import FurrowWeb
import Testing

/// Every page the demo company's administrator can reach, rendered with its real model: a key a
/// template looks up that no model on the page has (a typo, a renamed field) fails here instead
/// of rendering as empty.
@Suite("Template keys")
struct TemplateKeyTests {
    @Test("every key the templates of every reachable page use is in the page's model")
    func keysExist() async throws {
        // given
        let audit = KeyAudit()
        let (visited, failures) = try await DemoDatabase.with { env, admin in
            let issued = try await AuthService(env).signIn(email: admin.email, password: admin.password, clientAddress: "127.0.0.1", kind: .session)
            // a sent quote's page for the customer, which no signed-in page links to
            let link = try await Self.customerLink(env, admin: issued.user.id)
            return try await API.with(env, templateAudit: audit) { api in
                // when: every page a link leads to, each kind of page at most twice
                try await Crawl.pages(from: ["/", "/search?q=a", "/my-visits", "/unsubscribe/0123456789abcdef0123456789abcdef"]
                                      + [link.map { "/q/" + $0 }].compactMap { $0 }) { path in
                    let reply = try await api.call(.get, path, headers: ["Cookie": "furrow_session=" + issued.secret])
                    return (reply.status, reply.contentType?.hasPrefix("text/html") == true ? reply.text : "", reply.headers[.location])
                }
            }
        }
        // then
        #expect(failures == [], "pages that failed")
        #expect(visited > 80, "only \(visited) pages reached")
        #expect(audit.missing == [:], "template keys no model has")
        // every page template was rendered, but the error page and the qualify form (a lead's
        // action no list links to more than twice)
        #expect(TemplateTests.pages.subtracting(audit.rendered).subtracting(["error", "qualify"]).sorted() == [], "pages never rendered")
    }

    /// The customer's link of a sent demo quote.
    static func customerLink(_ env: CoreEnvironment, admin: User.ID) async throws -> String? {
        let principal = Principal(userId: admin, role: .admin, teamId: nil)
        let sent = try await QuoteService(env).list(ListQuery(limit: 1, filters: [Filter("status", .eq, ["sent"])]), by: principal)
        guard let quote = sent.first, let (link, _) = try await QuoteLinks(env).link(of: quote.id, by: principal) else { return nil }
        return link.token
    }

    @Test("the audit notices a key the model lacks and accepts one it holds, even when empty")
    func auditCatchesTypos() throws {
        // given
        struct Row { let name: String, note: String? }
        struct Page { let rows: [Row], title: String }
        let audit = KeyAudit()
        let page = Page(rows: [Row(name: "Okafor", note: nil)], title: "Accounts")
        // when
        let html = try Templates.render(string: "{{page.title}}{{#page.rows}}{{name}}{{note}}{{nmae}}{{/page.rows}}",
                                        root: ["page": page], audit: audit)
        // then
        #expect(html == "AccountsOkafor")
        #expect(audit.missing == ["inline": ["nmae"]])
    }
}

/// A breadth-first walk over the links of the web UI's pages.
enum Crawl {
    /// Visits `start` and each same-site page linked from a visited page, each kind of page (its
    /// path with ids blanked and its query's keys) at most twice. Returns how many pages were
    /// visited and the ones that answered 5xx.
    static func pages(from start: [String], limit: Int = 700,
                      _ fetch: (String) async throws -> (status: Int, html: String, location: String?)) async throws -> (Int, [String]) {
        var queue = start, seen = Set(start), kinds: [String: Int] = [:], failures: [String] = []
        var visited = 0
        while !queue.isEmpty && visited < limit {
            let path = queue.removeFirst()
            let (status, html, location) = try await fetch(path)
            visited += 1
            if status >= 500 { failures.append("\(path): \(status)") }
            for link in links(in: html) + [location].compactMap({ $0 }).filter({ $0.hasPrefix("/") }) where !seen.contains(link) {
                let kind = Self.kind(of: link)
                guard kinds[kind, default: 0] < 2 else { continue }
                kinds[kind, default: 0] += 1
                seen.insert(link)
                queue.append(link)
            }
        }
        return (visited, failures)
    }

    /// The local links of a page, without fragments, leaving out static files and signing out.
    static func links(in html: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: ##"href="(/[^"#]*)"##)
        return expression.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
            Range(match.range(at: 1), in: html).map { String(html[$0]).replacingOccurrences(of: "&amp;", with: "&") }
        }.filter { !$0.hasPrefix("/static/") && !$0.hasPrefix("//") && !$0.contains("logout") }
    }

    /// A link's path with its ids blanked, and its query's keys.
    static func kind(of link: String) -> String {
        let parts = link.split(separator: "?", maxSplits: 1).map(String.init)
        let path = parts[0].split(separator: "/").map { $0.count == 36 && $0.filter { $0 == "-" }.count == 4 ? ":id" : String($0) }
        let keys = parts.count > 1 ? parts[1].split(separator: "&").map { String($0.split(separator: "=").first ?? "") }.sorted() : []
        return path.joined(separator: "/") + "?" + keys.joined(separator: "&")
    }
}
