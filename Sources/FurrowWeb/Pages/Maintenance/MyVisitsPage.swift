import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// A technician's visits, made for a phone (rule 43): overdue, today's and the next two weeks',
/// each with the customer, a phone link and a map link, and a large button to open it.
struct MyVisitsPage {
    static let path = "/my-visits"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("my-visits", use: show)
    }

    struct Item { let url: String, when: String, subject: String, customer: String, phone: String?, phoneHref: String?, mapHref: String? }
    struct Group { let id: String, title: String, items: [Item], hasItems: Bool, empty: String, warn: Bool }
    struct Model { let groups: [Group] }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let service = ActivityService(web.env)
        let mine = try await service.mine(by: principal, days: 14)
        var cards: [Activity.ID: RegardingCard] = [:]
        for visit in (mine.overdue + mine.today + mine.upcoming).filter({ $0.kind == .serviceVisit }).prefix(100) {
            cards[visit.id] = try await service.regardingCard(of: visit, by: principal)
        }
        return try await web.page("my-visits", "My visits", request, context) { shell in
            let clock = LocalClock(shell.timeZone)
            func items(_ list: [Activity]) -> [Item] {
                list.filter { $0.kind == .serviceVisit }.map { visit in
                    let card = cards[visit.id]
                    let place = visit.location ?? card?.name
                    return Item(url: "/activities/\(visit.id)", when: ActivityText.when(visit, clock), subject: visit.subject,
                                customer: card?.name ?? "—", phone: card?.phone,
                                phoneHref: card?.phone.map { "tel:" + $0.filter { !$0.isWhitespace } },
                                mapHref: place.map { "https://www.openstreetmap.org/search?query=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") })
                }
            }
            func group(_ id: String, _ title: String, _ list: [Activity], empty: String, warn: Bool = false) -> Group {
                let made = items(list)
                return Group(id: id, title: title, items: made, hasItems: !made.isEmpty, empty: empty, warn: warn && !made.isEmpty)
            }
            return Model(groups: [
                group("overdue", "Overdue", mine.overdue, empty: "Nothing overdue.", warn: true),
                group("today", "Today", mine.today, empty: "No visits today."),
                group("upcoming", "Next two weeks", mine.upcoming, empty: "No visits in the next two weeks."),
            ])
        }
    }
}
