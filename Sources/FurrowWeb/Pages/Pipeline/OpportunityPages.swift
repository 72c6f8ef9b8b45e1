import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// The opportunities list and an opportunity's page (SPEC §3).
struct OpportunityPages {
    let web: Web
    var pipeline: PipelineParts { PipelineParts(env: web.env) }

    func add(to group: RouterGroup<AppContext>) {
        group.get("opportunities", use: list)
        group.get("opportunities/:id", use: show)
    }

    struct Row {
        let id: String, name: String, url: String, account: String, accountURL: String?, kind: String, stage: String, status: String
        let statusKey: String, amount: String, probability: String, closeDate: String, owner: String, created: String
    }
    typealias ListModel = FilteredList<Row>

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let parameters = ListParameters(request, path: "/opportunities", fields: .opportunities, filters: ["status", "kindId", "ownerId", "stageId"])
        let items = try await OpportunityService(web.env).list(parameters.query, by: principal)
        let catalog = CatalogService(web.env)
        let kinds = try await catalog.kinds()
        var filters = FilterBar(parameters, placeholder: "Name or comment", selects: [
            .init("status", "Status", OpportunityStatus.allCases.map { ($0.rawValue, PipelineText.status($0)) }, parameters,
                  empty: "Any status"),
            .init("kindId", "Kind", kinds.map { ($0.id.string, $0.name) }, parameters, empty: "Any kind"),
            .init("ownerId", "Owner", try await pipeline.userOptions(), parameters, empty: "Anyone"),
        ])
        filters.count = try await web.listCount(.opportunities, parameters, principal, one: "opportunity", many: "opportunities")
        let bulk = try await BulkBar.make(web, .opportunities, noun: "opportunities", back: ListParameters.here(request), by: principal)
        return try await web.page("opportunities", "Opportunities", request, context) { shell in
            ListModel(
                columns: parameters.columns([("Name", "name"), ("Account", nil), ("Stage", nil), ("Status", nil),
                                             ("Amount", "estimatedRevenue"), ("Probability", "probability"),
                                             ("Close date", "expectedCloseDate"), ("Owner", nil), ("Created", "createdAt")]),
                rows: items.map { o in
                    Row(id: o.id.string, name: o.fields.name, url: "/opportunities/\(o.id)", account: o.names["accountName"] ?? "",
                        accountURL: o.fields.accountId.map { "/accounts/\($0)" }, kind: o.names["kindName"] ?? "",
                        stage: o.names["stageName"] ?? "", status: PipelineText.status(o.status), statusKey: o.status.rawValue,
                        amount: o.value.map { MoneyText.format($0) } ?? "", probability: "\(o.probability) %",
                        closeDate: o.fields.expectedCloseDate?.description ?? "", owner: o.names["ownerName"] ?? "",
                        created: shell.format(o.createdAt))
                },
                hasRows: !items.isEmpty, filters: filters,
                next: parameters.nextLink(items, sortValue: { $0.sortValue($1) }, id: { $0.id.string }),
                first: parameters.firstLink, canCreate: principal.canWriteRecords, bulk: bulk)
        }
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard let id = context.parameters.get("id").flatMap(Opportunity.ID.init) else { throw Problem.notFound() }
        let service = OpportunityService(web.env)
        let detail = try await service.get(id, by: principal)
        let moves = try await service.stageHistory(id, by: principal)
        let builder = OpportunityView.Builder(env: web.env, principal: principal)
        let data = try await builder.load(detail)
        return try await web.page("opportunity", detail.opportunity.fields.name, request, context) { shell in
            try await builder.model(detail, data, moves: moves, shell: shell)
        }
    }
}
