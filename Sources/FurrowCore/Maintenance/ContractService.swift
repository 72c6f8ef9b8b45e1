import Foundation
import FurrowDomain

/// Annual maintenance contracts (SPEC §7, seed 002): made as drafts, activated into a schedule of
/// service visits for their technicians, cancelled with their future visits.
public struct ContractService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public struct Input: Sendable {
        public var accountId: Account.ID?
        public var contactId: Contact.ID?
        public var items: [MaintenanceContract.CoveredItem] = []
        public var startDate: Day?
        public var durationMonths: Int?
        public var frequency: MaintenanceContract.Frequency?
        public var everyNDays: Int?
        public var visitMinutes: Int?
        public var value: Money?
        public var billing: MaintenanceContract.Billing?
        public var slaResponseHours: Int?
        public var technicianIds: [User.ID] = []
        /// A team whose active service users become the technicians (with any named ones).
        public var serviceTeamId: Team.ID?
        public var terms: String?
        public var ownerId: User.ID?
        public init() {}
    }

    public func create(_ input: Input, by principal: Principal) async throws -> MaintenanceContract {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        var missing: [FieldError] = []
        for (field, present) in [("accountId", input.accountId != nil), ("startDate", input.startDate != nil),
                                 ("durationMonths", input.durationMonths != nil), ("frequency", input.frequency != nil), ("value", input.value != nil)]
        where !present { missing.append(FieldError(field, "is required")) }
        guard missing.isEmpty, let accountId = input.accountId, let start = input.startDate, let months = input.durationMonths,
              let frequency = input.frequency, let value = input.value else { throw ValidationError(missing) }
        let now = env.clock.now()
        var contract = MaintenanceContract(id: env.newID(), accountId: accountId, items: input.items, startDate: start, durationMonths: months,
                                           frequency: frequency, everyNDays: input.everyNDays, visitMinutes: input.visitMinutes ?? 60, value: value,
                                           billing: input.billing ?? .upfront, technicianIds: input.technicianIds,
                                           ownership: Ownership(ownerId: principal.userId, teamId: principal.teamId), createdAt: now, updatedAt: now)
        contract.contactId = input.contactId
        contract.slaResponseHours = input.slaResponseHours
        contract.terms = input.terms
        let valid = try contract.validated()
        return try await env.transaction(by: principal) { transaction in
            var contract = valid
            if let team = input.serviceTeamId {
                guard try await transaction.session.team(id: team) != nil else { throw ValidationError([FieldError("serviceTeamId", "is not a team")]) }
                let members = try await transaction.session.users().filter { $0.teamId == team && $0.role == .service && $0.active }.map(\.id)
                guard !members.isEmpty else { throw ValidationError([FieldError("serviceTeamId", "has no active user with the service role")]) }
                contract.technicianIds += members.filter { !contract.technicianIds.contains($0) }
            }
            try await checkLinks(&contract, ownerId: input.ownerId, transaction, principal)
            let year = try await transaction.today().year
            contract.number = String(format: "AMC-%04d-%05d", year, try await transaction.session.nextDocumentNumber(kind: "AMC", year: year))
            try await transaction.create(contract)
            return contract
        }
    }

    public func get(_ id: MaintenanceContract.ID, by principal: Principal) async throws -> MaintenanceContract {
        try await env.reading(by: principal) { transaction in
            let contract = try await transaction.load(MaintenanceContract.self, id)
            var shown = contract
            shown.status = contract.status(on: try await transaction.today())
            return shown
        }
    }

    public func list(account: Account.ID?, limit: Int = 500, by principal: Principal) async throws -> [MaintenanceContract] {
        try await env.reading(by: principal) { transaction in
            let today = try await transaction.today()
            return try await transaction.session.contracts(of: account, visibleTo: principal, limit: limit).map { contract in
                var shown = contract
                shown.status = contract.status(on: today)
                return shown
            }
        }
    }

    /// Activates a draft: the whole schedule of visits is made, each a service visit regarding
    /// the contract, owned by its technician, in the same transaction.
    public func activate(_ id: MaintenanceContract.ID, by principal: Principal) async throws -> (MaintenanceContract, [Activity]) {
        try await env.transaction(by: principal) { transaction in
            var visits: [Activity] = []
            let contract = try await transaction.change(MaintenanceContract.self, id, action: "activate", locked: true) { contract in
                guard contract.status.canMove(to: .active) else { throw ContractError.illegalMove(from: contract.status, to: .active) }
                guard !contract.technicianIds.isEmpty else { throw ContractError.noTechnicians }
                contract.status = .active
                visits = try await plannedVisits(contract, transaction)
            }
            for visit in visits { try await transaction.create(visit) }
            return (contract, visits)
        }
    }

    /// Cancels a draft or active contract with a reason; its open visits from today on are cancelled too (kept, audited).
    public func cancel(_ id: MaintenanceContract.ID, reason: String?, by principal: Principal) async throws -> MaintenanceContract {
        var check = Validator()
        let reason = check.text("reason", reason, required: true, maxLength: 500)
        try check.check()
        return try await env.transaction(by: principal) { transaction in
            let contract = try await transaction.change(MaintenanceContract.self, id, action: "cancel", locked: true) { contract in
                guard contract.status.canMove(to: .cancelled) else { throw ContractError.illegalMove(from: contract.status, to: .cancelled) }
                contract.status = .cancelled
                contract.cancelReason = reason
            }
            let now = env.clock.now()
            for visit in try await transaction.session.activities(regarding: id.uuid) where visit.status == .open && (visit.startAt ?? now) >= now {
                try await transaction.change(Activity.self, visit.id, action: "cancel") { activity in try activity.cancel() }
            }
            return contract
        }
    }

    /// Renews an active or expired contract (rule 43): the next contract starts the day after it
    /// ends with the same items, technicians and terms, numbered anew, linked both ways, and is
    /// activated with its visits planned; this one becomes `renewed`. With `createQuote`, a draft
    /// renewal quote for the new contract's value is made on a new renewal opportunity owned by the
    /// contract's owner. One transaction.
    public func renew(_ id: MaintenanceContract.ID, months: Int?, value: Money?, createQuote: Bool = false,
                      by principal: Principal) async throws -> (old: MaintenanceContract, new: MaintenanceContract, quote: Quote?) {
        try await env.transaction(by: principal) { transaction in
            let now = env.clock.now(), today = try await transaction.today()
            var next: MaintenanceContract?
            let old = try await transaction.change(MaintenanceContract.self, id, action: "renew", locked: true) { contract in
                let status = contract.status(on: today)
                guard status.canMove(to: .renewed) else { throw ContractError.illegalMove(from: status, to: .renewed) }
                if let value, value.currency != contract.value.currency {
                    throw ValidationError([FieldError("value", "must be in \(contract.value.currency.code), the contract's currency")])
                }
                var renewal = try contract.renewal(id: env.newID(), months: months, value: value, at: now,
                                                   by: contract.ownership).validated()
                let year = today.year
                renewal.number = String(format: "AMC-%04d-%05d", year, try await transaction.session.nextDocumentNumber(kind: "AMC", year: year))
                renewal.status = .active
                contract.status = .renewed
                contract.renewedToId = renewal.id
                next = renewal
            }
            guard let renewal = next else { throw CoreError.notFound("maintenance contract") }
            try await transaction.create(renewal, action: "create")
            for visit in try await plannedVisits(renewal, transaction) { try await transaction.create(visit) }
            guard createQuote else { return (old, renewal, nil) }
            let quote = try await renewalQuote(renewal, transaction)
            let linked = try await transaction.change(MaintenanceContract.self, renewal.id, action: "renewal quote") { contract in
                contract.renewalQuoteId = quote.id
            }
            return (old, linked, quote)
        }
    }

    /// The renewal opportunity (the quote-driven kind, closing when the old contract ends) and its
    /// draft quote with one line: the new contract at its value.
    func renewalQuote(_ renewal: MaintenanceContract, _ transaction: Transaction) async throws -> Quote {
        let account = try await transaction.session.account(id: renewal.accountId)
        let name = "Renewal \(renewal.number ?? "") – \(account?.fields.name ?? "maintenance")"
        var fields = OpportunityFields(name: String(name.prefix(200)), accountId: renewal.accountId, contactId: renewal.contactId,
                                       currency: renewal.value.currency)
        fields.estimatedRevenue = renewal.value
        fields.expectedCloseDate = renewal.startDate.adding(days: -1)
        fields = try fields.validated()
        let kind = try await transaction.session.kind(id: QuoteService.quoteKindId).flatMap { $0.allowed ? $0 : nil }
        let opportunity = try await OpportunityService(env).insert(fields, input: OpportunityInput(fields: fields, kindId: kind?.id),
                                                                   ownership: renewal.ownership, leadId: nil, in: transaction)
        var input = QuoteInput(lines: [Self.line("Maintenance contract \(renewal.number ?? ""): \(renewal.startDate) – \(renewal.endDate)", renewal.value)])
        input.opportunityId = opportunity.id
        input.terms = renewal.terms
        return try await QuoteService(env).draft(input, in: transaction)
    }

    /// One line of a document: the text, once, at the amount.
    static func line(_ text: String, _ amount: Money) -> QuoteInput.Line {
        let scale = Int64(1_000_000) / Money.power(amount.currency.minorDigits)
        return QuoteInput.Line(description: text, quantity: Micros(value: Micros.scale), unitPrice: Micros(value: amount.minorUnits * scale))
    }

    /// The draft invoice for the contract's next unbilled period (the whole value when billed up
    /// front), made and recorded in one transaction: a period is never billed twice.
    public func invoice(_ id: MaintenanceContract.ID, by principal: Principal) async throws -> Invoice {
        try await env.transaction(by: principal) { transaction in
            // finance bills every customer's contracts; others bill the ones they may change
            let contract = try await transaction.load(MaintenanceContract.self, id, locked: true)
            guard principal.canWriteRecords, contract.access.changeable(by: principal) || principal.role == .finance else {
                throw CoreError.forbidden("your role cannot bill this contract")
            }
            let status = contract.status(on: try await transaction.today())
            guard status != .draft && status != .cancelled else { throw ContractError.notBillable(status) }
            let periods = contract.billingPeriods()
            let billed = try await transaction.session.billedPeriods(of: id)
            let next = (billed.map(\.period).max() ?? -1) + 1
            guard next < periods.count else { throw ContractError.allPeriodsBilled }
            let period = periods[next]
            let line = Self.line("Maintenance contract \(contract.number ?? ""): \(period.from) – \(period.to)"
                                     + (periods.count > 1 ? " (period \(next + 1) of \(periods.count))" : ""), period.amount)
            let invoice = try await InvoiceService(env).draft(.init(accountId: contract.accountId, contactId: contract.contactId,
                                                                    currency: contract.value.currency, lines: [line]),
                                                              notes: nil, in: transaction)
            try await transaction.session.insertBilledPeriod(of: id, period: next, invoice: invoice.id)
            transaction.audit(MaintenanceContract.entity, id.uuid, "invoice",
                              [FieldChange(field: "period \(next + 1)", old: nil, new: "invoice:" + invoice.id.string)])
            return invoice
        }
    }

    /// What needs doing: active contracts ending within `days` (renewals due, soonest first) and
    /// visits still open after their end (overdue, oldest first).
    public func due(days: Int, by principal: Principal) async throws -> (renewals: [MaintenanceContract], overdue: [Activity]) {
        try await env.reading(by: principal) { transaction in
            let today = try await transaction.today(), horizon = today.adding(days: days)
            let renewals = try await transaction.session.contracts(of: nil, visibleTo: principal, limit: 1000)
                .filter { $0.status(on: today) == .active && $0.endDate <= horizon }.sorted { $0.endDate < $1.endDate }
            let overdue = try await transaction.session.overdueVisits(before: env.clock.now(), visibleTo: principal, limit: 500)
            return (renewals, overdue)
        }
    }

    /// A contract's visits, by start.
    public func visits(_ id: MaintenanceContract.ID, by principal: Principal) async throws -> [Activity] {
        try await env.reading(by: principal) { transaction in
            _ = try await transaction.load(MaintenanceContract.self, id)
            return try await transaction.session.activities(regarding: id.uuid).sorted { ($0.startAt ?? $0.createdAt, $0.id.string) < ($1.startAt ?? $1.createdAt, $1.id.string) }
        }
    }

    // MARK: rules

    func plannedVisits(_ contract: MaintenanceContract, _ transaction: Transaction) async throws -> [Activity] {
        let settings = try await transaction.settings(), zone = settings.zone
        func instant(_ day: Day, _ minute: Int) -> Date { settings.instant(day, minute: minute) }
        let session = transaction.session
        let holidays = Set(try await session.holidays().map(\.day))
        let rules = VisitSchedule.Rules(workingDays: Set(settings.workingDays), holidays: holidays, dayStart: settings.workingMinutes.start,
                                        dayEnd: settings.workingMinutes.end)
        var busy: VisitSchedule.Busy = [:]
        let from = instant(contract.startDate, 0), to = instant(contract.endDate.adding(days: 40), 0)
        for (user, start, end) in try await session.busyTimes(of: contract.technicianIds, from: from, to: to) {
            let day = Timestamp.calendarDay(start, in: zone)
            let midnight = instant(day, 0)
            let first = Int(start.timeIntervalSince(midnight) / 60), last = Int(min(end.timeIntervalSince(midnight) / 60, 24 * 60))
            if last > first { busy[user, default: [:]][day, default: []].append(first..<last) }
        }
        let plan = VisitSchedule.plan(start: contract.startDate, end: contract.endDate, frequency: contract.frequency, everyNDays: contract.everyNDays,
                                      visitMinutes: contract.visitMinutes, technicians: contract.technicianIds, rules: rules, busy: busy)
        let account = try await session.account(id: contract.accountId)
        let now = env.clock.now()
        var visits: [Activity] = []
        for (index, visit) in plan.visits.enumerated() {
            let start = instant(visit.day, visit.startMinute)
            let owner = try await session.user(id: visit.technicianId)
            var activity = Activity(id: env.newID(), kind: .serviceVisit,
                                    subject: "Maintenance visit \(index + 1) of \(plan.visits.count) (\(contract.number ?? "contract"))",
                                    regarding: Regarding(.contract, contract.id.uuid), startAt: start,
                                    endAt: start.addingTimeInterval(TimeInterval(contract.visitMinutes * 60)),
                                    location: account?.fields.name, ownership: Ownership(ownerId: visit.technicianId, teamId: owner?.teamId),
                                    createdAt: now, updatedAt: now)
            activity = try activity.validated()
            visits.append(activity)
        }
        return visits
    }

    func checkLinks(_ contract: inout MaintenanceContract, ownerId: User.ID?, _ transaction: Transaction, _ principal: Principal) async throws {
        let session = transaction.session
        var errors: [FieldError] = []
        guard let account = try await session.account(id: contract.accountId), principal.ledger.canSee(account.ownership) else {
            throw ValidationError([FieldError("accountId", "is not an account you can see")])
        }
        if let contactId = contract.contactId {
            let contact = try await session.contact(id: contactId)
            if contact == nil || contact?.fields.accountId != account.id { errors.append(FieldError("contactId", "is not a contact of the account")) }
        }
        for (index, technician) in contract.technicianIds.enumerated() {
            let user = try await session.user(id: technician)
            if user == nil || user?.active != true || user?.role != .service {
                errors.append(FieldError("technicianIds[\(index)]", "is not an active user with the service role"))
            }
        }
        for (index, item) in contract.items.enumerated() {
            switch item {
            case .product(let id):
                if try await session.product(id: id) == nil { errors.append(FieldError("items[\(index)]", "is not a product")) }
            case .invoiceLine(let id, let line):
                let invoice = try await session.invoice(id: id, locked: false)
                if invoice?.accountId != account.id || !(0..<(invoice?.lines.count ?? 0)).contains(line) {
                    errors.append(FieldError("items[\(index)]", "is not a line of an invoice of the account"))
                }
            }
        }
        if let ownerId, ownerId != principal.userId {
            guard principal.canReassign else { throw CoreError.forbidden("only managers and administrators give contracts to others") }
            guard let user = try await session.user(id: ownerId), user.active else {
                throw ValidationError(errors + [FieldError("ownerId", "is not an active user")])
            }
            contract.ownership = Ownership(ownerId: user.id, teamId: user.teamId)
        }
        if !errors.isEmpty { throw ValidationError(errors) }
    }
}

