/// Order tracking events: each confirmation, fulfilment, delivery, installation or cancellation.
let m0007OrderTracking = Migration(
    version: 7,
    name: "order-tracking",
    both: [
        "CREATE INDEX sales_orders_team_created ON sales_orders (team_id, created_at, id)",
    ],
    sqlite: [
        """
        CREATE TABLE order_tracking (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
            order_id TEXT NOT NULL REFERENCES sales_orders(id) ON DELETE CASCADE, status TEXT NOT NULL, note TEXT, at TEXT NOT NULL, actor_id TEXT)
        """,
    ],
    postgres: [
        """
        CREATE TABLE order_tracking (seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE,
            order_id TEXT NOT NULL REFERENCES sales_orders(id) ON DELETE CASCADE, status TEXT NOT NULL, note TEXT, at TEXT NOT NULL, actor_id TEXT)
        """,
    ]
)
