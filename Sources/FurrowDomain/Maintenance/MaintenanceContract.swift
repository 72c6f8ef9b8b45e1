import Foundation

/// An annual maintenance contract (SPEC §7, seed 002 rules 40–43): service visits on a
/// customer's sold items or invoiced lines, at a frequency, for a number of months.
public struct MaintenanceContract: Sendable, Equatable {
    public typealias ID = Identifier<MaintenanceContract>

    public enum Status: String, Sendable, CaseIterable {
        case draft, active, expired, renewed, cancelled

        /// The moves a contract may make, declared once.
        public static let transitions: [Status: Set<Status>] = [
            .draft: [.active, .cancelled],
            .active: [.expired, .renewed, .cancelled],
            .expired: [.renewed],
            .renewed: [],
            .cancelled: [],
        ]

        public func canMove(to next: Status) -> Bool { Self.transitions[self]?.contains(next) == true }
        /// Whether visits are still generated and kept open for it.
        public var isLive: Bool { self == .active }
    }

    public enum Frequency: String, Sendable, CaseIterable {
        case monthly, quarterly, halfYearly, yearly, everyNDays

        /// Months between visits; nil for a number of days.
        public var months: Int? {
            switch self {
            case .monthly: 1
            case .quarterly: 3
            case .halfYearly: 6
            case .yearly: 12
            case .everyNDays: nil
            }
        }
    }

    public enum Billing: String, Sendable, CaseIterable { case upfront, perPeriod }

    /// What a contract covers: a sold serialised product, or a line of an invoice.
    public enum CoveredItem: Sendable, Hashable {
        case product(Product.ID)
        case invoiceLine(Invoice.ID, line: Int)

        /// `product:<id>` or `invoice:<id>:<line>` (the line counted from 0), as stored.
        public var key: String {
            switch self {
            case .product(let id): "product:" + id.string
            case .invoiceLine(let id, let line): "invoice:\(id.string):\(line)"
            }
        }

        public init?(key: some StringProtocol) {
            let pieces = String(key).split(separator: ":").map(String.init)
            switch (pieces.first, pieces.count) {
            case ("product", 2):
                guard let id = Product.ID(pieces[1]) else { return nil }
                self = .product(id)
            case ("invoice", 3):
                guard let id = Invoice.ID(pieces[1]), let line = Int(pieces[2]), (0..<10_000).contains(line) else { return nil }
                self = .invoiceLine(id, line: line)
            default: return nil
            }
        }
    }

    public var id: ID
    public var number: String?
    public var accountId: Account.ID
    public var contactId: Contact.ID?
    public var items: [CoveredItem]
    public var startDate: Day
    public var durationMonths: Int
    public var frequency: Frequency
    /// The days between visits for `everyNDays`.
    public var everyNDays: Int?
    public var visitMinutes: Int
    public var value: Money
    public var billing: Billing
    public var slaResponseHours: Int?
    public var technicianIds: [User.ID]
    public var terms: String?
    public var status: Status
    public var cancelReason: String?
    public var renewedFromId: ID?
    public var renewedToId: ID?
    /// The draft quote made for the customer when this contract was renewed into being.
    public var renewalQuoteId: Quote.ID?
    public var ownership: Ownership
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: ID, accountId: Account.ID, items: [CoveredItem], startDate: Day, durationMonths: Int, frequency: Frequency,
                everyNDays: Int? = nil, visitMinutes: Int = 60, value: Money, billing: Billing = .upfront, technicianIds: [User.ID],
                status: Status = .draft, ownership: Ownership, version: Int = 1, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.accountId = accountId
        self.items = items
        self.startDate = startDate
        self.durationMonths = durationMonths
        self.frequency = frequency
        self.everyNDays = everyNDays
        self.visitMinutes = visitMinutes
        self.value = value
        self.billing = billing
        self.technicianIds = technicianIds
        self.status = status
        self.ownership = ownership
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The last day it covers: the day before the same date `durationMonths` later.
    public var endDate: Day { Calendarless.adding(months: durationMonths, to: startDate).adding(days: -1) }

    /// The status as it stands on `today`: an active contract past its end has expired.
    public func status(on today: Day) -> Status { status == .active && today > endDate ? .expired : status }
}

/// Month arithmetic on `Day`s without a calendar object: the same day of the month, or the last
/// day of a shorter month (31 January + 1 month = 28 or 29 February).
public enum Calendarless {
    /// The first and last day of the month a day falls in (a report's default period).
    public static func month(of day: Day) -> ClosedRange<Day> {
        let (year, month, _) = Day.civil(day.ordinal)
        let first = Day(year: year, month: month, day: 1)
        return first...adding(months: 1, to: first).adding(days: -1)
    }

