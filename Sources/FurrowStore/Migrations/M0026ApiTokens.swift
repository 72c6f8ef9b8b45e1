/// Named API tokens with scopes, and the token an audit entry's change came through (issue 21).
let m0026ApiTokens = Migration(
    version: 26,
    name: "api tokens",
    both: [
        """
        CREATE TABLE api_tokens (id TEXT PRIMARY KEY, name TEXT NOT NULL, user_id TEXT NOT NULL REFERENCES users(id),
            created_by TEXT NOT NULL REFERENCES users(id), hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL, scopes TEXT NOT NULL,
            expires_at TEXT, last_used_at TEXT, created_at TEXT NOT NULL, revoked_at TEXT)
        """,
        "CREATE INDEX api_tokens_user ON api_tokens (user_id, created_at)",
        "ALTER TABLE audit_entries ADD COLUMN via TEXT",
    ],
    sqlite: [],
    postgres: []
)