extension MaintenanceContract: StoredRecord {
    static let entity = "contract"
    static let noun = "maintenance contract"
    var access: RecordAccess { .serviced(ownership, technicians: Set(technicianIds)) }
    mutating func stamp(at time: Date) { updatedAt = time }
    static func load(_ id: ID, locked: Bool, in session: any StoreSession) async throws -> MaintenanceContract? {
        try await session.contract(id: id, locked: locked)
    }
    func insert(in session: any StoreSession) async throws { try await session.insertContract(self) }
    func save(over before: MaintenanceContract, in session: any StoreSession) async throws -> Bool {
        try await session.updateContract(self, over: before)
    }

    var auditValues: [String: String] {
        var values = ["accountId": accountId.string, "startDate": startDate.description, "durationMonths": String(durationMonths),
                      "frequency": frequency.rawValue, "visitMinutes": String(visitMinutes), "value": value.decimalString,
                      "currency": value.currency.code, "billing": billing.rawValue, "status": status.rawValue, "ownerId": ownership.ownerId.string]
        values["number"] = number
        values["contactId"] = contactId?.string
        values["everyNDays"] = everyNDays.map(String.init)
        values["slaResponseHours"] = slaResponseHours.map(String.init)
        values["technicianIds"] = technicianIds.isEmpty ? nil : technicianIds.map { "user:" + $0.string }.joined(separator: ",")
        values["items"] = items.isEmpty ? nil : items.map { item in
            switch item {
            case .product(let id): "product:" + id.string
            case .invoiceLine(let id, let line): "invoice:\(id.string) line \(line + 1)"
            }
        }.joined(separator: ",")
        values["terms"] = terms
        values["cancelReason"] = cancelReason
        values["renewalQuoteId"] = renewalQuoteId.map { "quote:" + $0.string }
        return values
    }
}
