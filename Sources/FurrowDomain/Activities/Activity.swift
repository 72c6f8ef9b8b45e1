import Foundation

/// A task, call, meeting, email or service visit (SPEC §6; rules 6–7, 32, 84), regarding one
/// record, owned by a user, due at a time or held from a start to an end.
public struct Activity: Sendable, Equatable {
    public typealias ID = Identifier<Activity>

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case task, phoneCall, appointment, email, serviceVisit
        /// Held over a time span (a calendar event) rather than due at a moment (a to-do).
        public var isScheduled: Bool { self == .appointment || self == .serviceVisit }
    }

    public enum Status: String, Sendable, Codable, CaseIterable { case open, completed, cancelled }

    public var id: ID
    public var kind: Kind
    public var subject: String
    public var description: String?
    public var regarding: Regarding? { didSet { if regarding != oldValue { names["regardingName"] = nil } } }
    public var dueAt: Date?
    public var startAt: Date?
    public var endAt: Date?
    public var allDay: Bool
    public var location: String?
    public var attendees: [Attendee]
    public var reminderAt: Date?
    public var remindedAt: Date?
    public var status: Status
    public var outcome: String?
    public var recurrence: Recurrence?
    public var completedAt: Date?
    /// The budget activity its income and expenses count under (seed 001 rule 17); nil for none.
    public var budgetActivityId: BudgetActivity.ID?
    /// A service visit's report: time spent, parts used, the customer's feedback.
    public var report: VisitReport?
    public var ownership: Ownership { didSet { if ownership.ownerId != oldValue.ownerId { names["ownerName"] = nil } } }
    /// Bumped whenever the time changes, for calendar clients (iCalendar SEQUENCE).
    public var sequence: Int
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// The display names of the records it refers to, as read with it (see `Contact.names`).
    public var names: [String: String] = [:]

    public init(id: ID, kind: Kind, subject: String, description: String? = nil, regarding: Regarding? = nil, dueAt: Date? = nil,
                startAt: Date? = nil, endAt: Date? = nil, allDay: Bool = false, location: String? = nil, attendees: [Attendee] = [],
                reminderAt: Date? = nil, remindedAt: Date? = nil, status: Status = .open, outcome: String? = nil, recurrence: Recurrence? = nil,
                completedAt: Date? = nil, ownership: Ownership, sequence: Int = 0, version: Int = 1, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.kind = kind
        self.subject = subject
        self.description = description
        self.regarding = regarding
        self.dueAt = dueAt
        self.startAt = startAt
        self.endAt = endAt
        self.allDay = allDay
        self.location = location
        self.attendees = attendees
        self.reminderAt = reminderAt
        self.remindedAt = remindedAt
        self.status = status
        self.outcome = outcome
        self.recurrence = recurrence
        self.completedAt = completedAt
        self.ownership = ownership
        self.sequence = sequence
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// When it happens: the start of a scheduled activity, else its due time.
    public var when: Date? { startAt ?? dueAt }

    /// Whether the user is invited as an attendee (and not only its owner): they see it, marked as invited.
    public func invites(_ user: User.ID) -> Bool {
        ownership.ownerId != user && attendees.contains(Attendee(.user, user.uuid))
    }

    /// Checks the shape every activity must have; reports every problem at once.
    public func validated() throws(ValidationError) -> Activity {
        var check = Validator()
        var copy = self
        copy.subject = check.text("subject", subject, required: true, maxLength: 200) ?? ""
        copy.description = check.text("description", description, maxLength: 5000)
        copy.location = check.text("location", location, maxLength: 200)
        copy.outcome = check.text("outcome", outcome, maxLength: 2000)
        if kind.isScheduled {
            if startAt == nil { check.add("startAt", "is required for \(kind == .appointment ? "an appointment" : "a service visit")") }
            if endAt == nil { check.add("endAt", "is required for \(kind == .appointment ? "an appointment" : "a service visit")") }
        }
        if let start = startAt, let end = endAt, end < start { check.add("endAt", "must not be before startAt") }
        for (field, time) in [("dueAt", dueAt), ("startAt", startAt), ("endAt", endAt), ("reminderAt", reminderAt), ("recurrence", recurrence?.until)] {
            if let time, !Bounds.contains(time) { check.add(field, Bounds.timeMessage) }
        }
        if endAt != nil && startAt == nil && !kind.isScheduled { check.add("startAt", "is required with endAt") }
        if recurrence != nil && when == nil { check.add("recurrence", "needs a start or due time") }
        if let recurrence, let start = when, let until = recurrence.until, until < start { check.add("recurrence", "ends before it starts") }
        if attendees.count > 100 { check.add("attendees", "at most 100") }
        try check.check()
        return copy
    }

    /// open → completed, with what came of it (rule 84).
    public mutating func complete(outcome: String?, at now: Date) throws(ActivityError) {
        status = try status.applying(.complete)
        if let outcome { self.outcome = outcome }
        completedAt = now
    }

    public mutating func cancel() throws(ActivityError) {
        status = try status.applying(.cancel)
    }

    public mutating func reopen() throws(ActivityError) {
        status = try status.applying(.reopen)
        completedAt = nil
    }
}

/// The record an activity is about.
public struct Regarding: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case lead, account, contact, opportunity, quote, order, invoice, contract, campaign }
    public var kind: Kind
    public var id: UUID
    public init(_ kind: Kind, _ id: UUID) {
        self.kind = kind
        self.id = id
    }

    /// The web page of the record.
    public var path: String {
        let plural = switch kind {
        case .opportunity: "opportunities"
        case .contract: "amc-contracts"
        default: kind.rawValue + "s"
        }
        return "/\(plural)/\(UUIDText.lowercase(id))"
    }
}

/// Someone taking part in an appointment: a user or a contact.
public struct Attendee: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case user, contact }
    public var kind: Kind
    public var id: UUID
    public init(_ kind: Kind, _ id: UUID) {
        self.kind = kind
        self.id = id
    }
}

public enum ActivityError: Error, Sendable, Equatable {
    case notOpen
    case alreadyOpen
}
