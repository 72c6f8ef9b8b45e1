import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP

struct BudgetActivityDTO: Encodable, Sendable {
    let id: String, name: String, code: String?, active: Bool
    init(_ a: BudgetActivity) { id = a.id.string; name = a.name; code = a.code; active = a.active }
}

struct TaskEntryDTO: Encodable, Sendable {
    let id: String, activityId: String, type: String, amount: String, currency: String, date: String, description: String?
    let createdAt: String, createdBy: String
    init(_ e: TaskEntry) {
        id = e.id.string; activityId = e.activityId.string; type = e.kind.rawValue; amount = e.amount.decimalString
        currency = e.amount.currency.code; date = e.date.description; description = e.description
        createdAt = Timestamp.string(e.createdAt); createdBy = e.createdBy.string
    }
}

struct BudgetLineDTO: Encodable, Sendable {
    let budgetActivityId: String, income: String, cost: String
    init(_ l: BudgetLine) { budgetActivityId = l.budgetActivityId.string; income = l.income.decimalString; cost = l.cost.decimalString }
}

struct BudgetChangeDTO: Encodable, Sendable {
    let budgetActivityId: String, incomeBefore: String?, incomeAfter: String?, costBefore: String?, costAfter: String?
    init(_ c: BudgetLineChange) {
        budgetActivityId = c.budgetActivityId.string; incomeBefore = c.incomeBefore?.decimalString; incomeAfter = c.incomeAfter?.decimalString
        costBefore = c.costBefore?.decimalString; costAfter = c.costAfter?.decimalString
    }
}

struct BudgetVersionDTO: Encodable, Sendable {
    let number: Int, kind: String, from: String, to: String, lines: [BudgetLineDTO], createdAt: String, createdBy: String, updatedAt: String
    let lockedAt: String, locked: Bool, changes: [BudgetChangeDTO]
    init(_ v: BudgetVersion, lockedAt at: Date, locked isLocked: Bool, changes list: [BudgetLineChange]) {
        number = v.number; kind = v.isMaster ? "master" : "correction"; from = v.from.description; to = v.to.description
        lines = v.lines.map(BudgetLineDTO.init); createdAt = Timestamp.string(v.createdAt); createdBy = v.createdBy.string
        updatedAt = Timestamp.string(v.updatedAt); lockedAt = Timestamp.string(at); locked = isLocked; changes = list.map(BudgetChangeDTO.init)
    }
}

struct BudgetDTO: Encodable, Sendable {
    struct Ref: Encodable, Sendable { let type: String, id: String }
    let id: String, regarding: Ref, regardingName: String?, currency: String, from: String, to: String
    let lockedAt: String, locked: Bool, master: BudgetVersionDTO, corrections: [BudgetVersionDTO], current: BudgetVersionDTO
    let version: Int, createdAt: String, updatedAt: String

    init(_ r: BudgetService.Reading) {
        let b = r.budget
        let versions = b.versions.indices.map { BudgetVersionDTO(b.versions[$0], lockedAt: r.lockedAt[$0], locked: r.locked[$0], changes: r.changes[$0]) }
        id = b.id.string; regarding = Ref(type: b.target.kind.rawValue, id: b.target.id.uuidString.lowercased())
        regardingName = b.names["targetName"]; currency = b.currency.code; from = b.from.description; to = b.to.description
        lockedAt = versions[0].lockedAt; locked = versions[0].locked
        master = versions[0]; corrections = Array(versions.dropFirst()); current = versions[versions.count - 1]
        version = b.version; createdAt = Timestamp.string(b.createdAt); updatedAt = Timestamp.string(b.updatedAt)
    }
}

struct VersusActualDTO: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let budgetActivityId: String?, budgetActivityName: String?, month: String?
        let budgetedIncome: String, budgetedCost: String, actualIncome: String, actualCost: String
        let incomeVariance: String, costVariance: String, incomeConsumed: String?, costConsumed: String?
        init(_ r: VersusActual.Row, names: [BudgetActivity.ID: String], total: Bool = false) {
            budgetActivityId = total ? nil : r.budgetActivityId.string; budgetActivityName = total ? nil : names[r.budgetActivityId]; month = r.month
            budgetedIncome = r.budgetedIncome.decimalString; budgetedCost = r.budgetedCost.decimalString
            actualIncome = r.actualIncome.decimalString; actualCost = r.actualCost.decimalString
            incomeVariance = r.incomeVariance.decimalString; costVariance = r.costVariance.decimalString
            incomeConsumed = r.incomeConsumed; costConsumed = r.costConsumed
        }
    }
    struct Unconverted: Encodable, Sendable { let budgetActivityId: String, type: String, amount: String, currency: String }
    let budgetId: String, currency: String, from: String, to: String, groupBy: String, rows: [Row], total: Row?, unconverted: [Unconverted]

    init(_ budget: Budget, _ table: VersusActual, grouping: VersusActual.Grouping, names: [BudgetActivity.ID: String]) {
        budgetId = budget.id.string; currency = budget.currency.code; from = budget.from.description; to = budget.to.description
        groupBy = grouping.rawValue; rows = table.rows.map { Row($0, names: names) }; total = table.total.map { Row($0, names: names, total: true) }
        unconverted = table.unconverted.map {
            Unconverted(budgetActivityId: $0.budgetActivityId.string, type: $0.kind.rawValue, amount: $0.amount.decimalString, currency: $0.amount.currency.code)
        }
    }
}
