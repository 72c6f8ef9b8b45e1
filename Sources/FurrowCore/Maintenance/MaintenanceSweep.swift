import Foundation
import FurrowDomain

/// The maintenance worker's rounds (rule 43): active contracts past their end become `expired`;
/// a visit still open after its end is escalated to the contract's owner and their manager; the
/// owner is reminded of a renewal `renewalReminderDays` (default 30) and again 7 days before the end. Each notice goes out
/// once however many servers run (a unique key per notice, claimed in the same transaction as it
/// is written), in-app and by email through the outbox.
public struct MaintenanceSweep: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    /// The days before the end a renewal reminder goes out: the setting's, and 7.
    public static func reminderDays(_ settings: Settings) -> [Int] { Array(Set([settings.renewalReminderDays, 7])).sorted(by: >) }

    public struct Result: Sendable, Equatable {
        public var expired = 0, escalated = 0, reminded = 0
        public init() {}
    }

    @discardableResult
    public func run(limit: Int = 500) async throws -> Result {
        let now = env.clock.now()
        return try await env.store.write { session in
            var result = Result()
            let settings = Settings(try await session.settings())
            let today = settings.today(now), reminderDays = Self.reminderDays(settings)
            for contract in try await session.activeContracts(limit: limit) {
                if contract.status(on: today) == .expired {
                    var expired = contract
                    expired.status = .expired
                    expired.version += 1
                    expired.updatedAt = now
                    if try await session.updateContract(expired, over: contract) {
                        try await session.audit(env, entity: MaintenanceContract.entity, id: contract.id.uuid, action: "expire", actor: nil,
                                                changes: [FieldChange(field: "status", old: "active", new: "expired")])
                        result.expired += 1
                    }
                    continue
                }
                let left = contract.endDate.ordinal - today.ordinal
                // the nearest threshold reached; a 7-day reminder also stands for a 30-day one not sent
                guard let days = reminderDays.filter({ left <= $0 }).min() else { continue }
                for threshold in reminderDays where threshold >= days {
                    let first = try await session.claimNotice("renewal-\(threshold):\(contract.id)", at: now)
                    guard first, threshold == days else { continue }
                    let message = "Maintenance contract \(contract.number ?? "") ends on \(contract.endDate) (in \(left) day\(left == 1 ? "" : "s")): renew it?"
                    try await notify([contract.ownership.ownerId], message, link: "/amc-contracts/\(contract.id)", about: contract.id.uuid, session, now)
                    result.reminded += 1
                }
            }
            for visit in try await session.overdueVisits(before: now, visibleTo: nil, limit: limit) {
                guard case .contract? = visit.regarding?.kind, let contractId = visit.regarding.map({ MaintenanceContract.ID($0.id) }),
                      let contract = try await session.contract(id: contractId, locked: false),
                      try await session.claimNotice("overdue:\(visit.id)", at: now) else { continue }
                var people = [contract.ownership.ownerId]
                if let team = contract.ownership.teamId, let manager = try await session.team(id: team)?.managerId, !people.contains(manager) {
                    people.append(manager)
                }
                let message = "Overdue visit: \(visit.subject) was due to end \(Self.local(visit.endAt ?? now, settings.zone)) and is still open."
                try await notify(people, message, link: "/activities/\(visit.id)", about: visit.id.uuid, session, now)
                result.escalated += 1
            }
            return result
        }
    }

    func notify(_ users: [User.ID], _ message: String, link: String, about id: UUID, _ session: any StoreSession, _ now: Date) async throws {
        for userId in users {
            try await session.insertNotification(NotificationRecord(id: env.ids.next(), userId: userId, message: message, link: link, createdAt: now))
            if let user = try await session.user(id: userId), user.active {
                try await session.insertEmail(OutboxEmail(id: env.ids.next(), to: user.email, subject: message, body: message + "\n",
                                                          nextAttemptAt: now, createdAt: now, relatedEntity: "contract", relatedId: id))
            }
        }
    }

    static func local(_ date: Date, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
