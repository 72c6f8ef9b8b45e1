import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// "Forgot password" and the page an emailed link opens to choose a password (a reset asked for,
/// one an administrator forced, an invitation). Before sign-in, so the forms carry the sign-in
/// pages' double-submit token.
struct PasswordPages {
    let web: Web
    static let forgotPath = "/forgot-password"
    var signIn: SignInPages { SignInPages(web: web) }

    func add(to group: RouterGroup<AppContext>) {
        group.get("forgot-password", use: forgotForm)
        group.post("forgot-password", use: forgot)
        group.get("reset-password/:token", use: resetForm)
        group.post("reset-password/:token", use: reset)
    }

    @Sendable func forgotForm(_ request: Request, context: AppContext) async throws -> Response {
        try await forgotPage(request, context, email: request.query("email"), problem: nil)
    }

    @Sendable func forgot(_ request: Request, context: AppContext) async throws -> Response {
        let form = try await WebForm(request, context: context)
        guard signIn.checkFormToken(form, request) else {
            return try await forgotPage(request, context, email: form["email"], problem: SignInPages.expired)
        }
        guard form["email"].contains("@") else {
            let problem = Problem.validation([FieldError("email", "is required: the address you sign in with")])
            return try await forgotPage(request, context, email: form["email"], problem: problem)
        }
        do {
            try await PasswordLinks(web.env).request(email: form["email"], clientAddress: context.remoteAddress)
        } catch {
            guard var problem = Problem.from(error), problem.status == 429 else { throw error }
            problem.detail = "Too many links were asked for. Wait a few minutes, then try again."
            return try await forgotPage(request, context, email: form["email"], problem: problem)
        }
        return .redirect("/login", flash: "If \(form["email"].trimmedSpaces()) belongs to a user, a link to choose a new password is on its way. It works once, within an hour.")
    }

    func forgotPage(_ request: Request, _ context: AppContext, email: String, problem: Problem?) async throws -> Response {
        var fields = FormFields(problem)
        fields.add("email", "Email", email, type: "email", required: true, autocomplete: "username")
        var page = FormPage(heading: "Forgot your password?", action: Self.forgotPath, submitLabel: "Email me a link", cancel: "/login")
        page.intro = "Give the address you sign in with: we email you a link to choose a new password."
        page.apply(fields, problem: problem)
        return try await signIn.formPage(page, "Forgot password", request, context, problem: problem)
    }

    @Sendable func resetForm(_ request: Request, context: AppContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let user = try await PasswordLinks(web.env).user(forLink: token) else { return try await expiredPage(request, context) }
        return try await resetPage(request, context, token: token, user: user, problem: nil)
    }

    @Sendable func reset(_ request: Request, context: AppContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let form = try await WebForm(request, context: context)
        guard let user = try await PasswordLinks(web.env).user(forLink: token) else { return try await expiredPage(request, context) }
        guard signIn.checkFormToken(form, request) else {
            return try await resetPage(request, context, token: token, user: user, problem: SignInPages.expired)
        }
        if form["password"] != form["repeat"] {
            let problem = Problem.validation([FieldError("repeat", "is not the same password")])
            return try await resetPage(request, context, token: token, user: user, problem: problem)
        }
        do {
            _ = try await PasswordLinks(web.env).setPassword(link: token, password: form["password"])
        } catch {
            let problem = try Problem.forForm(error)
            if problem.errors?.contains(where: { $0.field == "token" }) == true { return try await expiredPage(request, context) }
            return try await resetPage(request, context, token: token, user: user, problem: problem)
        }
        return .redirect(URLText.link("/login", [("email", user.email)]), flash: "Your password is set. Sign in with it.")
    }

    func resetPage(_ request: Request, _ context: AppContext, token: String, user: UserRecord, problem: Problem?) async throws -> Response {
        var fields = FormFields(problem)
        fields.add("password", "New password", "", type: "password", required: true, autocomplete: "new-password",
                   hint: "8 to 72 characters.")
        fields.add("repeat", "The same again", "", type: "password", required: true, autocomplete: "new-password")
        var page = FormPage(heading: "Choose a password", action: "/reset-password/" + token, submitLabel: "Set password")
        page.intro = "For \(user.name) (\(user.email)). Setting it signs you out everywhere; then sign in with the new password."
        page.apply(fields, problem: problem)
        return try await signIn.formPage(page, "Choose a password", request, context, problem: problem)
    }

    func expiredPage(_ request: Request, _ context: AppContext) async throws -> Response {
        var page = FormPage(heading: "This link does not work any more", action: Self.forgotPath, submitLabel: "Email me a new link", cancel: "/login")
        page.intro = "A link to choose a password works once, and only for a while. Ask for a new one with the address you sign in with."
        var fields = FormFields()
        fields.add("email", "Email", "", type: "email", required: true, autocomplete: "username")
        page.apply(fields, problem: nil)
        return try await signIn.formPage(page, "Link expired", request, context, problem: Problem(.notFound, 410, "Gone", ""))
    }
}
