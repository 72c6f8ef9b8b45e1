import Foundation

/// When a version of a budget locks: at the end of the day it was created on, in the company's
/// time zone (rules 26 and 29). A day of 23 or 25 hours (a daylight-saving change) ends at its
/// own midnight.
public enum BudgetLock {
    public static func lockedAt(_ created: Date, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let start = calendar.startOfDay(for: created)
        return calendar.date(byAdding: .day, value: 1, to: start) ?? created.addingTimeInterval(86_400)
    }
}

/// What saving an edit did: the latest version changed in place, or a correction was added.
public enum BudgetEdit: Sendable, Equatable {
    case inPlace(Int)
    case correction(Int)
}

extension Budget {
    /// The instant a version locks.
    public func lockedAt(_ number: Int, in zone: TimeZone) -> Date { BudgetLock.lockedAt(versions[number].createdAt, in: zone) }

    public func isLocked(_ number: Int, at now: Date, in zone: TimeZone) -> Bool { now >= lockedAt(number, in: zone) }

    /// Whether the periods of two master budgets share a day (both ends count).
    public static func overlaps(_ a: ClosedRange<Day>, _ b: ClosedRange<Day>) -> Bool {
        a.lowerBound <= b.upperBound && b.lowerBound <= a.upperBound
    }

    /// Saves an edit made by `user` at `now` (rules 26–30). While the master is the only version
    /// and has not locked, everything changes in place, dates too. After that the dates stay
    /// (`datesLocked`) and the numbers go into the latest correction while it is unlocked and
    /// its author's, or else into a new correction: one person never overwrites another's
    /// correction, and nothing locked is rewritten.
    public mutating func edit(from: Day, to: Day, lines: [BudgetLine], by user: User.ID, at now: Date,
                              in zone: TimeZone) throws(BudgetError) -> BudgetEdit {
        let latest = versions.count - 1
        if latest == 0 && !isLocked(0, at: now, in: zone) {
            versions[0].from = from
            versions[0].to = to
            versions[0].lines = lines
            versions[0].updatedAt = now
            updatedAt = now
            return .inPlace(0)
        }
        guard from == self.from && to == self.to else { throw .datesLocked }
        if latest > 0 && !isLocked(latest, at: now, in: zone) && versions[latest].createdBy == user {
            versions[latest].lines = lines
            versions[latest].updatedAt = now
            updatedAt = now
            return .inPlace(latest)
        }
        versions.append(BudgetVersion(number: latest + 1, from: self.from, to: self.to, lines: lines, createdAt: now, createdBy: user,
                                      updatedAt: now))
        updatedAt = now
        return .correction(latest + 1)
    }

    /// Whether the whole budget may be deleted: a master with no corrections, before it locks.
    public func checkDeletable(at now: Date, in zone: TimeZone) throws(BudgetError) {
        guard versions.count == 1, !isLocked(0, at: now, in: zone) else { throw .locked }
    }

    /// Deletes correction `number`: the latest one, before it locks.
    public mutating func deleteCorrection(_ number: Int, at now: Date, in zone: TimeZone) throws(BudgetError) {
        guard number > 0, number == versions.count - 1 else { throw number > 0 && number < versions.count ? .notLatest : .locked }
        guard !isLocked(number, at: now, in: zone) else { throw .locked }
        versions.removeLast()
        updatedAt = now
    }

    /// What version `number` changed from the one before it, line by line.
    public func changes(of number: Int) -> [BudgetLineChange] {
        guard number > 0, number < versions.count else { return [] }
        let before = versions[number - 1], after = versions[number]
        var ids = before.lines.map(\.budgetActivityId)
        for line in after.lines where !ids.contains(line.budgetActivityId) { ids.append(line.budgetActivityId) }
        return ids.compactMap { id in
            let old = before.line(id), new = after.line(id)
            guard old != new else { return nil }
            return BudgetLineChange(budgetActivityId: id, incomeBefore: old?.income, incomeAfter: new?.income,
                                    costBefore: old?.cost, costAfter: new?.cost)
        }
    }
}

