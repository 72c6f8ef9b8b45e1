import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The operations of `HomeRoutes`, each declared once for the router, 405 answers and the OpenAPI document.
extension HomeRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/me/home", "getHome", tag: "Reports", "The caller's home page",
                 description: "What the home page shows the caller's role, in sections: the day (overdue and today's activities), the caller's "
                    + "pipeline (quotes waiting for an answer, deals past their close date, open deals by stage), a manager's team or an "
                    + "administrator's company pipeline (slipping deals, won and lost this quarter, the win rate), the money for finance "
                    + "(overdue invoices, invoices due this week, statement lines to reconcile, receivables by age), the service (overdue visits, "
                    + "renewals due) and an administrator's setup gaps. Each number has the `link` of the web page behind it: a list with the "
                    + "filter that counts it (`field=a,b` for alternatives, `field[lt]=v` for a range).",
                 answers: [.ok("Home"), .problem(400, [.invalidQuery], detail: "Any parameter"), .unauthorized],
                 use: HomeRoutes.home),
    ]
}

extension Components {
    static let homeSection: Schema = .object("One section of the home page.", required: ["kind", "title", "counts", "gaps"], [
        "kind": .values(["day", "mine", "team", "money", "service", "setup"]),
        "title": .string(),
        "counts": .array(.object("A number and the page behind it.", required: ["title", "value", "warns", "link"], [
            "title": .string(), "value": .integer(minimum: 0), "warns": .boolean("Whether a number above zero wants attention."),
            "link": .string("The web page behind the number (a path with its query)."),
        ])),
        "pipeline": { var rows = Schema.array(.ref("PipelineRow"), "Open opportunities by stage (the caller's own in `mine`)."); rows.types.append(.null); return rows }(),
        "winRatePercent": .integer("Won of the deals closed this quarter; null when none closed.", nullable: true, minimum: 0, maximum: 100),
        "ageing": { var rows = Schema.array(.object("Open receivables in one currency by days past due.", required: ["currency", "current", "days1to30", "days31to60", "days61to90", "over90", "total"], [
            "currency": .string(pattern: "^[A-Z]{3}$"), "current": .string(), "days1to30": .string(), "days31to60": .string(),
            "days61to90": .string(), "over90": .string(), "total": .string(),
        ])); rows.types.append(.null); return rows }(),
        "gaps": .array(.object("A setup step not taken yet.", required: ["text", "link"], ["text": .string(), "link": .string()])),
    ])
    static let homeSchemas: [(name: String, schema: Schema)] = [
        ("Home", .object("The caller's home page.", required: ["sections"], ["sections": .array(.ref("HomeSection"))])),
        ("HomeSection", homeSection),
    ]
}
