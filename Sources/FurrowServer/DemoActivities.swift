import Foundation
import FurrowCore
import FurrowDomain

/// The demo company's diary: calls logged, meetings and a service visit booked, a weekly
/// stand-up, an overdue task, reminders, and the follow-up rule switched on.
enum DemoActivities {
    static func load(_ env: CoreEnvironment, people: [String: Principal], accounts: [String: Account], admin: Principal) async throws {
        let service = ActivityService(env)
        let sam = people["sam@demo.furrow.test"]!, tess = people["tess@demo.furrow.test"]!, nora = people["nora@demo.furrow.test"]!
        let zone = TimeZone(identifier: "Europe/London")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let today = calendar.startOfDay(for: env.clock.now())
        func at(_ days: Int, _ hour: Int, _ minute: Int = 0) -> Date {
            calendar.date(bySettingHour: hour, minute: minute, second: 0, of: calendar.date(byAdding: .day, value: days, to: today)!)!
        }
        func on(_ name: String) -> Regarding { Regarding(.account, accounts[name]!.id.uuid) }
        let deals = try await OpportunityService(env).list(ListQuery(limit: 50, filters: [Filter("status", .eq, ["inProgress"])]), by: admin)

        let call = try await service.create(.init(kind: .phoneCall, subject: "Budget check with the estate manager", regarding: on("Acme Field Services"),
                                                  dueAt: at(-2, 10)), by: sam)
        _ = try await service.complete(call.id, outcome: "Budget approved for the tractor; delivery before spring.", by: sam)
        _ = try await service.create(.init(kind: .task, subject: "Send the revised spec sheet", regarding: on("Greenway Farms"), dueAt: at(-1, 17)),
                                     by: sam)
        _ = try await service.create(.init(kind: .appointment, subject: "Demo of the irrigation controller", description: "Bring the 40-zone unit.",
                                           regarding: on("Greenway Farms"), startAt: at(1, 10), endAt: at(1, 11, 30), location: "Greenway Farms, Wetherby",
                                           reminderAt: at(1, 9)), by: sam)
        _ = try await service.create(.init(kind: .serviceVisit, subject: "Sensor recalibration", regarding: on("Harbour Logistics"), ownerId: tess.userId,
                                           startAt: at(2, 8), endAt: at(2, 12), location: "Harbour Logistics, Bristol depot"), by: admin)
        _ = try await service.create(.init(kind: .email, subject: "Confirm handover date", regarding: on("Acme Field Services"), dueAt: at(0, 15)), by: sam)
        if let deal = deals.first {
            _ = try await service.create(.init(kind: .appointment, subject: "Negotiation: \(deal.fields.name)", regarding: Regarding(.opportunity, deal.id.uuid),
                                               ownerId: deal.ownership.ownerId, startAt: at(3, 14), endAt: at(3, 15)), by: admin)
        }
        _ = try await service.create(.init(kind: .appointment, subject: "Team pipeline stand-up", startAt: at(-7, 9), endAt: at(-7, 9, 20),
                                           attendees: [Attendee(.user, sam.userId.uuid), Attendee(.user, nora.userId.uuid)],
                                           recurrence: Recurrence(frequency: .weekly, byDay: ["MO", "TH"])), by: nora)
        _ = try await SettingsService(env).update({ settings in
            settings.followUpDays = 7
            settings.calendarStates = ["inProgress", "won"]
        }, by: admin)
    }
}
