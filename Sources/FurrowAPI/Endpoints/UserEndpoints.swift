import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `UserRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension UserRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/users", "createUser", tag: "Users", "Create a user",
                 body: .json("UserCreate"),
                 answers: [.created("User", location: "/api/v1/users/{id}"), .unauthorized, .writeForbidden("Only administrators manage users"), .problem(409, [.emailTaken])],
                 bodyErrors: true,
                 use: UserRoutes.create),
        Endpoint(.get, "/users", "listUsers", tag: "Users", "List all users",
                 description: "Administrators and managers only. All users are returned in one page.",
                 answers: [.ok("UserPage"), .unauthorized, .problem(403, detail: "Only administrators and managers list users")],
                 use: UserRoutes.list),
        Endpoint(.get, "/users/{id}", "getUser", tag: "Users", "Get a user",
                 description: "Administrators may read any user, others only themselves.",
                 parameters: [.id],
                 answers: [.ok("User"), .unauthorized, .problem(404)],
                 use: UserRoutes.get),
        Endpoint(.patch, "/users/{id}", "updateUser", tag: "Users", "Update a user",
                 description: "Administrators only; for anyone else the user is not found. Changing a user's team moves the team of the records they own.",
                 parameters: [.id, .ifMatchUser],
                 body: .json("UserPatch"),
                 answers: [.ok("User"), .unauthorized, .writeForbidden(), .problem(404), .problem(409, [.emailTaken]), .problem(412)],
                 bodyErrors: true,
                 use: UserRoutes.update),
        Endpoint(.post, "/teams", "createTeam", tag: "Teams", "Create a team",
                 body: .json("TeamCreate"),
                 answers: [.created("Team", location: nil), .unauthorized, .writeForbidden("Only administrators manage teams")],
                 bodyErrors: true,
                 use: UserRoutes.createTeam),
        Endpoint(.get, "/teams", "listTeams", tag: "Teams", "List all teams",
                 answers: [.ok("TeamPage"), .unauthorized],
                 use: UserRoutes.teams),
    ]
}
