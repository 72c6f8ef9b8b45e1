import Foundation
import FurrowCore
import FurrowDomain
import FurrowServer
import FurrowStore
import FurrowTestSupport
import Logging
import Testing

/// The outbox keeps to the sending rate setting (SPEC §8): with a minute's quota sent, the next
/// email waits; a minute later it is attempted.
@Suite("Sending rate")
struct SendingRateTests {
    @Test("with one email a minute and one sent, the next waits until the minute has passed", arguments: TestWorld.engines)
    func rate(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: email to a closed port, one email a minute, one sent a moment ago and one queued
        _ = try await SettingsService(world.env).update({ $0.smtpHost = "127.0.0.1"; $0.smtpPort = 9; $0.sendingRate = 1 }, by: world.admin)
        let now = world.clock.now()
        try await world.store.write { session in
            try await session.insertEmail(OutboxEmail(id: UUID(), to: "a@example.com", subject: "Sent", body: "x", status: .sent, nextAttemptAt: now,
                                                      createdAt: now, sentAt: now.addingTimeInterval(-10)))
            try await session.insertEmail(OutboxEmail(id: UUID(), to: "b@example.com", subject: "Waiting", body: "y", nextAttemptAt: now, createdAt: now))
        }
        let worker = OutboxWorker(env: world.env, logger: Logger(label: "test"))
        func waiting() async throws -> OutboxEmail? {
            try await world.store.read { try await $0.emails(relatedTo: nil, limit: 10) }.first { $0.subject == "Waiting" }
        }
        // when: the worker looks within the minute
        let early = try await worker.deliverDue()
        // then: nothing is attempted
        let untouched = try await waiting()
        #expect(early == false && untouched?.attempts == 0)
        // when: a minute later
        world.clock.advance(by: 61)
        let later = try await worker.deliverDue()
        // then: it is attempted (and fails against the closed port, to be retried)
        let tried = try await waiting()
        #expect(later == true && tried?.attempts == 1 && tried?.status == .queued)
    }
}
