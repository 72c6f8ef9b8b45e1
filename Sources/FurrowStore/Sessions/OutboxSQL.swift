import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

extension SQLSession {
    func insertEmail(_ email: OutboxEmail) async throws { try await insertEmails([email]) }

    func insertEmails(_ emails: [OutboxEmail]) async throws {
        guard !emails.isEmpty else { return }
        let values = emails.map { email -> SQLQueryString in
            """
            (\(bind: UUIDText.lowercase(email.id)), \(bind: email.to), \(bind: email.subject), \(bind: email.body),
             \(bind: email.attachmentName), \(bind: email.attachment?.base64EncodedString()), \(bind: email.status.rawValue),
             \(bind: email.attempts), \(bind: email.lastError), \(bind: Timestamp.string(email.nextAttemptAt)),
             \(bind: Timestamp.string(email.createdAt)), \(bind: email.sentAt.map(Timestamp.string)), \(bind: email.relatedEntity),
             \(bind: email.relatedId?.uuidString.lowercased()), \(bind: email.replyTo), \(bind: email.unsubscribeURL), \(bind: email.htmlBody))
            """
        }
        try await run("""
            INSERT INTO outbox_emails (id, to_address, subject, body, attachment_name, attachment_base64, status, attempts, last_error,
                                       next_attempt_at, created_at, sent_at, related_entity, related_id, reply_to, unsubscribe_url, html_body)
            VALUES \(values.joined(separator: ", "))
            """)
    }

    func sentCount(since: Date) async throws -> Int {
        try await rows("SELECT COUNT(*) AS n FROM outbox_emails WHERE status = 'sent' AND sent_at >= \(bind: Timestamp.string(since))").first?.int("n") ?? 0
    }

    func claimDueEmail(now: Date, leaseUntil: Date) async throws -> OutboxEmail? {
        let lock: SQLQueryString = engine == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        return try await rows("""
            UPDATE outbox_emails SET status = 'sending', next_attempt_at = \(bind: Timestamp.string(leaseUntil))
            WHERE id = (SELECT id FROM outbox_emails WHERE status IN ('queued', 'sending') AND next_attempt_at <= \(bind: Timestamp.string(now))
                        ORDER BY next_attempt_at, id LIMIT 1 \(lock))
            RETURNING *
            """).first.map(emailRecord)
    }

    func finishEmail(id: UUID, status: OutboxEmail.Status, attempts: Int, lastError: String?, nextAttemptAt: Date, sentAt: Date?) async throws {
        try await run("""
            UPDATE outbox_emails SET status = \(bind: status.rawValue), attempts = \(bind: attempts), last_error = \(bind: lastError),
                next_attempt_at = \(bind: Timestamp.string(nextAttemptAt)), sent_at = \(bind: sentAt.map(Timestamp.string))
            WHERE id = \(bind: UUIDText.lowercase(id))
            """)
    }

    func emails(relatedTo id: UUID?, limit: Int) async throws -> [OutboxEmail] {
        let filter: SQLQueryString = id.map { "WHERE related_id = \(bind: $0.uuidString.lowercased())" } ?? ""
        return try await rows("SELECT * FROM outbox_emails \(filter) ORDER BY created_at DESC, id LIMIT \(literal: limit)").map(emailRecord)
    }

    func emailOwnerships(_ ids: [UUID]) async throws -> [UUID: Ownership] {
        guard !ids.isEmpty else { return [:] }
        let keys = Array(Set(ids.map(UUIDText.lowercase)))
        var owners: [UUID: Ownership] = [:]
        for row in try await rows("""
            SELECT id, owner_id, team_id FROM quotes WHERE id IN (\(binds: keys))
            UNION ALL SELECT id, owner_id, team_id FROM invoices WHERE id IN (\(binds: keys))
            UNION ALL SELECT id, owner_id, team_id FROM activities WHERE id IN (\(binds: keys))
            """) {
            if let id = UUIDText.parse(try row.string("id")) { owners[id] = try row.ownership() }
        }
        return owners
    }

    private func emailRecord(_ row: any SQLRow) throws -> OutboxEmail {
        var email = OutboxEmail(id: UUIDText.parse(try row.string("id")) ?? UUID(), to: try row.string("to_address"), subject: try row.string("subject"),
                    body: try row.string("body"), attachmentName: try row.optional("attachment_name"),
                    attachment: try row.optional("attachment_base64").flatMap { Data(base64Encoded: $0) },
                    status: try row.status("status", OutboxEmail.Status.self), attempts: try row.int("attempts"),
                    lastError: try row.optional("last_error"), nextAttemptAt: try row.date("next_attempt_at"), createdAt: try row.date("created_at"),
                    sentAt: try row.optional("sent_at").flatMap(Timestamp.date), relatedEntity: try row.optional("related_entity"),
                    relatedId: try row.optional("related_id").flatMap(UUIDText.parse))
        email.replyTo = try row.optional("reply_to")
        email.unsubscribeURL = try row.optional("unsubscribe_url")
        email.htmlBody = try row.optional("html_body")
        return email
    }
}
