import Foundation
import FurrowDomain

/// The record lists counted by their filters (the home page's numbers, a list page's total).
public enum CountedList: String, Sendable, CaseIterable {
    case opportunities, quotes, invoices, activities, accounts, contacts, leads, orders, payments, products
}

/// How many records a list's filters match, as the user sees that list: one `COUNT(*)`.
public struct ListCounts: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    public func count(_ list: CountedList, filters: [Filter], by principal: Principal) async throws -> Int {
        try await env.store.read { session in try await session.count(list, ListQuery(limit: 1, filters: filters), visibleTo: principal) }
    }
}

/// The home page of each role (issue 22): what needs doing today and how the pipeline and the money
/// stand, as numbers that each link to the page behind them. A count is one query of a list's
/// filter as the user sees it (its list page takes the same filter); a table is one grouped total.
public struct HomeService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    /// A number and where it comes from: a list's filter, or another page (`link`).
    public struct Count: Sendable {
        public let title: String
        public let list: CountedList?
        public let filters: [Filter]
        public let value: Int
        /// Whether a number above zero wants attention (overdue, slipping).
        public let warns: Bool
        public let link: String?

        /// The page behind the number: the list with the filters as its query, as the API's list
        /// takes them too (`field=a&field=b` for alternatives, `field[lt]=v` for a range), or the other page.
        public var path: String { link ?? Self.path(list, filters) }

        public static func path(_ list: CountedList?, _ filters: [Filter]) -> String {
            guard let list else { return "/" }
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            let query = filters.flatMap { filter in
                let name = filter.op == .eq ? filter.field : "\(filter.field)[\(filter.op.rawValue)]"
                return filter.values.map { name + "=" + ($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") }
            }
            return "/" + list.rawValue + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        }

        init(_ title: String, _ list: CountedList?, _ filters: [Filter] = [], value: Int, warns: Bool = false, link: String? = nil) {
            self.title = title
            self.list = list
            self.filters = filters
            self.value = value
            self.warns = warns
            self.link = link
        }
    }

    public enum Kind: String, Sendable { case day, mine, team, money, service, setup }

    public struct Section: Sendable {
        public let kind: Kind
        public let title: String
        public var counts: [Count] = []
        /// Open opportunities by stage (the user's own in `mine`).
        public var pipeline: [ReportService.PipelineRow]?
        /// Won of those closed this quarter, in percent; nil when none closed.
        public var winRate: Int?
        /// Open receivables by age, per currency.
        public var ageing: [Currency: ReceivablesService.Buckets]?
        /// Setup steps not taken yet, each with where to take it.
        public var gaps: [Gap] = []
        init(_ kind: Kind, _ title: String) {
            self.kind = kind
            self.title = title
        }
    }

    public struct Gap: Sendable { public let text: String, link: String }

    public func home(by principal: Principal) async throws -> [Section] {
        let settings = try await SettingsService(env).current()
        let today = settings.today(env.clock.now())
        let me = Filter("ownerId", .eq, [principal.userId.string])
        let open = Filter("status", .eq, [OpportunityStatus.inProgress.rawValue])
        let pastClose = Filter("expectedCloseDate", .lt, [today.description])
        let quarter = Timestamp.string(settings.instant(Self.quarterStart(today)))
        let reports = ReportService(env)
        var sections: [Section] = []
        if principal.canWriteRecords {
            let mine = try await ActivityService(env).mine(by: principal, days: 0)
            var day = Section(.day, "Your day")
            day.counts = [Count("Overdue activities", nil, value: mine.overdue.count, warns: true, link: "/activities#overdue"),
                          Count("Activities today", nil, value: mine.today.count, link: "/activities#today")]
            if principal.role == .service {
                let visits = (mine.overdue + mine.today).filter { $0.kind == .serviceVisit }.count
                day.counts.append(Count("Service visits due", nil, value: visits, link: "/my-visits"))
            }
            sections.append(day)
        }
        let isAdmin = principal.isAdmin
        sections += try await env.store.read { session in
            var sections: [Section] = []
            func count(_ title: String, _ list: CountedList, _ filters: [Filter], warns: Bool = false) async throws -> Count {
                Count(title, list, filters, value: try await session.count(list, ListQuery(limit: 1, filters: filters), visibleTo: principal), warns: warns)
            }
            if [.sales, .manager, .admin].contains(principal.role) {
                var mine = Section(.mine, "Your pipeline")
                mine.counts = [try await count("Quotes waiting for an answer", .quotes, [me, Filter("status", .eq, [QuoteStatus.sent.rawValue, QuoteStatus.negotiation.rawValue])]),
                               try await count("Your deals past their close date", .opportunities, [me, open, pastClose], warns: true)]
                sections.append(mine)
            }
            if [.manager, .admin, .readonly].contains(principal.role) {
                let title = isAdmin ? "The company's pipeline" : principal.role == .readonly ? "The pipeline you can see" : "Your team's pipeline"
                var team = Section(.team, title)
                let won = try await count("Won this quarter", .opportunities, [Filter("status", .eq, [OpportunityStatus.won.rawValue]), Filter("closedAt", .gte, [quarter])])
                let lost = try await count("Lost this quarter", .opportunities, [Filter("status", .eq, [OpportunityStatus.lost.rawValue]), Filter("closedAt", .gte, [quarter])])
                team.winRate = won.value + lost.value > 0 ? won.value * 100 / (won.value + lost.value) : nil
                team.counts = [try await count("Deals slipping past their close date", .opportunities, [open, pastClose], warns: true), won, lost]
                sections.append(team)
            }
            if [.finance, .admin].contains(principal.role) {
                var money = Section(.money, "Money")
                let unpaid = Filter("status", .eq, [InvoiceStatus.issued.rawValue, InvoiceStatus.partiallyPaid.rawValue])
                money.counts = [try await count("Overdue invoices", .invoices, [unpaid, Filter("dueDate", .lt, [today.description])], warns: true),
                                try await count("Invoices due this week", .invoices, [unpaid, Filter("dueDate", .gte, [today.description]),
                                                                                      Filter("dueDate", .lte, [today.adding(days: 6).description])]),
                                Count("Statement lines to reconcile", nil, value: try await session.unmatchedBankLines(), link: "/bank")]
                sections.append(money)
            }
            return sections
        }
        for index in sections.indices {
            switch sections[index].kind {
            case .mine: sections[index].pipeline = try await reports.pipeline(groupBy: .stage, ownerId: principal.userId, by: principal)
            case .team: sections[index].pipeline = try await reports.pipeline(groupBy: .stage, by: principal)
            case .money: sections[index].ageing = try await ReceivablesService(env).report(asOf: today, by: principal).totals
            default: break
            }
        }
        if [.service, .manager, .admin].contains(principal.role) {
            let due = try await ContractService(env).due(days: 30, by: principal)
            var service = Section(.service, "Service")
            service.counts = [Count("Overdue service visits", nil, value: due.overdue.count, warns: true, link: "/service"),
                              Count("Contracts to renew within 30 days", nil, value: due.renewals.count, link: "/service")]
            sections.append(service)
        }
        if principal.isAdmin { sections.append(try await setup(settings)) }
        return sections
    }

    /// What an administrator has not set up yet.
    func setup(_ settings: Settings) async throws -> Section {
        var section = Section(.setup, "Setup")
        let (lists, rates, users) = try await env.store.read { session in
            (try await session.priceLists().count, try await session.taxRates().count, try await session.userCount())
        }
        if settings.smtpHost.isEmpty { section.gaps.append(Gap(text: "No mail server: quotes, invoices and reminders cannot be emailed", link: "/settings")) }
        if lists == 0 { section.gaps.append(Gap(text: "No price list: catalog products cannot be quoted", link: "/price-lists")) }
        if rates == 0 { section.gaps.append(Gap(text: "No tax rate for the products", link: "/products")) }
        if users < 2 { section.gaps.append(Gap(text: "Nobody else uses Furrow yet: invite your team", link: "/settings")) }
        return section
    }

    static func quarterStart(_ day: Day) -> Day {
        let (year, month, _) = Day.civil(day.ordinal)
        return Day(year: year, month: (month - 1) / 3 * 3 + 1, day: 1)
    }
}
