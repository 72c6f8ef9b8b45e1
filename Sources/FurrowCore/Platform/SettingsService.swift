import Foundation
import FurrowDomain

/// Company settings kept in the database and edited by administrators (SPEC §11).
public struct Settings: Sendable, Equatable, Encodable {
    public var companyName: String
    public var companyAddress: String
    public var timeZone: String
    public var baseCurrency: String
    public var quoteWord: String
    /// A quote for a lead or an account with no opportunity creates one (seed 000 rule 3).
    public var autoCreateOpportunity: Bool
    /// The auto-created opportunity is named after the quote (rule 15)…
    public var opportunityNameFromQuote: Bool
    /// …or after its products' short names (rule 16).
    public var useProductShortNames: Bool
    /// The SMTP server the outbox delivers through; empty switches email off.
    public var smtpHost: String
    public var smtpPort: Int
    /// The sender address of outgoing email.
    public var mailFrom: String
    /// SMTP authentication (AUTH PLAIN), when the server asks for it; empty for none.
    public var smtpUsername: String
    /// Write-only: never sent back to clients (see `smtpPasswordSet`).
    public var smtpPassword: String
    public var smtpPasswordSet: Bool { !smtpPassword.isEmpty }
    /// `starttls` (upgrade a plain connection, usually port 587), `tls` (implicit, usually 465) or `none`.
    public var smtpSecurity: String = "none"
    /// Check the server's certificate against the system's trust store; switch off only for a self-signed relay.
    public var smtpVerifyCertificates: Bool = true
    /// Days a sent quote or an open opportunity may go without an open activity before its
    /// owner gets a follow-up task (seed 000 rule 7); 0 switches the rule off.
    public var followUpDays: Int = 0
    /// What the calendar shows of opportunities besides activities (rules 13–14): statuses
    /// (`inProgress`, `won`, `lost`) and stage ids; empty shows none.
    public var calendarStates: [String] = ["inProgress"]
    /// Budget tracking on accounts and opportunities (seed 001 rule 17); off hides it and refuses its routes.
    public var budgetTracking: Bool = true
    /// On which day a task's expense counts for budget vs actual: `expenseDate` or `taskCreated` (rule 22).
    public var budgetCostDate: String = "expenseDate"
    /// On which day a task's income counts: `incomeDate` or `taskCreated` (rule 23).
    public var budgetIncomeDate: String = "incomeDate"
    /// The ISO weekdays (1 Monday … 7 Sunday) maintenance visits are planned on.
    public var workingDays: [Int] = [1, 2, 3, 4, 5]
    /// The hours maintenance visits are planned in, company time: `HH:MM-HH:MM`.
    public var workingHours: String = "09:00-17:00"
    /// How many days before a maintenance contract ends its owner is reminded (again at 7 days).
    public var renewalReminderDays: Int = 30
    /// The address the server is reached at from outside, for links in emails (unsubscribe).
    public var publicURL: String = "http://127.0.0.1:8080"
    /// The domain replies to campaign emails are sent to (`<local part>+<token>@<inboundDomain>`); empty: the sender's domain.
    public var inboundDomain: String = ""
    /// Emails sent per minute at most (0: no limit).
    public var sendingRate: Int = 0
    /// Hosts webhooks may reach although they resolve to loopback or private addresses (comma-separated, lower case).
    public var webhookAllowedHosts: String = ""
    /// The company's bank account as invoices print it under "Please pay to" (IBAN, BIC, bank), a few lines.
    public var bankDetails: String = ""
    /// Documents (quotes, orders, invoices): the company's registration and tax numbers under its
    /// address, the accent colour of titles and rules (`#RRGGBB`), the footer of every page, the
    /// paper (`A4` or `Letter`), and the terms a new quote and the notes a new invoice start with.
    public var companyRegistration: String = ""
    public var companyTaxNumber: String = ""
    public var documentAccent: String = "#2e6b4f"
    public var documentFooter: String = ""
    public var documentPaper: String = "A4"
    public var quoteTerms: String = ""
    public var invoiceNotes: String = ""
    /// The logo documents print, when there is one: read apart from the settings (`DocumentLogo`), never stored with them.
    public var logo: DocumentImage?

