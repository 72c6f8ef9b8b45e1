import Foundation

/// Budget vs actual (rule 20): per budget activity (and month), what the budget's current version
/// says against the income and cost booked on the tasks of its object inside its period.
public struct VersusActual: Sendable, Equatable {
    public enum Grouping: String, Sendable, CaseIterable { case activity, month }

    /// An entry of a task of the budget's object, with the task's budget activity and creation day.
    public struct Entry: Sendable, Equatable {
        public let budgetActivityId: BudgetActivity.ID
        public let kind: TaskEntry.Kind
        public let amount: Money
        public let date: Day
        public let taskCreated: Day
        public init(budgetActivityId: BudgetActivity.ID, kind: TaskEntry.Kind, amount: Money, date: Day, taskCreated: Day) {
            self.budgetActivityId = budgetActivityId
            self.kind = kind
            self.amount = amount
            self.date = date
            self.taskCreated = taskCreated
        }
    }

    public struct Row: Sendable, Equatable {
        public let budgetActivityId: BudgetActivity.ID
        /// `2026-11` when grouped by month.
        public let month: String?
        public let budgetedIncome: Money
        public let budgetedCost: Money
        public let actualIncome: Money
        public let actualCost: Money

        public var incomeVariance: Money { Money(minorUnits: actualIncome.minorUnits - budgetedIncome.minorUnits, currency: actualIncome.currency) }
        public var costVariance: Money { Money(minorUnits: actualCost.minorUnits - budgetedCost.minorUnits, currency: actualCost.currency) }
        /// Actual as a percentage of budgeted, one decimal (`"62.5"`); nil when nothing was budgeted.
        public var incomeConsumed: String? { VersusActual.percent(actualIncome, of: budgetedIncome) }
        public var costConsumed: String? { VersusActual.percent(actualCost, of: budgetedCost) }
    }

    /// Entries in another currency than the budget's, summed per activity, kind and currency:
    /// shown apart, never added in.
    public struct Unconverted: Sendable, Equatable {
        public let budgetActivityId: BudgetActivity.ID
        public let kind: TaskEntry.Kind
        public let amount: Money
        public init(budgetActivityId: BudgetActivity.ID, kind: TaskEntry.Kind, amount: Money) {
            self.budgetActivityId = budgetActivityId
            self.kind = kind
            self.amount = amount
        }
    }

    public let rows: [Row]
    public let total: Row?
    public let unconverted: [Unconverted]

