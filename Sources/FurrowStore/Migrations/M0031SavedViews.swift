/// A list's saved views (issue 22): its filters, search, sort and columns as a query string, kept
/// by a user for themselves or shared with their team.
let m0031SavedViews = Migration(
    version: 31,
    name: "saved views",
    both: [
        """
        CREATE TABLE saved_views (id TEXT PRIMARY KEY, owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE, shared_team_id TEXT,
            list TEXT NOT NULL, name TEXT NOT NULL, query TEXT NOT NULL, created_at TEXT NOT NULL)
        """,
        "CREATE INDEX saved_views_owner ON saved_views (owner_id, list)",
        "CREATE INDEX saved_views_shared ON saved_views (shared_team_id, list)",
    ],
    sqlite: [],
    postgres: []
)
