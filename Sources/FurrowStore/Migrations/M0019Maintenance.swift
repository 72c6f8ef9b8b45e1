/// Maintenance contracts (seed 002 §5): contracts with their covered items, and the company's
/// holidays the visit schedule avoids.
let m0019Maintenance = Migration(
    version: 19,
    name: "maintenance contracts",
    both: [
        """
        CREATE TABLE amc_contracts (id TEXT PRIMARY KEY, number TEXT UNIQUE, account_id TEXT NOT NULL REFERENCES accounts(id),
            contact_id TEXT REFERENCES contacts(id), items TEXT NOT NULL, start_day TEXT NOT NULL, duration_months INTEGER NOT NULL,
            frequency TEXT NOT NULL, every_n_days INTEGER, visit_minutes INTEGER NOT NULL, value_minor BIGINT NOT NULL CHECK (value_minor >= 0),
            currency TEXT NOT NULL, billing TEXT NOT NULL, sla_hours INTEGER, technician_ids TEXT NOT NULL, terms TEXT, status TEXT NOT NULL,
            cancel_reason TEXT, renewed_from_id TEXT, renewed_to_id TEXT, owner_id TEXT NOT NULL REFERENCES users(id), team_id TEXT,
            version BIGINT NOT NULL CHECK (version > 0), created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        "CREATE INDEX amc_contracts_account ON amc_contracts (account_id, start_day)",
        "CREATE INDEX amc_contracts_owner ON amc_contracts (owner_id, team_id)",
        "CREATE TABLE holidays (day TEXT PRIMARY KEY, name TEXT NOT NULL)",
        "CREATE TABLE amc_notices (key TEXT PRIMARY KEY, sent_at TEXT NOT NULL)",
        """
        CREATE TABLE amc_invoices (contract_id TEXT NOT NULL REFERENCES amc_contracts(id), period INTEGER NOT NULL,
            invoice_id TEXT NOT NULL REFERENCES invoices(id), PRIMARY KEY (contract_id, period))
        """,
        "ALTER TABLE activities ADD COLUMN feedback_rating INTEGER CHECK (feedback_rating BETWEEN 1 AND 5)",
        "ALTER TABLE activities ADD COLUMN feedback_comment TEXT",
        "ALTER TABLE activities ADD COLUMN signed_by TEXT",
        "ALTER TABLE activities ADD COLUMN time_spent_minutes INTEGER",
        "ALTER TABLE activities ADD COLUMN parts TEXT",
    ],
    sqlite: [],
    postgres: []
)
