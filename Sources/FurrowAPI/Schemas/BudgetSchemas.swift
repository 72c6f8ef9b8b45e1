import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The budget tracking schemas of the API's document.
extension Components {
    static let amountOut = Schema.string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1250.00"])
    static let amountIn = Schema.string("From 0, as a decimal string with at most the currency's decimals; absent: 0.",
                                        pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,3})?$", examples: ["1250.00"])

    static let budgetActivity: Schema = .object("A category task income and expenses are booked under.", required: ["id", "name", "active"], [
        "id": .uuid(),
        "name": .string(maxLength: 100),
        "code": .string("A short code, e.g. for the ledger.", nullable: true),
        "active": .boolean("Deactivated ones stay where they are used but cannot be chosen anew."),
    ])
    static let budgetActivityCreate: Schema = .object("A new budget activity. Unknown fields are refused (422).", required: ["name"], closed: true, [
        "name": .string("Unique, trimmed.", minLength: 1, maxLength: 100),
        "code": .string("Empty or null: none.", nullable: true, maxLength: 20),
        "id": .serverOwned,
        "active": Schema().described("New activities are active; accepted and ignored."),
    ])
    static let budgetActivityPatch: Schema = .object("Changes to a budget activity: absent fields are unchanged. Unknown fields are refused (422).", closed: true, [
        "name": .string("Unique, trimmed; cannot be null.", minLength: 1, maxLength: 100),
        "code": .string("Empty or null clears it.", nullable: true, maxLength: 20),
        "active": .boolean("false deactivates it; cannot be null."),
        "id": .serverOwned,
    ])
    static let taskEntry: Schema = .object("Income or an expense booked on a task.", required: ["id", "activityId", "type", "amount", "currency", "date", "createdAt", "createdBy"], [
        "id": .uuid(),
        "activityId": .uuid(),
        "type": .enumeration(TaskEntry.Kind.self),
        "amount": amountOut,
        "currency": .string(pattern: "^[A-Z]{3}$"),
        "date": .string("The day of the income or expense.", format: "date"),
        "description": .string(nullable: true),
        "createdAt": .timestamp(),
        "createdBy": .uuid(),
    ])
    static let taskEntryCreate: Schema = .object("Income or an expense on a task. Unknown fields are refused (422).", required: ["type", "amount", "currency", "date"], closed: true, [
        "type": .enumeration(TaskEntry.Kind.self),
        "amount": .string("More than 0, as a decimal string with at most the currency's decimals.", pattern: "^\\+?[0-9]{1,12}(\\.[0-9]{1,3})?$", examples: ["420.00"]),
        "currency": .string("ISO 4217.", pattern: "^[A-Za-z]{3}$", examples: ["EUR"]),
        "date": .string("The day of the income or expense (YYYY-MM-DD).", format: "date"),
        "description": .string("Empty or null: none.", nullable: true, maxLength: 500),
        "id": .serverOwned, "activityId": .serverOwned, "createdAt": .serverOwned, "createdBy": .serverOwned,
    ])
    static let budgetLine: Schema = .object("What one budget activity should bring in and cost over the period.", required: ["budgetActivityId", "income", "cost"], [
        "budgetActivityId": .uuid(),
        "income": amountOut,
        "cost": amountOut,
    ])
    static let budgetLineInput: Schema = .object("One budget activity's numbers. Unknown fields are refused (422).", required: ["budgetActivityId"], closed: true, [
        "budgetActivityId": .uuid("An existing budget activity, each at most once; a deactivated one only if the budget had it already."),
        "income": amountIn,
        "cost": amountIn,
    ])
    static let budgetChange: Schema = .object("How one activity's numbers differ from the version before (absent: no line there).", required: ["budgetActivityId"], [
        "budgetActivityId": .uuid(),
        "incomeBefore": amountOut, "incomeAfter": amountOut, "costBefore": amountOut, "costAfter": amountOut,
    ])
    static let budgetVersion: Schema = .object("The master (number 0) or a correction of a budget.", required: ["number", "kind", "from", "to", "lines", "createdAt", "createdBy", "updatedAt", "lockedAt", "locked", "changes"], [
        "number": .integer(minimum: 0),
        "kind": .values(["master", "correction"]),
        "from": .string(format: "date"),
        "to": .string(format: "date"),
        "lines": .array(.ref("BudgetLine")),
        "createdAt": .timestamp(),
        "createdBy": .uuid(),
        "updatedAt": .timestamp(),
        "lockedAt": .timestamp("The end of the day it was made on, in the company's time zone."),
        "locked": .boolean(),
        "changes": .array(.ref("BudgetChange"), "What it changed from the version before; empty for the master."),
    ])
    static let budgetRef: Schema = .object("The record a budget is for.", required: ["type", "id"], [
        "type": .enumeration(BudgetTarget.Kind.self),
        "id": .uuid(),
    ])
    static let budget: Schema = .object("A master budget with its corrections. Optional fields are omitted when empty.", required: ["id", "regarding", "currency", "from", "to", "lockedAt", "locked", "master", "corrections", "current", "version", "createdAt", "updatedAt"], [
        "id": .uuid(),
        "regarding": .ref("BudgetRef"),
        "regardingName": .referenceName("The account's or opportunity's name"),
        "currency": .string(pattern: "^[A-Z]{3}$"),
        "from": .string("The first day of the period.", format: "date"),
        "to": .string("The last day of the period.", format: "date"),
        "lockedAt": .timestamp("When the master locks: the end of the day it was made on, in the company's time zone."),
        "locked": .boolean(),
        "master": .ref("BudgetVersion"),
        "corrections": .array(.ref("BudgetVersion"), "Oldest first."),
        "current": .ref("BudgetVersion"),
        "version": .version,
        "createdAt": .timestamp(),
        "updatedAt": .timestamp(),
    ])
    static let budgetCreate: Schema = .object("A master budget. Unknown fields are refused (422).", required: ["regarding", "from", "to", "currency", "lines"], closed: true, [
        "regarding": .ref("BudgetRefInput"),
        "from": .string("The first day (YYYY-MM-DD).", format: "date"),
        "to": .string("The last day, on or after from and at most ten years after it.", format: "date"),
        "currency": .string("ISO 4217; every amount is in it.", pattern: "^[A-Za-z]{3}$", examples: ["EUR"]),
        "lines": .array(.ref("BudgetLineInput"), minItems: 1, maxItems: 1000),
        "id": .serverOwned, "version": .serverOwnedOnCreate, "createdAt": .serverOwned, "updatedAt": .serverOwned,
        "lockedAt": .serverOwned, "locked": .serverOwned, "master": .serverOwned, "corrections": .serverOwned, "current": .serverOwned,
        "regardingName": .readName,
    ])
    static let budgetRefInput: Schema = .object("The account or opportunity, one the caller can change. Unknown fields are refused (422).", required: ["type", "id"], closed: true, [
        "type": .enumeration(BudgetTarget.Kind.self),
        "id": .uuid(),
    ])
    static let budgetPatch: Schema = .object("An edit: absent fields keep the latest version's values. Unknown fields are refused (422).", closed: true, [
        "from": .string("Changes only while the master is the only version and unlocked.", format: "date"),
        "to": .string("Changes only while the master is the only version and unlocked.", format: "date"),
        "currency": .string("Stays the budget's; another is refused (422).", pattern: "^[A-Za-z]{3}$"),
        "lines": .array(.ref("BudgetLineInput"), "The whole new set of lines.", minItems: 1, maxItems: 1000),
        "version": .expectedVersion,
        "id": .serverOwned, "createdAt": .serverOwned, "updatedAt": .serverOwned, "lockedAt": .serverOwned, "locked": .serverOwned,
        "master": .serverOwned, "corrections": .serverOwned, "current": .serverOwned, "regarding": .serverOwned, "regardingName": .readName,
    ])
    static let versusActualRow: Schema = .object("One budget activity (and month): budgeted against actual. The total row has no activity.", required: ["budgetedIncome", "budgetedCost", "actualIncome", "actualCost", "incomeVariance", "costVariance"], [
        "budgetActivityId": .uuid(nullable: true),
        "budgetActivityName": .string(nullable: true),
        "month": .string("`YYYY-MM` when grouped by month.", nullable: true),
        "budgetedIncome": amountOut, "budgetedCost": amountOut, "actualIncome": amountOut, "actualCost": amountOut,
        "incomeVariance": amountOut.described("actual − budgeted"), "costVariance": amountOut.described("actual − budgeted"),
        "incomeConsumed": .string("Actual as a percentage of budgeted, one decimal; absent when nothing was budgeted.", nullable: true),
        "costConsumed": .string("Actual as a percentage of budgeted, one decimal; absent when nothing was budgeted.", nullable: true),
    ])
    static let unconvertedEntry: Schema = .object("Entries in another currency than the budget's, summed; never added in.", required: ["budgetActivityId", "type", "amount", "currency"], [
        "budgetActivityId": .uuid(),
        "type": .enumeration(TaskEntry.Kind.self),
        "amount": amountOut,
        "currency": .string(pattern: "^[A-Z]{3}$"),
    ])
    static let versusActual: Schema = .object("Budget vs actual for a budget's current version.", required: ["budgetId", "currency", "from", "to", "groupBy", "rows", "unconverted"], [
        "budgetId": .uuid(),
        "currency": .string(pattern: "^[A-Z]{3}$"),
        "from": .string(format: "date"),
        "to": .string(format: "date"),
        "groupBy": .enumeration(VersusActual.Grouping.self),
        "rows": .array(.ref("VersusActualRow")),
        "total": .ref("VersusActualRow"),
        "unconverted": .array(.ref("UnconvertedEntry")),
    ])

    static let budgetSchemas: [(name: String, schema: Schema)] = [
        ("BudgetActivity", budgetActivity), ("BudgetActivityCreate", budgetActivityCreate), ("BudgetActivityPatch", budgetActivityPatch),
        ("BudgetActivityPage", .page("BudgetActivity", "Every budget activity, by name (one page).")),
        ("TaskEntry", taskEntry), ("TaskEntryCreate", taskEntryCreate), ("TaskEntryPage", .page("TaskEntry", "A task's entries, by date (one page).")),
        ("BudgetLine", budgetLine), ("BudgetLineInput", budgetLineInput), ("BudgetChange", budgetChange), ("BudgetVersion", budgetVersion),
        ("BudgetRef", budgetRef), ("BudgetRefInput", budgetRefInput), ("Budget", budget), ("BudgetCreate", budgetCreate), ("BudgetPatch", budgetPatch),
        ("BudgetPage", .page("Budget", "A record's budgets, by period (one page).")),
        ("VersusActualRow", versusActualRow), ("UnconvertedEntry", unconvertedEntry), ("VersusActual", versusActual),
    ]
}
