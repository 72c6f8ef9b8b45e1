import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain

/// The fields of the full activity form in tab order, with the pickers it needs: owners (for
/// managers), and attendees (users, and the contacts of the account the activity regards).
struct ActivityFields {
    let env: CoreEnvironment
    let principal: Principal

    func make(_ values: WebForm, problem: Problem?) async throws -> FormFields {
        var fields = FormFields(problem)
        fields.select("type", "Type", ActivityForm.kinds, selected: values.optional("type") ?? "task", required: true)
        fields.add("subject", "Subject", values["subject"], required: true)
        fields.add("date", "Date", values["date"], type: "date", hint: "The day it is due, or the day it starts.")
        fields.add("time", "Time", values["time"], type: "time", hint: "Empty: the whole day.")
        fields.checkbox("allDay", "All day", checked: values.flag("allDay"))
        fields.add("endDate", "End date", values["endDate"], type: "date", hint: "Only when it ends on another day.")
        fields.add("endTime", "End time", values["endTime"], type: "time", hint: "Meetings without an end last an hour.")
        fields.add("location", "Location", values["location"])
        let owners = try await RecordParts(env: env).ownerOptions(by: principal, selected: values.optional("ownerId"))
        if !owners.isEmpty {
            fields.select("ownerId", "Owner", owners, selected: values.optional("ownerId") ?? principal.userId.string, required: true, picker: "users")
        }
        let attendees = try await attendeeOptions(values)
        fields.checkboxGroup("attendees", "Attendees", attendees, checked: Set(values.all("attendees")),
                             hint: attendees.contains { $0.0.hasPrefix("contact:") } ? nil : "Contacts appear here when the activity regards an account.")
        fields.select("repeat", "Repeats", ActivityForm.frequencies, selected: values["repeat"], empty: "Does not repeat")
        fields.add("interval", "Every", values["interval"], type: "number", hint: "1 (the default): every day, week or month; 2: every other…")
        fields.add("count", "Times", values["count"], type: "number", hint: "Ends after this many times…")
        fields.add("until", "Until", values["until"], type: "date", hint: "…or on this day. Leave both empty to repeat for ever.")
        fields.select("reminder", "Reminder", ActivityForm.reminders, selected: values["reminder"], empty: "No reminder")
        fields.add("reminderMinutes", "Minutes before", values.optional("reminderMinutes") ?? "15", type: "number")
        fields.add("reminderAt", "Remind at", values["reminderAt"], type: "datetime-local")
        fields.textarea("description", "Description", values["description"])
        if try await SettingsService(env).current().budgetTracking {
            let chosen = values.optional("budgetActivityId")
            let options = try await BudgetCatalogService(env).activities(by: principal).filter { $0.active || $0.id.string == chosen }
            fields.select("budgetActivityId", "Budget activity", options.map { ($0.id.string, $0.name) }, selected: chosen, empty: "None",
                          hint: "Its income and expenses count for budget vs actual under this activity.")
        }
        return fields
    }

    /// Hidden values the form carries back (the regarded record, a weekly rule's days, the version).
    static func hidden(_ values: WebForm, version: Bool) -> [FormPage.Hidden] {
        var hidden: [FormPage.Hidden] = []
        for name in ["regardingType", "regardingId", "byDay"] + (version ? ["version"] : []) {
            if let value = values.optional(name) { hidden.append(FormPage.Hidden(name: name, value: value)) }
        }
        return hidden
    }

    func attendeeOptions(_ values: WebForm) async throws -> [(String, String)] {
        let parts = PipelineParts(env: env)
        var options = try await parts.userOptions().map { ("user:" + $0.0, $0.1) }
        if let accountId = try await regardedAccount(values) {
            let contacts = try await ContactService(env).list(
                ListQuery(limit: 200, sort: ListFields.contacts.defaultSort, filters: [Filter("accountId", .eq, [accountId.string])]), by: principal)
            options += contacts.map { ("contact:" + $0.id.string, $0.fields.fullName + " (contact)") }
        }
        for value in values.all("attendees") where !options.contains(where: { $0.0 == value }) {
            let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0] == "contact", let id = Contact.ID(parts[1]) else { continue }
            let name = (try? await ContactService(env).get(id, by: principal).fields.fullName) ?? "(contact)"
            options.append((value, name + " (contact)"))
        }
        return options
    }

    /// Attendees by name, in their order.
    func names(of attendees: [Attendee]) async throws -> [String] {
        let users = try await RecordParts(env: env).userNames()
        var names: [String] = []
        for attendee in attendees {
            switch attendee.kind {
            case .user: names.append(users[User.ID(attendee.id)] ?? "(user)")
            case .contact: names.append((try? await ContactService(env).get(Contact.ID(attendee.id), by: principal).fields.fullName) ?? "(contact)")
            }
        }
        return names
    }

    /// The account behind the regarded record, when it has one.
    func regardedAccount(_ values: WebForm) async throws -> Account.ID? {
        guard let kind = Regarding.Kind(rawValue: values["regardingType"]), let id = UUID(uuidString: values["regardingId"]) else { return nil }
        switch kind {
        case .account: return Account.ID(id)
        case .contact: return try? await ContactService(env).get(Contact.ID(id), by: principal).fields.accountId
        case .opportunity: return try? await OpportunityService(env).get(Opportunity.ID(id), by: principal).opportunity.fields.accountId
        case .quote: return try? await QuoteService(env).get(Quote.ID(id), by: principal).accountId
        case .order: return try? await OrderService(env).get(SalesOrder.ID(id), by: principal).accountId
        case .invoice: return try? await InvoiceService(env).get(Invoice.ID(id), by: principal).accountId
        case .contract: return try? await ContractService(env).get(MaintenanceContract.ID(id), by: principal).accountId
        case .lead, .campaign: return nil
        }
    }
}

/// The regarded record's name and page, for headings and links.
enum RegardingName {
    static func of(_ regarding: Regarding, _ env: CoreEnvironment, by principal: Principal) async -> String {
        let id = regarding.id
        let name: String?
        switch regarding.kind {
        case .lead: name = try? await LeadService(env).get(Lead.ID(id), by: principal).fields.topic
        case .account: name = try? await AccountService(env).get(Account.ID(id), by: principal).fields.name
        case .contact: name = try? await ContactService(env).get(Contact.ID(id), by: principal).fields.fullName
        case .opportunity: name = try? await OpportunityService(env).get(Opportunity.ID(id), by: principal).opportunity.fields.name
        case .quote: name = (try? await QuoteService(env).get(Quote.ID(id), by: principal)).map { "\($0.number) \($0.name)" }
        case .order: name = try? await OrderService(env).get(SalesOrder.ID(id), by: principal).number
        case .invoice: name = (try? await InvoiceService(env).get(Invoice.ID(id), by: principal)).map { $0.number ?? "Draft invoice" }
        case .contract: name = (try? await ContractService(env).get(MaintenanceContract.ID(id), by: principal)).map { $0.number ?? "Draft contract" }
        case .campaign: name = try? await CampaignService(env).get(Campaign.ID(id), by: principal).name
        }
        return name ?? "(\(ActivityText.regarding(regarding.kind).lowercased()))"
    }
}
