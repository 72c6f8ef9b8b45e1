import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// What the lead, opportunity and board pages share: catalogs, pickers and display names.
struct PipelineParts {
    let env: CoreEnvironment
    var parts: RecordParts { RecordParts(env: env) }

    func baseCurrency() async throws -> String { try await SettingsService(env).current().baseCurrency }

    /// Contacts for a picker, by name (the first 500 visible), always including the selected one.
    func contactOptions(by principal: Principal, selected: String? = nil) async throws -> [(String, String)] {
        let contacts = try await ContactService(env).list(ListQuery(limit: 500, sort: ListFields.contacts.defaultSort), by: principal)
        var options = contacts.map { ($0.id.string, $0.fields.fullName) }
        if let id = selected.flatMap(Contact.ID.init), !options.contains(where: { $0.0 == id.string }),
           let contact = try? await ContactService(env).get(id, by: principal) {
            options.append((id.string, contact.fields.fullName))
        }
        return options
    }

    /// Active users by name, for sales-team pickers and owner filters.
    func userOptions() async throws -> [(String, String)] {
        try await UserService(env).listAsSystem().filter(\.active).sorted { $0.name < $1.name }.map { ($0.id.string, $0.name) }
    }

    /// The records a source may name, as `type:id` values: accounts, contacts and users.
    func sourceOptions(by principal: Principal, selected: String?) async throws -> [(String, String)] {
        let ref = SourceForm.reference(selected ?? "")
        let accounts = try await parts.accountOptions(by: principal, selected: ref?.type == .account ? ref?.id.uuidString : nil)
        let contacts = try await contactOptions(by: principal, selected: ref?.type == .contact ? ref?.id.uuidString : nil)
        let users = try await userOptions()
        return accounts.map { ("account:" + $0.0, "Account: " + $0.1) } + contacts.map { ("contact:" + $0.0, "Contact: " + $0.1) }
            + users.map { ("user:" + $0.0, "User: " + $0.1) }
    }

    /// The channel's name and what the source names, for a record's facts.
    func describe(_ source: LeadSource, channels: [Channel], by principal: Principal) async -> (channel: String, source: String, href: String?) {
        let channel = source.channelId.flatMap { id in channels.first { $0.id == id } }?.name ?? "—"
        guard let type = source.refType, let id = source.refId else { return (channel, source.text ?? "—", nil) }
        let text = UUIDText.lowercase(id)
        switch type {
        case .account:
            let name = (try? await parts.accountNames([Account.ID(id)]))?[Account.ID(id)]
            return (channel, name ?? "(account)", "/accounts/" + text)
        case .contact:
            let name = try? await ContactService(env).get(Contact.ID(id), by: principal).fields.fullName
            return (channel, name ?? "(contact)", name == nil ? nil : "/contacts/" + text)
        case .user:
            let name = (try? await parts.userNames())?[User.ID(id)]
            return (channel, name ?? "(user)", nil)
        case .campaign, .other:
            return (channel, source.text ?? text, nil)
        }
    }
}

/// The source fields of the lead and opportunity forms: a channel, a record of the channel's
/// impact type (`account:<id>`), or a text for channels of type other.
enum SourceForm {
    static func reference(_ text: String) -> (type: ImpactType, id: UUID)? {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let type = ImpactType(rawValue: parts[0]), let id = UUID(uuidString: parts[1]) else { return nil }
        return (type, id)
    }

    static func parse(_ form: WebForm, errors: inout [FieldError]) -> LeadSource {
        var source = LeadSource(channelId: form.optional("channelId").flatMap(Channel.ID.init), text: form.optional("sourceText"))
        if let text = form.optional("sourceRef") {
            if let ref = reference(text) {
                source.refType = ref.type
                source.refId = ref.id
            } else {
                errors.append(FieldError("sourceRef", "choose a record from the list"))
            }
        }
        return source
    }

    static func values(_ source: LeadSource) -> [String: String?] {
        ["channelId": source.channelId?.string, "sourceText": source.text,
         "sourceRef": source.refId.map { "\(source.refType?.rawValue ?? ""):\($0.uuidString.lowercased())" }]
    }

    static func add(to fields: inout FormFields, _ values: WebForm, channels: [Channel], records: [(String, String)]) {
        fields.select("channelId", "Channel", channels.map { ($0.id.string, "\($0.name) (\($0.impactType.rawValue))") },
                      selected: values["channelId"], hint: "Where it came from. The kind in brackets says what the source is.")
        fields.select("sourceRef", "Source record", records, selected: values["sourceRef"],
                      hint: "For channels of kind account, contact or user: who brought it.")
        fields.add("sourceText", "Source text", values["sourceText"], hint: "For channels of kind other, e.g. which trade show.")
    }
}

