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
        group.post("me/password", use: changePassword)
    }

    struct Model {
        let name: String
        let email: String
        let role: String
        let emailReminders: Bool
        let numberStyles: [Field.Option]
        let feedURL: String?
        let webcalURL: String?
        var passwordFields: [Field] = []
        var passwordMessage: String?
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        try await page(request, context, problem: nil)
    }

    func page(_ request: Request, _ context: AppContext, problem: Problem?) async throws -> Response {
        let principal = try web.principal(request, context)
        let user = try await UserService(web.env).get(principal.userId, by: principal)
        let reminders = try await UserPreferences(web.env).emailReminders(by: principal)
        // Read only: showing the page must not make an address the user turned off.
        let token = try await CalendarService(web.env).currentFeedToken(by: principal)
        let host = request.head.authority ?? request.headers[HeaderName("Host")!] ?? "localhost"
        let path = token.map { "/calendar/\($0).ics" }
        let style = try await UserPreferences(web.env).numberStyle(of: principal.userId)
        var model = Model(name: user.name, email: user.email, role: user.role.rawValue.capitalized, emailReminders: reminders,
                          numberStyles: NumberStyle.allCases.map { Field.Option(value: $0.rawValue, label: $0.example, selected: $0 == style) },
                          feedURL: path.map { (request.overTLS ? "https://" : "http://") + host + $0 },
                          webcalURL: path.map { "webcal://" + host + $0 })
        model.passwordFields = Self.passwordFields(problem)
        model.passwordMessage = problem.map { _ in "Your password was not changed: see the fields below." }
        return try await web.page("profile", "My profile", model, request, context, status: problem == nil ? .ok : .unprocessableContent)
    }

    /// The change-password form: the current password, the new one twice.
    static func passwordFields(_ problem: Problem?) -> [Field] {
        var fields = FormFields(problem)
        fields.add("currentPassword", "Current password", nil, type: "password", required: true, autocomplete: "current-password")
        fields.add("newPassword", "New password", nil, type: "password", required: true, autocomplete: "new-password", hint: "8 to 72 characters.")
        fields.add("repeatPassword", "New password again", nil, type: "password", required: true, autocomplete: "new-password")
        var result = fields.result
        for index in result.indices where problem == nil || result[index].error == nil { result[index].autofocus = false }
        return result
    }

    @Sendable func changePassword(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        do {
            if form["newPassword"] != form["repeatPassword"] { throw ValidationError([FieldError("repeatPassword", "is not the same as the new password")]) }
            try await UserService(web.env).changeOwnPassword(current: form["currentPassword"], new: form["newPassword"], by: principal,
                                                             keeping: context.credentialHash)
            return .redirect(Self.path + "#password", flash: "Your password is changed. Your other sign-ins have ended.")
        } catch let error as ValidationError {
            return try await page(request, context, problem: .validation(error.errors))
        }
    }

    @Sendable func save(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        try await UserPreferences(web.env).setEmailReminders(form.flag("emailReminders"), by: principal)
        if let style = NumberStyle(rawValue: form["numberStyle"]) { try await UserPreferences(web.env).setNumberStyle(style, by: principal) }
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
