/// Webhook subscriptions, the outbox of events and their deliveries with every attempt (issue 21).
let m0027Webhooks = Migration(
    version: 27,
    name: "webhooks",
    both: [
        """
        CREATE TABLE webhooks (id TEXT PRIMARY KEY, url TEXT NOT NULL, events TEXT NOT NULL, active BOOLEAN NOT NULL, description TEXT,
            secret TEXT NOT NULL, owner_id TEXT NOT NULL REFERENCES users(id), paused_at TEXT, paused_reason TEXT,
            version BIGINT NOT NULL CHECK (version > 0), created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE webhook_events (id TEXT PRIMARY KEY, type TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL,
            occurred_at TEXT NOT NULL, data TEXT NOT NULL)
        """,
    ],
    sqlite: [
        """
        CREATE TABLE webhook_deliveries (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
            webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE, event_id TEXT NOT NULL REFERENCES webhook_events(id),
            entity_id TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at TEXT NOT NULL,
            claimed_until TEXT, last_status_code INTEGER, last_error TEXT, last_attempt_at TEXT, created_at TEXT NOT NULL)
        """,
    ] + webhookDeliveryIndexes,
    postgres: [
        """
        CREATE TABLE webhook_deliveries (seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE,
            webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE, event_id TEXT NOT NULL REFERENCES webhook_events(id),
            entity_id TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at TEXT NOT NULL,
            claimed_until TEXT, last_status_code INTEGER, last_error TEXT, last_attempt_at TEXT, created_at TEXT NOT NULL)
        """,
    ] + webhookDeliveryIndexes
)

/// After the deliveries table, whose key differs by engine.
private let webhookDeliveryIndexes = [
    "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at, seq)",
    "CREATE INDEX webhook_deliveries_record ON webhook_deliveries (webhook_id, entity_id, seq)",
    """
    CREATE TABLE webhook_attempts (delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE, at TEXT NOT NULL,
        status_code INTEGER, error TEXT, milliseconds INTEGER NOT NULL)
    """,
    "CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, at)",
]
