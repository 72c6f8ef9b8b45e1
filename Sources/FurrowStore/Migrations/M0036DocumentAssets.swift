/// Files documents print with (issue 23): the company's logo.
let m0036DocumentAssets = Migration(
    version: 36,
    name: "document assets",
    both: ["CREATE TABLE document_assets (name TEXT PRIMARY KEY, content_type TEXT NOT NULL, data_base64 TEXT NOT NULL, updated_at TEXT NOT NULL)"],
    sqlite: [],
    postgres: []
)
