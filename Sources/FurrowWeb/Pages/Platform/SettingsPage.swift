import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// Company settings, for administrators (SPEC §11): the company, the rules for opportunities
/// made by quotes, the follow-up rule and the opportunities the calendar shows (§6), and outgoing mail. The SMTP password is write-only: never shown, kept when
/// its field is left empty.
struct SettingsPage {
    let web: Web
    static var flags: [(name: String, keyPath: WritableKeyPath<Settings, Bool>)] {
        [("autoCreateOpportunity", \.autoCreateOpportunity), ("opportunityNameFromQuote", \.opportunityNameFromQuote),
         ("useProductShortNames", \.useProductShortNames), ("smtpVerifyCertificates", \.smtpVerifyCertificates),
         ("budgetTracking", \.budgetTracking)]
    }
    static let securities = [("starttls", "STARTTLS (usually port 587)"), ("tls", "TLS from the start (usually port 465)"),
                             ("none", "None: a local relay only")]
    static let weekdays = [("1", "Monday"), ("2", "Tuesday"), ("3", "Wednesday"), ("4", "Thursday"), ("5", "Friday"), ("6", "Saturday"), ("7", "Sunday")]
    static let quoteWords = ["Quote", "Budget", "Quotation"]
    static let currencies = ["EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "CAD", "AUD", "JPY", "INR", "BRL", "MXN", "ZAR"]

    func add(to group: RouterGroup<AppContext>) {
        group.get("settings", use: show)
        group.post("settings", use: update)
    }

    func admin(_ request: Request, _ context: AppContext) throws -> Principal {
        let principal = try web.principal(request, context)
        guard principal.isAdmin else { throw CoreError.forbidden("Only administrators can change the settings.") }
        return principal
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        _ = try admin(request, context)
        let settings = try await SettingsService(web.env).current()
        var fields: [String: String?] = [
            "companyName": settings.companyName, "companyAddress": settings.companyAddress, "timeZone": settings.timeZone,
            "baseCurrency": settings.baseCurrency, "quoteWord": settings.quoteWord, "smtpHost": settings.smtpHost,
            "smtpPort": String(settings.smtpPort), "mailFrom": settings.mailFrom, "smtpUsername": settings.smtpUsername,
            "smtpSecurity": settings.smtpSecurity, "followUpDays": String(settings.followUpDays),
            "budgetCostDate": settings.budgetCostDate, "budgetIncomeDate": settings.budgetIncomeDate,
            "workingHours": settings.workingHours, "renewalReminderDays": String(settings.renewalReminderDays),
            "publicURL": settings.publicURL, "inboundDomain": settings.inboundDomain, "sendingRate": String(settings.sendingRate),
            "webhookAllowedHosts": settings.webhookAllowedHosts, "bankDetails": settings.bankDetails,
            "companyRegistration": settings.companyRegistration, "companyTaxNumber": settings.companyTaxNumber,
            "documentAccent": settings.documentAccent, "documentFooter": settings.documentFooter, "documentPaper": settings.documentPaper,
            "quoteTerms": settings.quoteTerms, "invoiceNotes": settings.invoiceNotes,
        ]
        for flag in Self.flags where settings[keyPath: flag.keyPath] { fields[flag.name] = "true" }
        var values = WebForm(values: fields)
        values.set("calendarStates", settings.calendarStates)
        values.set("workingDays", settings.workingDays.map(String.init))
        return try await page(request, context, values: values, problem: nil)
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try admin(request, context)
        let form = try await web.form(request, context)
        do {
            _ = try await SettingsService(web.env).update({ settings in
                settings.companyName = form["companyName"]
                settings.companyAddress = form["companyAddress"]
                settings.timeZone = form["timeZone"].trimmedSpaces()
                settings.baseCurrency = form["baseCurrency"].trimmedSpaces()
                settings.quoteWord = form["quoteWord"]
                for flag in Self.flags { settings[keyPath: flag.keyPath] = form.flag(flag.name) }
                settings.smtpHost = form["smtpHost"].trimmedSpaces()
                settings.smtpPort = Int(form["smtpPort"].trimmedSpaces()) ?? 0
                settings.mailFrom = form["mailFrom"].trimmedSpaces()
                settings.smtpUsername = form["smtpUsername"]
                settings.smtpSecurity = form["smtpSecurity"]
                settings.followUpDays = form.optional("followUpDays").map { Int($0) ?? -1 } ?? 0
                settings.calendarStates = form.all("calendarStates")
                settings.budgetCostDate = form.optional("budgetCostDate") ?? settings.budgetCostDate
                settings.budgetIncomeDate = form.optional("budgetIncomeDate") ?? settings.budgetIncomeDate
                settings.workingDays = form.all("workingDays").compactMap { Int($0) }
                settings.workingHours = form["workingHours"].replacingOccurrences(of: " ", with: "")
                settings.renewalReminderDays = form.optional("renewalReminderDays").map { Int($0) ?? -1 } ?? 30
                settings.publicURL = form["publicURL"].trimmedSpaces()
                settings.inboundDomain = form["inboundDomain"].trimmedSpaces()
                settings.sendingRate = form.optional("sendingRate").map { Int($0) ?? -1 } ?? 0
                settings.webhookAllowedHosts = form["webhookAllowedHosts"].trimmedSpaces()
                settings.bankDetails = form["bankDetails"]
                settings.companyRegistration = form["companyRegistration"]
                settings.companyTaxNumber = form["companyTaxNumber"]
                settings.documentAccent = form.optional("documentAccent") ?? settings.documentAccent
                settings.documentFooter = form["documentFooter"]
                settings.documentPaper = form.optional("documentPaper") ?? settings.documentPaper
                settings.quoteTerms = form["quoteTerms"]
                settings.invoiceNotes = form["invoiceNotes"]
                // Write-only: an empty field keeps the stored password.
                if !form["smtpPassword"].isEmpty { settings.smtpPassword = form["smtpPassword"] }
            }, by: principal)
        } catch {
            let problem = try Problem.forForm(error)
            return try await page(request, context, values: form, problem: problem)
        }
        return .redirect("/settings", flash: "Settings saved.")
    }

    /// The statuses, then each stage of each opportunity kind (once), as `calendarStates` choices.
    static func calendarStates(_ env: CoreEnvironment) async throws -> [(String, String)] {
        let catalog = CatalogService(env)
        let stages = Dictionary(try await catalog.stages().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var options = [("inProgress", "In progress"), ("won", "Won"), ("lost", "Lost")]
        for kind in try await catalog.kinds() {
            for id in kind.stageIds where !options.contains(where: { $0.0 == id.string }) {
                options.append((id.string, "In the stage \(stages[id] ?? "?") (\(kind.name))"))
            }
        }
        return options
    }

    func page(_ request: Request, _ context: AppContext, values: WebForm, problem: Problem?) async throws -> Response {
        let passwordStored = try await SettingsService(web.env).current().smtpPasswordSet
        var fields = FormFields(problem)
        fields.add("companyName", "Company name", values["companyName"], required: true, autocomplete: "organization")
        fields.textarea("companyAddress", "Company address", values["companyAddress"])
        fields.textarea("bankDetails", "Bank details on invoices", values["bankDetails"])
        let documents = fields.fields.count
        fields.add("companyRegistration", "Registration", values["companyRegistration"], hint: "Such as “Registered in England, no. 01234567”.")
        fields.add("companyTaxNumber", "Tax number", values["companyTaxNumber"], hint: "Your VAT number, printed under the address.")
        fields.add("documentAccent", "Accent colour", values["documentAccent"], type: "color", hint: "Titles and rules of quotes, orders and invoices.")
        fields.select("documentPaper", "Paper", PaperSizes.names.map { ($0, $0) }, selected: values["documentPaper"], required: true)
        fields.add("documentFooter", "Footer", values["documentFooter"], hint: "At the foot of every page.")
        fields.textarea("quoteTerms", "Terms of a new quote", values["quoteTerms"])
        fields.textarea("invoiceNotes", "Notes of a new invoice", values["invoiceNotes"])
        fields.group(from: documents, "Documents", hint: "How quotes, orders and invoices print.")
        fields.add("timeZone", "Time zone", values["timeZone"], required: true, hint: "An IANA name such as Europe/London.",
                   list: "time-zones")
        fields.add("baseCurrency", "Base currency", values["baseCurrency"], required: true, hint: "An ISO 4217 code such as EUR.",
                   list: "currencies")
        let current = values["quoteWord"]
        let words = Self.quoteWords.contains(current) || current.isEmpty ? Self.quoteWords : Self.quoteWords + [current]
        fields.select("quoteWord", "Word for quotes", words.map { ($0, $0) }, selected: current, required: true)
        fields.checkbox("autoCreateOpportunity", "Create opportunities for quotes", checked: values.flag("autoCreateOpportunity"),
                        hint: "A quote for a lead or an account without an opportunity creates one.")
        fields.checkbox("opportunityNameFromQuote", "Name them after the quote", checked: values.flag("opportunityNameFromQuote"),
                        hint: "Otherwise they are called “Opportunity for quote”.")
        fields.checkbox("useProductShortNames", "Name them after the products", checked: values.flag("useProductShortNames"),
                        hint: "The products’ short names, joined; this wins over naming them after the quote.")
        fields.add("followUpDays", "Follow-up after (days)", values["followUpDays"], type: "number",
                   hint: "A sent quote or an open opportunity without an open activity for this many days gets a follow-up task for its owner. 0 switches this off.")
        fields.checkboxGroup("calendarStates", "Calendar shows opportunities that are…", try await Self.calendarStates(web.env),
                             checked: Set(values.all("calendarStates")), hint: "On their expected close date, as all-day entries.")
        fields.checkbox("budgetTracking", "Budget tracking", checked: values.flag("budgetTracking"),
                        hint: "Budgets on accounts and opportunities, budget activities on tasks, and their income and expenses. Off hides them; nothing stored is lost.")
        fields.select("budgetCostDate", "Costs count on", [("expenseDate", "the date of the expense"), ("taskCreated", "the day the task was created")],
                      selected: values["budgetCostDate"], required: true)
        fields.select("budgetIncomeDate", "Income counts on", [("incomeDate", "the date of the income"), ("taskCreated", "the day the task was created")],
                      selected: values["budgetIncomeDate"], required: true)
        fields.checkboxGroup("workingDays", "Maintenance visits on", Self.weekdays, checked: Set(values.all("workingDays")),
                             hint: "Visits falling on another day, or on a holiday, move to the next working day.")
        fields.add("workingHours", "Visit hours", values["workingHours"], required: true,
                   hint: "Company time, such as 09:00-17:00. Visits planned before keep their times.")
        fields.add("renewalReminderDays", "Renewal reminder (days before the end)", values["renewalReminderDays"], type: "number", required: true,
                   hint: "The contract's owner is reminded then, and again 7 days before.")
        fields.add("smtpHost", "SMTP server", values["smtpHost"], hint: "The mail server’s host name. Leave it empty to switch email off.")
        fields.add("publicURL", "Public address", values["publicURL"], required: true,
                   hint: "How customers reach this server, for the unsubscribe links in campaign emails, such as https://crm.example.com.")
        fields.add("inboundDomain", "Reply domain", values["inboundDomain"],
                   hint: "Replies to campaign emails go to the sender's name plus a code at this domain; its mail server hands them to furrow mail-gateway. Empty: the sender's own domain.")
        fields.add("sendingRate", "Emails a minute at most", values["sendingRate"], type: "number", hint: "0 for no limit.")
        fields.add("webhookAllowedHosts", "Private hosts webhooks may reach", values["webhookAllowedHosts"],
                   hint: "Webhooks reach public addresses only. Hosts inside your network they may reach too, separated by commas, such as hooks.internal, 10.0.0.5.")
        fields.add("smtpPort", "SMTP port", values["smtpPort"], type: "number", hint: "Usually 587 with STARTTLS, 465 with TLS, 25 for a local relay.")
        fields.select("smtpSecurity", "Encryption", Self.securities.map { ($0.0, $0.1) }, selected: values["smtpSecurity"], required: true)
        fields.checkbox("smtpVerifyCertificates", "Check the server’s certificate", checked: values.flag("smtpVerifyCertificates"),
                        hint: "Switch off only for a relay with a self-signed certificate.")
        fields.add("mailFrom", "Sender address", values["mailFrom"], type: "email", hint: "The From address of outgoing email.")
        fields.add("smtpUsername", "SMTP user name", values["smtpUsername"], autocomplete: "off",
                   hint: "Only if the mail server asks for a login.")
        // Never filled in, not even after a refused save: the password does not go back to the browser.
        fields.add("smtpPassword", "SMTP password", "", type: "password", autocomplete: "new-password",
                   hint: passwordStored ? "A password is stored. Leave this empty to keep it." : "No password is stored.")
        var page = FormPage(heading: "Settings", action: "/settings", submitLabel: "Save settings")
        page.links = [FormPage.Link(label: "The logo on documents…", url: LogoPage.path)]
        page.intro = "The company’s name appears at the top of every page and on documents. Quotes are emailed through the SMTP server below; the follow-up rule and the calendar’s opportunities are set in between."
        page.apply(fields, problem: problem)
        page.datalists = [
            FormPage.Datalist(id: "time-zones", options: TimeZone.knownTimeZoneIdentifiers.sorted().map {
                Field.Option(value: $0, label: $0, selected: false)
            }),
            FormPage.Datalist(id: "currencies", options: Self.currencies.map { Field.Option(value: $0, label: $0, selected: false) }),
        ]
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("form", "Settings", page, request, context, status: status)
    }
}
