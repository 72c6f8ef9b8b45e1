import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Reminders and the follow-up rule (seed 000 rules 6–7): nothing due is missed, nothing fires twice.
@Suite("Scenarios: reminders and follow-ups")
struct ReminderScenarioTests {
    @Test("a due reminder fires once as a notification (and email when the user wants it), even with two workers", arguments: TestWorld.engines)
    func remindersOnce(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let seller = try await world.makeUser(.sales, team: try await world.makeTeam("Field"), email: "rep@example.com")
        try await UserPreferences(world.env).setEmailReminders(true, by: seller)
        let service = ActivityService(world.env)
        let now = world.clock.now()
        for index in 0..<30 {
            _ = try await service.create(.init(kind: .phoneCall, subject: "Call \(index)", dueAt: now.addingTimeInterval(3600),
                                               reminderAt: now.addingTimeInterval(index < 20 ? -60 : 600)), by: seller)
        }
        // two workers on the same database (PostgreSQL: two pools, as two servers would have)
        let second = try await world.secondServer()
        let counts: Int
        do {
            counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for env in [world.env, second.env, world.env, second.env] {
                    group.addTask {
                        // as the server's worker does: a round refused by the other server's lock (two SQLite
                        // pools on one file, a loaded machine) is tried again, never counted twice
                        var total = 0
                        while true {
                            do {
                                let n = try await ReminderService(env).fireDueReminders(limit: 3)
                                if n == 0 { return total }
                                total += n
                            } catch let error where String(describing: error).contains("database is locked") {
                                try await Task.sleep(for: .milliseconds(50))
                            }
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
        } catch {
            await second.store.close()  // a store must be closed before it goes: report the error, not a crash
            throw error
        }
        await second.store.close()
        #expect(counts == 20)
        let notes = try await NotificationService(world.env).list(unreadOnly: true, by: seller)
        #expect(notes.count == 20)
        #expect(Set(notes.map(\.message)).count == 20)
        let mail = try await world.store.read { try await $0.emails(relatedTo: nil, limit: 100) }
        #expect(mail.filter { $0.subject.hasPrefix("Reminder: Call") }.count == 20)
        #expect(try await ReminderService(world.env).fireDueReminders() == 0)
        world.clock.advance(by: 700)
        #expect(try await ReminderService(world.env).fireDueReminders() == 10)
    }

    @Test("a sent quote or open opportunity left without an open activity gets one follow-up task for its owner", arguments: TestWorld.engines)
    func followUps(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let token = try await world.token(for: world.admin)
        let deal = try await world.makeOpportunity("Quiet deal")
        // the stage task template gives the deal an open task: it is not idle
        _ = try await SettingsService(world.env).update({ $0.followUpDays = 3 }, by: world.admin)
        world.clock.advance(by: 4 * 86400)
        #expect(try await ReminderService(world.env).createFollowUps() == 0)
        let open = try await world.store.read { try await $0.activities(regarding: deal.id.uuid) }
        for task in open { _ = try await ActivityService(world.env).complete(task.id, outcome: "done", by: world.admin) }
        #expect(try await ReminderService(world.env).createFollowUps() == 0)   // just touched
        world.clock.advance(by: 4 * 86400)
        #expect(try await ReminderService(world.env).createFollowUps() == 1)
        #expect(try await ReminderService(world.env).createFollowUps() == 0)   // once: the follow-up is open now
        let tasks = try await world.store.read { try await $0.activities(regarding: deal.id.uuid) }.filter { $0.status == .open }
        #expect(tasks.map(\.subject) == ["Follow up: Quiet deal"])
        #expect(tasks.first?.ownership == deal.ownership)
        try await world.withAPI { api in
            let notes = try await api.call(.get, "/api/v1/me/notifications", token: token)
            #expect(notes.items.contains { ($0["message"] as? String) == "Follow up: Quiet deal" })
        }
        _ = try await SettingsService(world.env).update({ $0.followUpDays = 0 }, by: world.admin)
        _ = try await ActivityService(world.env).complete(try #require(tasks.first).id, outcome: nil, by: world.admin)
        world.clock.advance(by: 30 * 86400)
        #expect(try await ReminderService(world.env).createFollowUps() == 0)   // switched off
    }
}
