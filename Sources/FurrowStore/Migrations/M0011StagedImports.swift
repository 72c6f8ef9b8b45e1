/// Imports written in short batches that stay invisible until the import settles (RELIABILITY.md):
/// rows carry the id of their import while it is listed in `staged_imports`; settling deletes that
/// one row, and an import that died is discarded with everything it wrote.
let m0011StagedImports = Migration(
    version: 11,
    name: "staged imports",
    both: [
        "CREATE TABLE staged_imports (id TEXT PRIMARY KEY, kind TEXT NOT NULL, started_at TEXT NOT NULL, heartbeat_at TEXT NOT NULL)",
        "ALTER TABLE contacts ADD COLUMN import_id TEXT",
        "ALTER TABLE search_entries ADD COLUMN import_id TEXT",
        "CREATE INDEX contacts_import ON contacts (import_id) WHERE import_id IS NOT NULL",
        "CREATE INDEX search_entries_import ON search_entries (import_id) WHERE import_id IS NOT NULL",
    ],
    sqlite: [],
    postgres: []
)
