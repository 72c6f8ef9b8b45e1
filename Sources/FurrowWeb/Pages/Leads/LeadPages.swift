import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// The leads list and a lead's page (SPEC §2).
struct LeadPages {
    let web: Web
    var pipeline: PipelineParts { PipelineParts(env: web.env) }

    func add(to group: RouterGroup<AppContext>) {
        group.get("leads", use: list)
        group.get("leads/:id", use: show)
    }

    struct Row {
        let id: String, topic: String, url: String, person: String, company: String, status: String, statusKey: String, value: String
        let owner: String, created: String
    }
    typealias ListModel = FilteredList<Row>

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let parameters = ListParameters(request, path: "/leads", fields: .leads, filters: ["status", "ownerId"])
        let leads = try await LeadService(web.env).list(parameters.query, by: principal)
        let statuses = LeadStatus.allCases.map { ($0.rawValue, PipelineText.status($0)) }
        var filters = FilterBar(parameters, placeholder: "Topic, name, company, email or phone", selects: [
            .init("status", "Status", statuses, parameters, empty: "Any status"),
            .init("ownerId", "Owner", try await pipeline.userOptions(), parameters, empty: "Anyone"),
        ])
        filters.count = try await web.listCount(.leads, parameters, principal, one: "lead", many: "leads")
        let bulk = try await BulkBar.make(web, .leads, noun: "leads", back: ListParameters.here(request), by: principal)
        return try await web.page("leads", "Leads", request, context) { shell in
            ListModel(
                columns: parameters.columns([("Topic", "topic"), ("Name", "lastName"), ("Company", "companyName"), ("Status", nil),
                                             ("Estimated value", "estimatedValue"), ("Owner", nil), ("Created", "createdAt")]),
                rows: leads.map { lead in
                    Row(id: lead.id.string, topic: lead.fields.topic, url: "/leads/\(lead.id)", person: lead.fields.personName ?? "",
                        company: lead.fields.companyName ?? "", status: PipelineText.status(lead.status), statusKey: lead.status.rawValue,
                        value: lead.fields.estimatedValue.map { MoneyText.format($0) } ?? "",
                        owner: lead.names["ownerName"] ?? "", created: shell.format(lead.createdAt))
                },
                hasRows: !leads.isEmpty, filters: filters,
                next: parameters.nextLink(leads, sortValue: { $0.sortValue($1) }, id: { $0.id.string }),
                first: parameters.firstLink, canCreate: principal.canWriteRecords, bulk: bulk)
        }
    }

    struct Model {
        let id: String
        let topic: String
        let status: String
        let statusKey: String
        let version: Int
        let facts: [Fact]
        let history: [RecordParts.HistoryRow]
        let canEdit: Bool
        let canMarkContacted: Bool
        let canQualify: Bool
        let canDisqualify: Bool
        let canReactivate: Bool
        let reasons: [RecordParts.Option]
        let opportunityURL: String?
        let quotes: QuoteSection
        let activities: ActivitySection
        /// Notes and files on the record, set by its page.
        var recordNotes: NotesSection? = nil
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard let id = context.parameters.get("id").flatMap(Lead.ID.init) else { throw Problem.notFound() }
        let lead = try await LeadService(web.env).get(id, by: principal)
        let catalog = CatalogService(web.env)
        let channels = try await catalog.channels()
        let reasons = try await catalog.reasons(.disqualify)
        let users = try await pipeline.parts.userNames()
        let source = await pipeline.describe(lead.fields.source, channels: channels, by: principal)
        let legal = principal.canChange(lead.ownership) ? lead.legalVerbs() : []
        var qualified: [Fact] = []
        var names = Dictionary(uniqueKeysWithValues: channels.map { ($0.id.string, $0.name) })
        names.merge(reasons.map { ($0.id.string, $0.name) }) { a, _ in a }
        if let q = lead.qualified {
            let opportunity = try? await OpportunityService(web.env).get(q.opportunityId, by: principal)
            names[q.opportunityId.string] = opportunity?.opportunity.fields.name
            qualified.append(.init(label: "Opportunity", value: opportunity?.opportunity.fields.name ?? "(opportunity)",
                                   href: "/opportunities/\(q.opportunityId)"))
            if let accountId = q.accountId {
                let name = try await pipeline.parts.accountNames([accountId])[accountId]
                qualified.append(.init(label: "Account", value: name ?? "(account)", href: "/accounts/\(accountId)"))
            }
            if let contactId = q.contactId {
                let name = try? await ContactService(web.env).get(contactId, by: principal).fields.fullName
                qualified.append(.init(label: "Contact", value: name ?? "(contact)", href: "/contacts/\(contactId)"))
            }
        }
        let quotes = try await QuoteSection.load(web.env, "leadId", id.string,
                                                 newURL: legal.contains(.newQuote) ? "/quotes/new?lead=\(id)" : nil, by: principal)
        return try await web.page("lead", lead.fields.topic, request, context) { shell in
            let f = lead.fields
            var facts: [Fact] = [
                .init(label: "Status", value: PipelineText.status(lead.status), href: nil),
                .init(label: "Person", value: f.personName ?? "—", href: nil),
                .init(label: "Company", value: f.companyName ?? "—", href: nil),
                .init(label: "Email", value: f.email ?? "—", href: f.email.map { "mailto:" + $0 }),
                .init(label: "Phone", value: f.phone ?? "—", href: f.phone.map { "tel:" + $0.filter { !$0.isWhitespace } }),
                .init(label: "Requirements", value: f.requirements ?? "—", href: nil),
                .init(label: "Estimated value", value: MoneyText.format(f.estimatedValue), href: nil),
                .init(label: "Channel", value: source.channel, href: nil),
                .init(label: "Source", value: source.source, href: source.href),
            ]
            if let reasonId = lead.disqualifyReasonId {
                facts.append(.init(label: "Disqualified because", value: reasons.first { $0.id == reasonId }?.name ?? "—", href: nil))
            }
            facts += qualified
            facts += [
                .init(label: "Owner", value: users[lead.ownership.ownerId] ?? "—", href: nil),
                .init(label: "Created", value: shell.format(lead.createdAt), href: nil),
                .init(label: "Last changed", value: shell.format(lead.updatedAt) + " (version \(lead.version))", href: nil),
            ]
            return Model(
                id: id.string, topic: f.topic, status: PipelineText.status(lead.status), statusKey: lead.status.rawValue,
                version: lead.version, facts: facts,
                history: try await pipeline.parts.history("lead", id.uuid, by: principal, shell: shell, names: names),
                canEdit: legal.contains(.edit), canMarkContacted: legal.contains(.markContacted), canQualify: legal.contains(.qualify),
                canDisqualify: legal.contains(.disqualify), canReactivate: principal.canReassign && legal.contains(.reactivate),
                reasons: reasons.filter(\.active).map { RecordParts.Option(value: $0.id.string, label: $0.name) },
                opportunityURL: lead.qualified.map { "/opportunities/\($0.opportunityId)" }, quotes: quotes,
                activities: try await ActivitySection.load(web.env, Regarding(.lead, id.uuid), shell: shell, by: principal),
                recordNotes: try await NotesSection.load(web.env, Regarding(.lead, id.uuid), shell: shell, by: principal))
        }
    }
}
