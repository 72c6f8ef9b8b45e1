import Foundation
import FurrowDomain

/// One group of service visits the store counted: a technician's visits at one customer in one
/// state (`late`: still open after their end), with how many were rated and the ratings' sum.
public struct ServiceVisitCount: Sendable, Equatable {
    public let technicianId: User.ID
    public let accountId: Account.ID
    public let status: Activity.Status
    public let late: Bool
    public let count: Int
    public let rated: Int
    public let ratingSum: Int

    public init(technicianId: User.ID, accountId: Account.ID, status: Activity.Status, late: Bool, count: Int, rated: Int, ratingSum: Int) {
        self.technicianId = technicianId
        self.accountId = accountId
        self.status = status
        self.late = late
        self.count = count
        self.rated = rated
        self.ratingSum = ratingSum
    }
}

/// The service report (SPEC §7, seed 002): in a period, the visits due, done and overdue per
/// technician and per customer with the completion rate and average rating, and the renewals due
/// in the next 30, 60 and 90 days with their value per currency.
public struct ServiceReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let id: UUID?
        public let name: String
        /// Visits planned in the period (not cancelled).
        public var due = 0
        public var done = 0
        /// Still open after their end.
        public var overdue = 0
        /// Still open, their end not yet past.
        public var upcoming = 0
        public var rated = 0
        public var ratingSum = 0

        public init(id: UUID?, name: String) {
            self.id = id
            self.name = name
        }

        /// Done out of those whose time has come (done + overdue), in percent to one decimal.
        public var completionPercent: Decimal? { ReportService.percent(done, of: done + overdue) }
        /// The average customer rating, to one decimal.
        public var averageRating: Decimal? {
            guard rated > 0 else { return nil }
            return ReportService.oneDecimal(Decimal(ratingSum) / Decimal(rated))
        }

        mutating func add(_ count: ServiceVisitCount) {
            switch (count.status, count.late) {
            case (.cancelled, _): return
            case (.completed, _): done += count.count
            case (.open, true): overdue += count.count
            case (.open, false): upcoming += count.count
            }
            due += count.count
            rated += count.rated
            ratingSum += count.ratingSum
        }
    }

    /// Active contracts ending within `days` days from today (and after the previous bucket).
    public struct Renewals: Sendable, Equatable {
        public let days: Int
        public var count = 0
        public var totals: [MoneyTotal] = []
    }

    public let from: Day
    public let to: Day
    public let total: Row
    public let technicians: [Row]
    public let customers: [Row]
    public let renewals: [Renewals]
}

extension ContractService {
    /// The longest period the service report covers.
    public static let reportMaxDays = 3660

    /// The service report for the visits that start from `from` to `to` (company days, both
    /// included) the caller may see: their own or their teams' visits, and the visits of the
    /// contracts they own or whose team they see.
    public func report(from: Day, to: Day, by principal: Principal) async throws -> ServiceReport {
        guard from <= to else { throw ValidationError([FieldError("to", "must not be before from")]) }
        guard to.ordinal - from.ordinal < Self.reportMaxDays else { throw ValidationError([FieldError("to", "must be within ten years of from")]) }
        return try await env.reading(by: principal) { transaction in
            let settings = try await transaction.settings(), now = env.clock.now(), today = settings.today(now)
            let counts = try await transaction.session.serviceVisitCounts(from: settings.instant(from), to: settings.instant(to.adding(days: 1)),
                                                                         now: now, visibleTo: principal)
            let users = Dictionary(try await transaction.session.users().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            let accounts = try await transaction.session.accountNames(Array(Set(counts.map(\.accountId))))
            var total = ServiceReport.Row(id: nil, name: "All visits")
            var technicians: [User.ID: ServiceReport.Row] = [:], customers: [Account.ID: ServiceReport.Row] = [:]
            for count in counts {
                total.add(count)
                technicians[count.technicianId, default: .init(id: count.technicianId.uuid, name: users[count.technicianId] ?? "Unknown user")].add(count)
                customers[count.accountId, default: .init(id: count.accountId.uuid, name: accounts[count.accountId] ?? "Unknown account")].add(count)
            }
            func sorted(_ rows: some Collection<ServiceReport.Row>) -> [ServiceReport.Row] {
                rows.filter { $0.due > 0 }.sorted { ($0.name.lowercased(), $0.id?.uuidString ?? "") < ($1.name.lowercased(), $1.id?.uuidString ?? "") }
            }
            var renewals = [30, 60, 90].map { ServiceReport.Renewals(days: $0) }
            for contract in try await transaction.session.contracts(of: nil, visibleTo: principal, limit: 1000)
            where contract.status(on: today) == .active && contract.endDate >= today {
                guard let index = renewals.firstIndex(where: { contract.endDate <= today.adding(days: $0.days) }) else { continue }
                renewals[index].count += 1
                if let at = renewals[index].totals.firstIndex(where: { $0.currency == contract.value.currency }) {
                    renewals[index].totals[at].minorUnits += Int128(contract.value.minorUnits)
                } else {
                    renewals[index].totals.append(MoneyTotal(contract.value))
                }
            }
            for index in renewals.indices { renewals[index].totals.sort { $0.currency.code < $1.currency.code } }
            return ServiceReport(from: from, to: to, total: total, technicians: sorted(technicians.values), customers: sorted(customers.values),
                                 renewals: renewals)
        }
    }
}
