import FurrowHTTP
import FurrowCore
import Hummingbird
import NIOCore

/// The server-rendered web UI: pages under `/`, static files under `/static/`.
public enum WebRoutes {
    /// `audit`: a test's record of template keys no model has (nil in the server).
    public static func add(to router: Router<AppContext>, env: CoreEnvironment, audit: KeyAudit? = nil) {
        let templates = Templates.load(audit: audit)
        let web = Web(env: env, templates: templates)
        let auth = AuthMiddleware(auth: AuthService(env), checkCSRF: false)

        router.group("static")
            .add(middleware: SecurityHeaders())
            .get(":file") { _, context in
                guard let name = context.parameters.get("file"), let file = templates.staticFiles[name] else {
                    throw HTTPError(.notFound)
                }
                return Response(status: .ok, headers: [.contentType: file.contentType, .cacheControl: "public, max-age=300"],
                                body: .init(byteBuffer: file.body))
            }

        let pages = router.group()
            .add(middleware: SecurityHeaders())
            .add(middleware: WebErrors(web: web))
            .add(middleware: auth)
        SignInPages(web: web).add(to: pages)
        PasswordPages(web: web).add(to: pages)
        AccountPages(web: web).add(to: pages)
        RecordForms(web: web, kind: AccountForm(env: env)).add(to: pages)
        ContactImportPage(web: web).add(to: pages)
        ContactPages(web: web).add(to: pages)
        RecordForms(web: web, kind: ContactForm(env: env)).add(to: pages)
        ConnectionForms(web: web).add(to: pages)
        LeadPages(web: web).add(to: pages)
        LeadForms(web: web).add(to: pages)
        LeadActions(web: web).add(to: pages)
        OpportunityPages(web: web).add(to: pages)
        OpportunityForms(web: web).add(to: pages)
        OpportunityActions(web: web).add(to: pages)
        OpportunityLists(web: web).add(to: pages)
        BoardPage(web: web).add(to: pages)
        SearchPage(web: web).add(to: pages)
        SettingsPage(web: web).add(to: pages)
        NotificationsPage(web: web).add(to: pages)
        OutboxPage(web: web).add(to: pages)
        ProductForms(web: web).add(to: pages)
        ProductPages(web: web).add(to: pages)
        PriceListPages(web: web).add(to: pages)
        QuoteEditor(web: web).add(to: pages)
        QuotePages(web: web).add(to: pages)
        QuoteActions(web: web).add(to: pages)
        OpportunityProducts(web: web).add(to: pages)
        OrderPages(web: web).add(to: pages)
        OrderActions(web: web).add(to: pages)
        InvoicePages(web: web).add(to: pages)
        InvoiceActions(web: web).add(to: pages)
        PaymentForms(web: web).add(to: pages)
        PaymentPages(web: web).add(to: pages)
        PaymentActions(web: web).add(to: pages)
        ReceivablesPage(web: web).add(to: pages)
        ReportsPage(web: web).add(to: pages)
        BankProfilePage(web: web).add(to: pages)
        BankPages(web: web).add(to: pages)
        BankStatementPage(web: web).add(to: pages)
        ActivityPages(web: web).add(to: pages)
        ActivityActions(web: web).add(to: pages)
        ActivityView(web: web).add(to: pages)
        TaskEntryActions(web: web).add(to: pages)
        BudgetForms(web: web).add(to: pages)
        BudgetPages(web: web).add(to: pages)
        BudgetActivitiesPage(web: web).add(to: pages)
        ContractForm(web: web).add(to: pages)
        ContractPages(web: web).add(to: pages)
        MyVisitsPage(web: web).add(to: pages)
        ServiceReportPage(web: web).add(to: pages)
        MarketingListForm(web: web).add(to: pages)
        MarketingListPages(web: web).add(to: pages)
        CampaignForm(web: web).add(to: pages)
        CampaignPages(web: web).add(to: pages)
        UnsubscribePage(web: web).add(to: pages)
        CampaignActivityPages(web: web).add(to: pages)
        CampaignResponsePages(web: web).add(to: pages)
        LiteraturePages(web: web).add(to: pages)
        CalendarPage(web: web).add(to: pages)
        ProfilePage(web: web).add(to: pages)
        ApiTokensPage(web: web).add(to: pages)
        WebhookPages(web: web).add(to: pages)
        ImportJobPages(web: web).add(to: pages)
        HomePage(web: web).add(to: pages)
        PickerSearch(web: web).add(to: pages)
        UserAdminPages(web: web).add(to: pages)
        TeamAdminPages(web: web).add(to: pages)
        StageAdminPages(web: web).add(to: pages)
        KindAdminPages(web: web).add(to: pages)
        CatalogAdminPage(web: web).add(to: pages)

        // Last, so it wraps only the router's answer for unknown paths.
        router.add(middleware: WebNotFound(web: web, auth: auth))
    }
}