    /// The accent as `r g b` from 0 to 1.
    public var accentRGB: (Double, Double, Double) {
        let hex = documentAccent.dropFirst()
        guard hex.count == 6, let value = Int(hex, radix: 16) else { return (0.18, 0.42, 0.31) }
        return (Double(value >> 16 & 0xFF) / 255, Double(value >> 8 & 0xFF) / 255, Double(value & 0xFF) / 255)
    }
    /// `webhookAllowedHosts` as a list.
    public var webhookHosts: [String] { webhookAllowedHosts.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }

    /// `workingHours` as minutes after midnight.
    public var workingMinutes: (start: Int, end: Int) { Self.minutes(workingHours) ?? (9 * 60, 17 * 60) }

    static func minutes(_ text: String) -> (start: Int, end: Int)? {
        let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        func minute(_ clock: String) -> Int? {
            let pieces = clock.split(separator: ":")
            guard pieces.count == 2, pieces[1].count == 2, let h = Int(pieces[0]), let m = Int(pieces[1]), (0...24).contains(h), (0...59).contains(m),
                  h * 60 + m <= 24 * 60 else { return nil }
            return h * 60 + m
        }
        guard parts.count == 2, let start = minute(parts[0]), let end = minute(parts[1]), end - start >= 15 else { return nil }
        return (start, end)
    }

    public var costDating: BudgetDating { budgetCostDate == "taskCreated" ? .taskCreated : .entryDate }
    public var incomeDating: BudgetDating { budgetIncomeDate == "taskCreated" ? .taskCreated : .entryDate }

    enum CodingKeys: String, CodingKey {
        case companyName, companyAddress, timeZone, baseCurrency, quoteWord, autoCreateOpportunity, opportunityNameFromQuote
        case useProductShortNames, smtpHost, smtpPort, mailFrom, smtpUsername, smtpPasswordSet, smtpSecurity, smtpVerifyCertificates
        case followUpDays, calendarStates, budgetTracking, budgetCostDate, budgetIncomeDate, workingDays
        case workingHours, renewalReminderDays, publicURL, inboundDomain, sendingRate, webhookAllowedHosts, bankDetails
        case companyRegistration, companyTaxNumber, documentAccent, documentFooter, documentPaper, quoteTerms, invoiceNotes
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(companyName, forKey: .companyName)
        try container.encode(companyAddress, forKey: .companyAddress)
        try container.encode(timeZone, forKey: .timeZone)
        try container.encode(baseCurrency, forKey: .baseCurrency)
        try container.encode(quoteWord, forKey: .quoteWord)
        try container.encode(autoCreateOpportunity, forKey: .autoCreateOpportunity)
        try container.encode(opportunityNameFromQuote, forKey: .opportunityNameFromQuote)
        try container.encode(useProductShortNames, forKey: .useProductShortNames)
        try container.encode(smtpHost, forKey: .smtpHost)
        try container.encode(smtpPort, forKey: .smtpPort)
        try container.encode(mailFrom, forKey: .mailFrom)
        try container.encode(smtpUsername, forKey: .smtpUsername)
        try container.encode(smtpPasswordSet, forKey: .smtpPasswordSet)
        try container.encode(smtpSecurity, forKey: .smtpSecurity)
        try container.encode(smtpVerifyCertificates, forKey: .smtpVerifyCertificates)
        try container.encode(followUpDays, forKey: .followUpDays)
        try container.encode(calendarStates, forKey: .calendarStates)
        try container.encode(budgetTracking, forKey: .budgetTracking)
        try container.encode(budgetCostDate, forKey: .budgetCostDate)
        try container.encode(budgetIncomeDate, forKey: .budgetIncomeDate)
        try container.encode(workingDays, forKey: .workingDays)
        try container.encode(workingHours, forKey: .workingHours)
        try container.encode(renewalReminderDays, forKey: .renewalReminderDays)
        try container.encode(publicURL, forKey: .publicURL)
        try container.encode(inboundDomain, forKey: .inboundDomain)
        try container.encode(sendingRate, forKey: .sendingRate)
        try container.encode(webhookAllowedHosts, forKey: .webhookAllowedHosts)
        try container.encode(bankDetails, forKey: .bankDetails)
        try container.encode(companyRegistration, forKey: .companyRegistration)
        try container.encode(companyTaxNumber, forKey: .companyTaxNumber)
        try container.encode(documentAccent, forKey: .documentAccent)
        try container.encode(documentFooter, forKey: .documentFooter)
        try container.encode(documentPaper, forKey: .documentPaper)
        try container.encode(quoteTerms, forKey: .quoteTerms)
        try container.encode(invoiceNotes, forKey: .invoiceNotes)
    }

