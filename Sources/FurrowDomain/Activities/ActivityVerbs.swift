import Foundation

extension Activity.Status {
    /// The moves between statuses (rule 84): an open activity is completed or cancelled; a
    /// completed or cancelled one is reopened.
    public enum Verb: String, Sendable, CaseIterable { case complete, cancel, reopen }

    /// The legal moves, declared once; tests walk the whole table.
    public static let transitions: [Activity.Status: [Verb: Activity.Status]] = [
        .open: [.complete: .completed, .cancel: .cancelled],
        .completed: [.reopen: .open],
        .cancelled: [.reopen: .open],
    ]

    public func applying(_ verb: Verb) throws(ActivityError) -> Activity.Status {
        if let next = Self.transitions[self]?[verb] { return next }
        throw self == .open ? .alreadyOpen : .notOpen
    }

    /// Refuses `verb` with the error its use case reports: any activity is edited; only an open
    /// one is moved in time; transitions follow `transitions`.
    public func check(_ verb: Activity.Verb) throws(ActivityError) {
        switch verb {
        case .edit: break
        case .reschedule: guard self == .open else { throw .notOpen }
        case .complete: _ = try applying(.complete)
        case .cancel: _ = try applying(.cancel)
        case .reopen: _ = try applying(.reopen)
        }
    }

    /// The verbs an activity in this status allows (calendar entries carry only the status).
    public func legalVerbs() -> Set<Activity.Verb> {
        Set(Activity.Verb.allCases.filter { verb in (try? check(verb)) != nil })
    }
}

extension Activity {
    /// What can be done to an activity (SPEC §6): edit it, move it in time, complete it with an
    /// outcome, cancel it, reopen it.
    public enum Verb: String, Sendable, CaseIterable { case edit, reschedule, complete, cancel, reopen }

    /// Refuses `verb` with the error its use case reports; the rule is the status's.
    public func check(_ verb: Verb) throws(ActivityError) { try status.check(verb) }

    /// The verbs the activity's status allows; pages add the role check (`Principal.canChange`).
    public func legalVerbs() -> Set<Verb> { status.legalVerbs() }
}
