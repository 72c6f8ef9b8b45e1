/// Tax rates, products (serialised items included), price lists, quotes and their lines.
let m0004Quotes = Migration(
    version: 4,
    name: "quotes",
    both: [
        "CREATE TABLE tax_rates (id TEXT PRIMARY KEY, name TEXT NOT NULL, percent_micros BIGINT NOT NULL CHECK (percent_micros BETWEEN 0 AND 100000000), active BOOLEAN NOT NULL)",
        """
        CREATE TABLE products (id TEXT PRIMARY KEY, sku TEXT NOT NULL UNIQUE, name TEXT NOT NULL, short_name TEXT, unit TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('good','service')), unit_price_minor BIGINT, currency TEXT, tax_rate_id TEXT REFERENCES tax_rates(id),
            active BOOLEAN NOT NULL, serialized BOOLEAN NOT NULL, serial_number TEXT,
            inventory_status TEXT NOT NULL CHECK (inventory_status IN ('available','sold')), deactivation_date TEXT,
            version BIGINT NOT NULL CHECK (version > 0))
        """,
        "CREATE INDEX products_name ON products (name, id)",
        """
        CREATE TABLE price_lists (id TEXT PRIMARY KEY, name TEXT NOT NULL, currency TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT,
            CHECK (valid_to IS NULL OR valid_to >= valid_from))
        """,
        """
        CREATE TABLE price_list_items (price_list_id TEXT NOT NULL REFERENCES price_lists(id) ON DELETE CASCADE,
            product_id TEXT NOT NULL REFERENCES products(id), unit_price_micros BIGINT NOT NULL CHECK (unit_price_micros >= 0),
            PRIMARY KEY (price_list_id, product_id))
        """,
        """
        CREATE TABLE quotes (id TEXT PRIMARY KEY, number TEXT NOT NULL, revision BIGINT NOT NULL, name TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('draft','sent','negotiation','accepted','rejected','revised')),
            account_id TEXT REFERENCES accounts(id), contact_id TEXT REFERENCES contacts(id),
            opportunity_id TEXT NOT NULL REFERENCES opportunities(id), lead_id TEXT REFERENCES leads(id),
            price_list_id TEXT REFERENCES price_lists(id), currency TEXT NOT NULL, date TEXT NOT NULL, valid_until TEXT,
            comments TEXT, terms TEXT, subtotal_minor BIGINT NOT NULL, tax_minor BIGINT NOT NULL, total_minor BIGINT NOT NULL,
            owner_id TEXT NOT NULL REFERENCES users(id), team_id TEXT,
            version BIGINT NOT NULL CHECK (version > 0), created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            UNIQUE (number, revision), CHECK (total_minor = subtotal_minor + tax_minor))
        """,
        "CREATE INDEX quotes_opportunity ON quotes (opportunity_id, status)",
        "CREATE INDEX quotes_team_created ON quotes (team_id, created_at, id)",
        "CREATE INDEX quotes_created ON quotes (created_at, id)",
        """
        CREATE TABLE quote_lines (quote_id TEXT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE, position BIGINT NOT NULL,
            product_id TEXT REFERENCES products(id), description TEXT NOT NULL, quantity_micros BIGINT NOT NULL,
            unit_price_micros BIGINT NOT NULL, discount_percent_micros BIGINT NOT NULL, tax_percent_micros BIGINT NOT NULL,
            tax_rate_id TEXT, net_minor BIGINT NOT NULL, tax_minor BIGINT NOT NULL, PRIMARY KEY (quote_id, position))
        """,
        "INSERT INTO tax_rates VALUES ('7a000000-0000-4000-8000-000000000001', 'Standard 20 %', 20000000, TRUE)",
        "INSERT INTO tax_rates VALUES ('7a000000-0000-4000-8000-000000000002', 'Reduced 5 %', 5000000, TRUE)",
        "INSERT INTO tax_rates VALUES ('7a000000-0000-4000-8000-000000000003', 'Zero 0 %', 0, TRUE)",
        "INSERT INTO reasons VALUES ('7e000000-0000-4000-8000-000000000016', 'lost', 'Quote rejected', TRUE)",
    ],
    sqlite: [],
    postgres: []
)
