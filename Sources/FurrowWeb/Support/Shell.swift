import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// One entry of the top navigation. Later modules add theirs to `Navigation.entries` in one line.
/// `also` lists other paths the entry is current for (price lists under Products); a title may
/// depend on the settings (the word the administrator chose for quotes). Entries of one `group`
/// stay together when the bar wraps; `.administration` entries sit beside the user's name.
struct NavEntry: Sendable {
    enum Group: String, Sendable, CaseIterable {
        case customers = "Customers", pipeline = "Pipeline", planning = "Planning", sales = "Sales", money = "Money and reports"
        case administration = "Administration"
    }

    let title: @Sendable (Settings) -> String
    let path: String
    let group: Group
    let also: [String]
    let shown: @Sendable (Principal) -> Bool
    /// Whether the company uses the feature behind it (budget activities only with budget tracking).
    var enabled: @Sendable (Settings) -> Bool = { _ in true }

    init(_ title: String, _ path: String, _ group: Group, also: [String] = [],
         shown: @escaping @Sendable (Principal) -> Bool = { _ in true }, enabled: @escaping @Sendable (Settings) -> Bool = { _ in true }) {
        self.init({ _ in title }, path, group, also: also, shown: shown)
        self.enabled = enabled
    }

    init(_ title: @escaping @Sendable (Settings) -> String, _ path: String, _ group: Group, also: [String] = [],
         shown: @escaping @Sendable (Principal) -> Bool = { _ in true }) {
        self.title = title
        self.path = path
        self.group = group
        self.also = also
        self.shown = shown
    }

    func isCurrent(_ path: String) -> Bool {
        ([self.path] + also).contains { path == $0 || path.hasPrefix($0 + "/") }
    }
}

enum Navigation {
    static let entries: [NavEntry] = [
        NavEntry("Home", HomePage.path, .customers),
        NavEntry("Accounts", "/accounts", .customers),
        NavEntry("Contacts", "/contacts", .customers),
        NavEntry("Leads", "/leads", .pipeline),
        NavEntry("Opportunities", "/opportunities", .pipeline),
        NavEntry("Board", "/board", .pipeline),
        NavEntry("Campaigns", CampaignPages.path, .pipeline, also: [MarketingListPages.path, LiteraturePages.path]),
        NavEntry("Activities", "/activities", .planning),
        NavEntry("Calendar", "/calendar", .planning),
        NavEntry("Contracts", ContractPages.path, .planning),
        NavEntry("My visits", MyVisitsPage.path, .planning, shown: { $0.role == .service }),
        NavEntry("Service", ServiceReportPage.path, .planning),
        NavEntry("Products", "/products", .sales, also: ["/price-lists"]),
        NavEntry({ QuoteWord($0).plural }, "/quotes", .sales),
        NavEntry("Orders", "/orders", .sales),
        NavEntry("Invoices", "/invoices", .sales),
        NavEntry("Payments", "/payments", .sales),
        NavEntry("Receivables", "/receivables", .money),
        NavEntry("Bank", BankPages.path, .money, shown: { BankPages.shown($0) }),
        NavEntry("Reports", ReportsPage.path, .money),
        NavEntry("Outbox", OutboxPage.path, .administration, shown: { OutboxPage.shown($0) }),
        NavEntry("Budget activities", BudgetActivitiesPage.path, .administration, shown: { $0.isAdmin }, enabled: { $0.budgetTracking }),
        NavEntry("Imports", ImportJobPages.path, .administration, shown: { $0.canWriteRecords }),
        NavEntry("Webhooks", WebhookPages.path, .administration, shown: { $0.isAdmin }),
        NavEntry("Users & catalogs", UserAdminPages.path, .administration, also: [Admin.path], shown: { $0.isAdmin }),
        NavEntry("Settings", "/settings", .administration, shown: { $0.isAdmin }),
    ]
}

