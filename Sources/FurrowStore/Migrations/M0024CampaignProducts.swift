/// A campaign's target products (seed 003 rule 65).
let m0024CampaignProducts = Migration(
    version: 24,
    name: "campaign target products",
    both: [
        """
        CREATE TABLE campaign_products (campaign_id TEXT NOT NULL REFERENCES campaigns(id), product_id TEXT NOT NULL REFERENCES products(id),
            linked_at TEXT NOT NULL, PRIMARY KEY (campaign_id, product_id))
        """,
    ],
    sqlite: [],
    postgres: []
)
