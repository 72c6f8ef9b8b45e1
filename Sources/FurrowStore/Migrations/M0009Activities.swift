/// Complete activities (times, attendees, reminders, recurrence, outcome), the users' reminder
/// email choice and their calendar feed tokens.
let m0009Activities = Migration(
    version: 9,
    name: "activities",
    both: [
        "ALTER TABLE activities ADD COLUMN description TEXT",
        "ALTER TABLE activities ADD COLUMN start_at TEXT",
        "ALTER TABLE activities ADD COLUMN end_at TEXT",
        "ALTER TABLE activities ADD COLUMN all_day BOOLEAN NOT NULL DEFAULT FALSE",
        "ALTER TABLE activities ADD COLUMN location TEXT",
        "ALTER TABLE activities ADD COLUMN reminder_at TEXT",
        "ALTER TABLE activities ADD COLUMN reminded_at TEXT",
        "ALTER TABLE activities ADD COLUMN outcome TEXT",
        "ALTER TABLE activities ADD COLUMN recurrence TEXT",
        "ALTER TABLE activities ADD COLUMN completed_at TEXT",
        "ALTER TABLE activities ADD COLUMN sequence BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE activities ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
        "ALTER TABLE activities ADD COLUMN updated_at TEXT",
        "UPDATE activities SET updated_at = created_at",
        "CREATE INDEX activities_owner_start ON activities (owner_id, start_at)",
        "CREATE INDEX activities_reminders ON activities (reminder_at) WHERE reminded_at IS NULL",
        "CREATE INDEX activities_created ON activities (created_at, id)",
        """
        CREATE TABLE activity_attendees (activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE, kind TEXT NOT NULL,
            attendee_id TEXT NOT NULL, PRIMARY KEY (activity_id, kind, attendee_id))
        """,
        "CREATE INDEX activity_attendees_attendee ON activity_attendees (attendee_id)",
        "ALTER TABLE users ADD COLUMN email_reminders BOOLEAN NOT NULL DEFAULT FALSE",
        """
        CREATE TABLE calendar_feeds (user_id TEXT PRIMARY KEY REFERENCES users(id), token TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)
        """,
    ],
    sqlite: [],
    postgres: []
)
