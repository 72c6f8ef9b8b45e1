/// Sales literature with its files (kept in the database), and the literature campaigns hand out
/// (seed 003 rule 65).
let m0025SalesLiterature = Migration(
    version: 25,
    name: "sales literature",
    both: [
        """
        CREATE TABLE sales_literature (id TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT, product_ids TEXT NOT NULL,
            owner_id TEXT NOT NULL REFERENCES users(id), team_id TEXT,
            version BIGINT NOT NULL CHECK (version > 0), created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE literature_files (id TEXT PRIMARY KEY, literature_id TEXT NOT NULL REFERENCES sales_literature(id), name TEXT NOT NULL,
            content_type TEXT NOT NULL, size BIGINT NOT NULL, data_base64 TEXT NOT NULL, created_at TEXT NOT NULL)
        """,
        "CREATE INDEX literature_files_literature ON literature_files (literature_id, created_at)",
        """
        CREATE TABLE campaign_literature (campaign_id TEXT NOT NULL REFERENCES campaigns(id), literature_id TEXT NOT NULL REFERENCES sales_literature(id),
            linked_at TEXT NOT NULL, PRIMARY KEY (campaign_id, literature_id))
        """,
    ],
    sqlite: [],
    postgres: []
)
