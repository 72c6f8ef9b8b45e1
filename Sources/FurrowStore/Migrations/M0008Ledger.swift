/// Invoices and credit notes, payment terms, payments with their allocations, bank statements
/// and CSV profiles (SPEC §5). The CHECKs hold the money rules even against a buggy writer:
/// nothing is paid beyond its total, nothing allocated beyond its payment.
let m0008Ledger = Migration(
    version: 8,
    name: "ledger",
    both: [
        "ALTER TABLE document_lines ADD COLUMN source_line BIGINT",
        "CREATE TABLE payment_terms (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, days BIGINT NOT NULL CHECK (days >= 0), active BOOLEAN NOT NULL)",
        "INSERT INTO payment_terms VALUES ('8d000000-0000-4000-8000-000000000001', 'Due on receipt', 0, TRUE)",
        "INSERT INTO payment_terms VALUES ('8d000000-0000-4000-8000-000000000002', 'Net 15', 15, TRUE)",
        "INSERT INTO payment_terms VALUES ('8d000000-0000-4000-8000-000000000003', 'Net 30', 30, TRUE)",
        "INSERT INTO payment_terms VALUES ('8d000000-0000-4000-8000-000000000004', 'Net 60', 60, TRUE)",
        """
        CREATE TABLE invoices (id TEXT PRIMARY KEY, kind TEXT NOT NULL, number TEXT UNIQUE, status TEXT NOT NULL,
            order_id TEXT REFERENCES sales_orders(id), account_id TEXT NOT NULL REFERENCES accounts(id), contact_id TEXT REFERENCES contacts(id),
            opportunity_id TEXT REFERENCES opportunities(id), related_invoice_id TEXT REFERENCES invoices(id), currency TEXT NOT NULL,
            payment_term_id TEXT REFERENCES payment_terms(id), issue_date TEXT, due_date TEXT, cancelled_on TEXT,
            subtotal_minor BIGINT NOT NULL, tax_minor BIGINT NOT NULL, total_minor BIGINT NOT NULL,
            paid_minor BIGINT NOT NULL CHECK (paid_minor >= 0 AND paid_minor <= total_minor), notes TEXT,
            owner_id TEXT NOT NULL REFERENCES users(id), team_id TEXT,
            version BIGINT NOT NULL CHECK (version > 0), created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        "CREATE INDEX invoices_created ON invoices (created_at, id)",
        "CREATE INDEX invoices_team_created ON invoices (team_id, created_at, id)",
        "CREATE INDEX invoices_order ON invoices (order_id)",
        "CREATE INDEX invoices_account_status ON invoices (account_id, status)",
        """
        CREATE TABLE payments (id TEXT PRIMARY KEY, number TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL REFERENCES accounts(id),
            date TEXT NOT NULL, amount_minor BIGINT NOT NULL CHECK (amount_minor > 0), currency TEXT NOT NULL, mode TEXT NOT NULL,
            reference TEXT, status TEXT NOT NULL, reversed_on TEXT,
            allocated_minor BIGINT NOT NULL CHECK (allocated_minor >= 0 AND allocated_minor <= amount_minor),
            owner_id TEXT NOT NULL REFERENCES users(id), team_id TEXT,
            version BIGINT NOT NULL CHECK (version > 0), created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        "CREATE INDEX payments_created ON payments (created_at, id)",
        "CREATE INDEX payments_team_created ON payments (team_id, created_at, id)",
        "CREATE INDEX payments_account ON payments (account_id, status)",
        "CREATE INDEX payments_amount ON payments (currency, amount_minor)",
        """
        CREATE TABLE payment_allocations (payment_id TEXT NOT NULL REFERENCES payments(id), invoice_id TEXT NOT NULL REFERENCES invoices(id),
            amount_minor BIGINT NOT NULL CHECK (amount_minor > 0), PRIMARY KEY (payment_id, invoice_id))
        """,
        "CREATE INDEX payment_allocations_invoice ON payment_allocations (invoice_id)",
        """
        CREATE TABLE statement_profiles (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, delimiter TEXT NOT NULL, date_column TEXT NOT NULL,
            date_format TEXT NOT NULL, amount_column TEXT NOT NULL, decimal_comma BOOLEAN NOT NULL, reference_column TEXT NOT NULL,
            counterparty_column TEXT, currency_column TEXT)
        """,
        """
        CREATE TABLE bank_statements (id TEXT PRIMARY KEY, format TEXT NOT NULL, name TEXT, imported_at TEXT NOT NULL,
            imported_by TEXT NOT NULL REFERENCES users(id))
        """,
        "CREATE INDEX bank_statements_imported ON bank_statements (imported_at, id)",
        """
        CREATE TABLE bank_lines (id TEXT PRIMARY KEY, statement_id TEXT NOT NULL REFERENCES bank_statements(id), position BIGINT NOT NULL,
            date TEXT NOT NULL, amount_minor BIGINT NOT NULL, currency TEXT NOT NULL, reference TEXT NOT NULL, counterparty TEXT,
            payment_id TEXT UNIQUE REFERENCES payments(id), duplicate_key TEXT NOT NULL UNIQUE)
        """,
        "CREATE INDEX bank_lines_statement ON bank_lines (statement_id, position)",
    ],
    sqlite: [],
    postgres: []
)
