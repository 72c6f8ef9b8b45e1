let m0001Backbone = Migration(
    version: 1,
    name: "backbone",
    both: [
        """
        CREATE TABLE teams (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, manager_id TEXT, created_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE users (
            id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin','manager','sales','service','finance','readonly')),
            team_id TEXT REFERENCES teams(id), active BOOLEAN NOT NULL, password_hash TEXT NOT NULL,
            version BIGINT NOT NULL CHECK (version > 0), created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        "CREATE INDEX teams_manager ON teams (manager_id)",
        """
        CREATE TABLE credentials (
            hash TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('token','session')),
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE, csrf TEXT NOT NULL,
            created_at TEXT NOT NULL, expires_at TEXT NOT NULL)
        """,
        "CREATE INDEX credentials_expiry ON credentials (expires_at)",
        "CREATE TABLE login_failures (key TEXT NOT NULL, at TEXT NOT NULL)",
        "CREATE INDEX login_failures_key ON login_failures (key, at)",
        """
        CREATE TABLE accounts (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL,
            parent_account_id TEXT REFERENCES accounts(id),
            email TEXT, email_key TEXT, phone TEXT, phone_key TEXT, website TEXT, domain_key TEXT, industry TEXT,
            owner_id TEXT NOT NULL REFERENCES users(id), team_id TEXT,
            version BIGINT NOT NULL CHECK (version > 0), created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        "CREATE INDEX accounts_team_name ON accounts (team_id, name, id)",
        "CREATE INDEX accounts_owner_name ON accounts (owner_id, name, id)",
        "CREATE INDEX accounts_name ON accounts (name, id)",
        "CREATE INDEX accounts_created ON accounts (created_at, id)",
        "CREATE INDEX accounts_parent ON accounts (parent_account_id)",
        "CREATE INDEX accounts_email_key ON accounts (email_key)",
        "CREATE INDEX accounts_phone_key ON accounts (phone_key)",
        "CREATE INDEX accounts_name_key ON accounts (name_key)",
        """
        CREATE TABLE contacts (
            id TEXT PRIMARY KEY, first_name TEXT, last_name TEXT NOT NULL, name_key TEXT NOT NULL,
            email TEXT, email_key TEXT, phone TEXT, phone_key TEXT, mobile TEXT, title TEXT,
            account_id TEXT REFERENCES accounts(id),
            owner_id TEXT NOT NULL REFERENCES users(id), team_id TEXT,
            version BIGINT NOT NULL CHECK (version > 0), created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        "CREATE INDEX contacts_team_name ON contacts (team_id, last_name, id)",
        "CREATE INDEX contacts_owner_name ON contacts (owner_id, last_name, id)",
        "CREATE INDEX contacts_name ON contacts (last_name, first_name, id)",
        "CREATE INDEX contacts_created ON contacts (created_at, id)",
        "CREATE INDEX contacts_account ON contacts (account_id, last_name, id)",
        "CREATE INDEX contacts_email_key ON contacts (email_key)",
        "CREATE INDEX contacts_phone_key ON contacts (phone_key)",
        "CREATE INDEX contacts_name_key ON contacts (name_key)",
        """
        CREATE TABLE connections (
            id TEXT PRIMARY KEY, from_type TEXT NOT NULL CHECK (from_type IN ('account','contact')), from_id TEXT NOT NULL,
            to_type TEXT NOT NULL CHECK (to_type IN ('account','contact')), to_id TEXT NOT NULL,
            role TEXT NOT NULL, created_at TEXT NOT NULL, CHECK (from_id <> to_id))
        """,
        "CREATE INDEX connections_from ON connections (from_id)",
        "CREATE INDEX connections_to ON connections (to_id)",
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE document_numbers (
            kind TEXT NOT NULL, year BIGINT NOT NULL, last_number BIGINT NOT NULL, PRIMARY KEY (kind, year))
        """,
    ],
    sqlite: [
        """
        CREATE TABLE audit_entries (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, entity TEXT NOT NULL, entity_id TEXT NOT NULL,
            action TEXT NOT NULL, actor_id TEXT, at TEXT NOT NULL, changes TEXT NOT NULL)
        """,
        "CREATE INDEX audit_entity ON audit_entries (entity, entity_id, seq)",
        "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
        "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
        """
        CREATE TABLE search_entries (
            id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, subtitle TEXT NOT NULL, body TEXT NOT NULL,
            owner_id TEXT NOT NULL, team_id TEXT)
        """,
        "CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_entries', content_rowid='rowid', tokenize='trigram')",
        """
        CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN
            INSERT INTO search_fts (rowid, body) VALUES (new.rowid, new.body); END
        """,
        """
        CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN
            INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', old.rowid, old.body); END
        """,
        """
        CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN
            INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
            INSERT INTO search_fts (rowid, body) VALUES (new.rowid, new.body); END
        """,
    ],
    postgres: [
        """
        CREATE TABLE audit_entries (
            seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, entity TEXT NOT NULL, entity_id TEXT NOT NULL,
            action TEXT NOT NULL, actor_id TEXT, at TEXT NOT NULL, changes TEXT NOT NULL)
        """,
        "CREATE INDEX audit_entity ON audit_entries (entity, entity_id, seq)",
        """
        CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$
        """,
        "CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_append_only()",
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        """
        CREATE TABLE search_entries (
            id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, subtitle TEXT NOT NULL, body TEXT NOT NULL,
            owner_id TEXT NOT NULL, team_id TEXT)
        """,
        "CREATE INDEX search_entries_body ON search_entries USING gin (body gin_trgm_ops)",
    ]
)
