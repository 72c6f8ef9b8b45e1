import Foundation

extension OrderStatus {
    /// Confirmed and not cancelled: what was ordered may be invoiced (rule 36).
    public var isInvoiceable: Bool { self == .confirmed || self == .inFulfilment || self == .delivered || self == .installed }
}

extension SalesOrder {
    /// What can be done to a sales order (SPEC §5; rules 38–39): its transitions, and invoicing
    /// what of it is not invoiced yet.
    public enum Verb: String, Sendable, CaseIterable {
        case confirm, fulfil, deliver, install, cancel, invoice

        /// The verb for a transition of the status machine.
        public init(_ verb: OrderStatus.Verb) {
            self = switch verb {
            case .confirm: .confirm
            case .fulfil: .fulfil
            case .deliver: .deliver
            case .install: .install
            case .cancel: .cancel
            }
        }

        /// The status transition the verb is, if it is one.
        public var transition: OrderStatus.Verb? {
            switch self {
            case .confirm: .confirm
            case .fulfil: .fulfil
            case .deliver: .deliver
            case .install: .install
            case .cancel: .cancel
            case .invoice: nil
            }
        }
    }

    /// The account an invoice of the order bills: refused unless the order is invoiceable and
    /// names an account.
    public func billedAccount() throws(InvoiceError) -> Account.ID {
        guard status.isInvoiceable, let accountId else { throw .orderNotInvoiceable }
        return accountId
    }

    /// What each line (in order) is invoiced for by the invoices that stand: invoices, not credit
    /// notes, and not cancelled (a credit note cancels the invoice it reverses).
    public func invoicedQuantities(_ invoices: [Invoice]) -> [Micros] {
        var invoiced = lines.map { _ in Int64(0) }
        for invoice in invoices where invoice.kind == .invoice && invoice.status != .cancelled {
            for line in invoice.lines {
                if let n = line.orderLine, n >= 1, n <= invoiced.count { invoiced[n - 1] += line.line.quantity.value }
            }
        }
        return invoiced.map { Micros(value: $0) }
    }

    /// What of each line is left to invoice, never less than nothing.
    public func uninvoicedQuantities(_ invoiced: [Micros]) -> [Micros] {
        lines.enumerated().map { index, line in
            Micros(value: max(0, line.quantity.value - (index < invoiced.count ? invoiced[index].value : 0)))
        }
    }

    /// The verbs the order allows: its transitions (`applying`, so an order without lines is not
    /// confirmed), and invoicing while something is left to invoice (`uninvoiced`, per line).
    /// Pages add the role check (`Principal.canChange`).
    public func legalVerbs(uninvoiced: [Micros]) -> Set<Verb> {
        Set(Verb.allCases.filter { verb in
            if let transition = verb.transition { return (try? applying(transition)) != nil }
            return (try? billedAccount()) != nil && uninvoiced.contains { $0.value > 0 }
        })
    }
}
