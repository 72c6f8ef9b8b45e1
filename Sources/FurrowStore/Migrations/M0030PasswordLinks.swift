/// One-time links that set a password (issue 22): "forgot password", a reset an administrator
/// forces, an invitation. Only the secret's hash is kept; a user's links go with their sign-ins.
let m0030PasswordLinks = Migration(
    version: 30,
    name: "password links",
    both: [
        """
        CREATE TABLE password_links (hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            purpose TEXT NOT NULL CHECK (purpose IN ('reset','forced','invite')), created_at TEXT NOT NULL, expires_at TEXT NOT NULL)
        """,
        "CREATE INDEX password_links_user ON password_links (user_id)",
    ],
    sqlite: [],
    postgres: []
)
