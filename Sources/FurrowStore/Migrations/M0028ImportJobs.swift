/// Import jobs (issue 21): an uploaded CSV file kept in parts until it is imported, the job's
/// mapping, policy, progress and report, and mappings saved by name for the next file.
let m0028ImportJobs = Migration(
    version: 28,
    name: "import jobs",
    both: [
        """
        CREATE TABLE import_jobs (id TEXT PRIMARY KEY, type TEXT NOT NULL, file_name TEXT, status TEXT NOT NULL,
            encoding TEXT NOT NULL, byte_order_mark BIGINT NOT NULL, delimiter TEXT NOT NULL, columns TEXT NOT NULL,
            mapping TEXT, duplicates TEXT NOT NULL, rows_total BIGINT NOT NULL, bytes BIGINT NOT NULL, report TEXT, message TEXT,
            user_id TEXT NOT NULL REFERENCES users(id), created_at TEXT NOT NULL, updated_at TEXT NOT NULL, finished_at TEXT)
        """,
        "CREATE INDEX import_jobs_user ON import_jobs (user_id, created_at)",
        """
        CREATE TABLE import_file_parts (job_id TEXT NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE, seq BIGINT NOT NULL,
            data_base64 TEXT NOT NULL, PRIMARY KEY (job_id, seq))
        """,
        """
        CREATE TABLE import_mappings (id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, mapping TEXT NOT NULL,
            duplicates TEXT NOT NULL, user_id TEXT NOT NULL REFERENCES users(id), updated_at TEXT NOT NULL)
        """,
        "CREATE UNIQUE INDEX import_mappings_name ON import_mappings (type, name)",
    ],
    sqlite: [],
    postgres: []
)
