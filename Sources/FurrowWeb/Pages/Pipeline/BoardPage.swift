import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// The pipeline board (SPEC §3): a kanban per opportunity kind, one column per stage with its
/// count and totals per currency. Cards move by drag and drop (`board.js`, through the JSON API)
/// or, without JavaScript, by each card's Advance button.
struct BoardPage {
    let web: Web
    var pipeline: PipelineParts { PipelineParts(env: web.env) }

    func add(to group: RouterGroup<AppContext>) {
        group.get("board", use: show)
    }

    struct Card {
        let cardId: String, name: String, url: String, account: String?, amount: String, probability: String
        let owner: String, ownerName: String, stageId: String, statusKey: String, status: String, closed: Bool
        let movable: Bool, nextStageId: String?, nextName: String
    }
    struct Column {
        let stageId: String, name: String, count: Int, totals: String, cards: [Card], hasCards: Bool, more: Bool, hiddenCount: Int
    }
    struct Model {
        let kindId: String
        let kindName: String
        let kinds: [Field.Option]
        let owners: [Field.Option]
        let hideLost: Bool
        let columns: [Column]
        let back: String
        let canCreate: Bool
        let hasKinds: Bool
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let kinds = try await CatalogService(web.env).kinds().filter { $0.type != .none && !$0.stageIds.isEmpty }
        let chosen = OpportunityKind.ID(request.query("kind")).flatMap { id in kinds.first { $0.id == id } } ?? kinds.first
        let hideLost = ["1", "true", "on"].contains(request.query("hideLost"))
        let ownerText = request.query("owner")
        let ownerId = User.ID(ownerText)
        let users = try await pipeline.parts.userNames()
        let owners = try await pipeline.userOptions().map { Field.Option(value: $0.0, label: $0.1, selected: $0.0 == ownerId?.string) }
        let kindOptions = kinds.map { Field.Option(value: $0.id.string, label: $0.name, selected: $0.id == chosen?.id) }
        guard let kind = chosen else {
            let model = Model(kindId: "", kindName: "", kinds: [], owners: owners, hideLost: hideLost, columns: [], back: "/board",
                              canCreate: principal.canWriteRecords, hasKinds: false)
            return try await web.page("board", "Board", model, request, context)
        }
        let filter = BoardFilter(ownerId: ownerId, includeLost: !hideLost)
        let board = try await BoardService(web.env).board(kind: kind.id, filter: filter, by: principal)
        let accounts = try await pipeline.parts.accountNames(board.columns.flatMap(\.cards).compactMap(\.fields.accountId))
        let stageNames = Dictionary(try await CatalogService(web.env).stages().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let back = request.pathAndQuery
        let columns = board.columns.map { column in
            let cards = column.cards.map { o in
                let movable = principal.canChange(o.ownership) && o.legalVerbs().contains(.advance)
                let next = movable ? kind.nextStage(after: o.stageId) : nil
                let owner = users[o.ownership.ownerId] ?? ""
                return Card(cardId: o.id.string, name: o.fields.name, url: "/opportunities/\(o.id)",
                            account: o.fields.accountId.flatMap { accounts[$0] },
                            amount: MoneyText.format(o.value), probability: "\(o.probability) %",
                            owner: PipelineText.initials(owner), ownerName: owner, stageId: o.stageId?.string ?? "",
                            statusKey: o.status.rawValue, status: PipelineText.status(o.status), closed: o.status.isClosed,
                            movable: movable, nextStageId: next?.string, nextName: next.flatMap { stageNames[$0] } ?? "")
            }
            let totals = column.totals.map { MoneyText.format($0.total) }.joined(separator: " · ")
            return Column(stageId: column.stage?.id.string ?? "", name: column.stage?.name ?? "No stage", count: column.count,
                          totals: totals.isEmpty ? "—" : totals, cards: cards, hasCards: !cards.isEmpty,
                          more: column.count > cards.count, hiddenCount: column.count - cards.count)
        }
        let model = Model(kindId: kind.id.string, kindName: kind.name, kinds: kindOptions, owners: owners, hideLost: hideLost,
                          columns: columns, back: back, canCreate: principal.canWriteRecords, hasKinds: true)
        return try await web.page("board", "Board · " + kind.name, model, request, context)
    }
}
