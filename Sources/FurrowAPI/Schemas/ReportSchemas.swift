import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The report schemas of the API's document.
extension Components {
    static let pipelineRow: Schema = .object("One group in one currency: sums are never added across currencies.", required: ["key", "label", "count", "total", "weightedTotal", "currency"], [
        "key": .string("The stage id (`none` for opportunities without a stage), the status, or the owner's user id."),
        "label": .string("The stage's name, the status in words, or the owner's name."),
        "count": .integer(minimum: 0),
        "total": .string("The sum of the estimated revenues.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1234.50"]),
        "weightedTotal": .string("The sum of estimated revenue × probability / 100, rounded half-even once.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["617.25"]),
        "currency": .string(pattern: "^[A-Z]{3}$"),
    ])
    static let pipelineReport: Schema = .page("PipelineRow", "The pipeline report's rows: stages in process order, statuses in lifecycle order, owners by name; currencies by code within a group.")
    static let funnelAmount: Schema = .object(required: ["currency", "total"], [
        "currency": .string(pattern: "^[A-Z]{3}$"),
        "total": .string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1234.50"]),
    ])
    static let funnelStep: Schema = .object("One stage of the funnel.", required: ["stageId", "stageName", "reached", "open", "lost", "won", "reachedTotals"], [
        "stageId": .uuid(),
        "stageName": .string(),
        "reached": .integer("Opportunities now in this stage or a later one of the kind, whatever their status.", minimum: 0),
        "open": .integer("Still in progress in this stage.", minimum: 0),
        "lost": .integer("Lost while in this stage: where the funnel leaks.", minimum: 0),
        "won": .integer("Won while in this stage.", minimum: 0),
        "reachedTotals": .array(.ref("FunnelAmount"), "The estimated revenue of those that reached the stage, per currency."),
        "conversionPercent": .string("reached ÷ reached of the stage before, in percent rounded half-even to one decimal; omitted for the first stage and after an empty stage.", pattern: "^[0-9]+\\.[0-9]$", examples: ["62.5"]),
    ])
    static let funnel: Schema = .object("The sales funnel of one opportunity kind with stages.", required: ["kind", "items", "won", "wonTotals", "lost"], [
        "kind": .ref("OpportunityKind"),
        "items": .array(.ref("FunnelStep"), "The kind's stages in process order."),
        "won": .integer(minimum: 0),
        "wonTotals": .array(.ref("FunnelAmount"), "Estimated revenue of the won opportunities, per currency."),
        "lost": .integer(minimum: 0),
    ])

    static let reportSchemas: [(name: String, schema: Schema)] = [
        ("PipelineRow", pipelineRow),
        ("PipelineReport", pipelineReport),
        ("FunnelAmount", funnelAmount),
        ("FunnelStep", funnelStep),
        ("Funnel", funnel),
    ]
}
