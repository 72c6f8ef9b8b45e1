import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `ApiTokenRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension ApiTokenRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/api-tokens", "createApiToken", tag: "Auth", "Create a named API token",
                 description: "A token for scripts and integrations, sent as `Authorization: Bearer <token>`. The secret is in this answer only; "
                    + "it is stored hashed. Scopes narrow what the user's role allows, never widen it: `read` (GET and HEAD), `write` (every "
                    + "other method), `admin` (administration, for an administrator's token; without it an administrator's token reads and "
                    + "writes records but administers nothing) and `inbound-email` (`POST /inbound-email` only; administrators make these). "
                    + "Administrators may make a token for another active user (`userId`): an integration token. A request made with a "
                    + "token makes tokens of at most its own scopes. Each token has its own request rate limit, and the audit trail names "
                    + "the token its changes came through. At most 50 active tokens per user.",
                 body: .json("ApiTokenCreate"),
                 answers: [.created("ApiTokenCreated", location: "/api/v1/api-tokens/{id}"), .unauthorized, .writeForbidden()],
                 bodyErrors: true,
                 use: ApiTokenRoutes.create),
        Endpoint(.get, "/api-tokens", "listApiTokens", tag: "Auth", "List API tokens",
                 description: "The caller's named tokens, newest first, revoked and expired ones included (`active` false); an "
                    + "administrator's list holds everyone's, or one user's with `userId`. Secrets are never shown again.",
                 parameters: [Endpoint.Parameter("userId", in: .query, "Only this user's tokens (administrators; ignored for others).", .uuid())],
                 answers: [.ok("ApiTokenPage"), .problem(400, [.invalidQuery], detail: "A parameter other than userId, or a userId that is not an id"), .unauthorized],
                 use: ApiTokenRoutes.list),
        Endpoint(.get, "/api-tokens/{id}", "getApiToken", tag: "Auth", "Get an API token",
                 description: "One's own, or anyone's for an administrator.",
                 parameters: [.id],
                 answers: [.ok("ApiToken"), .unauthorized, .problem(404)],
                 use: ApiTokenRoutes.get),
        Endpoint(.delete, "/api-tokens/{id}", "revokeApiToken", tag: "Auth", "Revoke an API token",
                 description: "At once: the next request with it answers 401. The token stays listed, with `revokedAt`. Revoking it again changes nothing.",
                 parameters: [.id],
                 answers: [.noContent, .unauthorized, .writeForbidden(), .problem(404)],
                 use: ApiTokenRoutes.revoke),
    ]
}

extension Components {
    static let apiToken: Schema = .object("A named API token (never its secret).", required: ["id", "name", "prefix", "scopes", "userId", "createdBy", "createdAt", "active"], [
        "id": .uuid(),
        "name": .string(maxLength: ApiToken.maxNameLength),
        "prefix": .string("The secret's first characters, to recognise it."),
        "scopes": .array(.values(ApiToken.Scope.allCases.map(\.rawValue))),
        "userId": .uuid("The user the token acts as."),
        "userName": .referenceName("The user's name"),
        "createdBy": .uuid(),
        "createdByName": .referenceName("The name of who made it"),
        "expiresAt": .timestamp("No request is taken with it from then on; null: it does not expire.", nullable: true),
        "lastUsedAt": .timestamp("The last request made with it (noted at most once a minute).", nullable: true),
        "createdAt": .timestamp(),
        "revokedAt": .timestamp(nullable: true),
        "active": .boolean("Neither revoked nor expired."),
    ])
    static let apiTokenCreated: Schema = {
        var schema = apiToken
        schema.description = "The new token, with its secret: the only time it is shown."
        schema.properties.append(.init(name: "token", schema: .string("The bearer secret (starts with `furrow_`): send it as `Authorization: Bearer <token>`.")))
        schema.required.append("token")
        return schema
    }()
    static let apiTokenCreate: Schema = .object("A new named token. Unknown fields are refused (422).", required: ["name", "scopes"], closed: true, [
        "name": .string("What it is for.", minLength: 1, maxLength: ApiToken.maxNameLength),
        "scopes": .array(.values(ApiToken.Scope.allCases.map(\.rawValue)), "At least one.", minItems: 1),
        "expiresAt": .timestamp("When it stops working (in the future); absent or null: never.", nullable: true),
        "userId": .uuid("The user it acts as (administrators only; default the caller).", nullable: true),
    ])

    static let integrationSchemas: [(name: String, schema: Schema)] = [
        ("ApiToken", apiToken), ("ApiTokenCreated", apiTokenCreated), ("ApiTokenCreate", apiTokenCreate),
        ("ApiTokenPage", .page("ApiToken", "API tokens (one page).")),
    ]
}
