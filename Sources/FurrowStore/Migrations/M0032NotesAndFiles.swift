/// Notes and file attachments on records (issue 22). A file is kept in the database (base64 text,
/// as import files are), so every server of a cluster serves it.
let m0032NotesAndFiles = Migration(
    version: 32,
    name: "notes and files",
    both: [
        """
        CREATE TABLE notes (id TEXT PRIMARY KEY, record_type TEXT NOT NULL, record_id TEXT NOT NULL, body TEXT NOT NULL,
            author_id TEXT NOT NULL REFERENCES users(id), created_at TEXT NOT NULL)
        """,
        "CREATE INDEX notes_record ON notes (record_id, created_at)",
        """
        CREATE TABLE attachments (id TEXT PRIMARY KEY, record_type TEXT NOT NULL, record_id TEXT NOT NULL, name TEXT NOT NULL,
            content_type TEXT NOT NULL, size BIGINT NOT NULL, data_base64 TEXT NOT NULL,
            author_id TEXT NOT NULL REFERENCES users(id), created_at TEXT NOT NULL)
        """,
        "CREATE INDEX attachments_record ON attachments (record_id, created_at)",
    ],
    sqlite: [],
    postgres: []
)
