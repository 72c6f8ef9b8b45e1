import FurrowDomain

/// Numbers as people type them in a form, in the signed-in user's style (`NumberStyle.current`):
/// `14,400.00`, `14.400,00` or `14 400,00` — and the plain `14400.00` forms are filled in with —
/// as the plain decimal the services take. Separators go only where they group thousands, so a
/// typo (`1,5` for a comma-dot user) stays as typed and is refused rather than read as 15.
enum TypedNumber {
    static func plain(_ text: String) -> String { NumberStyle.current.plain(text) }
}
