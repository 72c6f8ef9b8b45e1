import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The signed-in user's named API tokens (SPEC §11), and everyone's for an administrator: make
/// one (its secret shown on the next page only, once), see when each was last used, revoke.
struct ApiTokensPage {
    static let path = "/me/api-tokens"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("me/api-tokens", use: show)
        group.post("me/api-tokens", use: create)
        group.post("me/api-tokens/:id/revoke", use: revoke)
    }

    struct Row {
        let name: String, prefix: String, user: String, scopes: String, created: String, lastUsed: String, expires: String
        let status: String, active: Bool, revoke: String
    }
    struct Form {
        let heading: String, action: String, submitLabel: String
        let message: String?
        let fields: [Field]
    }
    struct Model {
        let rows: [Row]
        let hasRows: Bool
        let showsUser: Bool
        let secret: String?
        let secretName: String?
        let form: Form
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        return try await render(request, context, principal, values: WebForm(values: ["scopes": "read"]), problem: nil, issued: nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        var input = ApiTokenService.Input()
        input.name = form["name"]
        input.scopes = form.all("scopes")
        var errors: [FieldError] = []
        if let text = form.optional("expiresOn") {
            if let day = Day(text) {
                let settings = try await SettingsService(web.env).current()
                input.expiresAt = settings.instant(day.adding(days: 1))  // works through that whole day
            } else {
                errors.append(FieldError("expiresOn", "must be a date"))
            }
        }
        if principal.isAdmin, let user = form.optional("userId") { input.userId = User.ID(user) }
        do {
            guard errors.isEmpty else { throw ValidationError(errors) }
            let issued = try await ApiTokenService(web.env).create(input, by: principal)
            return try await render(request, context, principal, values: WebForm(values: ["scopes": "read"]), problem: nil, issued: issued, status: .created)
        } catch {
            var problem = try Problem.forForm(error)
            problem.errors = problem.errors?.map { $0.field == "expiresAt" ? FieldError("expiresOn", $0.message) : $0 }
            return try await render(request, context, principal, values: form, problem: problem, issued: nil, status: .unprocessableContent)
        }
    }

    @Sendable func revoke(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        guard let id = context.parameters.get("id").flatMap(UUIDText.parse) else { throw Problem.notFound("API token") }
        let token = try await ApiTokenService(web.env).revoke(id, by: principal)
        return .redirect(Self.path, flash: "“\(token.name)” is revoked: it no longer works.")
    }

    func render(_ request: Request, _ context: AppContext, _ principal: Principal, values: WebForm, problem: Problem?,
                issued: ApiTokenService.Issued?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let tokens = try await ApiTokenService(web.env).list(by: principal)
        let users = try await UserService(web.env).listAsSystem()
        let names = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0.name) })
        let now = web.env.clock.now()
        return try await web.page("api-tokens", "API tokens", request, context, status: status) { shell in
            var fields = FormFields(problem)
            fields.add("name", "Name", values["name"], required: true, hint: "What it is for: “Nightly sync”, “Mail server”.")
            let scopes = ApiToken.Scope.allCases.filter { $0 != .admin || principal.isAdmin }.filter { $0 != .inboundEmail || principal.isAdmin }
            fields.checkboxGroup("scopes", "Scopes", scopes.map { ($0.rawValue, "\($0.rawValue): \($0.summary.lowercased())") },
                                 checked: Set(values.all("scopes")), hint: "What it may do, within what your role allows.")
            fields.add("expiresOn", "Expires after", values["expiresOn"], type: "date", hint: "Optional: the last day it works.")
            if principal.isAdmin {
                fields.select("userId", "Acts as", users.filter(\.active).map { ($0.id.string, $0.name) }.sorted { $0.1 < $1.1 },
                              selected: values["userId"].nonEmpty ?? principal.userId.string, required: true,
                              hint: "Yourself, or the user an integration works as.")
            }
            let rows = tokens.map { t in
                Row(name: t.name, prefix: t.prefix + "…", user: names[t.userId] ?? "", scopes: t.scopes.sorted().map(\.rawValue).joined(separator: ", "),
                    created: shell.format(t.createdAt), lastUsed: t.lastUsedAt.map(shell.format) ?? "never",
                    expires: t.expiresAt.map(shell.format) ?? "never",
                    status: t.revokedAt != nil ? "Revoked" : (t.usable(at: now) ? "Active" : "Expired"), active: t.usable(at: now),
                    revoke: "\(Self.path)/\(UUIDText.lowercase(t.id))/revoke")
            }
            return Model(rows: rows, hasRows: !rows.isEmpty, showsUser: principal.isAdmin, secret: issued?.secret, secretName: issued?.token.name,
                         form: Form(heading: "New token", action: Self.path, submitLabel: "Make token",
                                    message: problem.map { _ in "Please correct the fields marked below." }, fields: fields.fields))
        }
    }
}
