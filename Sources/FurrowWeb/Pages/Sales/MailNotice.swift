import FurrowCore

/// What a flash message says about an email just queued: it waits in the outbox, and it leaves
/// only once an outgoing mail server is set (README: empty `smtpHost` keeps email queued).
enum MailNotice {
    static func queued(_ settings: Settings) -> String {
        settings.smtpHost.trimmingCharacters(in: .whitespaces).isEmpty
            ? "Its PDF is queued in the Outbox, not sent: no outgoing mail server is set up (an administrator sets one in Settings)."
            : "Its PDF is queued in the Outbox for the contact; the Outbox shows when it has been sent."
    }
}
