import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Maintenance contracts on the web: the list, and a contract's page with its facts, its visits
/// and the moves it allows now (activate a draft; cancel a draft or an active one, with a reason).
struct ContractPages {
    static let path = "/amc-contracts"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("amc-contracts", use: list)
        group.get("amc-contracts/:id", use: show)
        group.post("amc-contracts/:id/activate", use: activate)
        group.post("amc-contracts/:id/cancel", use: cancel)
        group.post("amc-contracts/:id/renew", use: renew)
        group.post("amc-contracts/:id/invoice", use: invoice)
    }

    struct Row { let number: String, url: String, account: String, accountURL: String, period: String, frequency: String, status: String, statusKey: String, value: String }
    struct ListModel { let rows: [Row], hasRows: Bool }
    struct Visit { let when: String, url: String, subject: String, technician: String, status: String, statusKey: String, feedback: String? }
    struct Item { let text: String, url: String }
    struct Bill { let period: String, number: String, url: String, status: String, statusKey: String, total: String }
    struct Model {
        let id: String, number: String, status: String, statusKey: String, facts: [Fact], visits: [Visit], hasVisits: Bool
        let items: [Item], hasItems: Bool, bills: [Bill], hasBills: Bool, billing: String, timeline: ContractTimeline?
        let canActivate: Bool, canCancel: Bool, canRenew: Bool, canInvoice: Bool, back: String
        let renewedFrom: String?, renewedTo: String?, renewMonths: Int, renewValue: String, currency: String
    }

    /// The customer's feedback on a done visit, in words: “★ 4/5 — comment (signed by …)”.
    static func feedback(_ report: VisitReport?) -> String? {
        guard let report, report.rating != nil || report.comment != nil || report.signedBy != nil else { return nil }
        var parts: [String] = []
        if let rating = report.rating { parts.append("★ \(rating)/5") }
        if let comment = report.comment { parts.append(comment) }
        if let signed = report.signedBy { parts.append("signed by \(signed)") }
        return parts.joined(separator: " — ")
    }

    static func frequency(_ c: MaintenanceContract) -> String {
        switch c.frequency {
        case .monthly: "Monthly"
        case .quarterly: "Quarterly"
        case .halfYearly: "Every six months"
        case .yearly: "Yearly"
        case .everyNDays: "Every \(c.everyNDays ?? 1) days"
        }
    }

    static func status(_ status: MaintenanceContract.Status) -> String { status.rawValue.prefix(1).uppercased() + status.rawValue.dropFirst() }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let contracts = try await ContractService(web.env).list(account: nil, by: principal)
        let accounts = try await RecordParts(env: web.env).accountNames(contracts.map(\.accountId))
        let rows = contracts.map { c in
            Row(number: c.number ?? "Draft", url: "\(Self.path)/\(c.id)", account: accounts[c.accountId] ?? "—", accountURL: "/accounts/\(c.accountId)",
                period: "\(c.startDate) – \(c.endDate)", frequency: Self.frequency(c), status: Self.status(c.status), statusKey: c.status.rawValue,
                value: MoneyText.format(c.value))
        }
        return try await web.page("contracts", "Maintenance contracts", ListModel(rows: rows, hasRows: !rows.isEmpty), request, context)
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard let id = context.parameters.get("id").flatMap(MaintenanceContract.ID.init) else { throw Problem.notFound() }
        let service = ContractService(web.env)
        let c = try await service.get(id, by: principal)
        let visits = try await service.visits(id, by: principal)
        let details = try await service.details(c, by: principal)
        let quoteNumber = try await c.renewalQuoteId.asyncMap { try? await QuoteService(web.env).get($0, by: principal).number } ?? nil
        let users = try await RecordParts(env: web.env).userNames()
        let account = try await RecordParts(env: web.env).accountNames([c.accountId])[c.accountId]
        let canChange = principal.canChange(c.ownership)
        let now = web.env.clock.now()
        return try await web.page("contract", c.number ?? "Draft contract", request, context) { shell in
            let clock = LocalClock(shell.timeZone)
            var facts = [
                Fact(label: "Account", value: account ?? "—", href: "/accounts/\(c.accountId)"),
                Fact(label: "Period", value: "\(c.startDate) – \(c.endDate) (\(c.durationMonths) months)", href: nil),
                Fact(label: "Visits", value: "\(Self.frequency(c)), \(c.visitMinutes) minutes each", href: nil),
                Fact(label: "Technicians", value: c.technicianIds.map { users[$0] ?? "—" }.joined(separator: ", ").nonEmpty ?? "None yet", href: nil),
                Fact(label: "Value", value: MoneyText.format(c.value) + (c.billing == .upfront ? ", billed up front" : ", billed per period"), href: nil),
                Fact(label: "Response time", value: c.slaResponseHours.map { "\($0) hours" } ?? "—", href: nil),
                Fact(label: "Owner", value: users[c.ownership.ownerId] ?? "—", href: nil),
            ]
            if let terms = c.terms { facts.append(Fact(label: "Terms", value: terms, href: nil)) }
            if let reason = c.cancelReason { facts.append(Fact(label: "Cancelled because", value: reason, href: nil)) }
            if let quote = c.renewalQuoteId { facts.append(Fact(label: "Renewal quote", value: quoteNumber ?? "The quote", href: "/quotes/\(quote)")) }
            let rows = visits.enumerated().map { index, v in
                Visit(when: ActivityText.when(v, clock), url: "/activities/\(v.id)", subject: "Visit \(index + 1)", technician: users[v.ownership.ownerId] ?? "—",
                      status: v.isOverdue(at: now) ? "Overdue" : ActivityText.status(v.status), statusKey: v.isOverdue(at: now) ? "overdue" : v.status.rawValue,
                      feedback: Self.feedback(v.report))
            }
            let periods = details.periods
            let bills = details.billed.map { bill in
                Bill(period: periods > 1 ? "Period \(bill.period + 1) of \(periods)" : "The whole contract", number: LedgerText.number(bill.invoice),
                     url: "/invoices/\(bill.invoice.id)", status: LedgerText.status(bill.invoice.status), statusKey: bill.invoice.status.rawValue,
                     total: MoneyText.format(bill.invoice.totals.total))
            }
            let today = Timestamp.calendarDay(now, in: shell.timeZone)
            let timeline = visits.isEmpty ? nil : ContractTimeline(contract: c, visits: visits, today: today, now: now, zone: shell.timeZone)
            return Model(id: c.id.string, number: c.number ?? "Draft contract", status: Self.status(c.status), statusKey: c.status.rawValue,
                         facts: facts, visits: rows, hasVisits: !rows.isEmpty,
                         items: details.items.map { Item(text: $0.text, url: $0.path) }, hasItems: !details.items.isEmpty,
                         bills: bills, hasBills: !bills.isEmpty,
                         billing: c.billing == .upfront ? "Billed up front: one invoice for the whole value."
                             : "Billed per period: \(periods) invoices sharing the value.", timeline: timeline,
                         canActivate: canChange && c.status.canMove(to: .active), canCancel: canChange && c.status.canMove(to: .cancelled),
                         canRenew: canChange && c.status.canMove(to: .renewed), canInvoice: (canChange || (principal.role == .finance && principal.canWriteRecords)) && c.status != .draft && c.status != .cancelled,
                         back: "\(Self.path)/\(c.id)", renewedFrom: c.renewedFromId.map { "\(Self.path)/\($0)" },
                         renewedTo: c.renewedToId.map { "\(Self.path)/\($0)" }, renewMonths: c.durationMonths,
                         renewValue: c.value.decimalString, currency: c.value.currency.code)
        }
    }

    @Sendable func activate(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        guard let id = context.parameters.get("id").flatMap(MaintenanceContract.ID.init) else { throw Problem.notFound() }
        var planned = 0
        let response = try await web.act(back: "\(Self.path)/\(id)", done: "Activated.", failed: "Not activated:") {
            planned = try await ContractService(web.env).activate(id, by: principal).1.count
        }
        return planned > 0 ? .redirect("\(Self.path)/\(id)", flash: "Activated: \(planned) visits planned.") : response
    }

    @Sendable func renew(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        guard let id = context.parameters.get("id").flatMap(MaintenanceContract.ID.init) else { throw Problem.notFound() }
        var next: MaintenanceContract?, quote: Quote?
        let refused = try await web.act(back: "\(Self.path)/\(id)", done: "Renewed.", failed: "Not renewed:") {
            let service = ContractService(web.env)
            let current = try await service.get(id, by: principal)
            var errors: [FieldError] = []
            let months = ContractForm.number(form, "durationMonths", &errors)
            let value = form.optional("value").map { Money($0.replacingOccurrences(of: ",", with: ""), currency: current.value.currency) }
            if case .some(.none) = value { errors.append(FieldError("value", "must be an amount such as 2400.00")) }
            if !errors.isEmpty { throw ValidationError(errors) }
            (_, next, quote) = try await service.renew(id, months: months, value: value ?? nil, createQuote: form.flag("createQuote"), by: principal)
        }
        guard let next else { return refused }
        let made = "Renewed as \(next.number ?? "a new contract"), active from \(next.startDate), its visits planned."
        if let quote { return .redirect("/quotes/\(quote.id)", flash: made + " The renewal quote \(quote.number) is a draft for you to check and send.") }
        return .redirect("\(Self.path)/\(next.id)", flash: made)
    }

    @Sendable func invoice(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        guard let id = context.parameters.get("id").flatMap(MaintenanceContract.ID.init) else { throw Problem.notFound() }
        var made: Invoice?
        let refused = try await web.act(back: "\(Self.path)/\(id)", done: "Billed.", failed: "Not billed:") {
            made = try await ContractService(web.env).invoice(id, by: principal)
        }
        guard let made else { return refused }
        return .redirect("/invoices/\(made.id)", flash: "Draft invoice made for the contract's next period.")
    }

    @Sendable func cancel(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        guard let id = context.parameters.get("id").flatMap(MaintenanceContract.ID.init) else { throw Problem.notFound() }
        return try await web.act(back: "\(Self.path)/\(id)", done: "Cancelled, with its future visits.", failed: "Not cancelled:") {
            _ = try await ContractService(web.env).cancel(id, reason: form.optional("reason"), by: principal)
        }
    }
}
