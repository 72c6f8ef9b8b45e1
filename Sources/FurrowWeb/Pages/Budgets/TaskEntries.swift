import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The "Income and expenses" section of a task's page (budget tracking): what was booked on it,
/// a form to book more, and a delete button on each entry for whoever may change the task.
struct TaskEntries {
    struct Row { let kind: String, kindKey: String, amount: String, date: String, description: String, deleteAction: String? }
    let activity: String
    let budgetActivity: String
    let rows: [Row]
    let hasRows: Bool
    let canChange: Bool
    let action: String
    let currency: String
    let today: String
    let kinds: [Field.Option]

    /// Nil when budget tracking is off.
    static func load(_ env: CoreEnvironment, _ a: Activity, canChange: Bool, by principal: Principal) async throws -> TaskEntries? {
        let settings = try await SettingsService(env).current()
        guard settings.budgetTracking else { return nil }
        let catalog = BudgetCatalogService(env)
        let entries = try await catalog.entries(of: a.id, by: principal)
        let name = try await catalog.activities(by: principal).first { $0.id == a.budgetActivityId }?.name
        let rows = entries.map { e in
            Row(kind: e.kind == .income ? "Income" : "Expense", kindKey: e.kind.rawValue, amount: MoneyText.format(e.amount), date: e.date.description,
                description: e.description ?? "", deleteAction: canChange ? "/activities/\(a.id)/entries/\(e.id)/delete" : nil)
        }
        return TaskEntries(activity: a.id.string, budgetActivity: name ?? "none chosen: they count under no budget activity", rows: rows,
                           hasRows: !rows.isEmpty, canChange: canChange, action: "/activities/\(a.id)/entries", currency: settings.baseCurrency,
                           today: settings.today(env.clock.now()).description,
                           kinds: [.init(value: "income", label: "Income", selected: true), .init(value: "expense", label: "Expense", selected: false)])
    }
}

/// Booking and deleting a task's income and expenses from its page.
struct TaskEntryActions {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.post("activities/:id/entries", use: create)
        group.post("activities/:id/entries/:entryId/delete", use: delete)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try ActivityView.id(context)
        let back = "/activities/\(id)#entries"
        var errors: [FieldError] = []
        let currency = Currency(form["currency"].trimmedSpaces().uppercased())
        if currency == nil { errors.append(FieldError("currency", "is not an ISO 4217 currency code")) }
        let amount = currency.flatMap { Money(form["amount"].trimmedSpaces(), currency: $0) }
        if currency != nil && amount == nil { errors.append(FieldError("amount", "must be an amount such as 1234.50")) }
        let date = DayField.parse(form["date"], field: "date", errors: &errors)
        return try await web.act(back: back, done: "Booked.", failed: "Not booked:") {
            if !errors.isEmpty { throw ValidationError(errors) }
            _ = try await BudgetCatalogService(web.env).addEntry(to: id, kind: TaskEntry.Kind(rawValue: form["kind"]), amount: amount, date: date,
                                                                 description: form.optional("description"), by: principal)
        }
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try ActivityView.id(context)
        guard let entry = context.parameters.get("entryId").flatMap(TaskEntry.ID.init) else { throw Problem.notFound() }
        return try await web.act(back: "/activities/\(id)#entries", done: "Entry deleted.", failed: "Not deleted:") {
            try await BudgetCatalogService(web.env).deleteEntry(entry, of: id, by: principal)
        }
    }
}
