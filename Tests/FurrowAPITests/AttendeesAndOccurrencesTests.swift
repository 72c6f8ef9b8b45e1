import Foundation
import FurrowCore
import FurrowDomain
import FurrowStore
import FurrowTestSupport
import Testing

/// Invited attendees see their meetings, recurring activities are listed and reminded per
/// occurrence, and whoever works an activity sees whom it is for (defects 3, 4 and 6).
@Suite("Attendees and occurrences")
struct AttendeesAndOccurrencesTests {
    @Test("an invited user sees the meeting on their calendar, in My activities and their feed, marked as invited, and cannot change it",
          arguments: TestWorld.engines)
    func invited(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        // given: a seller in one team invites a technician of another team to a meeting tomorrow
        let one = try await world.makeTeam("One"), two = try await world.makeTeam("Two")
        let seller = try await world.makeUser(.sales, team: one), technician = try await world.makeUser(.service, team: two)
        let now = world.env.clock.now()
        let meeting = try await ActivityService(world.env).create(.init(
            kind: .appointment, subject: "Site survey", startAt: now.addingTimeInterval(86400), endAt: now.addingTimeInterval(90000),
            attendees: [Attendee(.user, technician.userId.uuid)]), by: seller)
        // then
        let calendar = try await CalendarService(world.env).entries(from: now, to: now.addingTimeInterval(7 * 86400), ownerId: technician.userId,
                                                                   by: technician)
        #expect(calendar.entries.map(\.title) == ["Site survey"])
        #expect(calendar.entries.first?.invited == true)
        let mine = try await ActivityService(world.env).mine(by: technician)
        #expect(mine.upcoming.map(\.id) == [meeting.id])
        #expect(try await ActivityService(world.env).get(meeting.id, by: technician).subject == "Site survey")
        await #expect(throws: CoreError.self) {
            _ = try await ActivityService(world.env).cancel(meeting.id, by: technician)
        }
        let token = try await CalendarService(world.env).feedToken(by: technician)
        let feed = try #require(try await CalendarService(world.env).feed(token: token))
        #expect(feed.activities.map(\.id) == [meeting.id])
        // and the seller's own calendar does not mark it as invited
        let own = try await CalendarService(world.env).entries(from: now, to: now.addingTimeInterval(7 * 86400), ownerId: seller.userId, by: seller)
        #expect(own.entries.first?.invited == false)
    }

    @Test("a weekly meeting begun weeks ago is listed at its next occurrence, and its reminder comes before each one", arguments: TestWorld.engines)
    func occurrences(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let now = world.env.clock.now()  // Wednesday 2026-11-18 11:06:40 UTC
        let first = try #require(Timestamp.date("2026-11-04T15:00:00Z"))   // two Wednesdays ago, 15:00
        let meeting = try await ActivityService(world.env).create(.init(
            kind: .appointment, subject: "Weekly review", startAt: first, endAt: first.addingTimeInterval(3600),
            reminderAt: first.addingTimeInterval(-900), recurrence: Recurrence(frequency: .weekly)), by: world.admin)
        // then: today's occurrence, not overdue
        let mine = try await ActivityService(world.env).mine(by: world.admin)
        #expect(mine.overdue.isEmpty)
        #expect(mine.today.map(\.id) == [meeting.id])
        #expect(mine.today.first?.startAt == Timestamp.date("2026-11-18T15:00:00Z"))
        // when: the reminder fires (its first was long due), it moves to the next occurrence
        #expect(try await ReminderService(world.env).fireDueReminders() == 1)
        let moved = try await world.store.read { try await $0.activity(id: meeting.id) }
        #expect(moved?.reminderAt == Timestamp.date("2026-11-11T14:45:00Z"))
        #expect(moved?.remindedAt == nil)
        // and fires again for that one, and so on until the occurrence ahead
        #expect(try await ReminderService(world.env).fireDueReminders() == 1)
        #expect(try await ReminderService(world.env).fireDueReminders() == 0)
        world.clock.advance(by: Timestamp.date("2026-11-18T14:46:00Z")!.timeIntervalSince(now))
        #expect(try await ReminderService(world.env).fireDueReminders() == 1)
        #expect(try await world.store.read { try await $0.activity(id: meeting.id) }?.reminderAt == Timestamp.date("2026-11-25T14:45:00Z"))
    }

    @Test("a technician sent to another team's customer sees its name and phone, but cannot open it", arguments: TestWorld.engines)
    func regardingCard(engine: Engine) async throws {
        let world = try await TestWorld.make(engine)
        defer { Task { await world.close() } }
        let one = try await world.makeTeam("One"), two = try await world.makeTeam("Two")
        let seller = try await world.makeUser(.sales, team: one), technician = try await world.makeUser(.service, team: two)
        let customer = try await AccountService(world.env).create(AccountFields(name: "Harbour Logistics", phone: "+44 117 496 0300"),
                                                                  ownerId: seller.userId, by: world.admin)
        let visit = try await ActivityService(world.env).create(.init(
            kind: .serviceVisit, subject: "Annual service", regarding: Regarding(.account, customer.id.uuid), ownerId: technician.userId,
            startAt: world.env.clock.now().addingTimeInterval(86400), endAt: world.env.clock.now().addingTimeInterval(90000)), by: world.admin)
        let card = try #require(try await ActivityService(world.env).regardingCard(of: visit, by: technician))
        #expect(card.name == "Harbour Logistics" && card.phone == "+44 117 496 0300" && !card.canOpen)
        await #expect(throws: CoreError.self) { _ = try await AccountService(world.env).get(customer.id, by: technician) }
        // someone neither seeing the account nor working the visit learns nothing
        let stranger = try await world.makeUser(.sales, team: two)
        #expect(try await ActivityService(world.env).regardingCard(of: visit, by: stranger) == nil)
    }
}