    public static let defaults = Settings(companyName: "My Company", companyAddress: "", timeZone: "UTC",
                                          baseCurrency: "EUR", quoteWord: "Quote", autoCreateOpportunity: true,
                                          opportunityNameFromQuote: true, useProductShortNames: false, smtpHost: "", smtpPort: 25,
                                          mailFrom: "furrow@localhost", smtpUsername: "", smtpPassword: "")

    init(companyName: String, companyAddress: String, timeZone: String, baseCurrency: String, quoteWord: String,
         autoCreateOpportunity: Bool, opportunityNameFromQuote: Bool, useProductShortNames: Bool, smtpHost: String, smtpPort: Int,
         mailFrom: String, smtpUsername: String, smtpPassword: String) {
        self.companyName = companyName
        self.companyAddress = companyAddress
        self.timeZone = timeZone
        self.baseCurrency = baseCurrency
        self.quoteWord = quoteWord
        self.autoCreateOpportunity = autoCreateOpportunity
        self.opportunityNameFromQuote = opportunityNameFromQuote
        self.useProductShortNames = useProductShortNames
        self.smtpHost = smtpHost
        self.smtpPort = smtpPort
        self.mailFrom = mailFrom
        self.smtpUsername = smtpUsername
        self.smtpPassword = smtpPassword
    }

