import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The Service page (SPEC §7): the service report of a period (default the current month) —
/// visits due, done and overdue, the completion rate and the average rating, charted per
/// technician and tabled per technician and per customer — and the renewals due in the next 30,
/// 60 and 90 days. Every role opens it and sees what it may see; the CSV link goes to the API.
struct ServiceReportPage {
    static let path = "/service"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("service", use: show)
    }

    struct Row { let name: String, url: String?, due: Int, done: Int, overdue: Int, upcoming: Int, completion: String, rating: String }
    struct Renewal { let label: String, count: Int, value: String, url: String }
    struct Figure { let label: String, value: String }
    struct Model {
        let from: String, to: String, figures: [Figure], chart: ServiceChart?, technicians: [Row], hasTechnicians: Bool
        let customers: [Row], hasCustomers: Bool, renewals: [Renewal], csv: String, problem: String?
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let settings = try await SettingsService(web.env).current()
        let today = settings.today(web.env.clock.now())
        let month = Calendarless.month(of: today)
        var from = Day(request.query("from")) ?? month.lowerBound, to = Day(request.query("to")) ?? month.upperBound
        var problem: String?
        if to < from || to.ordinal - from.ordinal >= ContractService.reportMaxDays {
            problem = "The period runs from its first day to its last, at most ten years: the current month is shown."
            from = month.lowerBound
            to = month.upperBound
        }
        let report = try await ContractService(web.env).report(from: from, to: to, by: principal)
        func row(_ item: ServiceReport.Row, _ prefix: String?) -> Row {
            Row(name: item.name, url: prefix.flatMap { p in item.id.map { p + UUIDText.lowercase($0) } }, due: item.due, done: item.done,
                overdue: item.overdue, upcoming: item.upcoming, completion: item.completionPercent.map { ReportService.percentText($0) + " %" } ?? "—",
                rating: item.averageRating.map { "★ " + ReportService.percentText($0) } ?? "—")
        }
        let total = report.total
        let figures = [
            Figure(label: "Visits due", value: "\(total.due)"), Figure(label: "Done", value: "\(total.done)"),
            Figure(label: "Overdue", value: "\(total.overdue)"),
            Figure(label: "Completion", value: total.completionPercent.map { ReportService.percentText($0) + " %" } ?? "—"),
            Figure(label: "Average rating", value: total.averageRating.map { "★ " + ReportService.percentText($0) } ?? "—"),
        ]
        var previous = 0
        let renewals = report.renewals.map { bucket -> Renewal in
            defer { previous = bucket.days }
            return Renewal(label: previous == 0 ? "Within \(bucket.days) days" : "In \(previous + 1)–\(bucket.days) days", count: bucket.count,
                           value: bucket.totals.isEmpty ? "—" : bucket.totals.map { MoneyText.format($0) }.joined(separator: " · "),
                           url: ContractPages.path)
        }
        let model = Model(from: from.description, to: to.description, figures: figures,
                          chart: report.technicians.isEmpty ? nil
                              : ServiceChart(id: "service-technicians", title: "Visits per technician from \(from) to \(to)", rows: report.technicians),
                          technicians: report.technicians.map { row($0, nil) }, hasTechnicians: !report.technicians.isEmpty,
                          customers: report.customers.map { row($0, "/accounts/") }, hasCustomers: !report.customers.isEmpty,
                          renewals: renewals,
                          csv: URLText.link("/api/v1/reports/service", [("from", from.description), ("to", to.description), ("format", "csv")]),
                          problem: problem)
        return try await web.page("service-report", "Service", model, request, context)
    }
}