    /// Any number of months is held to ±10⁶ years' worth first, so the arithmetic never overflows.
    public static func adding(months: Int, to day: Day) -> Day {
        let months = max(-12_000_000, min(12_000_000, months))
        let (year, month, date) = Day.civil(day.ordinal)
        let total = year * 12 + (month - 1) + months
        let newYear = total / 12, newMonth = total % 12 + 1
        return Day(year: newYear, month: newMonth, day: min(date, Day.length(month: newMonth, year: newYear)))
    }

    /// ISO weekday of a day: 1 Monday … 7 Sunday.
    public static func weekday(_ day: Day) -> Int {
        (day.ordinal % 7 + 7 + 3) % 7 + 1   // day 0, 1970-01-01, was a Thursday
    }
}

extension MaintenanceContract {
    /// The contract as entered, or every field error at once: a duration of 1 to 120 months, a
    /// start in the supported years, a number of days for `everyNDays` (1–366), a visit of 15
    /// minutes to 8 hours, a value from 0 within `Bounds`, SLA hours from 1 to 720, each
    /// technician once, terms of at most 5,000 characters.
    public func validated() throws(ValidationError) -> MaintenanceContract {
        var errors: [FieldError] = []
        if !(1...120).contains(durationMonths) {
            errors.append(FieldError("durationMonths", "must be from 1 to 120"))
        } else if !Bounds.years.contains(startDate.year) || !Bounds.years.contains(endDate.year) {
            errors.append(FieldError("startDate", Bounds.dateMessage))
        }
        if frequency == .everyNDays {
            if !(1...366).contains(everyNDays ?? 0) { errors.append(FieldError("everyNDays", "must be from 1 to 366 with frequency everyNDays")) }
        } else if everyNDays != nil {
            errors.append(FieldError("everyNDays", "is only for frequency everyNDays"))
        }
        if !(15...480).contains(visitMinutes) { errors.append(FieldError("visitMinutes", "must be from 15 to 480")) }
        if value.minorUnits < 0 { errors.append(FieldError("value", "must not be negative")) }
        if value.minorUnits > Bounds.maxMinorUnits(value.currency) { errors.append(FieldError("value", "must be at most \(Bounds.maxAmountText(value.currency))")) }
        if let hours = slaResponseHours, !(1...720).contains(hours) { errors.append(FieldError("slaResponseHours", "must be from 1 to 720")) }
        if Set(technicianIds).count != technicianIds.count { errors.append(FieldError("technicianIds", "names a technician twice")) }
        if Set(items).count != items.count { errors.append(FieldError("items", "names an item twice")) }
        var contract = self
        contract.terms = terms?.trimmedSpaces()
        if let text = contract.terms, text.count > 5000 { errors.append(FieldError("terms", "must be at most 5000 characters")) }
        if contract.terms?.isEmpty == true { contract.terms = nil }
        if !errors.isEmpty { throw ValidationError(errors) }
        return contract
    }
}

/// What stops a contract's move (`409` problems).
public enum ContractError: Error, Sendable, Equatable {
    case illegalMove(from: MaintenanceContract.Status, to: MaintenanceContract.Status)
    case noTechnicians
    /// A draft or cancelled contract is not billed.
    case notBillable(MaintenanceContract.Status)
    /// Every billing period has its invoice already.
    case allPeriodsBilled
}

extension MaintenanceContract {
    /// The periods it is billed for: the whole contract up front, or each service period (from
    /// one due day to the day before the next) with its share of the value, the cents left over
    /// going to the first periods so the shares add up to the value exactly.
    public func billingPeriods() -> [(from: Day, to: Day, amount: Money)] {
        guard billing == .perPeriod else { return [(startDate, endDate, value)] }
        let due = VisitSchedule.dueDays(start: startDate, end: endDate, frequency: frequency, everyNDays: everyNDays)
        guard !due.isEmpty else { return [(startDate, endDate, value)] }
        let count = Int64(due.count), share = value.minorUnits / count, left = value.minorUnits - share * count
        return due.indices.map { index in
            let to = index + 1 < due.count ? due[index + 1].adding(days: -1) : endDate
            return (due[index], to, Money(minorUnits: share + (Int64(index) < left ? 1 : 0), currency: value.currency))
        }
    }

    /// The next contract of a renewal: the day after this one ends, the same terms and items,
    /// for `months` (default the same) at `value` (default the same).
    public func renewal(id: ID, months: Int?, value: Money?, at now: Date, by owner: Ownership) -> MaintenanceContract {
        var next = self
        next.id = id
        next.number = nil
        next.startDate = endDate.adding(days: 1)
        next.durationMonths = months ?? durationMonths
        next.value = value ?? self.value
        next.status = .draft
        next.cancelReason = nil
        next.renewedFromId = self.id
        next.renewedToId = nil
        next.renewalQuoteId = nil
        next.ownership = owner
        next.version = 1
        next.createdAt = now
        next.updatedAt = now
        return next
    }
}
