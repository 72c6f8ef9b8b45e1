import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The home page every role lands on (issue 22): the day's work, the pipeline, the money and the
/// service as numbers, each a link to the list behind it with the same filter; the pipeline by
/// stage with totals; the receivables by age as a chart; an administrator's setup gaps.
struct HomePage {
    static let path = "/home"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("home", use: show)
    }

    struct Tile { let title: String, value: String, link: String, warn: Bool, id: String }
    struct StageRow { let label: String, count: Int, total: String, weighted: String, link: String }
    struct Gap { let text: String, link: String }
    struct Section {
        let id: String, title: String, tiles: [Tile], stages: [StageRow], hasStages: Bool, pipelineEmpty: Bool
        let winRate: String?, charts: [AgeingChart], gaps: [Gap], hasGaps: Bool, allSet: Bool
    }
    struct Model { let greeting: String, sections: [Section] }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let sections = try await HomeService(web.env).home(by: principal)
        let name = try await UserService(web.env).listAsSystem().first { $0.id == principal.userId }?.name ?? ""
        let today = try await SettingsService(web.env).current().today(web.env.clock.now())
        return try await web.page("home", "Home", request, context) { _ in
            Model(greeting: "Hello, \(name.split(separator: " ").first.map(String.init) ?? name)",
                  sections: sections.map { Self.section($0, principal: principal, today: today) })
        }
    }

    static func section(_ s: HomeService.Section, principal: Principal, today: Day) -> Section {
        let tiles = s.counts.enumerated().map { index, count in
            Tile(title: count.title, value: ContactImportPage.number(count.value), link: count.path,
                 warn: count.warns && count.value > 0, id: "\(s.kind.rawValue)-\(index)")
        }
        let base: [Filter] = s.kind == .mine ? [Filter("ownerId", .eq, [principal.userId.string])] : []
        let stages = (s.pipeline ?? []).map { row in
            StageRow(label: row.label, count: row.count, total: MoneyText.format(row.total), weighted: MoneyText.format(row.weightedTotal),
                     link: HomeService.Count.path(.opportunities, base + [Filter("status", .eq, [OpportunityStatus.inProgress.rawValue])]
                                                  + (row.key == "none" ? [] : [Filter("stageId", .eq, [row.key])])))
        }
        let charts = (s.ageing ?? [:]).sorted { $0.key.code < $1.key.code }.map { AgeingChart(currency: $0.key, buckets: $0.value, asOf: today) }
        return Section(id: "home-" + s.kind.rawValue, title: s.title, tiles: tiles, stages: stages, hasStages: !stages.isEmpty,
                       pipelineEmpty: s.pipeline?.isEmpty == true, winRate: s.winRate.map { "\($0)%" }, charts: charts,
                       gaps: s.gaps.map { Gap(text: $0.text, link: $0.link) }, hasGaps: !s.gaps.isEmpty, allSet: s.kind == .setup && s.gaps.isEmpty)
    }
}
