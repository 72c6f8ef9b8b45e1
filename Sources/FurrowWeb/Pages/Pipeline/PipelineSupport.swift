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

    /// Contacts for a picker, by name (the first 200 visible; a type-ahead searches the rest), always including the selected one.
    func contactOptions(by principal: Principal, selected: String? = nil) async throws -> [(String, String)] {
        let contacts = try await ContactService(env).list(ListQuery(limit: 200, sort: ListFields.contacts.defaultSort), by: principal)
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

    /// The records a source may name, as `type:id` values: accounts, contacts, users and active campaigns.
    func sourceOptions(by principal: Principal, selected: String?) async throws -> [(String, String)] {
        let ref = SourceForm.reference(selected ?? "")
        let accounts = try await parts.accountOptions(by: principal, selected: ref?.type == .account ? ref?.id.uuidString : nil)
        let contacts = try await contactOptions(by: principal, selected: ref?.type == .contact ? ref?.id.uuidString : nil)
        let users = try await userOptions()
        let campaigns = try await CampaignService(env).list(by: principal).filter(\.active)
        return accounts.map { ("account:" + $0.0, "Account: " + $0.1) } + contacts.map { ("contact:" + $0.0, "Contact: " + $0.1) }
            + users.map { ("user:" + $0.0, "User: " + $0.1) } + campaigns.map { ("campaign:" + $0.id.string, "Campaign: " + $0.name) }
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
        case .campaign:
            let name = try? await CampaignService(env).get(Campaign.ID(id), by: principal).name
            return (channel, name ?? "(campaign)", name == nil ? nil : "/campaigns/" + text)
        case .other:
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
