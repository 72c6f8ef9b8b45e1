/// Global search orders its matches exact title, then title prefix, then the rest, by title
/// (SearchSQL.search): a fragment that matches thousands of entries walks these two indexes
/// instead of sorting every match.
let m0012SearchOrder = Migration(
    version: 12,
    name: "search order",
    both: [
        "CREATE INDEX search_entries_title ON search_entries (title, id)",
    ],
    sqlite: [
        "CREATE INDEX search_entries_title_lower ON search_entries (LOWER(title))",
    ],
    postgres: [
        "CREATE INDEX search_entries_title_lower ON search_entries (LOWER(title) text_pattern_ops)",
    ]
)
