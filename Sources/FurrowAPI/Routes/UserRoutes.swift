import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

struct UserRoutes: RouteSet {
    let env: CoreEnvironment


    static let fields: Set<String> = ["email", "name", "password", "role", "teamId", "active"]

    func input(_ body: inout JSONBody) -> UserInput {
        UserInput(email: body.string("email"), name: body.string("name"), password: body.string("password"),
                  role: body.enumValue("role", Role.self), teamId: body.id("teamId", Team.self),
                  clearTeam: body.has("teamId") && body.string("teamId") == nil, active: body.bool("active"))
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: Self.fields.union(["invite"]),
                                      ignoring: ["id", "version", "createdAt", "updatedAt"])
        body.require("email")
        let invite = body.bool("invite") ?? false
        if invite && body.has("password") && body.string("password") != nil {
            body.fail("password", "an invited user chooses their own password")
        }
        if !invite { body.require("password") }
        let input = input(&body)
        try body.check()
        let user = invite ? try await UserService(env).invite(input, by: principal).user : try await UserService(env).create(input, by: principal)
        return try .json(UserDTO(user), status: .created, location: "/api/v1/users/\(user.id)")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let users = try await UserService(env).list(by: principal)
        return try .json(Page(items: users.map(UserDTO.init), nextCursor: nil))
    }

    @Sendable func get(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(UserDTO(try await UserService(env).get(try context.id(User.self), by: principal)))
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(User.self)
        var body = try await JSONBody(request, context: context, allowed: Self.fields, ignoring: ["id", "version", "createdAt", "updatedAt"])
        let version = try request.expectedVersion(&body)
        let input = input(&body)
        try body.check()
        guard principal.isAdmin else { throw Problem.notFound("user") }
        return try .json(UserDTO(try await UserService(env).update(id, input, expectedVersion: version, by: principal,
                                                                           keeping: context.credentialHash)))
    }

    /// An administrator's reset: the password stops working, the user's sign-ins end, a link goes out.
    @Sendable func forceReset(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(User.self)
        guard principal.isAdmin else { throw Problem.notFound("user") }
        let issued = try await PasswordLinks(env).force(id, by: principal)
        return try .json(PasswordResetSentDTO(email: issued.email, expiresAt: Timestamp.string(issued.expiresAt), link: issued.link), status: .accepted)
    }

    @Sendable func updateTeam(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Team.self)
        var body = try await JSONBody(request, context: context, allowed: ["name", "managerId"], ignoring: ["id", "createdAt"])
        let name = body.string("name"), manager = body.id("managerId", User.self)
        let clearManager = body.has("managerId") && body.string("managerId") == nil
        try body.check()
        let team = try await UserService(env).updateTeam(id, name: name, managerId: manager, clearManager: clearManager, by: principal)
        return try .json(TeamDTO(team))
    }

    @Sendable func createTeam(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["name", "managerId"])
        let name = body.string("name"), manager = body.id("managerId", User.self)
        try body.check()
        let team = try await UserService(env).createTeam(name: name, managerId: manager, by: principal)
        return try .json(TeamDTO(team), status: .created)
    }

    @Sendable func teams(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requirePrincipal()
        return try .json(Page(items: try await UserService(env).teams().map(TeamDTO.init), nextCursor: nil))
    }
}


struct PasswordResetSentDTO: Encodable {
    let email: String
    let expiresAt: String
    let link: String?
}
