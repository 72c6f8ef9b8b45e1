import Foundation

extension Quote {
    /// What can be done to a quote (SPEC §4): its transitions, and edit, copy products and convert.
    public enum Verb: String, Sendable, CaseIterable {
        case edit, getProducts, send, negotiate, accept, reject, revise, convert

        /// The verb for a transition of the status machine.
        public init(_ verb: QuoteStatus.Verb) {
            self = switch verb {
            case .send: .send
            case .negotiate: .negotiate
            case .accept: .accept
            case .reject: .reject
            case .revise: .revise
            }
        }

        /// The status transition the verb is, if it is one.
        public var transition: QuoteStatus.Verb? {
            switch self {
            case .send: .send
            case .negotiate: .negotiate
            case .accept: .accept
            case .reject: .reject
            case .revise: .revise
            case .edit, .getProducts, .convert: nil
            }
        }
    }

    /// Refuses `verb` with the error its use case reports: only a draft is edited or gets
    /// products; transitions follow `QuoteStatus.transitions`; an expired quote is neither
    /// negotiated nor accepted; only an accepted quote is converted, once. `day` is today in the
    /// company's time zone; `converted` says whether a sales order was made from the quote.
    public func check(_ verb: Verb, on day: Day, converted: Bool) throws(QuoteError) {
        switch verb {
        case .edit, .getProducts:
            try checkDraft()
        case .negotiate, .accept:
            if reading(on: day) == .expired { throw .expired }
        case .convert:
            guard status == .accepted else { throw .notAccepted }
            if converted { throw .alreadyConverted }
        case .send, .reject, .revise:
            break
        }
        if let transition = verb.transition { _ = try status.applying(transition) }
    }

    /// The verbs the quote allows on `day`; pages add the role check (`Principal.canChange`).
    public func legalVerbs(on day: Day, converted: Bool) -> Set<Verb> {
        Set(Verb.allCases.filter { verb in (try? check(verb, on: day, converted: converted)) != nil })
    }
}