    /// The table for `budget` (its current version) and the entries of its object's tasks.
    /// Entries count on their own date or their task's creation day, as the two settings say,
    /// when that day is inside the budget's period. Grouped by month, each activity's budgeted
    /// amounts are spread over the period's months by their days, the cents left over going to
    /// the earliest months, so the months add up to the budget exactly.
    public static func compute(_ budget: Budget, entries: [Entry], costDating: BudgetDating, incomeDating: BudgetDating,
                               grouping: Grouping) -> VersusActual {
        let currency = budget.currency, period = budget.from...budget.to
        var actual: [Key: (income: Int128, cost: Int128)] = [:]
        var unconverted: [UnconvertedKey: Int128] = [:]
        var activities = budget.current.lines.map(\.budgetActivityId)
        for entry in entries {
            let dating = entry.kind == .income ? incomeDating : costDating
            let day = dating == .entryDate ? entry.date : entry.taskCreated
            guard period.contains(day) else { continue }
            if !activities.contains(entry.budgetActivityId) { activities.append(entry.budgetActivityId) }
            guard entry.amount.currency == currency else {
                unconverted[UnconvertedKey(activity: entry.budgetActivityId, kind: entry.kind, currency: entry.amount.currency), default: 0]
                    += Int128(entry.amount.minorUnits)
                continue
            }
            let key = Key(activity: entry.budgetActivityId, month: grouping == .month ? Self.month(day) : nil)
            var sums = actual[key] ?? (0, 0)
            if entry.kind == .income { sums.income += Int128(entry.amount.minorUnits) } else { sums.cost += Int128(entry.amount.minorUnits) }
            actual[key] = sums
        }
        let months = grouping == .month ? Self.months(in: period) : [(nil, period.upperBound.ordinal - period.lowerBound.ordinal + 1)]
        let totalDays = Int128(period.upperBound.ordinal - period.lowerBound.ordinal + 1)
        var rows: [Row] = []
        for activity in activities {
            let line = budget.current.line(activity)
            let incomes = Self.spread(Int128(line?.income.minorUnits ?? 0), over: months.map { Int128($0.days) }, total: totalDays)
            let costs = Self.spread(Int128(line?.cost.minorUnits ?? 0), over: months.map { Int128($0.days) }, total: totalDays)
            for (index, month) in months.enumerated() {
                let sums = actual[Key(activity: activity, month: month.name)] ?? (0, 0)
                rows.append(Row(budgetActivityId: activity, month: month.name, budgetedIncome: money(incomes[index], currency),
                                budgetedCost: money(costs[index], currency), actualIncome: money(sums.income, currency),
                                actualCost: money(sums.cost, currency)))
            }
        }
        let total = rows.isEmpty ? nil : Row(
            budgetActivityId: rows[0].budgetActivityId, month: nil,
            budgetedIncome: money(rows.reduce(0) { $0 + Int128($1.budgetedIncome.minorUnits) }, currency),
            budgetedCost: money(rows.reduce(0) { $0 + Int128($1.budgetedCost.minorUnits) }, currency),
            actualIncome: money(rows.reduce(0) { $0 + Int128($1.actualIncome.minorUnits) }, currency),
            actualCost: money(rows.reduce(0) { $0 + Int128($1.actualCost.minorUnits) }, currency))
        let apart = unconverted.sorted { ($0.key.activity.string, $0.key.kind.rawValue, $0.key.currency.code) < ($1.key.activity.string, $1.key.kind.rawValue, $1.key.currency.code) }
            .map { Unconverted(budgetActivityId: $0.key.activity, kind: $0.key.kind, amount: money($0.value, $0.key.currency)) }
        return VersusActual(rows: rows, total: total, unconverted: apart)
    }

    struct Key: Hashable { let activity: BudgetActivity.ID, month: String? }
    struct UnconvertedKey: Hashable { let activity: BudgetActivity.ID, kind: TaskEntry.Kind, currency: Currency }

    static func money(_ minor: Int128, _ currency: Currency) -> Money { Money(minorUnits: Int64(clamping: minor), currency: currency) }

    static func month(_ day: Day) -> String { String(day.description.prefix(7)) }

    /// The months a period touches, with how many of its days fall in each.
    static func months(in period: ClosedRange<Day>) -> [(name: String?, days: Int)] {
        var result: [(name: String?, days: Int)] = []
        var ordinal = period.lowerBound.ordinal
        while ordinal <= period.upperBound.ordinal {
            let name = month(Day(ordinal: ordinal))
            if result.last?.name == name { result[result.count - 1].days += 1 } else { result.append((name, 1)) }
            ordinal += 1
        }
        return result
    }

    /// `amount` split in proportion to `weights` (which sum to `total`), exact: each share rounded
    /// down, the units left over given one each to the earliest shares.
    static func spread(_ amount: Int128, over weights: [Int128], total: Int128) -> [Int128] {
        guard weights.count > 1, total > 0 else { return weights.isEmpty ? [] : [amount] }
        var shares = weights.map { amount * $0 / total }
        var left = amount - shares.reduce(0, +)
        var index = 0
        while left > 0 && !shares.isEmpty {
            shares[index % shares.count] += 1
            left -= 1
            index += 1
        }
        return shares
    }

    /// `part` as a percentage of `whole` with one decimal, half-even; nil when `whole` is zero.
    static func percent(_ part: Money, of whole: Money) -> String? {
        guard whole.minorUnits != 0 else { return nil }
        let tenths = Money.halfEvenWide(Int128(part.minorUnits) * 1000, dividedBy: Int128(whole.minorUnits))
        let sign = tenths < 0 ? "-" : ""
        let magnitude = tenths.magnitude
        return "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
