import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// `GET /me/home`: what the home page shows the caller (issue 22).
struct HomeRoutes: RouteSet {
    let env: CoreEnvironment

    @Sendable func home(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        if let key = request.uri.queryParameters.first?.key { throw Problem.invalidQuery("Unknown parameter '\(key)': the home takes none.") }
        return try .json(HomeDTO(sections: try await HomeService(env).home(by: principal).map(HomeDTO.Section.init)))
    }
}

struct HomeDTO: Encodable, Sendable {
    struct Count: Encodable, Sendable { let title: String, value: Int, warns: Bool, link: String }
    struct Ageing: Encodable, Sendable {
        let currency: String, current: String, days1to30: String, days31to60: String, days61to90: String, over90: String, total: String
    }
    struct Gap: Encodable, Sendable { let text: String, link: String }
    struct Section: Encodable, Sendable {
        let kind: String, title: String, counts: [Count], pipeline: [PipelineRowDTO]?, winRatePercent: Int?, ageing: [Ageing]?, gaps: [Gap]
        init(_ s: HomeService.Section) {
            kind = s.kind.rawValue; title = s.title
            counts = s.counts.map { Count(title: $0.title, value: $0.value, warns: $0.warns, link: $0.path) }
            pipeline = s.pipeline?.map(PipelineRowDTO.init)
            winRatePercent = s.winRate
            ageing = s.ageing?.sorted { $0.key.code < $1.key.code }.map { currency, b in
                func text(_ minor: Int128) -> String { MoneyTotal(minorUnits: minor, currency: currency).decimalString }
                return Ageing(currency: currency.code, current: text(b.current), days1to30: text(b.days1to30), days31to60: text(b.days31to60),
                              days61to90: text(b.days61to90), over90: text(b.over90), total: text(b.total))
            }
            gaps = s.gaps.map { Gap(text: $0.text, link: $0.link) }
        }
    }
    let sections: [Section]
}
