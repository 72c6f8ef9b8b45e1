import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// The signed-in user's profile and own settings (SPEC §6): reminders by email, and the secret address of
/// their calendar feed for Outlook, Google or Apple calendars — made on request, replaced by a
/// new one (after a confirmation: the old one stops working), or turned off.
struct ProfilePage {
    static let path = "/me"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("me", use: show)
        group.post("me", use: save)
        group.post("me/calendar-feed", use: turnOn)
        group.get("me/calendar-feed/rotate", use: confirmRotate)
        group.post("me/calendar-feed/rotate", use: rotate)
        group.post("me/calendar-feed/revoke", use: revoke)
        group.post("me/sign-out-everywhere", use: signOutEverywhere)
    }

    struct Model {
        let name: String
        let email: String
        let role: String
        let emailReminders: Bool
        let feedURL: String?
        let webcalURL: String?
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let user = try await UserService(web.env).get(principal.userId, by: principal)
        let reminders = try await UserPreferences(web.env).emailReminders(by: principal)
        // Read only: showing the page must not make an address the user turned off.
        let token = try await CalendarService(web.env).currentFeedToken(by: principal)
        let host = request.head.authority ?? request.headers[HeaderName("Host")!] ?? "localhost"
        let path = token.map { "/calendar/\($0).ics" }
        let model = Model(name: user.name, email: user.email, role: user.role.rawValue.capitalized, emailReminders: reminders,
                          feedURL: path.map { (request.overTLS ? "https://" : "http://") + host + $0 },
                          webcalURL: path.map { "webcal://" + host + $0 })
        return try await web.page("profile", "My profile", model, request, context)
    }

    @Sendable func save(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        try await UserPreferences(web.env).setEmailReminders(form.flag("emailReminders"), by: principal)
        return .redirect(Self.path, flash: "Preferences saved.")
    }

    @Sendable func turnOn(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        _ = try await CalendarService(web.env).feedToken(by: principal)
        return .redirect(Self.path + "#calendar-feed", flash: "Your calendar address is ready.")
    }

    @Sendable func confirmRotate(_ request: Request, context: AppContext) async throws -> Response {
        _ = try web.principal(request, context)
        let model = ConfirmPage(heading: "Make a new calendar address?",
                                text: "The current address stops working at once: calendars subscribed to it show nothing new. Subscribe again with the new address.",
                                action: "/me/calendar-feed/rotate", button: "Make a new address", cancel: Self.path)
        return try await web.page("confirm", model.heading, model, request, context)
    }

    @Sendable func rotate(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        _ = try await CalendarService(web.env).rotateFeed(by: principal)
        return .redirect(Self.path + "#calendar-feed", flash: "New calendar address made. The old one no longer works.")
    }

    @Sendable func revoke(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        try await CalendarService(web.env).revokeFeed(by: principal)
        return .redirect(Self.path + "#calendar-feed", flash: "Calendar feed turned off.")
    }

    /// Ends every session and API token of the user, this browser's included.
    @Sendable func signOutEverywhere(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        try await AuthService(web.env).signOutEverywhere(principal)
        var response = Response.redirect("/login", flash: "You are signed out everywhere.")
        response.setCookie(Cookie(name: AuthMiddleware.sessionCookie, value: "", maxAge: 0, path: "/",
                                  secure: request.overTLS, httpOnly: true, sameSite: .lax))
        return response
    }
}
