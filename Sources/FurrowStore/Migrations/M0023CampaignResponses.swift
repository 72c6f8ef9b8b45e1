/// Campaign responses (seed 003 rules 70–72): entered by hand or captured from replies, and what
/// each was converted into.
let m0023CampaignResponses = Migration(
    version: 23,
    name: "campaign responses",
    both: [
        """
        CREATE TABLE campaign_responses (id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL REFERENCES campaigns(id), activity_id TEXT,
            channel TEXT NOT NULL, party_kind TEXT, party_id TEXT, name TEXT, email TEXT, subject TEXT NOT NULL, body TEXT,
            received_at TEXT NOT NULL, outcome TEXT NOT NULL, converted_kind TEXT, converted_id TEXT,
            owner_id TEXT NOT NULL REFERENCES users(id), team_id TEXT,
            version BIGINT NOT NULL CHECK (version > 0), created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        "CREATE INDEX campaign_responses_campaign ON campaign_responses (campaign_id, received_at)",
        "CREATE INDEX campaign_deliveries_email ON campaign_deliveries (email_id)",
    ],
    sqlite: [],
    postgres: []
)
