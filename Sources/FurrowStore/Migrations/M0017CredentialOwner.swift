/// Signing a user out everywhere (and deactivating them) deletes their credentials by user: an
/// index instead of a scan of every session and token.
let m0017CredentialOwner = Migration(
    version: 17,
    name: "credential owner",
    both: ["CREATE INDEX credentials_user ON credentials (user_id)"],
    sqlite: [],
    postgres: []
)