/// What the layout shows around every page: product name, navigation, search box, the
/// notification bell, the signed-in user (linking to their profile), the CSRF token for forms, and a flash message.
struct Shell {
    struct Link { let title: String, path: String, current: Bool }
    struct LinkGroup { let label: String, links: [Link] }
    struct Message { let text: String, isError: Bool }
    /// The bell in the top bar: `count` is nil (nothing shown) without unread notifications.
    struct Bell {
        let count: String?
        let label: String
        let current: Bool

        init(unread: Int, current: Bool) {
            count = unread > 0 ? (unread > 99 ? "99+" : String(unread)) : nil
            label = unread > 0 ? "Notifications (\(unread) unread)" : "Notifications"
            self.current = current
        }
    }

    let title: String
    let company: String
    let signedIn: Bool
    let userName: String
    let csrf: String
    /// The main navigation, by group.
    let nav: [LinkGroup]
    /// The administration entries beside the user's name (nil for roles without any).
    let tools: LinkGroup?
    let bell: Bell
    /// Whether this is the user's profile page (`/me`), which the user's name links to.
    let profileCurrent: Bool
    let flash: Message?
    let searchText: String
    let timeZone: TimeZone
    /// The most a form may send (`BodyLimits.form`), for app.js to check before sending.
    /// (Stored, not computed: templates see stored properties only.)
    let formLimit = BodyLimits.form
    let formLimitText = BodyLimits.text(BodyLimits.form)

    /// The layout of a page seen by whoever sent the request (signed in or not).
    static func make(_ env: CoreEnvironment, _ request: Request, _ context: AppContext, title: String,
                     csrf: String? = nil) async throws -> Shell {
        let settings = try await SettingsService(env).current()
        var userName = ""
        var nav: [LinkGroup] = []
        var tools: LinkGroup?
        var unread = 0
        if let principal = context.principal {
            unread = (try? await NotificationService(env).unreadCount(by: principal)) ?? 0
            userName = (try? await UserService(env).get(principal.userId, by: principal).name) ?? ""
            let path = request.uri.path
            let shown = Navigation.entries.filter { $0.shown(principal) && $0.enabled(settings) }
            func links(_ group: NavEntry.Group) -> [Link] {
                shown.filter { $0.group == group }.map { Link(title: $0.title(settings), path: $0.path, current: $0.isCurrent(path)) }
            }
            nav = NavEntry.Group.allCases.filter { $0 != .administration }
                .map { LinkGroup(label: $0.rawValue, links: links($0)) }.filter { !$0.links.isEmpty }
            let administration = links(.administration)
            tools = administration.isEmpty ? nil : LinkGroup(label: NavEntry.Group.administration.rawValue, links: administration)
        }
        return Shell(title: title, company: settings.companyName, signedIn: context.principal != nil, userName: userName,
                     csrf: csrf ?? context.csrf ?? "", nav: nav, tools: tools,
                     bell: Bell(unread: unread, current: request.uri.path == NotificationsPage.path),
                     profileCurrent: request.uri.path == ProfilePage.path, flash: Flash.read(request),
                     searchText: request.uri.path == "/search" ? request.query("q") : "",
                     timeZone: TimeZone(identifier: settings.timeZone) ?? TimeZone(identifier: "UTC")!)
    }

    /// `2026-11-22 15:04` in the company's time zone.
    func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}

/// A one-time message carried across a redirect in a short-lived cookie.
enum Flash {
    static let cookie = "furrow_flash"

    static func setting(_ text: String, isError: Bool = false) -> Cookie {
        Cookie(name: cookie, value: Base64URL.encode(Data(((isError ? "e:" : "i:") + text).utf8)),
               maxAge: 60, path: "/", httpOnly: true, sameSite: .lax)
    }

    static var clearing: Cookie { Cookie(name: cookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax) }

    static func read(_ request: Request) -> Shell.Message? {
        guard let value = request.cookies[cookie]?.value, !value.isEmpty,
              let data = Base64URL.decode(value), let text = String(data: data, encoding: .utf8), text.count > 2
        else { return nil }
        return Shell.Message(text: String(text.dropFirst(2)), isError: text.hasPrefix("e:"))
    }
}

enum Base64URL {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
