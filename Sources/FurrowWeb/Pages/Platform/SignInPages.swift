import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// The start page, first-run set-up, sign-in and sign-out. Before there is a session, the forms
/// carry a token that must equal the `furrow_login` cookie (double submit), so no other site can
/// sign a browser in to an account of its choosing.
struct SignInPages {
    let web: Web
    static let formCookie = "furrow_login"

    func add(to group: RouterGroup<AppContext>) {
        group.get("/", use: start)
        group.get("setup", use: setupForm)
        group.post("setup", use: setup)
        group.get("login", use: loginForm)
        group.post("login", use: login)
        group.post("logout", use: logout)
        group.get("logout") { _, _ in Response.redirect("/") }
    }

    @Sendable func start(_ request: Request, context: AppContext) async throws -> Response {
        if try await !UserService(web.env).hasUsers() { return .redirect("/setup") }
        return .redirect(context.principal == nil ? "/login" : HomePage.path)
    }

    // MARK: first run

    @Sendable func setupForm(_ request: Request, context: AppContext) async throws -> Response {
        if try await UserService(web.env).hasUsers() { return .redirect("/login") }
        return try await setupPage(request, context, email: "", name: "", problem: nil)
    }

    @Sendable func setup(_ request: Request, context: AppContext) async throws -> Response {
        let form = try await WebForm(request, context: context)
        if try await UserService(web.env).hasUsers() { return .redirect("/login") }
        guard checkFormToken(form, request) else {
            return try await setupPage(request, context, email: form["email"], name: form["name"], problem: Self.expired)
        }
        do {
            _ = try await UserService(web.env).setUpFirstAdmin(email: form["email"], password: form["password"], name: form.optional("name"))
        } catch {
            guard let problem = Problem.from(error) else { throw error }
            if problem.type == .alreadySetUp { return .redirect("/login", flash: "Furrow is set up already; please sign in.") }
            return try await setupPage(request, context, email: form["email"], name: form["name"], problem: problem)
        }
        let issued = try await AuthService(web.env).signIn(email: form["email"], password: form["password"],
                                                           clientAddress: context.remoteAddress, kind: .session)
        return signedIn(issued, request, next: HomePage.path, flash: "Welcome to Furrow. You are signed in as the administrator.")
    }

    func setupPage(_ request: Request, _ context: AppContext, email: String, name: String, problem: Problem?) async throws -> Response {
        var fields = FormFields(problem)
        fields.add("email", "Email", email, type: "email", required: true, autocomplete: "username")
        fields.add("name", "Your name", name, autocomplete: "name")
        fields.add("password", "Password", "", type: "password", required: true, autocomplete: "new-password",
                   hint: "At least 8 characters.")
        var page = FormPage(heading: "Set up Furrow", action: "/setup", submitLabel: "Create administrator")
        page.intro = "Create the first administrator. You can add more users later."
        page.apply(fields, problem: problem)
        return try await formPage(page, "Set up", request, context, problem: problem)
    }

    // MARK: sign in and out

    @Sendable func loginForm(_ request: Request, context: AppContext) async throws -> Response {
        if try await !UserService(web.env).hasUsers() { return .redirect("/setup") }
        let next = URLText.localPath(request.query("next"))
        if context.principal != nil { return .redirect(next) }
        return try await loginPage(request, context, email: request.query("email"), next: next, message: nil)
    }

    @Sendable func login(_ request: Request, context: AppContext) async throws -> Response {
        let form = try await WebForm(request, context: context)
        let next = URLText.localPath(form["next"])
        guard checkFormToken(form, request) else {
            return try await loginPage(request, context, email: form["email"], next: next, message: Self.expired)
        }
        do {
            let issued = try await AuthService(web.env).signIn(email: form["email"], password: form["password"],
                                                               clientAddress: context.remoteAddress, kind: .session)
            return signedIn(issued, request, next: next, flash: nil)
        } catch {
            guard var problem = Problem.from(error), [401, 429].contains(problem.status) else { throw error }
            if problem.status == 401 { problem.detail = "The email or password is wrong, or the account is inactive." }
            if problem.status == 429 { problem.detail = "Too many failed sign-ins. Wait a few minutes, then try again." }
            return try await loginPage(request, context, email: form["email"], next: next, message: problem)
        }
    }

    func loginPage(_ request: Request, _ context: AppContext, email: String, next: String, message: Problem?) async throws -> Response {
        var fields = FormFields()
        fields.add("email", "Email", email, type: "email", required: true, autocomplete: "username")
        fields.add("password", "Password", "", type: "password", required: true, autocomplete: "current-password")
        var page = FormPage(heading: "Sign in", action: "/login", submitLabel: "Sign in")
        page.hidden = [FormPage.Hidden(name: "next", value: next)]
        page.links = [FormPage.Link(label: "Forgot your password?", url: PasswordPages.forgotPath)]
        page.apply(fields, problem: message)
        if message != nil, !email.isEmpty, let index = page.fields.firstIndex(where: { $0.name == "password" }) {
            for i in page.fields.indices { page.fields[i].autofocus = i == index }
        }
        return try await formPage(page, "Sign in", request, context, problem: message)
    }

    @Sendable func logout(_ request: Request, context: AppContext) async throws -> Response {
        // A session that has expired already needs no token to end.
        guard context.principal != nil else { return .redirect("/login") }
        _ = try await web.form(request, context)
        if let secret = context.sessionSecret { try await AuthService(web.env).revoke(secret) }
        var response = Response.redirect("/login", flash: "You are signed out.")
        response.setCookie(Cookie(name: AuthMiddleware.sessionCookie, value: "", maxAge: 0, path: "/",
                                  secure: request.overTLS, httpOnly: true, sameSite: .lax))
        return response
    }

    // MARK: tokens and cookies

    static let expired = Problem(.formExpired, 400, "Form expired", "The form expired. Please submit it again.")

    func checkFormToken(_ form: WebForm, _ request: Request) -> Bool {
        guard let cookie = request.cookies[Self.formCookie]?.value, cookie.count >= 32 else { return false }
        return form.matches("_csrf", cookie)
    }

    /// A form page before sign-in, with a fresh double-submit token in the form and the cookie.
    func formPage(_ page: FormPage, _ title: String, _ request: Request, _ context: AppContext, problem: Problem?) async throws -> Response {
        let token = SecretToken.generate()
        let status: HTTPResponse.Status = problem.map { $0.status == 401 ? .ok : HTTPResponse.Status(code: $0.status) } ?? .ok
        var response = try await web.page("form", title, page, request, context, status: status, csrf: token)
        response.setCookie(Cookie(name: Self.formCookie, value: token, maxAge: 3600, path: "/", secure: request.overTLS,
                                  httpOnly: true, sameSite: .strict))
        return response
    }

    func signedIn(_ issued: AuthService.Issued, _ request: Request, next: String, flash: String?) -> Response {
        var response = Response.redirect(next, flash: flash)
        response.setCookie(Cookie(name: AuthMiddleware.sessionCookie, value: issued.secret, expires: issued.expiresAt, path: "/",
                                  secure: request.overTLS, httpOnly: true, sameSite: .lax))
        response.setCookie(Cookie(name: Self.formCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }
}
