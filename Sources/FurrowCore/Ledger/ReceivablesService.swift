import Foundation
import FurrowDomain

/// Open balances per account with ageing by days past due (SPEC §5): current, 1–30, 31–60,
/// 61–90 and over 90, as they stood on a day; totals per currency, never summed across. Sums
/// are 128 bits wide, so no number of stored invoices overflows them (SPEC §0).
public struct ReceivablesService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public struct Buckets: Sendable, Equatable {
        public var current: Int128 = 0, days1to30: Int128 = 0, days31to60: Int128 = 0, days61to90: Int128 = 0, over90: Int128 = 0
        public init() {}
        public var total: Int128 { current + days1to30 + days31to60 + days61to90 + over90 }

        public mutating func add(_ amount: Int128, daysPastDue days: Int) {
            switch days {
            case ...0: current += amount
            case 1...30: days1to30 += amount
            case 31...60: days31to60 += amount
            case 61...90: days61to90 += amount
            default: over90 += amount
            }
        }

        public mutating func add(_ other: Buckets) {
            current += other.current; days1to30 += other.days1to30; days31to60 += other.days31to60
            days61to90 += other.days61to90; over90 += other.over90
        }
    }

    public struct Item: Sendable, Equatable {
        public var row: ReceivableRow
        public var balance: Int128 { Int128(row.total) - Int128(row.paid) }
        public var daysPastDue: Int
    }

    public struct AccountAgeing: Sendable, Equatable {
        public var accountId: Account.ID
        public var accountName: String
        public var currency: Currency
        public var items: [Item]
        public var buckets: Buckets
        public var credit: MoneyTotal
    }

    public struct Report: Sendable, Equatable {
        public var asOf: Day
        public var accounts: [AccountAgeing]
        public var totals: [Currency: Buckets]
        public var credits: [Currency: Int128]
    }

    public func report(asOf day: Day?, accountId: Account.ID? = nil, by principal: Principal) async throws -> Report {
        try await env.store.read { session in
            let today = try await session.today(env)
            let asOf = day ?? today
            let rows = try await session.receivables(asOf: asOf, visibleTo: principal.ledger).filter { accountId == nil || $0.accountId == accountId }
            let credits = try await session.customerCredit(asOf: asOf, visibleTo: principal.ledger).filter { accountId == nil || $0.accountId == accountId }
            return Self.age(rows, credits: credits, asOf: asOf)
        }
    }

    /// Groups open items per account and currency and puts each balance in its bucket.
    public static func age(_ rows: [ReceivableRow], credits: [CreditRow], asOf: Day) -> Report {
        var accounts: [AccountAgeing] = []
        var index: [String: Int] = [:]
        var totals: [Currency: Buckets] = [:]
        for row in rows where row.total > row.paid {
            let item = Item(row: row, daysPastDue: asOf.ordinal - row.dueDate.ordinal)
            let key = row.accountId.string + row.currency.code
            if index[key] == nil {
                index[key] = accounts.count
                accounts.append(AccountAgeing(accountId: row.accountId, accountName: row.accountName, currency: row.currency, items: [],
                                              buckets: Buckets(), credit: MoneyTotal(currency: row.currency)))
            }
            accounts[index[key]!].items.append(item)
            accounts[index[key]!].buckets.add(item.balance, daysPastDue: item.daysPastDue)
            totals[row.currency, default: Buckets()].add(item.balance, daysPastDue: item.daysPastDue)
        }
        var creditTotals: [Currency: Int128] = [:]
        for credit in credits {
            creditTotals[credit.credit.currency, default: 0] += credit.credit.minorUnits
            let key = credit.accountId.string + credit.credit.currency.code
            if let at = index[key] { accounts[at].credit = credit.credit } else {
                index[key] = accounts.count
                accounts.append(AccountAgeing(accountId: credit.accountId, accountName: credit.accountName, currency: credit.credit.currency,
                                              items: [], buckets: Buckets(), credit: credit.credit))
            }
        }
        return Report(asOf: asOf, accounts: accounts, totals: totals, credits: creditTotals)
    }
}
