import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

struct AuthRoutes: RouteSet {
    let env: CoreEnvironment


    @Sendable func signIn(_ request: Request, context: AppContext) async throws -> Response {
        var body = try await JSONBody(request, context: context, allowed: ["email", "password"])
        body.require("email")
        body.require("password")
        let email = body.string("email"), password = body.string("password")
        try body.check()
        let issued = try await AuthService(env).signIn(email: email ?? "", password: password ?? "", clientAddress: context.remoteAddress)
        return try .secret(TokenDTO(token: issued.secret, expiresAt: Timestamp.string(issued.expiresAt), userId: issued.user.id.string),
                         status: .created)
    }

    @Sendable func revoke(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requirePrincipal()
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw Problem.malformed("Only a bearer token can be revoked here; sign out of the web UI with its Sign out button.")
        }
        try await AuthService(env).revoke(String(header.dropFirst(7)).trimmedSpaces())
        return .noContent
    }

    /// Ends every token and web session of the caller, this token included.
    @Sendable func signOutEverywhere(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try await AuthService(env).signOutEverywhere(principal)
        return .noContent
    }

    @Sendable func changePassword(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["currentPassword", "newPassword"])
        body.require("currentPassword")
        body.require("newPassword")
        let current = body.string("currentPassword"), new = body.string("newPassword")
        try body.check()
        try await UserService(env).changeOwnPassword(current: current ?? "", new: new ?? "", by: principal, keeping: context.credentialHash)
        return .noContent
    }

    @Sendable func requestReset(_ request: Request, context: AppContext) async throws -> Response {
        var body = try await JSONBody(request, context: context, allowed: ["email"])
        body.require("email")
        let email = body.string("email")
        if let email, email.trimmedSpaces().isEmpty || email.count > 254 { body.fail("email", "is the address you sign in with") }
        try body.check()
        try await PasswordLinks(env).request(email: email ?? "", clientAddress: context.remoteAddress)
        return try .json(["message": Self.resetMessage], status: .accepted)
    }

    static let resetMessage = "If the address belongs to a user, a link to choose a new password is on its way. It works once, within an hour."

    @Sendable func confirmReset(_ request: Request, context: AppContext) async throws -> Response {
        var body = try await JSONBody(request, context: context, allowed: ["token", "password"])
        body.require("token")
        body.require("password")
        let token = body.string("token"), password = body.string("password")
        try body.check()
        _ = try await PasswordLinks(env).setPassword(link: token ?? "", password: password ?? "")
        return .noContent
    }

    @Sendable func me(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let user = try await UserService(env).get(principal.userId, by: principal)
        return try .json(MeDTO(id: user.id.string, email: user.email, name: user.name, role: user.role.rawValue, teamId: user.teamId?.string))
    }
}
