/// Sales orders converted from accepted quotes, and opportunities' product lines.
let m0005Orders = Migration(
    version: 5,
    name: "orders-and-opportunity-lines",
    both: [
        """
        CREATE TABLE sales_orders (id TEXT PRIMARY KEY, number TEXT NOT NULL UNIQUE, status TEXT NOT NULL,
            quote_id TEXT UNIQUE REFERENCES quotes(id), opportunity_id TEXT REFERENCES opportunities(id),
            account_id TEXT REFERENCES accounts(id), contact_id TEXT REFERENCES contacts(id), currency TEXT NOT NULL,
            subtotal_minor BIGINT NOT NULL, tax_minor BIGINT NOT NULL, total_minor BIGINT NOT NULL,
            owner_id TEXT NOT NULL REFERENCES users(id), team_id TEXT,
            version BIGINT NOT NULL CHECK (version > 0), created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        "CREATE INDEX sales_orders_created ON sales_orders (created_at, id)",
        """
        CREATE TABLE document_lines (document_id TEXT NOT NULL, position BIGINT NOT NULL, product_id TEXT REFERENCES products(id),
            description TEXT NOT NULL, quantity_micros BIGINT NOT NULL, unit_price_micros BIGINT NOT NULL,
            discount_percent_micros BIGINT NOT NULL, tax_percent_micros BIGINT NOT NULL, tax_rate_id TEXT,
            PRIMARY KEY (document_id, position))
        """,
        "CREATE TABLE opportunity_price_lists (opportunity_id TEXT PRIMARY KEY REFERENCES opportunities(id) ON DELETE CASCADE, price_list_id TEXT REFERENCES price_lists(id))",
    ],
    sqlite: [],
    postgres: []
)
