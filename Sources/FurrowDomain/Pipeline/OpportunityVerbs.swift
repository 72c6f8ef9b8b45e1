import Foundation

extension Opportunity {
    /// What can be done to an opportunity (SPEC §3): edit it (fields, parties, demand), move it
    /// to another stage, close it as won or lost, reopen it, and give it quotes and products.
    public enum Verb: String, Sendable, CaseIterable {
        case edit, advance, win, lose, reopen, newQuote, editProducts

        /// The status transition the verb is, if it is one.
        public var transition: OpportunityStatus.Verb? {
            switch self {
            case .win: .win
            case .lose: .lose
            case .reopen: .reopen
            case .edit, .advance, .newQuote, .editProducts: nil
            }
        }
    }

    /// Refuses `verb` with the error its use case reports: a closed opportunity is not edited,
    /// moved or given quotes and products (rule 112); transitions follow
    /// `OpportunityStatus.transitions`. Reopening is also for managers only: a role check the
    /// caller makes. Closing also needs no open quotes, a fact its use case loads.
    public func check(_ verb: Verb) throws(PipelineError) {
        if let transition = verb.transition {
            _ = try status.applying(transition)
        } else {
            try checkOpen()
        }
    }

    /// The verbs the opportunity's status allows; pages add the role check (`Principal.canChange`).
    public func legalVerbs() -> Set<Verb> {
        Set(Verb.allCases.filter { verb in (try? check(verb)) != nil })
    }
}
