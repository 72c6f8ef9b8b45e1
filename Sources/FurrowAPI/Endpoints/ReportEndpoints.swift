import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `ReportRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension ReportRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/reports/pipeline", "getPipelineReport", tag: "Reports", "The pipeline by stage, status or owner",
                 description: "Count, total and probability-weighted total of the opportunities the caller may see, per group and currency, from one aggregation. No other parameters are accepted.",
                 parameters: [Endpoint.Parameter("groupBy", in: .query, required: true, "What the rows are per.", .values(["stage", "status", "owner"])), Endpoint.Parameter("kindId", in: .query, "Only opportunities of this kind.", .uuid()), Endpoint.Parameter("ownerId", in: .query, "Only opportunities of this owner.", .uuid()), Endpoint.Parameter("status", in: .query, "Statuses counted, comma-separated (`inProgress`, `won`, `lost`). Default: `inProgress` when grouping by stage or owner, all three when grouping by status.", .string(pattern: "^(inProgress|won|lost)(,(inProgress|won|lost))*$")), Endpoint.Parameter("format", in: .query, "`csv` answers a CSV download (`text/csv`; text cells that a spreadsheet would run as a formula are prefixed with `'`); `json` (the default) the JSON document.", .values(["json", "csv"]).with { $0.defaultValue = .string("json") })],
                 answers: [Endpoint.Answer(200, "OK", content: [Endpoint.Content("application/json", .ref("PipelineReport")), Endpoint.Content("text/csv", .string())]), .problem(400, [.invalidQuery], detail: "groupBy missing or unknown, an unknown parameter, or a bad kindId, ownerId, status or format"), .unauthorized, .problem(404, detail: "No opportunity kind has that kindId")],
                 use: ReportRoutes.pipeline),
        Endpoint(.get, "/reports/funnel", "getFunnel", tag: "Reports", "The sales funnel of an opportunity kind",
                 description: "How many of the kind's opportunities the caller may see reached each stage (judged by the stage they are in now), the conversion from each stage to the next, how many are open, lost and won in each, with values per currency. No other parameters are accepted.",
                 parameters: [Endpoint.Parameter("kindId", in: .query, required: true, "The opportunity kind (one with stages).", .uuid()), Endpoint.Parameter("ownerId", in: .query, "Only opportunities of this owner.", .uuid()), Endpoint.Parameter("format", in: .query, "`csv` answers a CSV download (`text/csv`; text cells that a spreadsheet would run as a formula are prefixed with `'`); `json` (the default) the JSON document.", .values(["json", "csv"]).with { $0.defaultValue = .string("json") })],
                 answers: [Endpoint.Answer(200, "OK", content: [Endpoint.Content("application/json", .ref("Funnel")), Endpoint.Content("text/csv", .string())]), .problem(400, [.invalidQuery], detail: "kindId missing or not a UUID, an unknown parameter, or a bad ownerId or format"), .unauthorized, .problem(404, detail: "No opportunity kind has that id"), .problem(409, [.kindHasNoStages])],
                 use: ReportRoutes.funnel),
    ]
}
