import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The mail schemas of the API's document.
extension Components {
    static let quoteSend: Schema = .object(closed: true, [
        "email": .boolean("Also email the PDF to the quote's contact through the outbox.", nullable: true),
    ])
    static let email: Schema = .object("An outgoing email in the outbox: stored first, delivered by a worker over SMTP with retries.", required: ["id", "to", "subject", "status", "attempts", "nextAttemptAt", "createdAt"], [
        "id": .uuid(),
        "to": .string(),
        "subject": .string(),
        "attachmentName": .string(nullable: true),
        "status": .values(["queued", "sending", "sent", "failed"]),
        "attempts": .integer(minimum: 0),
        "lastError": .string("Why the last attempt failed.", nullable: true),
        "nextAttemptAt": .timestamp(),
        "createdAt": .timestamp(),
        "sentAt": .timestamp(nullable: true),
        "relatedEntity": .string(nullable: true),
        "relatedId": .uuid(nullable: true),
    ])
    static let emailPage: Schema = .page("Email", "Emails, newest first (one page).")

    static let mailSchemas: [(name: String, schema: Schema)] = [
        ("QuoteSend", quoteSend),
        ("Email", email),
        ("EmailPage", emailPage),
    ]
}
