/// Marketing lists and campaigns (seeds 003, 004): lists of accounts, contacts or leads (static
/// members, or a saved filter), campaigns and the lists linked to them.
let m0021Campaigns = Migration(
    version: 21,
    name: "marketing lists and campaigns",
    both: [
        """
        CREATE TABLE marketing_lists (id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT, target_type TEXT NOT NULL,
            list_type TEXT NOT NULL, query TEXT, active BOOLEAN NOT NULL, owner_id TEXT NOT NULL REFERENCES users(id), team_id TEXT,
            version BIGINT NOT NULL CHECK (version > 0), created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        "CREATE INDEX marketing_lists_owner ON marketing_lists (owner_id, team_id)",
        """
        CREATE TABLE marketing_list_members (list_id TEXT NOT NULL REFERENCES marketing_lists(id), member_id TEXT NOT NULL,
            added_at TEXT NOT NULL, PRIMARY KEY (list_id, member_id))
        """,
        """
        CREATE TABLE campaigns (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL, active BOOLEAN NOT NULL,
            start_day TEXT, end_day TEXT, currency TEXT NOT NULL, budgeted_cost_minor BIGINT, actual_cost_minor BIGINT,
            expected_revenue_minor BIGINT, offer TEXT, description TEXT, quick BOOLEAN NOT NULL,
            owner_id TEXT NOT NULL REFERENCES users(id), team_id TEXT,
            version BIGINT NOT NULL CHECK (version > 0), created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        "CREATE INDEX campaigns_owner ON campaigns (owner_id, team_id)",
        """
        CREATE TABLE campaign_lists (campaign_id TEXT NOT NULL REFERENCES campaigns(id), list_id TEXT NOT NULL REFERENCES marketing_lists(id),
            linked_at TEXT NOT NULL, PRIMARY KEY (campaign_id, list_id))
        """,
        "CREATE INDEX campaign_lists_list ON campaign_lists (list_id)",
    ],
    sqlite: [],
    postgres: []
)
