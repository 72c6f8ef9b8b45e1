/// How each user reads and types numbers (issue 22): `comma-dot` (1,234.56), `dot-comma`
/// (1.234,56) or `space-comma` (1 234,56).
let m0033NumberStyle = Migration(
    version: 33,
    name: "number style",
    both: ["ALTER TABLE users ADD COLUMN number_style TEXT NOT NULL DEFAULT 'comma-dot'"],
    sqlite: [],
    postgres: []
)
