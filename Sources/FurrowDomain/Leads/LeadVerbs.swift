import Foundation

extension Lead {
    /// What can be done to a lead (SPEC §2): edit it, mark it contacted, qualify, disqualify or
    /// reactivate it, and make a quote for it.
    public enum Verb: String, Sendable, CaseIterable {
        case edit, markContacted, qualify, disqualify, reactivate, newQuote

        /// The status transition the verb is, if it is one.
        public var transition: LeadStatus.Verb? {
            switch self {
            case .markContacted: .contact
            case .qualify: .qualify
            case .disqualify: .disqualify
            case .reactivate: .reactivate
            case .edit, .newQuote: nil
            }
        }
    }

    /// Refuses `verb` with the error its use case reports: a new or contacted lead is edited;
    /// transitions follow `LeadStatus.transitions`; a disqualified lead gets no new quotes.
    /// Reactivating is also for managers only: a role check the caller makes.
    public func check(_ verb: Verb) throws(PipelineError) {
        switch verb {
        case .edit: try checkEditable()
        case .newQuote: if status == .disqualified { throw .leadDisqualified }
        case .markContacted, .qualify, .disqualify, .reactivate: break
        }
        if let transition = verb.transition { _ = try status.applying(transition) }
    }

    /// The verbs the lead's status allows; pages add the role check (`Principal.canChange`).
    public func legalVerbs() -> Set<Verb> {
        Set(Verb.allCases.filter { verb in (try? check(verb)) != nil })
    }
}
