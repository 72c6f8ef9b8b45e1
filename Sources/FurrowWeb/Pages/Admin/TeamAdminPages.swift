import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Teams, for administrators: the list with managers and members, a new team, a team's name and
/// manager. Members join a team on their user page.
struct TeamAdminPages {
    static let path = "/admin/teams"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("admin/teams", use: list)
        group.post("admin/teams", use: create)
        group.get("admin/teams/:id", use: show)
        group.post("admin/teams/:id", use: update)
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        _ = try Admin.principal(web, request, context)
        return try await listPage(request, context, values: WebForm(values: [:]), problem: nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try Admin.principal(web, request, context)
        let form = try await web.form(request, context)
        do {
            let team = try await UserService(web.env).createTeam(name: form["name"], managerId: form.optional("managerId").flatMap(User.ID.init),
                                                                 by: principal)
            return .redirect(Self.path, flash: "The team “\(team.name)” is made. Add members on their user pages.")
        } catch {
            return try await listPage(request, context, values: form, problem: try Problem.forForm(error))
        }
    }

    func listPage(_ request: Request, _ context: AppContext, values: WebForm, problem: Problem?) async throws -> Response {
        let teams = try await UserService(web.env).teams()
        let users = try await UserService(web.env).listAsSystem()
        let names = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0.name) })
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("admin", "Teams", request, context, status: status) { _ in
            let rows = teams.map { team in
                let members = users.filter { $0.teamId == team.id && $0.active }.map(\.name).sorted()
                return Admin.Row([.init(team.name, link: "\(Self.path)/\(team.id)"), .init(team.managerId.flatMap { names[$0] } ?? "—"),
                                  .init(members.isEmpty ? "—" : members.joined(separator: ", "))])
            }
            var fields = FormFields(problem)
            fields.add("name", "Name", values["name"], required: true)
            Self.manager(&fields, values, users: users)
            let form = Admin.form("team", action: Self.path, submitLabel: "Add team", fields, problem: problem)
            return Admin.page(current: Self.path, heading: "Teams", intro: "A manager sees and changes the records of the teams they manage; everyone sees their own team's records as the role allows.",
                              sections: [Admin.section("teams", "Teams", columns: ["Name", "Manager", "Members"], rows: rows,
                                                       empty: "No teams yet.", form: form)])
        }
    }

    static func manager(_ fields: inout FormFields, _ values: WebForm, users: [UserRecord]) {
        let choices = users.filter { $0.active && [.manager, .admin].contains($0.role) }.map { ($0.id.string, $0.name) }.sorted { $0.1 < $1.1 }
        fields.select("managerId", "Manager", choices, selected: values["managerId"], empty: "No manager",
                      hint: "A manager or an administrator.")
    }

    func team(_ context: AppContext) async throws -> TeamRecord {
        guard let id = context.parameters.get("id").flatMap(Team.ID.init),
              let team = try await UserService(web.env).teams().first(where: { $0.id == id }) else { throw Problem.notFound("team") }
        return team
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        _ = try Admin.principal(web, request, context)
        let team = try await team(context)
        return try await teamPage(request, context, team: team, values: WebForm(values: ["name": team.name, "managerId": team.managerId?.string]),
                                  problem: nil)
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try Admin.principal(web, request, context)
        let team = try await team(context)
        let form = try await web.form(request, context)
        let manager = form.optional("managerId").flatMap(User.ID.init)
        do {
            let saved = try await UserService(web.env).updateTeam(team.id, name: form["name"], managerId: manager, clearManager: manager == nil,
                                                                  by: principal)
            return .redirect("\(Self.path)/\(saved.id)", flash: "The team “\(saved.name)” is saved.")
        } catch {
            return try await teamPage(request, context, team: team, values: form, problem: try Problem.forForm(error))
        }
    }

    func teamPage(_ request: Request, _ context: AppContext, team: TeamRecord, values: WebForm, problem: Problem?) async throws -> Response {
        let users = try await UserService(web.env).listAsSystem()
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("admin", team.name, request, context, status: status) { _ in
            var fields = FormFields(problem)
            fields.add("name", "Name", values["name"], required: true)
            Self.manager(&fields, values, users: users)
            let form = Admin.form("team", action: "\(Self.path)/\(team.id)", submitLabel: "Save", fields, problem: problem)
            let members = users.filter { $0.teamId == team.id }.sorted { $0.name < $1.name }.map { user in
                Admin.Row([.init(user.name, link: "\(UserAdminPages.path)/\(user.id)"), .init(UserAdminPages.roleLabel(user.role)),
                           .init(user.active ? "Active" : "Inactive")], muted: !user.active)
            }
            return Admin.page(current: Self.path, heading: team.name, intro: nil, sections: [
                Admin.section("details", "Details", columns: [], rows: [], empty: "", form: form),
                Admin.section("members", "Members", hint: "Choose a user's team on their user page.", columns: ["Name", "Role", "Status"],
                              rows: members, empty: "No members yet.", form: nil),
            ])
        }
    }
}
