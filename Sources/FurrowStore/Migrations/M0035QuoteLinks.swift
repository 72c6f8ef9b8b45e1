/// A quote's public link for the customer, shared by its revisions, with its views; and the
/// customer's answers through it (issue 23).
let m0035QuoteLinks = Migration(
    version: 35,
    name: "quote links",
    both: [
        """
        CREATE TABLE quote_links (token TEXT PRIMARY KEY, quote_id TEXT NOT NULL, opportunity_id TEXT NOT NULL, number TEXT NOT NULL,
            created_at TEXT NOT NULL, revoked_at TEXT, first_viewed_at TEXT, last_viewed_at TEXT, views BIGINT NOT NULL DEFAULT 0)
        """,
        "CREATE INDEX quote_links_number ON quote_links (opportunity_id, number)",
        """
        CREATE TABLE quote_responses (quote_id TEXT NOT NULL, answer TEXT NOT NULL CHECK (answer IN ('accepted','declined')),
            name TEXT NOT NULL, reason TEXT, signature_base64 TEXT, address TEXT NOT NULL, at TEXT NOT NULL)
        """,
        "CREATE INDEX quote_responses_quote ON quote_responses (quote_id, at)",
    ],
    sqlite: [],
    postgres: []
)
