import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Stage tasks fall due on a working morning and go when their opportunity closes (defects 5).
@Suite("Automatic tasks")
struct AutomaticTasksTests {
    @Test("closing an opportunity cancels its open stage tasks, audited; a person's task stays; reopening brings none back",
          arguments: TestWorld.engines)
    func cancelledOnClose(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: a new deal with its stage task, and a task a person added
        let deal = try await world.makeOpportunity()
        let mine = try await ActivityService(world.env).create(.init(kind: .task, subject: "Call back on Friday",
                                                                     regarding: Regarding(.opportunity, deal.id.uuid)), by: world.admin)
        let stageTask = try #require(try await world.store.read { try await $0.activities(regarding: deal.id.uuid) }
            .first { $0.subject == "Confirm budget and decision maker" })
        // then: it is due on a working morning at 09:00 (the company's time zone is UTC here), not at the minute of creation
        let due = try #require(stageTask.dueAt ?? stageTask.startAt)
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        #expect(utc.component(.hour, from: due) == 9 && utc.component(.minute, from: due) == 0)
        #expect(!utc.isDateInWeekend(due))
        #expect(due > world.env.clock.now())
        // when: the deal is lost, then reopened
        _ = try await OpportunityService(world.env).close(deal.id, won: false, actualRevenue: nil,
                                                          lostReasonId: try await world.reason(.lost).id, by: world.admin)
        _ = try await OpportunityService(world.env).reopen(deal.id, by: world.admin)
        // then
        let after = try await world.store.read { try await $0.activities(regarding: deal.id.uuid) }
        #expect(after.first { $0.id == stageTask.id }?.status == .cancelled)
        #expect(after.first { $0.id == mine.id }?.status == .open)
        let trail = try await AuditService(world.env).entries(entity: "activity", id: stageTask.id.uuid, by: world.admin)
        #expect(trail.map(\.action).last == "activity.cancel")
    }

    @Test("a task due on a day is due that working morning", arguments: [
        // now (UTC), days → due
        ("2026-11-18T11:06:40Z", 0, "2026-11-19T09:00:00Z"),   // Wednesday afternoon: tomorrow morning
        ("2026-11-18T07:00:00Z", 0, "2026-11-18T09:00:00Z"),   // Wednesday early: this morning
        ("2026-11-20T10:00:00Z", 1, "2026-11-23T09:00:00Z"),   // Friday + 1 = Saturday: Monday
        ("2026-11-18T11:06:40Z", 3, "2026-11-23T09:00:00Z"),   // Wednesday + 3 = Saturday: Monday
    ])
    func dueMorning(now: String, days: Int, expected: String) throws {
        let due = AutomaticTasks.dueMorning(after: try #require(Timestamp.date(now)), days: days, timeZone: TimeZone(identifier: "UTC")!)
        #expect(Timestamp.string(due) == expected.replacingOccurrences(of: ":00Z", with: ":00.000Z"))
    }
}