/// How one budget activity's numbers differ between a version and the one before it (nil: no line).
public struct BudgetLineChange: Sendable, Equatable {
    public let budgetActivityId: BudgetActivity.ID
    public let incomeBefore: Money?
    public let incomeAfter: Money?
    public let costBefore: Money?
    public let costAfter: Money?

    public init(budgetActivityId: BudgetActivity.ID, incomeBefore: Money?, incomeAfter: Money?, costBefore: Money?, costAfter: Money?) {
        self.budgetActivityId = budgetActivityId
        self.incomeBefore = incomeBefore
        self.incomeAfter = incomeAfter
        self.costBefore = costBefore
        self.costAfter = costAfter
    }
}

/// A budget's fields as entered, checked into lines in the budget's currency.
public struct BudgetDraft: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var budgetActivityId: BudgetActivity.ID?
        public var income: Money?
        public var cost: Money?
        public init(budgetActivityId: BudgetActivity.ID?, income: Money?, cost: Money?) {
            self.budgetActivityId = budgetActivityId
            self.income = income
            self.cost = cost
        }
    }

    public var from: Day?
    public var to: Day?
    public var currency: Currency
    public var lines: [Line]

    public init(from: Day?, to: Day?, currency: Currency, lines: [Line]) {
        self.from = from
        self.to = to
        self.currency = currency
        self.lines = lines
    }

    /// The longest period a budget covers, in days: ten years (a by-month table stays 120 rows per activity).
    public static let longestPeriod = 3_653

    /// The period and lines, or every field error at once: dates present and in order, at most ten years, at least
    /// one line, each activity once, amounts from zero within `Bounds` in the budget's currency.
    public func validated() throws(ValidationError) -> (from: Day, to: Day, lines: [BudgetLine]) {
        var errors: [FieldError] = []
        if from == nil { errors.append(FieldError("from", "is required")) }
        if to == nil { errors.append(FieldError("to", "is required")) }
        for (field, day) in [("from", from), ("to", to)] {
            if let day, !Bounds.years.contains(day.year) { errors.append(FieldError(field, Bounds.dateMessage)) }
        }
        if let from, let to, to < from { errors.append(FieldError("to", "must be on or after from (\(from))")) }
        if let from, let to, to.ordinal - from.ordinal > Self.longestPeriod {
            errors.append(FieldError("to", "must be at most 10 years after from: a budget covers at most 10 years"))
        }
        if lines.isEmpty { errors.append(FieldError("lines", "needs at least one budget activity")) }
        if lines.count > Bounds.maxLines { errors.append(FieldError("lines", "may have at most \(Bounds.maxLines) lines")) }
        var seen = Set<BudgetActivity.ID>(), result: [BudgetLine] = []
        let zero = Money(minorUnits: 0, currency: currency), largest = Bounds.maxMinorUnits(currency)
        for (index, line) in lines.enumerated() {
            let prefix = "lines[\(index)]."
            guard let id = line.budgetActivityId else {
                errors.append(FieldError(prefix + "budgetActivityId", "is required"))
                continue
            }
            if !seen.insert(id).inserted { errors.append(FieldError(prefix + "budgetActivityId", "is already on another line")) }
            for (field, amount) in [("income", line.income), ("cost", line.cost)] {
                guard let amount else { continue }
                if amount.currency != currency { errors.append(FieldError(prefix + field, "must be in \(currency.code), the budget's currency")) }
                if amount.minorUnits < 0 { errors.append(FieldError(prefix + field, "must not be negative")) }
                if amount.minorUnits > largest { errors.append(FieldError(prefix + field, "must be at most \(Bounds.maxAmountText(currency))")) }
            }
            result.append(BudgetLine(budgetActivityId: id, income: line.income ?? zero, cost: line.cost ?? zero))
        }
        guard errors.isEmpty, let from, let to else { throw ValidationError(errors) }
        return (from, to, result)
    }
}
