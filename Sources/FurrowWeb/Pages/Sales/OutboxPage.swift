import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// The outbox (SPEC §11), for managers and administrators: every outgoing email, newest first,
/// with its status, attempts, last error, the record it belongs to and its times. Others get the
/// forbidden page (the core refuses them). A quote's page shows its own emails with the same rows
/// (`email-table.mustache`).
struct OutboxPage {
    static let path = "/outbox"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("outbox", use: list)
    }

    /// Who the navigation shows the outbox to; the core decides who may read it.
    static func shown(_ principal: Principal) -> Bool { principal.isAdmin || principal.role == .manager }

    struct Row {
        let id: String
        let to: String
        let subject: String
        let attachment: String?
        let statusLabel: String
        let statusKey: String
        let attempts: Int
        let retry: String?
        let lastError: String?
        let created: String
        let createdISO: String
        let sent: String?
        let relatedURL: String?
        let relatedLabel: String?
    }

    struct Model {
        let emails: [Row]
        let hasEmails: Bool
        /// The table's "Record" column, which a quote's own emails do not need.
        let showRelated = true
        let mailOff: Bool
        /// What the list holds: everything for admins, their teams' emails for managers.
        let scope: String
    }

    static func label(_ status: OutboxEmail.Status) -> String {
        switch status {
        case .queued: "Queued"
        case .sending: "Sending"
        case .sent: "Sent"
        case .failed: "Failed"
        }
    }

    /// Table rows in the company's time zone; a quote's or an invoice's emails link to it.
    static func rows(_ emails: [OutboxEmail], shell: Shell, word: QuoteWord) -> [Row] {
        emails.map { email in
            let path = email.relatedId.flatMap { id in
                ["quote": "/quotes/", "invoice": "/invoices/"][email.relatedEntity ?? ""].map { $0 + UUIDText.lowercase(id) }
            }
            let retry = email.status == .queued && email.attempts > 0 ? "next try " + shell.format(email.nextAttemptAt) : nil
            return Row(id: UUIDText.lowercase(email.id), to: email.to, subject: email.subject, attachment: email.attachmentName,
                       statusLabel: label(email.status), statusKey: email.status.rawValue, attempts: email.attempts, retry: retry,
                       lastError: email.lastError?.nonEmpty, created: shell.format(email.createdAt),
                       createdISO: Timestamp.string(email.createdAt), sent: email.sentAt.map(shell.format),
                       relatedURL: path, relatedLabel: email.relatedEntity == "quote" ? word.singular
                           : email.relatedEntity == "invoice" ? "Invoice" : email.relatedEntity)
        }
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard Self.shown(principal) else { throw CoreError.forbidden("Only managers and administrators can see the outbox.") }
        let emails = try await OutboxService(web.env).list(by: principal)
        let settings = try await SettingsService(web.env).current()
        return try await web.page("outbox", "Outbox", request, context) { shell in
            let rows = Self.rows(emails, shell: shell, word: QuoteWord(settings))
            return Model(emails: rows, hasEmails: !rows.isEmpty, mailOff: settings.smtpHost.isEmpty,
                         scope: principal.isAdmin ? "Every email the server sends" : "The emails about your teams' quotes, invoices and activities")
        }
    }
}
