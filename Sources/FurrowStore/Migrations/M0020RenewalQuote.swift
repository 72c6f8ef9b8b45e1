/// A renewed maintenance contract remembers the renewal quote made with it.
let m0020RenewalQuote = Migration(
    version: 20,
    name: "renewal quote of a maintenance contract",
    both: ["ALTER TABLE amc_contracts ADD COLUMN renewal_quote_id TEXT"],
    sqlite: [],
    postgres: []
)