    init(_ values: [String: String]) {
        let d = Self.defaults
        func flag(_ key: String, _ fallback: Bool) -> Bool { values[key].map { $0 == "true" } ?? fallback }
        self.init(companyName: values["companyName"] ?? d.companyName, companyAddress: values["companyAddress"] ?? d.companyAddress,
                  timeZone: values["timeZone"] ?? d.timeZone, baseCurrency: values["baseCurrency"] ?? d.baseCurrency,
                  quoteWord: values["quoteWord"] ?? d.quoteWord,
                  autoCreateOpportunity: flag("autoCreateOpportunity", d.autoCreateOpportunity),
                  opportunityNameFromQuote: flag("opportunityNameFromQuote", d.opportunityNameFromQuote),
                  useProductShortNames: flag("useProductShortNames", d.useProductShortNames),
                  smtpHost: values["smtpHost"] ?? d.smtpHost, smtpPort: values["smtpPort"].flatMap { Int($0) } ?? d.smtpPort,
                  mailFrom: values["mailFrom"] ?? d.mailFrom, smtpUsername: values["smtpUsername"] ?? d.smtpUsername,
                  smtpPassword: values["smtpPassword"] ?? d.smtpPassword)
        smtpSecurity = values["smtpSecurity"] ?? d.smtpSecurity
        smtpVerifyCertificates = values["smtpVerifyCertificates"].map { $0 == "true" } ?? d.smtpVerifyCertificates
        followUpDays = values["followUpDays"].flatMap { Int($0) } ?? d.followUpDays
        calendarStates = values["calendarStates"].map { $0.split(separator: ",").map(String.init) } ?? d.calendarStates
        budgetTracking = values["budgetTracking"].map { $0 == "true" } ?? d.budgetTracking
        budgetCostDate = values["budgetCostDate"] ?? d.budgetCostDate
        budgetIncomeDate = values["budgetIncomeDate"] ?? d.budgetIncomeDate
        workingDays = values["workingDays"].map { $0.split(separator: ",").compactMap { Int($0) } } ?? d.workingDays
        workingHours = values["workingHours"] ?? d.workingHours
        renewalReminderDays = values["renewalReminderDays"].flatMap { Int($0) } ?? d.renewalReminderDays
        publicURL = values["publicURL"] ?? d.publicURL
        inboundDomain = values["inboundDomain"] ?? d.inboundDomain
        sendingRate = values["sendingRate"].flatMap { Int($0) } ?? d.sendingRate
        webhookAllowedHosts = values["webhookAllowedHosts"] ?? d.webhookAllowedHosts
        bankDetails = values["bankDetails"] ?? d.bankDetails
        companyRegistration = values["companyRegistration"] ?? d.companyRegistration
        companyTaxNumber = values["companyTaxNumber"] ?? d.companyTaxNumber
        documentAccent = values["documentAccent"] ?? d.documentAccent
        documentFooter = values["documentFooter"] ?? d.documentFooter
        documentPaper = values["documentPaper"] ?? d.documentPaper
        quoteTerms = values["quoteTerms"] ?? d.quoteTerms
        invoiceNotes = values["invoiceNotes"] ?? d.invoiceNotes
    }

    var values: [String: String] {
        ["companyName": companyName, "companyAddress": companyAddress, "timeZone": timeZone,
         "baseCurrency": baseCurrency, "quoteWord": quoteWord, "autoCreateOpportunity": String(autoCreateOpportunity),
         "opportunityNameFromQuote": String(opportunityNameFromQuote), "useProductShortNames": String(useProductShortNames),
         "smtpHost": smtpHost, "smtpPort": String(smtpPort), "mailFrom": mailFrom, "smtpUsername": smtpUsername,
         "smtpPassword": smtpPassword, "smtpSecurity": smtpSecurity, "smtpVerifyCertificates": String(smtpVerifyCertificates),
         "followUpDays": String(followUpDays), "calendarStates": calendarStates.joined(separator: ","),
         "budgetTracking": String(budgetTracking), "budgetCostDate": budgetCostDate, "budgetIncomeDate": budgetIncomeDate,
         "workingDays": workingDays.map(String.init).joined(separator: ","), "workingHours": workingHours,
         "renewalReminderDays": String(renewalReminderDays), "publicURL": publicURL, "inboundDomain": inboundDomain,
         "sendingRate": String(sendingRate), "webhookAllowedHosts": webhookAllowedHosts, "bankDetails": bankDetails,
         "companyRegistration": companyRegistration, "companyTaxNumber": companyTaxNumber, "documentAccent": documentAccent,
         "documentFooter": documentFooter, "documentPaper": documentPaper, "quoteTerms": quoteTerms, "invoiceNotes": invoiceNotes]
    }

    /// The company time zone.
    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")! }

    /// The instant a company day's minute (0 = midnight) begins.
    public func instant(_ day: Day, minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let (y, m, d) = Day.civil(day.ordinal)
        return calendar.date(from: DateComponents(year: y, month: m, day: d, hour: minute / 60, minute: minute % 60)) ?? Date(timeIntervalSince1970: 0)
    }

    /// Today's date in the company time zone.
    public func today(_ now: Date) -> Day {
        Timestamp.calendarDay(now, in: TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!)
    }

