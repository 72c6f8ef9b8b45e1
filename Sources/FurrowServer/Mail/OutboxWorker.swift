import Foundation
import FurrowCore
import Logging
import ServiceLifecycle

/// Delivers the outbox over SMTP (SPEC §11): claims one due email at a time (safe with several
/// servers), retries failures with backoff, and gives up after `OutboxEmail.maxAttempts`.
public struct OutboxWorker: Service {
    let env: CoreEnvironment
    let logger: Logger
    let idle: Duration

    public init(env: CoreEnvironment, logger: Logger, idle: Duration = .seconds(2)) {
        self.env = env
        self.logger = logger
        self.idle = idle
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let delivered: Bool
                do { delivered = try await deliverDue() } catch {
                    logger.warning("outbox", metadata: ["error": .string(String(describing: error))])
                    delivered = false
                }
                if !delivered { try? await Task.sleep(for: idle) }
            }
        }
    }

    /// Delivers one due email; false when there was none (or email is switched off).
    @discardableResult
    public func deliverDue() async throws -> Bool {
        let settings = try await SettingsService(env).current()
        guard !settings.smtpHost.isEmpty else { return false }
        let now = env.clock.now()
        if settings.sendingRate > 0 {
            let sent = try await env.store.read { try await $0.sentCount(since: now.addingTimeInterval(-60)) }
            guard sent < settings.sendingRate else { return false }
        }
        guard let email = try await env.store.write({ try await $0.claimDueEmail(now: now, leaseUntil: now.addingTimeInterval(300)) }) else {
            return false
        }
        let client = SMTPClient(host: settings.smtpHost, port: settings.smtpPort, username: settings.smtpUsername, password: settings.smtpPassword,
                                security: SMTPClient.Security(rawValue: settings.smtpSecurity) ?? .starttls,
                                verifyCertificates: settings.smtpVerifyCertificates)
        let attempts = email.attempts + 1
        do {
            let message = try MailMessage.render(email, from: settings.mailFrom, date: now)
            try await client.send(from: settings.mailFrom, to: email.to, message: message)
            try await env.store.write { session in
                try await session.finishEmail(id: email.id, status: .sent, attempts: attempts, lastError: nil, nextAttemptAt: now, sentAt: env.clock.now())
            }
            logger.info("email sent", metadata: ["to": .string(email.to), "subject": .string(email.subject)])
        } catch {
            let giveUp = attempts >= OutboxEmail.maxAttempts
            let retry = now.addingTimeInterval(OutboxEmail.backoff(afterAttempts: attempts))
            try await env.store.write { session in
                try await session.finishEmail(id: email.id, status: giveUp ? .failed : .queued, attempts: attempts,
                                              lastError: String(describing: error), nextAttemptAt: retry, sentAt: nil)
            }
            logger.warning("email not sent", metadata: ["to": .string(email.to), "error": .string(String(describing: error))])
        }
        return true
    }
}
