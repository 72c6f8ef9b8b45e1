/// Budget tracking (seed 001): the budget activities catalog, tasks' budget activity and money
/// entries, and budgets with their versions (the master is number 0) and lines.
let m0018Budgets = Migration(
    version: 18,
    name: "budgets",
    both: [
        "CREATE TABLE budget_activities (id TEXT PRIMARY KEY, name TEXT NOT NULL, code TEXT, active BOOLEAN NOT NULL DEFAULT TRUE)",
        "CREATE UNIQUE INDEX budget_activities_name ON budget_activities (name)",
        "ALTER TABLE activities ADD COLUMN budget_activity_id TEXT REFERENCES budget_activities(id)",
        """
        CREATE TABLE activity_entries (id TEXT PRIMARY KEY, activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('income', 'expense')), amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
            currency TEXT NOT NULL, day TEXT NOT NULL, description TEXT, created_at TEXT NOT NULL, created_by TEXT NOT NULL REFERENCES users(id))
        """,
        "CREATE INDEX activity_entries_activity ON activity_entries (activity_id, day, id)",
        """
        CREATE TABLE budgets (id TEXT PRIMARY KEY, target_type TEXT NOT NULL CHECK (target_type IN ('account', 'opportunity')),
            target_id TEXT NOT NULL, currency TEXT NOT NULL, from_day TEXT NOT NULL, to_day TEXT NOT NULL,
            version BIGINT NOT NULL CHECK (version > 0), created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        "CREATE INDEX budgets_target ON budgets (target_type, target_id, from_day)",
        """
        CREATE TABLE budget_versions (budget_id TEXT NOT NULL REFERENCES budgets(id) ON DELETE CASCADE, number INTEGER NOT NULL,
            from_day TEXT NOT NULL, to_day TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL REFERENCES users(id),
            updated_at TEXT NOT NULL, PRIMARY KEY (budget_id, number))
        """,
        """
        CREATE TABLE budget_lines (budget_id TEXT NOT NULL REFERENCES budgets(id) ON DELETE CASCADE, number INTEGER NOT NULL,
            position INTEGER NOT NULL, budget_activity_id TEXT NOT NULL REFERENCES budget_activities(id),
            income_minor BIGINT NOT NULL CHECK (income_minor >= 0), cost_minor BIGINT NOT NULL CHECK (cost_minor >= 0),
            PRIMARY KEY (budget_id, number, position))
        """,
    ],
    sqlite: [],
    postgres: []
)
