let m0003Notifications = Migration(
    version: 3,
    name: "notifications",
    both: [
        """
        CREATE TABLE notifications (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            message TEXT NOT NULL, link TEXT NOT NULL, created_at TEXT NOT NULL, read_at TEXT)
        """,
        "CREATE INDEX notifications_user ON notifications (user_id, read_at, created_at)",
    ],
    sqlite: [],
    postgres: []
)
