import Foundation

/// A campaign activity (seed 003, rules 67–69): one piece of the campaign's work for every member
/// of its lists — an email (a template with merge fields), or a phone call, letter, appointment or
/// task made for each member. Distributing it is done in batches; each member is reached once.
public struct CampaignActivity: Sendable, Equatable {
    public typealias ID = Identifier<CampaignActivity>

    public enum Channel: String, Sendable, CaseIterable { case email, phoneCall, letter, appointment, task }

    /// Where its distribution stands.
    public enum Distribution: String, Sendable, CaseIterable { case notStarted, running, done }

    public var id: ID
    public var campaignId: Campaign.ID
    public var channel: Channel
    public var subject: String
    /// The email's body (a template with merge fields such as `{{contact.firstName}}`), or what each activity is about.
    public var body: String?
    public var scheduledStart: Date?
    public var scheduledEnd: Date?
    public var distribution: Distribution
    /// How far the distribution went: the list being read and the cursor in it.
    public var cursor: String?
    public var total: Int
    public var processed: Int
    public var ownership: Ownership
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: ID, campaignId: Campaign.ID, channel: Channel, subject: String, body: String? = nil, scheduledStart: Date? = nil,
                scheduledEnd: Date? = nil, distribution: Distribution = .notStarted, cursor: String? = nil, total: Int = 0, processed: Int = 0,
                ownership: Ownership, version: Int = 1, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.campaignId = campaignId
        self.channel = channel
        self.subject = subject
        self.body = body
        self.scheduledStart = scheduledStart
        self.scheduledEnd = scheduledEnd
        self.distribution = distribution
        self.cursor = cursor
        self.total = total
        self.processed = processed
        self.ownership = ownership
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The activity as entered, or every field error at once: an email needs its body, and the
    /// template must read (every `{{` closed, only known merge fields).
    public func validated() throws(ValidationError) -> CampaignActivity {
        var check = Validator()
        var activity = self
        activity.subject = check.text("subject", subject, required: true, maxLength: 200) ?? ""
        activity.body = body?.trimmingCharacters(in: .whitespacesAndNewlines)
        if activity.body?.isEmpty == true { activity.body = nil }
        if (activity.body?.count ?? 0) > 20_000 { check.add("body", "must be at most 20000 characters") }
        if channel == .email && activity.body == nil { check.add("body", "an email needs its text") }
        for (field, text) in [("subject", activity.subject), ("body", activity.body ?? "")] {
            if let problem = MergeTemplate.problem(text) { check.add(field, problem) }
        }
        if let start = scheduledStart, let end = scheduledEnd, end < start { check.add("scheduledEnd", "must not be before scheduledStart") }
        try check.check()
        return activity
    }
}

/// The merge fields of a campaign email (`{{contact.firstName}}`), filled per member. In the HTML
/// part every value is escaped, so a member's name cannot add markup.
public enum MergeTemplate {
    public static let fields = ["member.name", "member.email", "member.organisation", "contact.firstName", "contact.lastName",
                                "account.name", "lead.firstName", "lead.lastName", "lead.company", "campaign.name", "campaign.offer"]

    /// Why the template does not read, or nil.
    public static func problem(_ text: String) -> String? {
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { return "has a {{ without its }}" }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if !fields.contains(name) { return "names {{\(name)}}, which is not a merge field (use \(fields.map { "{{\($0)}}" }.joined(separator: ", ")))" }
            rest = rest[close.upperBound...]
        }
        return nil
    }

    /// The text with each merge field replaced by its value (empty when the member has none);
    /// `html` escapes the template's text and the values and keeps line breaks.
    public static func render(_ text: String, values: [String: String], html: Bool = false) -> String {
        var output = "", rest = Substring(text)
        func add(_ part: some StringProtocol) { output += html ? escape(String(part)) : String(part) }
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            add(rest[..<open.lowerBound])
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            add(values[name] ?? "")
            rest = rest[close.upperBound...]
        }
        add(rest)
        return html ? output.replacingOccurrences(of: "\n", with: "<br>\n") : output
    }

    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
