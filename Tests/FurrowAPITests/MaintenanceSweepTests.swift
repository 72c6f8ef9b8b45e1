import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// The maintenance worker's rounds with the injected clock: expiry, overdue escalation to the
/// owner and their manager, renewal reminders at 30 and 7 days — each notice once, also with two
/// workers at the same moment.
@Suite("Maintenance rounds")
struct MaintenanceSweepTests {
    @Test("an overdue visit is escalated once to the owner and their manager; renewals are reminded at 30 and 7 days; a contract past its end expires",
          arguments: TestWorld.engines)
    func rounds(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: a manager's team with a seller who owns a two-month contract from Monday 2026-11-23, served by a technician
        let team = try await world.makeTeam()
        let manager = try await world.makeUser(.manager, team: team), seller = try await world.makeUser(.sales, team: team)
        let tech = try await world.makeUser(.service, team: team)
        let account = try await world.makeAccount(by: seller)
        var input = ContractService.Input()
        input.accountId = account.id
        input.startDate = Day(year: 2026, month: 11, day: 23)
        input.durationMonths = 2
        input.frequency = .monthly
        input.value = Money("500.00", currency: Currency("EUR")!)
        input.technicianIds = [tech.userId]
        let contract = try await ContractService(world.env).create(input, by: seller)
        _ = try await ContractService(world.env).activate(contract.id, by: seller)
        func notices(_ user: Principal) async throws -> [String] {
            try await world.store.read { try await $0.notifications(for: user.userId, unreadOnly: false, limit: 100) }.map(\.message)
        }
        // when: the first visit (2026-11-23 09:00–10:00) is still open on the 24th, and two workers run at once
        world.clock.advance(by: 6 * 86_400)
        let results = try await withThrowingTaskGroup(of: MaintenanceSweep.Result.self) { group in
            for _ in 0..<2 { group.addTask { try await MaintenanceSweep(world.env).run() } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        // then: one escalation, to the owner and the manager, with an email each
        #expect(results.map(\.escalated).reduce(0, +) == 1)
        #expect(try await notices(seller).filter { $0.hasPrefix("Overdue visit") }.count == 1)
        #expect(try await notices(manager).filter { $0.hasPrefix("Overdue visit") }.count == 1)
        let emails = try await world.store.read { try await $0.emails(relatedTo: nil, limit: 100) }
        #expect(emails.filter { $0.subject.hasPrefix("Overdue visit") }.count == 2)
        // the contract ends 2027-01-22: 30 days before, one reminder; again at 7 days; then it expires
        world.clock.advance(by: 30 * 86_400)   // 2026-12-24: 29 days left
        try await MaintenanceSweep(world.env).run()
        try await MaintenanceSweep(world.env).run()
        #expect(try await notices(seller).filter { $0.contains("renew it?") }.count == 1)
        world.clock.advance(by: 23 * 86_400)   // 2027-01-16: 6 days left
        try await MaintenanceSweep(world.env).run()
        #expect(try await notices(seller).filter { $0.contains("renew it?") }.count == 2)
        world.clock.advance(by: 7 * 86_400)    // 2027-01-23: past its end
        let last = try await MaintenanceSweep(world.env).run()
        #expect(last.expired == 1)
        let stored = try await world.store.read { try await $0.contract(id: contract.id, locked: false) }
        #expect(stored?.status == .expired)
    }
}
