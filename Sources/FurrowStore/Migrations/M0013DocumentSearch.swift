/// Quotes, orders, invoices and payments join the global search (DocumentSearch): the
/// documents saved before this version get their entries here.
let m0013DocumentSearch = Migration(
    version: 13,
    name: "document search",
    both: DocumentSearch.backfill,
    sqlite: [],
    postgres: []
)
