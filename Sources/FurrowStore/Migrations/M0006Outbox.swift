/// The email outbox: every outgoing email is a row first, then delivered by a worker.
let m0006Outbox = Migration(
    version: 6,
    name: "outbox",
    both: [
        """
        CREATE TABLE outbox_emails (id TEXT PRIMARY KEY, to_address TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,
            attachment_name TEXT, attachment_base64 TEXT,
            status TEXT NOT NULL CHECK (status IN ('queued','sending','sent','failed')), attempts BIGINT NOT NULL, last_error TEXT,
            next_attempt_at TEXT NOT NULL, created_at TEXT NOT NULL, sent_at TEXT, related_entity TEXT, related_id TEXT)
        """,
        "CREATE INDEX outbox_due ON outbox_emails (status, next_attempt_at, id)",
        "CREATE INDEX outbox_related ON outbox_emails (related_id, created_at)",
    ],
    sqlite: [],
    postgres: []
)
