import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Budget tracking (SPEC §9): budget activities, money on tasks, budgets and budget vs actual.
struct BudgetRoutes: RouteSet {
    let env: CoreEnvironment

    // MARK: budget activities

    @Sendable func activities(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let list = try await BudgetCatalogService(env).activities(by: principal)
        return try .json(Page(items: list.map(BudgetActivityDTO.init), nextCursor: nil))
    }

    @Sendable func createActivity(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["name", "code"], ignoring: ["id", "active"])
        body.require("name")
        let name = body.string("name"), code = body.string("code")
        try body.check()
        let activity = try await BudgetCatalogService(env).create(name: name, code: code, by: principal)
        return try .json(BudgetActivityDTO(activity), status: .created, location: "/api/v1/budget-activities/\(activity.id)")
    }

    @Sendable func updateActivity(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(BudgetActivity.self)
        var body = try await JSONBody(request, context: context, allowed: ["name", "code", "active"], ignoring: ["id"])
        body.refuseNull("name")
        body.refuseNull("active")
        let name = body.string("name"), code: String?? = body.has("code") ? .some(body.string("code")) : .none, active = body.bool("active")
        try body.check()
        return try .json(BudgetActivityDTO(try await BudgetCatalogService(env).update(id, name: name, code: code, active: active, by: principal)))
    }

    // MARK: money on tasks

    @Sendable func entries(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let list = try await BudgetCatalogService(env).entries(of: try context.id(Activity.self), by: principal)
        return try .json(Page(items: list.map(TaskEntryDTO.init), nextCursor: nil))
    }

    @Sendable func addEntry(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Activity.self)
        var body = try await JSONBody(request, context: context, allowed: ["type", "amount", "currency", "date", "description"],
                                      ignoring: ["id", "activityId", "createdAt", "createdBy"])
        for key in ["type", "amount", "currency", "date"] { body.require(key) }
        let kind = body.enumValue("type", TaskEntry.Kind.self), currency = body.currency("currency")
        let amount = currency.flatMap { body.money("amount", currency: $0) }, date = body.day("date"), description = body.string("description")
        try body.check()
        let entry = try await BudgetCatalogService(env).addEntry(to: id, kind: kind, amount: amount, date: date, description: description, by: principal)
        return try .json(TaskEntryDTO(entry), status: .created, location: "/api/v1/activities/\(id)/entries/\(entry.id)")
    }

    @Sendable func deleteEntry(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try await BudgetCatalogService(env).deleteEntry(try context.id(TaskEntry.self, "entryId"), of: try context.id(Activity.self), by: principal)
        return .noContent
    }

    // MARK: budgets

    static let fields: Set<String> = ["regarding", "from", "to", "currency", "lines"]
    static let ignored: Set<String> = ["id", "version", "createdAt", "updatedAt", "lockedAt", "locked", "master", "corrections", "current",
                                       "regardingName"]

    /// The period, currency and lines of a body; `currency` is the budget's when editing.
    static func draft(_ body: inout JSONBody, currency fixed: Currency?) -> BudgetDraft? {
        let currency = fixed.map { code -> Currency in
            if body.has("currency"), body.string("currency")?.uppercased() != code.code {
                body.fail("currency", "stays \(code.code), the budget's currency")
            }
            return code
        } ?? body.currency("currency")
        let from = body.day("from"), to = body.day("to")
        var lines: [BudgetDraft.Line] = []
        for var item in body.list("lines", allowed: ["budgetActivityId", "income", "cost"]) ?? [] {
            item.require("budgetActivityId")
            let activity = item.id("budgetActivityId", BudgetActivity.self)
            let income = currency.flatMap { item.money("income", currency: $0) }, cost = currency.flatMap { item.money("cost", currency: $0) }
            body.absorb(item)
            lines.append(BudgetDraft.Line(budgetActivityId: activity, income: income, cost: cost))
        }
        return currency.map { BudgetDraft(from: from, to: to, currency: $0, lines: lines) }
    }

    /// When the body has errors already, the draft's own are added, so every problem shows at once.
    static func merge(_ draft: BudgetDraft?, into body: inout JSONBody) {
        guard !body.errors.isEmpty, let draft else { return }
        do { _ = try draft.validated() } catch {
            let known = Set(body.errors.map(\.field))
            body.errors += error.errors.filter { !known.contains($0.field) }
        }
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: Self.fields, ignoring: Self.ignored)
        for key in ["regarding", "from", "to", "currency", "lines"] { body.require(key) }
        var target: BudgetTarget?
        if var regarding = body.nested("regarding", allowed: ["type", "id"]) {
            regarding.require("type")
            regarding.require("id")
            let kind = regarding.enumValue("type", BudgetTarget.Kind.self), id = regarding.uuid("id")
            body.absorb(regarding)
            target = kind.flatMap { kind in id.map { BudgetTarget(kind, $0) } }
        }
        let draft = Self.draft(&body, currency: nil)
        Self.merge(draft, into: &body)
        try body.check()
        guard let draft else { throw Problem.validation([FieldError("currency", "is required")]) }
        let reading = try await BudgetService(env).create(.init(target: target, currency: draft.currency, draft: draft), by: principal)
        return try .json(BudgetDTO(reading), status: .created, location: "/api/v1/budgets/\(reading.budget.id)")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var kind: BudgetTarget.Kind?, id: UUID?
        for (key, value) in request.uri.queryParameters {
            switch key {
            case "regardingType":
                guard let parsed = BudgetTarget.Kind(rawValue: String(value)) else { throw Problem.invalidQuery("regardingType must be account or opportunity.") }
                kind = parsed
            case "regardingId":
                guard let parsed = UUIDText.parse(String(value)) else { throw Problem.invalidQuery("regardingId must be a UUID.") }
                id = parsed
            default: throw Problem.invalidQuery("Unknown parameter '\(key)'. Use regardingType and regardingId.")
            }
        }
        guard let kind, let id else { throw Problem.invalidQuery("regardingType and regardingId are required.") }
        let readings = try await BudgetService(env).budgets(of: BudgetTarget(kind, id), by: principal)
        return try .json(Page(items: readings.map(BudgetDTO.init), nextCursor: nil))
    }

    @Sendable func budget(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(BudgetDTO(try await BudgetService(env).get(try context.id(Budget.self), by: principal)))
    }

    @Sendable func edit(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Budget.self)
        let current = try await BudgetService(env).get(id, by: principal).budget
        var body = try await JSONBody(request, context: context, allowed: Self.fields.union(["version"]).subtracting(["regarding"]),
                                      ignoring: Self.ignored.subtracting(["version"]).union(["regarding"]))
        let expected = try request.expectedVersion(&body)
        // absent fields keep the latest version's values
        let latest = current.current
        var draft = Self.draft(&body, currency: current.currency) ?? BudgetDraft(from: nil, to: nil, currency: current.currency, lines: [])
        if !body.has("from") { draft.from = latest.from }
        if !body.has("to") { draft.to = latest.to }
        if !body.has("lines") { draft.lines = latest.lines.map { .init(budgetActivityId: $0.budgetActivityId, income: $0.income, cost: $0.cost) } }
        Self.merge(draft, into: &body)
        try body.check()
        let (reading, outcome) = try await BudgetService(env).edit(id, draft: draft, expectedVersion: expected, by: principal)
        if case .correction(let number) = outcome {
            return try .json(BudgetDTO(reading), status: .created, location: "/api/v1/budgets/\(id)/corrections/\(number)")
        }
        return try .json(BudgetDTO(reading))
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try await BudgetService(env).delete(try context.id(Budget.self), by: principal)
        return .noContent
    }

    @Sendable func deleteCorrection(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard let number = context.parameters.get("number").flatMap({ Int($0) }) else { throw Problem.notFound() }
        return try .json(BudgetDTO(try await BudgetService(env).deleteCorrection(try context.id(Budget.self), number: number, by: principal)))
    }

    @Sendable func versusActual(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var grouping = VersusActual.Grouping.activity, csv = false
        for (key, value) in request.uri.queryParameters {
            switch key {
            case "groupBy":
                guard let parsed = VersusActual.Grouping(rawValue: String(value)) else { throw Problem.invalidQuery("groupBy must be activity or month.") }
                grouping = parsed
            case "format":
                guard value == "json" || value == "csv" else { throw Problem.invalidQuery("format must be json or csv.") }
                csv = value == "csv"
            default: throw Problem.invalidQuery("Unknown parameter '\(key)'. Use groupBy and format.")
            }
        }
        let (reading, table) = try await BudgetService(env).versusActual(try context.id(Budget.self), grouping: grouping, by: principal)
        let budget = reading.budget
        let names = Dictionary(uniqueKeysWithValues: try await BudgetCatalogService(env).activities(by: principal).map { ($0.id, $0.name) })
        let dto = VersusActualDTO(budget, table, grouping: grouping, names: names)
        guard csv else { return try .json(dto) }
        let rows = (dto.rows + [dto.total].compactMap { $0 }).map { row -> [CSV.Cell] in
            [.text(row.budgetActivityName ?? (row.budgetActivityId == nil ? "Total" : "")), .text(row.month ?? ""), .text(dto.currency),
             .number(row.budgetedIncome), .number(row.actualIncome), .number(row.incomeVariance), .number(row.incomeConsumed ?? ""),
             .number(row.budgetedCost), .number(row.actualCost), .number(row.costVariance), .number(row.costConsumed ?? "")]
        }
        return .csv(CSV.document(header: ["activity", "month", "currency", "budgetedIncome", "actualIncome", "incomeVariance", "incomeConsumedPercent",
                                          "budgetedCost", "actualCost", "costVariance", "costConsumedPercent"], rows: rows), filename: "budget-vs-actual.csv")
    }
}