/// Amounts as people read them: `1,383.33 EUR`; per-currency totals side by side, never summed.
enum MoneyText {
    static func format(_ money: Money) -> String { format(MoneyTotal(money)) }

    /// A wide sum (reports, boards, receivables) with its currency.
    static func format(_ total: MoneyTotal) -> String {
        amount(total) + " " + total.currency.code
    }

    /// The amount alone, grouped, for tables with a currency column of their own: `1,383.33`.
    static func amount(_ money: Money) -> String { Money.grouped(money.decimalString) }
    static func amount(_ total: MoneyTotal) -> String { Money.grouped(total.decimalString) }

    static func format(_ money: Money?) -> String { money.map { format($0) } ?? "—" }

    /// Parses a typed amount; a bad currency or amount adds a field error.
    static func parse(_ text: String?, currency code: String, field: String, currencyField: String = "currency",
                      errors: inout [FieldError]) -> Money? {
        guard let text = text.map(TypedNumber.plain), !text.isEmpty else { return nil }
        guard let currency = Currency(code) else {
            errors.append(FieldError(currencyField, "is not an ISO 4217 currency code such as EUR"))
            return nil
        }
        guard let money = Money(text, currency: currency) else {
            errors.append(FieldError(field, "must be an amount such as 1,250.00 or 1250.00, with at most \(currency.minorDigits) decimals"))
            return nil
        }
        return money
    }
}

/// Short human texts for the pipeline pages.
enum PipelineText {
    /// `3 days 4 hours`, `25 minutes`, `under a minute`.
    static func duration(_ seconds: Int) -> String {
        func unit(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        if seconds < 60 { return "under a minute" }
        let minutes = seconds / 60, hours = minutes / 60, days = hours / 24
        if days > 0 { return hours % 24 == 0 ? unit(days, "day") : unit(days, "day") + " " + unit(hours % 24, "hour") }
        if hours > 0 { return minutes % 60 == 0 ? unit(hours, "hour") : unit(hours, "hour") + " " + unit(minutes % 60, "minute") }
        return unit(minutes, "minute")
    }

    /// `Bea Browser` → `BB`.
    static func initials(_ name: String) -> String {
        name.split(separator: " ").prefix(2).compactMap(\.first).map { String($0).uppercased() }.joined()
    }

    static func status(_ status: LeadStatus) -> String {
        switch status {
        case .new: "New"
        case .contacted: "Contacted"
        case .qualified: "Qualified"
        case .disqualified: "Disqualified"
        }
    }

    static func status(_ status: OpportunityStatus) -> String {
        switch status {
        case .inProgress: "In progress"
        case .won: "Won"
        case .lost: "Lost"
        }
    }

    static func role(_ role: OpportunityParty.Role) -> String {
        switch role {
        case .stakeholder: "Stakeholder"
        case .salesTeam: "Sales team member"
        case .competitor: "Competitor"
        case .contactPerson: "Contact person"
        }
    }
}

extension Problem {
    /// The problem in one sentence, for a flash message: its field errors, or its detail.
    var sentence: String {
        if let errors, !errors.isEmpty {
            return errors.map { RecordParts.label($0.field) + " " + $0.message }.joined(separator: "; ") + "."
        }
        return detail
    }
}

extension Web {
    /// Runs a state change from a button; a refusal (403, 409, 412, 422) returns to `back` with the
    /// reason as an error message, anything else is an error page.
    func act(back: String, done: String, failed: String, _ change: () async throws -> Void) async throws -> Response {
        do {
            try await change()
        } catch {
            return try Self.refusal(error, back: back, failed: failed)
        }
        return .redirect(back, flash: done)
    }

    /// A refusal (403, 409, 412, 422) back on `back` with the reason as an error message; anything
    /// else is rethrown to become an error page.
    static func refusal(_ error: any Error, back: String, failed: String) throws -> Response {
        guard let problem = Problem.from(error), [403, 409, 412, 422].contains(problem.status) else { throw error }
        let reason = problem.type == .versionConflict
            ? "The record was changed by someone else meanwhile; check it and try again." : problem.sentence
        return .redirect(back, flash: failed + " " + reason, isError: true)
    }
}

/// Field errors found while reading a form, merged with the record's own validation so that
/// every message shows at once.
enum FormCheck {
    static func check(_ errors: [FieldError], _ validate: () throws -> Void) throws {
        guard !errors.isEmpty else { return }
        var all = errors
        do { try validate() } catch let error as ValidationError {
            all += error.errors.filter { found in !errors.contains { $0.field == found.field } }
        }
        throw ValidationError(all)
    }
}
