import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `AuthRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension AuthRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/auth/tokens", "createToken", tag: "Auth", "Sign in and get an API token",
                 description: "Checks the email and password and issues a bearer token valid for 30 days (answered with `Cache-Control: no-store`). Failed sign-ins are throttled per account (5 in 15 minutes) and per client address (20 in 15 minutes).",
                 body: .json("TokenCreate"),
                 security: [],
                 answers: [.created("Token", location: nil), .problem(401, detail: "The email or password is wrong, or the user is inactive"), .writeForbidden(), .problem(429, detail: "Too many failed sign-ins; see Retry-After")],
                 bodyErrors: true,
                 use: AuthRoutes.signIn),
        Endpoint(.delete, "/auth/tokens/current", "revokeCurrentToken", tag: "Auth", "Revoke the bearer token of this request",
                 answers: [.noContent, .problem(400, detail: "The request was not authenticated with a bearer token"), .unauthorized, .writeForbidden()],
                 use: AuthRoutes.revoke),
        Endpoint(.post, "/auth/sign-out-everywhere", "signOutEverywhere", tag: "Auth", "End every token and web session of the signed-in user",
                 description: "Revokes all of the caller's bearer tokens and web sessions, the one of this request included. A password change or a deactivation does the same (a user changing their own password keeps the credential that made the change).",
                 answers: [.noContent, .unauthorized, .writeForbidden()],
                 use: AuthRoutes.signOutEverywhere),
        Endpoint(.post, "/me/password", "changeOwnPassword", tag: "Auth", "Change one's own password",
                 description: "Naming the current password. Every other token and web session of the user ends; the credential of this request keeps working. The audit trail notes the change (never the password).",
                 body: .json("PasswordChange"),
                 answers: [.noContent, .unauthorized, .writeForbidden()],
                 bodyErrors: true,
                 use: AuthRoutes.changePassword),
        Endpoint(.post, "/auth/password-reset", "requestPasswordReset", tag: "Auth", "Ask for a link to reset a forgotten password",
                 description: "When the email belongs to an active user, a one-time link to choose a new password (valid an hour) is emailed to it through the outbox. The answer is the same whether it does or not. Throttled per address (3 in 15 minutes) and per client address (20 in 15 minutes).",
                 body: .json("PasswordResetRequest"),
                 security: [],
                 answers: [.ok("PasswordResetAccepted", "Accepted", status: 202), .problem(401, detail: "An Authorization header that is not a valid token (none is needed)"),
                           .writeForbidden(), .problem(429, detail: "Too many links asked for; see Retry-After")],
                 bodyErrors: true,
                 use: AuthRoutes.requestReset),
        Endpoint(.post, "/auth/password-reset/confirm", "confirmPasswordReset", tag: "Auth", "Choose a password through a link",
                 description: "With the secret of a link that was emailed (a reset asked for, a reset an administrator forced, an invitation). The link works once and within its lifetime; setting the password ends every token and web session of the user and every other link. An unknown, used or expired link answers 422 with the error on `token`.",
                 body: .json("PasswordResetConfirm"),
                 security: [],
                 answers: [.noContent, .problem(401, detail: "An Authorization header that is not a valid token (none is needed)"), .writeForbidden()],
                 bodyErrors: true,
                 use: AuthRoutes.confirmReset),
        Endpoint(.get, "/me", "getMe", tag: "Auth", "The signed-in user",
                 answers: [.ok("Me"), .unauthorized],
                 use: AuthRoutes.me),
    ]
}

extension Components {
    static let selfServiceSchemas: [(name: String, schema: Schema)] = [
        ("PasswordResetRequest", .object("The address of the account whose password was forgotten. Unknown fields are refused (422).", required: ["email"], closed: true, [
            "email": .string("The sign-in address.", minLength: 1, maxLength: 254),
        ])),
        ("PasswordResetAccepted", .object("Said whatever the address: a link is on its way if it belongs to an active user.", required: ["message"], [
            "message": .string(),
        ])),
        ("PasswordResetConfirm", .object("A link's secret and the new password. Unknown fields are refused (422).", required: ["token", "password"], closed: true, [
            "token": .string("The secret at the end of the emailed link (`/reset-password/<token>`).", minLength: 1, maxLength: 200),
            "password": .string("8 to 72 characters.", minLength: 8, maxLength: 72).with { $0.writeOnly = true },
        ])),
        ("PasswordResetSent", .object("A link to choose a password went to the user through the outbox.", required: ["email", "expiresAt"], [
            "email": .string("Where the link was sent."),
            "expiresAt": .timestamp("Until when the link works."),
            "link": .string("The link itself, only while email is off (no SMTP server in the settings), for the administrator to pass on."),
        ])),
        ("PasswordChange", .object("A new password for oneself. Unknown fields are refused (422).", required: ["currentPassword", "newPassword"], closed: true, [
            "currentPassword": .string("The password in use now.", minLength: 1, maxLength: 1000),
            "newPassword": .string("8 to 72 characters, other than the current one.", minLength: 8, maxLength: 72),
        ])),
    ]
}
