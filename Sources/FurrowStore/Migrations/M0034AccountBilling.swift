/// What documents print about a customer (issue 22): billing and shipping addresses (JSON text of
/// their parts), the VAT number, and the payment term its invoices get unless one is chosen.
let m0034AccountBilling = Migration(
    version: 34,
    name: "account billing",
    both: [
        "ALTER TABLE accounts ADD COLUMN billing_address TEXT",
        "ALTER TABLE accounts ADD COLUMN shipping_address TEXT",
        "ALTER TABLE accounts ADD COLUMN vat_number TEXT",
        "ALTER TABLE accounts ADD COLUMN payment_term_id TEXT",
    ],
    sqlite: [],
    postgres: []
)
