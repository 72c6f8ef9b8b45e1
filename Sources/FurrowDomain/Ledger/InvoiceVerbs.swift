import Foundation

extension Invoice {
    /// What can be done to an invoice or credit note (SPEC §5): change or delete a draft, issue
    /// it, email it, cancel it with a credit note, record a payment against it.
    public enum Verb: String, Sendable, CaseIterable {
        case edit, delete, issue, send, credit, recordPayment
    }

    /// Refuses `verb` with the error its use case reports: only a draft is changed, deleted or
    /// issued, and a draft without lines is not issued; a draft is not emailed; only an issued
    /// invoice (open or paid, not a credit note) is credited; payments go to open invoices.
    public func check(_ verb: Verb) throws(InvoiceError) {
        switch verb {
        case .edit, .delete:
            try checkDraft()
        case .issue:
            try checkDraft()
            guard !lines.isEmpty else { throw .noLines }
        case .send:
            guard status != .draft else { throw .notIssued }
        case .credit:
            guard kind == .invoice, status.isOpen || status == .paid else { throw .notIssued }
        case .recordPayment:
            guard kind == .invoice, status.isOpen else { throw .notOpen }
        }
    }

    /// The verbs the invoice's state allows; pages add the role check (`Principal.canChange`).
    public func legalVerbs() -> Set<Verb> {
        Set(Verb.allCases.filter { verb in (try? check(verb)) != nil })
    }
}
