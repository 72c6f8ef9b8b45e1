import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The unsubscribe link of a campaign email (RFC 8058), without signing in: the page asks for one
/// click; a mail client's one-click POST (`List-Unsubscribe=One-Click`) unsubscribes at once. The
/// link's 128-bit random token is the key: a made-up link unsubscribes no one, and using a link
/// again changes nothing.
struct UnsubscribePage {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("unsubscribe/:token", use: show)
        group.post("unsubscribe/:token", use: unsubscribe)
    }

    struct Model { let token: String, done: Bool, address: String?, valid: Bool }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let valid = try await Self.known(token, web.env)
        return try await web.page("unsubscribe", "Unsubscribe", Model(token: token, done: false, address: nil, valid: valid), request, context,
                                  status: valid ? .ok : .notFound)
    }

    @Sendable func unsubscribe(_ request: Request, context: AppContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let oneClick = String(buffer: try await request.body.collect(upTo: 4096)).contains("List-Unsubscribe=One-Click")
        let address: String
        do {
            address = try await CampaignActivityService(web.env).unsubscribe(token: token)
        } catch CoreError.notFound {
            if oneClick { return Response(status: .notFound) }
            return try await web.page("unsubscribe", "Unsubscribe", Model(token: token, done: false, address: nil, valid: false), request, context,
                                      status: .notFound)
        }
        if oneClick { return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: .init(string: "Unsubscribed.\n"))) }
        return try await web.page("unsubscribe", "Unsubscribed", Model(token: token, done: true, address: Self.masked(address), valid: true),
                                  request, context)
    }

    static func known(_ token: String, _ env: CoreEnvironment) async throws -> Bool {
        guard token.count == 32, token.allSatisfy({ $0.isHexDigit && $0.isASCII }) else { return false }
        return try await env.store.read { try await $0.delivery(token: token.lowercased()) } != nil
    }

    /// `j•••@example.com`: enough for its owner to recognise, not a list of addresses for anyone holding a link.
    static func masked(_ address: String) -> String {
        let parts = address.split(separator: "@", maxSplits: 1)
        guard parts.count == 2, let first = parts[0].first else { return "your address" }
        return "\(first)•••@\(parts[1])"
    }
}
