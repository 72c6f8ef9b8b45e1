/// The home page's counts (issue 22): open deals past their close date and deals closed since a
/// day are found by index, not by reading every opportunity the user may see.
let m0029HomeIndexes = Migration(
    version: 29,
    name: "home indexes",
    both: [
        "CREATE INDEX opportunities_status_close ON opportunities (status, expected_close_date)",
        "CREATE INDEX opportunities_status_closed ON opportunities (status, closed_at)",
        "CREATE INDEX invoices_status_due ON invoices (status, due_date)",
    ],
    sqlite: [],
    postgres: []
)
