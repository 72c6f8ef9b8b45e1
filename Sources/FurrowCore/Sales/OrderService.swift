import Foundation
import FurrowDomain

/// Sales orders (SPEC §5): made from accepted quotes or directly, confirmed, tracked through
/// delivery or installation, or cancelled. Every step is audited.
public struct OrderService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public struct Input: Sendable {
        public var accountId: Account.ID
        public var contactId: Contact.ID?
        public var opportunityId: Opportunity.ID?
        public var priceListId: PriceList.ID?
        public var currency: Currency?
        public var lines: [QuoteInput.Line]

        public init(accountId: Account.ID, contactId: Contact.ID? = nil, opportunityId: Opportunity.ID? = nil, priceListId: PriceList.ID? = nil,
                    currency: Currency? = nil, lines: [QuoteInput.Line]) {
            self.accountId = accountId
            self.contactId = contactId
            self.opportunityId = opportunityId
            self.priceListId = priceListId
            self.currency = currency
            self.lines = lines
        }
    }

    /// An order made directly, without a quote (rule 91). A closed opportunity refuses it.
    public func create(_ input: Input, by principal: Principal) async throws -> SalesOrder {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        return try await env.transaction(by: principal) { transaction in try await insert(input, in: transaction) }
    }

    /// Makes the order inside the caller's transaction (also used by campaign responses).
    func insert(_ input: Input, in transaction: Transaction) async throws -> SalesOrder {
        let session = transaction.session, principal = transaction.principal
        guard let account = try await session.account(id: input.accountId), principal.canSee(account.ownership) else {
            throw ValidationError([FieldError("accountId", "is not an account you can see")])
        }
        if let contactId = input.contactId, try await session.contact(id: contactId).map({ principal.canSee($0.ownership) }) != true {
            throw ValidationError([FieldError("contactId", "is not a contact you can see")])
        }
        let settings = Settings(try await session.settings())
        var currency = input.currency ?? Currency(settings.baseCurrency) ?? Currency("EUR")!
        if let opportunityId = input.opportunityId {
            let opportunity = try await session.visibleOpportunity(opportunityId, principal)
            try opportunity.checkOpen()
            currency = opportunity.fields.currency
        }
        if let listId = input.priceListId, let list = try await session.priceList(id: listId), input.currency == nil { currency = list.currency }
        let now = env.clock.now()
        let today = settings.today(now)
        let lines = try await session.resolveLines(input.lines, priceListId: input.priceListId, currency: currency, date: today)
        let serial = try await session.nextDocumentNumber(kind: "order", year: today.year)
        let order = SalesOrder(id: env.newID(), number: String(format: "SO-%04d-%05d", today.year, serial), quoteId: nil,
                               opportunityId: input.opportunityId, accountId: account.id, contactId: input.contactId, currency: currency,
                               lines: lines, ownership: Ownership(ownerId: principal.userId, teamId: principal.teamId),
                               createdAt: now, updatedAt: now)
        try await session.insertOrder(order)
        transaction.audit("order", order.id.uuid, "create", AuditDiff.changes(from: [:], to: order.auditValues))
        return order
    }

    public func get(_ id: SalesOrder.ID, by principal: Principal) async throws -> SalesOrder {
        try await env.store.read { session in try await session.visibleOrder(id, principal.ledger) }
    }

    public func list(_ query: ListQuery, by principal: Principal) async throws -> [SalesOrder] {
        try await env.store.read { session in try await session.orders(query, visibleTo: principal.ledger) }
    }

    public func tracking(_ id: SalesOrder.ID, by principal: Principal) async throws -> [TrackingEvent] {
        try await env.store.read { session in
            _ = try await session.visibleOrder(id, principal.ledger)
            return try await session.tracking(of: id)
        }
    }

    /// The customer approved: draft → confirmed (rule 38).
    public func confirm(_ id: SalesOrder.ID, by principal: Principal) async throws -> SalesOrder {
        try await move(id, .confirm, note: nil, at: nil, by: principal)
    }

    public func cancel(_ id: SalesOrder.ID, note: String?, by principal: Principal) async throws -> SalesOrder {
        try await move(id, .cancel, note: note, at: nil, by: principal)
    }

    /// Records a delivery or installation step (rule 39); the order's status follows it.
    public func track(_ id: SalesOrder.ID, status: OrderStatus, note: String?, at: Date?, by principal: Principal) async throws -> SalesOrder {
        guard let verb = OrderStatus.verb(tracking: status) else {
            throw ValidationError([FieldError("status", "tracking takes inFulfilment, delivered or installed")])
        }
        return try await move(id, verb, note: note, at: at, by: principal)
    }

    private func move(_ id: SalesOrder.ID, _ verb: OrderStatus.Verb, note: String?, at: Date?, by principal: Principal) async throws -> SalesOrder {
        var check = Validator()
        let note = check.text("note", note, maxLength: 1000)
        try check.check()
        return try await env.transaction(by: principal) { transaction in
            let session = transaction.session
            var order = try await transaction.loadChangeable(SalesOrder.self, id)
            let before = order
            order.status = try order.applying(verb)
            if verb == .cancel { try await cancelDraftInvoices(of: order, in: transaction) }
            try await transaction.save(&order, over: before, action: verb.rawValue,
                                       extra: note.map { [FieldChange(field: "note", old: nil, new: $0)] } ?? [])
            try await session.insertTracking(TrackingEvent(id: env.ids.next(), orderId: id, status: order.status, note: note,
                                                           at: at ?? env.clock.now(), actorId: principal.userId))
            return order
        }
    }
}

extension OrderService {
    /// An order cannot be cancelled once invoiced (SPEC §5); its draft invoices go with it.
    func cancelDraftInvoices(of order: SalesOrder, in transaction: Transaction) async throws {
        let session = transaction.session
        let invoices = try await session.invoices(ofOrder: order.id)
        if invoices.contains(where: { $0.kind == .invoice && $0.status != .draft && $0.status != .cancelled }) { throw InvoiceError.orderInvoiced }
        for invoice in invoices where invoice.status == .draft {
            try await session.deleteInvoice(invoice.id)
            transaction.audit("invoice", invoice.id.uuid, "delete", [FieldChange(field: "reason", old: nil, new: "order \(order.number) cancelled")])
        }
    }
}

extension SalesOrder {
    var auditValues: [String: String] {
        var values = ["number": number, "status": status.rawValue, "currency": currency.code, "total": totals.total.decimalString,
                      "lines": String(lines.count), "ownerId": ownership.ownerId.string]
        values["accountId"] = accountId?.string
        values["contactId"] = contactId?.string
        values["opportunityId"] = opportunityId?.string
        values["quoteId"] = quoteId?.string
        return values
    }
}

extension StoreSession {
    func visibleOrder(_ id: SalesOrder.ID, _ principal: Principal) async throws -> SalesOrder {
        // Orders are billing records: finance reads every customer's (`Principal.ledger`).
        guard let order = try await order(id: id), principal.ledger.canSee(order.ownership) else { throw CoreError.notFound("order") }
        return order
    }
}