    func validated() throws(ValidationError) -> Settings {
        var check = Validator()
        let name = check.text("companyName", companyName, required: true)
        let address = check.text("companyAddress", companyAddress, maxLength: 500) ?? ""
        let bank = check.text("bankDetails", bankDetails, maxLength: 500) ?? ""
        let registration = check.text("companyRegistration", companyRegistration, maxLength: 100) ?? ""
        let taxNumber = check.text("companyTaxNumber", companyTaxNumber, maxLength: 50) ?? ""
        let footer = check.text("documentFooter", documentFooter, maxLength: 200) ?? ""
        let quoteTerms = check.text("quoteTerms", self.quoteTerms, maxLength: 4000) ?? ""
        let invoiceNotes = check.text("invoiceNotes", self.invoiceNotes, maxLength: 2000) ?? ""
        let accent = documentAccent.lowercased()
        if accent.count != 7 || !accent.hasPrefix("#") || Int(accent.dropFirst(), radix: 16) == nil {
            check.add("documentAccent", "must be a colour such as #2e6b4f")
        }
        if PaperSizes.names.contains(documentPaper) == false { check.add("documentPaper", "must be A4 or Letter") }
        if TimeZone(identifier: timeZone) == nil { check.add("timeZone", "is not a known time zone") }
        if Currency(baseCurrency) == nil { check.add("baseCurrency", "is not an ISO 4217 currency code") }
        let word = check.text("quoteWord", quoteWord, required: true, maxLength: 30)
        let host = check.text("smtpHost", smtpHost, maxLength: 253) ?? ""
        if host.contains(" ") || host.contains("/") { check.add("smtpHost", "is not a host name") }
        if !(1...65535).contains(smtpPort) { check.add("smtpPort", "must be from 1 to 65535") }
        if !["none", "starttls", "tls"].contains(smtpSecurity) { check.add("smtpSecurity", "must be none, starttls or tls") }
        if !(0...365).contains(followUpDays) { check.add("followUpDays", "must be from 0 (off) to 365") }
        if !["expenseDate", "taskCreated"].contains(budgetCostDate) { check.add("budgetCostDate", "must be expenseDate or taskCreated") }
        if !["incomeDate", "taskCreated"].contains(budgetIncomeDate) { check.add("budgetIncomeDate", "must be incomeDate or taskCreated") }
        if workingDays.isEmpty || workingDays.contains(where: { !(1...7).contains($0) }) {
            check.add("workingDays", "takes the weekdays 1 (Monday) to 7 (Sunday), at least one")
        }
        if Self.minutes(workingHours) == nil { check.add("workingHours", "must be two times such as 09:00-17:00, at least 15 minutes apart") }
        if !(1...365).contains(renewalReminderDays) { check.add("renewalReminderDays", "must be from 1 to 365") }
        let url = publicURL.trimmingCharacters(in: .whitespaces)
        if URL(string: url).map({ ["http", "https"].contains($0.scheme?.lowercased() ?? "") && $0.host?.isEmpty == false }) != true || url.count > 300
            || url.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) {
            check.add("publicURL", "must be the server's address, such as https://crm.example.com")
        }
        let domain = inboundDomain.trimmingCharacters(in: .whitespaces).lowercased()
        if !domain.isEmpty && (domain.count > 253 || !domain.contains(".") || domain.contains(where: { !($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") || !$0.isASCII })) {
            check.add("inboundDomain", "must be a domain name such as replies.example.com, or empty")
        }
        let hosts = webhookHosts.map { $0.lowercased() }
        if hosts.contains(where: { $0.count > 253 || $0.contains(where: { !($0.isLetter || $0.isNumber || ".-:".contains($0)) || !$0.isASCII }) }) || webhookAllowedHosts.count > 2000 {
            check.add("webhookAllowedHosts", "takes host names or addresses separated by commas, such as hooks.internal, 10.0.0.5")
        }
        if !(0...100_000).contains(sendingRate) { check.add("sendingRate", "must be from 0 (no limit) to 100000 a minute") }
        let states = calendarStates.map { $0.trimmedSpaces() }.filter { !$0.isEmpty }
        if states.contains(where: { !["inProgress", "won", "lost"].contains($0) && UUID(uuidString: $0) == nil }) {
            check.add("calendarStates", "takes inProgress, won, lost or stage ids")
        }
        // `user@localhost` (a local test server) is allowed: it is checked as `user@localhost.localdomain`.
        let localhost = mailFrom.hasSuffix("@localhost")
        let from = check.email("mailFrom", localhost ? mailFrom + ".localdomain" : mailFrom) != nil ? mailFrom.trimmed() : ""
        if from.isEmpty { check.add("mailFrom", "is required") }
        try check.check()
        var result = Settings(companyName: name ?? "", companyAddress: address, timeZone: timeZone,
                        baseCurrency: baseCurrency.uppercased(), quoteWord: word ?? "", autoCreateOpportunity: autoCreateOpportunity,
                        opportunityNameFromQuote: opportunityNameFromQuote, useProductShortNames: useProductShortNames,
                        smtpHost: host, smtpPort: smtpPort, mailFrom: from.trimmedSpaces(),
                        smtpUsername: smtpUsername.trimmedSpaces(), smtpPassword: smtpPassword)
        result.smtpSecurity = smtpSecurity
        result.smtpVerifyCertificates = smtpVerifyCertificates
        result.followUpDays = followUpDays
        result.budgetTracking = budgetTracking
        result.budgetCostDate = budgetCostDate
        result.budgetIncomeDate = budgetIncomeDate
        result.workingDays = Array(Set(workingDays)).sorted()
        if let hours = Self.minutes(workingHours) {
            result.workingHours = String(format: "%02d:%02d-%02d:%02d", hours.start / 60, hours.start % 60, hours.end / 60, hours.end % 60)
        }
        result.renewalReminderDays = renewalReminderDays
        result.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        result.inboundDomain = domain
        result.sendingRate = sendingRate
        result.webhookAllowedHosts = hosts.joined(separator: ", ")
        result.bankDetails = bank
        result.companyRegistration = registration
        result.companyTaxNumber = taxNumber
        result.documentFooter = footer
        result.quoteTerms = quoteTerms
        result.invoiceNotes = invoiceNotes
        result.documentAccent = accent
        result.documentPaper = documentPaper
        result.calendarStates = states.map { UUID(uuidString: $0)?.uuidString.lowercased() ?? $0 }.reduce(into: [String]()) { list, state in
            if !list.contains(state) { list.append(state) }
        }
        return result
    }
}

public struct SettingsService: Sendable {
    let env: CoreEnvironment
    public init(_ env: CoreEnvironment) { self.env = env }

    /// The company's settings, read once per request.
    public func current() async throws -> Settings {
        try await RequestSettings.read { try await env.store.read { Settings(try await $0.settings()) } }
    }

    public func update(_ change: @Sendable (inout Settings) -> Void, by principal: Principal?) async throws -> Settings {
        if let principal, !principal.isAdmin { throw CoreError.forbidden("only administrators change settings") }
        let updated = try await env.store.write { session in
            let before = Settings(try await session.settings())
            var after = before
            change(&after)
            after = try after.validated()
            let changes = AuditDiff.changes(from: before.values, to: after.values)
            for change in changes { try await session.setSetting(change.field, change.new ?? "") }
            let audited = changes.map { $0.field == "smtpPassword" ? FieldChange(field: $0.field, old: nil, new: "changed") : $0 }
            if !changes.isEmpty {
                try await session.audit(env, entity: "settings", id: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                                        action: "update", actor: principal?.userId, changes: audited)
            }
            return after
        }
        await RequestSettings.current?.keep(updated)
        return updated
    }
}

/// The paper documents print on.
public enum PaperSizes {
    public static let names = ["A4", "Letter"]
}
