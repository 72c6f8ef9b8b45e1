import Foundation

/// Money earned or spent on a task (any activity), counted for budget vs actual under the task's
/// budget activity (rules 18 and 20).
public struct TaskEntry: Sendable, Equatable {
    public typealias ID = Identifier<TaskEntry>
    public enum Kind: String, Sendable, CaseIterable { case income, expense }

    public var id: ID
    public var activityId: Activity.ID
    public var kind: Kind
    public var amount: Money
    public var date: Day
    public var description: String?
    public var createdAt: Date
    public var createdBy: User.ID

    public init(id: ID, activityId: Activity.ID, kind: Kind, amount: Money, date: Day, description: String?, createdAt: Date,
                createdBy: User.ID) {
        self.id = id
        self.activityId = activityId
        self.kind = kind
        self.amount = amount
        self.date = date
        self.description = description
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    /// An entry as entered, or every field error at once: a kind, a positive amount within
    /// `Bounds`, a date in the supported years, a description of at most 500 characters.
    public static func validated(kind: Kind?, amount: Money?, date: Day?, description: String?) throws(ValidationError)
        -> (Kind, Money, Day, String?) {
        var errors: [FieldError] = []
        if kind == nil { errors.append(FieldError("type", "must be income or expense")) }
        if let amount {
            if amount.minorUnits <= 0 { errors.append(FieldError("amount", "must be more than 0")) }
            if amount.minorUnits > Bounds.maxMinorUnits(amount.currency) {
                errors.append(FieldError("amount", "must be at most \(Bounds.maxAmountText(amount.currency))"))
            }
        } else {
            errors.append(FieldError("amount", "is required"))
        }
        if let date, !Bounds.years.contains(date.year) { errors.append(FieldError("date", Bounds.dateMessage)) }
        if date == nil { errors.append(FieldError("date", "is required")) }
        let text = description?.trimmedSpaces()
        if let text, text.count > 500 { errors.append(FieldError("description", "must be at most 500 characters")) }
        guard errors.isEmpty, let kind, let amount, let date else { throw ValidationError(errors) }
        return (kind, amount, date, text?.isEmpty == false ? text : nil)
    }
}

/// On which day an entry counts for budget vs actual (rules 22 and 23): its own date (the
/// expense's or the income's) or the day its task was created.
public enum BudgetDating: String, Sendable, CaseIterable {
    case entryDate, taskCreated
}
