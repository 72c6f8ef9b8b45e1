import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Users, for administrators: the list, a new user (with a password, or invited by email to
/// choose one), a user's role, team and status (deactivating ends their sign-ins), and a forced
/// password reset.
struct UserAdminPages {
    static let path = "/admin/users"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("admin/users", use: list)
        group.get("admin/users/new", use: newForm)
        group.post("admin/users", use: create)
        group.get("admin/users/:id", use: show)
        group.post("admin/users/:id", use: update)
        group.post("admin/users/:id/reset-password", use: forceReset)
    }

    static func roleLabel(_ role: Role) -> String {
        switch role {
        case .admin: "Administrator"
        case .manager: "Manager"
        case .sales: "Sales"
        case .service: "Service"
        case .finance: "Finance"
        case .readonly: "Read-only"
        }
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try Admin.principal(web, request, context)
        let users = try await UserService(web.env).list(by: principal)
        let teams = Dictionary(uniqueKeysWithValues: try await UserService(web.env).teams().map { ($0.id, $0.name) })
        return try await web.page("admin", "Users", request, context) { _ in
            let rows = users.sorted { ($0.active ? 0 : 1, $0.name.lowercased()) < ($1.active ? 0 : 1, $1.name.lowercased()) }.map { user in
                Admin.Row([.init(user.name, link: "\(Self.path)/\(user.id)"), .init(user.email), .init(Self.roleLabel(user.role)),
                           .init(user.teamId.flatMap { teams[$0] } ?? "—"), .init(user.active ? "Active" : "Inactive")], muted: !user.active)
            }
            let section = Admin.section("users", "\(users.filter(\.active).count) active of \(users.count)",
                                        columns: ["Name", "Email", "Role", "Team", "Status"], rows: rows, empty: "No users.", form: nil)
            return Admin.page(current: Self.path, heading: "Users", intro: "Who signs in, with which role, in which team. A role decides what a user may do; a team, whose records a manager sees.",
                              actions: [.init("New user", link: "\(Self.path)/new")], sections: [section])
        }
    }

    // MARK: new user

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> Response {
        _ = try Admin.principal(web, request, context)
        return try await newPage(request, context, values: WebForm(values: ["role": Role.sales.rawValue]), problem: nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try Admin.principal(web, request, context)
        let form = try await web.form(request, context)
        var input = UserInput(email: form["email"], name: form.optional("name"), password: form.optional("password"),
                              role: Role(rawValue: form["role"]), teamId: form.optional("teamId").flatMap(Team.ID.init))
        input.active = true
        do {
            if input.password == nil {
                let (user, link) = try await UserService(web.env).invite(input, by: principal)
                return .redirect("\(Self.path)/\(user.id)", flash: Self.sent("An invitation", link))
            }
            let user = try await UserService(web.env).create(input, by: principal)
            return .redirect("\(Self.path)/\(user.id)", flash: "\(user.name) can sign in now.")
        } catch {
            return try await newPage(request, context, values: form, problem: try Problem.forForm(error))
        }
    }

    static func sent(_ what: String, _ link: PasswordLinks.Issued) -> String {
        if let url = link.link {
            return "\(what) is queued for \(link.email), but email is off (no SMTP server in the settings): pass this link on yourself: \(url)"
        }
        return "\(what) went to \(link.email) with a link to choose a password."
    }

    func newPage(_ request: Request, _ context: AppContext, values: WebForm, problem: Problem?) async throws -> Response {
        let teams = try await UserService(web.env).teams()
        var fields = FormFields(problem)
        fields.add("email", "Email", values["email"], type: "email", required: true, autocomplete: "off", hint: "They sign in with it.")
        fields.add("name", "Name", values["name"], autocomplete: "off")
        Self.roleAndTeam(&fields, values, teams: teams)
        fields.add("password", "Password", "", type: "password", autocomplete: "new-password",
                   hint: "Leave it empty to email them an invitation with a link to choose their own (it works for a week).")
        var page = FormPage(heading: "New user", action: Self.path, submitLabel: "Create user", cancel: Self.path)
        page.apply(fields, problem: problem)
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("form", "New user", page, request, context, status: status)
    }

    static func roleAndTeam(_ fields: inout FormFields, _ values: WebForm, teams: [TeamRecord]) {
        fields.select("role", "Role", Role.allCases.map { ($0.rawValue, roleLabel($0)) }, selected: values["role"], required: true,
                      hint: "Sales and service work their own records; managers their teams'; finance the money; read-only users look.")
        fields.select("teamId", "Team", teams.map { ($0.id.string, $0.name) }, selected: values["teamId"], empty: "No team")
    }

    // MARK: one user

    func user(_ context: AppContext, _ principal: Principal) async throws -> UserRecord {
        guard let id = context.parameters.get("id").flatMap(User.ID.init) else { throw Problem.notFound("user") }
        return try await UserService(web.env).get(id, by: principal)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try Admin.principal(web, request, context)
        let user = try await user(context, principal)
        return try await userPage(request, context, user: user, principal: principal, values: Self.values(user), problem: nil)
    }

    static func values(_ user: UserRecord) -> WebForm {
        var values = WebForm(values: ["email": user.email, "name": user.name, "role": user.role.rawValue, "teamId": user.teamId?.string,
                                      "version": String(user.version)])
        if user.active { values.set("active", ["true"]) }
        return values
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try Admin.principal(web, request, context)
        let user = try await user(context, principal)
        let form = try await web.form(request, context)
        let team = form.optional("teamId").flatMap(Team.ID.init)
        let input = UserInput(email: form["email"], name: form["name"], role: Role(rawValue: form["role"]), teamId: team,
                              clearTeam: team == nil, active: form.flag("active"))
        do {
            let saved = try await UserService(web.env).update(user.id, input, expectedVersion: Int(form["version"]), by: principal,
                                                              keeping: context.credentialHash)
            return .redirect("\(Self.path)/\(saved.id)", flash: "\(saved.name) is saved.")
        } catch {
            var problem = try Problem.forForm(error)
            if problem.type == .versionConflict {
                problem.detail = "Someone changed this user while you were editing. Below is what is stored now; make your change again."
                return try await userPage(request, context, user: user, principal: principal, values: Self.values(user), problem: problem)
            }
            return try await userPage(request, context, user: user, principal: principal, values: form, problem: problem)
        }
    }

    @Sendable func forceReset(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try Admin.principal(web, request, context)
        let user = try await user(context, principal)
        _ = try await web.form(request, context)
        let link = try await PasswordLinks(web.env).force(user.id, by: principal)
        return .redirect("\(Self.path)/\(user.id)", flash: "\(user.name)'s password no longer works and their sign-ins ended. " + Self.sent("An email", link))
    }

    func userPage(_ request: Request, _ context: AppContext, user: UserRecord, principal: Principal, values: WebForm,
                  problem: Problem?) async throws -> Response {
        let teams = try await UserService(web.env).teams()
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("admin", user.name, request, context, status: status) { _ in
            var fields = FormFields(problem)
            fields.add("name", "Name", values["name"], required: true, autocomplete: "off")
            fields.add("email", "Email", values["email"], type: "email", required: true, autocomplete: "off")
            Self.roleAndTeam(&fields, values, teams: teams)
            fields.checkbox("active", "Active", checked: values.flag("active"),
                            hint: "An inactive user cannot sign in; their records stay theirs. Deactivating ends their sign-ins.")
            var form = Admin.form("user", action: "\(Self.path)/\(user.id)", submitLabel: "Save", fields, problem: problem)
            form.hidden = [FormPage.Hidden(name: "version", value: values["version"])]
            var sections = [Admin.section("details", "Details", columns: [], rows: [], empty: "", form: form)]
            if user.id != principal.userId && user.active {
                var password = Admin.section("password", "Password", hint: "Forgot it, or think someone knows it? Reset it: the password stops working at once, every sign-in of theirs ends, and they get an email with a link to choose a new one (it works for a day).",
                                             columns: [], rows: [], empty: "", form: nil)
                password.buttons = [Admin.Button(action: "\(Self.path)/\(user.id)/reset-password", label: "Reset password", danger: true,
                                                 confirm: "Reset \(user.name)'s password? It stops working at once, and they are signed out everywhere.")]
                sections.append(password)
            }
            return Admin.page(current: Self.path, heading: user.name, intro: nil, sections: sections)
        }
    }
}
