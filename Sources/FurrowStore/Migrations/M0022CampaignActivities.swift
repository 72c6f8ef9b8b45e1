/// Campaign activities and their distribution (seed 003 rules 67–69): each member reached once
/// (one delivery row per activity and member, with the reply and unsubscribe token of an email),
/// the addresses that unsubscribed, and the outbox's reply address, unsubscribe link and HTML part.
let m0022CampaignActivities = Migration(
    version: 22,
    name: "campaign activities and distribution",
    both: [
        """
        CREATE TABLE campaign_activities (id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL REFERENCES campaigns(id), channel TEXT NOT NULL,
            subject TEXT NOT NULL, body TEXT, scheduled_start TEXT, scheduled_end TEXT, distribution TEXT NOT NULL, cursor TEXT,
            total BIGINT NOT NULL, processed BIGINT NOT NULL, owner_id TEXT NOT NULL REFERENCES users(id), team_id TEXT,
            version BIGINT NOT NULL CHECK (version > 0), created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        "CREATE INDEX campaign_activities_campaign ON campaign_activities (campaign_id, created_at)",
        "CREATE INDEX campaign_activities_running ON campaign_activities (distribution)",
        """
        CREATE TABLE campaign_deliveries (activity_id TEXT NOT NULL REFERENCES campaign_activities(id), member_id TEXT NOT NULL,
            outcome TEXT NOT NULL, address TEXT, token TEXT UNIQUE, email_id TEXT, record_id TEXT, created_at TEXT NOT NULL,
            PRIMARY KEY (activity_id, member_id))
        """,
        "CREATE TABLE email_suppressions (address TEXT PRIMARY KEY, reason TEXT NOT NULL, created_at TEXT NOT NULL)",
        "ALTER TABLE outbox_emails ADD COLUMN reply_to TEXT",
        "ALTER TABLE outbox_emails ADD COLUMN unsubscribe_url TEXT",
        "ALTER TABLE outbox_emails ADD COLUMN html_body TEXT",
    ],
    sqlite: [],
    postgres: []
)
