import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

struct BoardDTO: Encodable, Sendable {
    struct Total: Encodable, Sendable { let currency: String, count: Int, total: String, weighted: String }
    struct Column: Encodable, Sendable {
        let stageId: String?, stageName: String?, count: Int, totals: [Total], cards: [OpportunityDTO]
    }
    let kind: KindDTO
    let columns: [Column]

    init(_ board: BoardService.Board) {
        kind = KindDTO(board.kind)
        columns = board.columns.map { column in
            Column(stageId: column.stage?.id.string, stageName: column.stage?.name, count: column.count,
                   totals: column.totals.map { Total(currency: $0.currency.code, count: $0.count, total: $0.total.decimalString,
                                                     weighted: $0.weighted.decimalString) },
                   cards: column.cards.map { OpportunityDTO($0) })
        }
    }
}

/// `GET /boards/{kindId}?ownerId=&hideLost=true&hideWon=true`: the kanban of one kind.
struct BoardRoutes: RouteSet {
    let env: CoreEnvironment


    @Sendable func board(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let kind = try context.id(OpportunityKind.self)
        var filter = BoardFilter()
        for (key, value) in request.uri.queryParameters {
            switch key {
            case "ownerId":
                guard let owner = User.ID(String(value)) else { throw Problem.invalidQuery("ownerId must be a UUID.") }
                filter.ownerId = owner
            case "hideLost", "hideWon":
                guard value == "true" || value == "false" else { throw Problem.invalidQuery("\(key) must be true or false.") }
                if key == "hideLost" { filter.includeLost = value != "true" } else { filter.includeWon = value != "true" }
            default: throw Problem.invalidQuery("Unknown parameter '\(key)'. Use ownerId, hideLost and hideWon.")
            }
        }
        return try .json(BoardDTO(try await BoardService(env).board(kind: kind, filter: filter, by: principal)))
    }
}
