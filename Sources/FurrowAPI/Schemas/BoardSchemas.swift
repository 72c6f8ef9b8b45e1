import FurrowCore
import FurrowDomain
import FurrowHTTP

/// The board schemas of the API's document.
extension Components {
    static let boardTotal: Schema = .object("The opportunities of one currency in a column.", required: ["currency", "count", "total", "weighted"], [
        "currency": .string(pattern: "^[A-Z]{3}$"),
        "count": .integer(minimum: 0),
        "total": .string("The sum of their estimated revenues.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["1234.50"]),
        "weighted": .string("The sum of estimated revenue × probability / 100, rounded half-even to the minor unit.", pattern: "^-?[0-9]+(\\.[0-9]+)?$", examples: ["617.25"]),
    ])
    static let boardColumn: Schema = .object("One stage of the board: counts and totals of all its matching opportunities, and the cards of at most 50 of them, largest estimated revenue first.", required: ["count", "totals", "cards"], [
        "stageId": .uuid("Omitted in the single column of a kind without stages.", nullable: true),
        "stageName": .string("Omitted in the single column of a kind without stages.", nullable: true),
        "count": .integer("How many opportunities the column holds.", minimum: 0),
        "totals": .array(.ref("BoardTotal"), "Per currency, by currency code."),
        "cards": .array(.ref("Opportunity"), "Without parties and demand lines."),
    ])
    static let board: Schema = .object("The pipeline board of an opportunity kind: one column per stage, in process order.", required: ["kind", "columns"], [
        "kind": .ref("OpportunityKind"),
        "columns": .array(.ref("BoardColumn")),
    ])

    static let boardSchemas: [(name: String, schema: Schema)] = [
        ("BoardTotal", boardTotal),
        ("BoardColumn", boardColumn),
        ("Board", board),
    ]
}
