import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// `GET /reports/service?from=&to=`: the service report as JSON or, with `format=csv`, a CSV download.
extension ContractRoutes {
    @Sendable func serviceReport(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var from: Day?, to: Day?, csv = false
        for (key, value) in request.uri.queryParameters {
            let text = String(value)
            switch key {
            case "from", "to":
                guard let day = Day(text) else { throw Problem.invalidQuery("\(key) must be a date such as 2026-12-01.") }
                if key == "from" { from = day } else { to = day }
            case "format":
                guard text == "json" || text == "csv" else { throw Problem.invalidQuery("format must be json or csv.") }
                csv = text == "csv"
            default: throw Problem.invalidQuery("Unknown parameter '\(key)'. Use from, to and format.")
            }
        }
        let (first, last) = try await Self.defaultPeriod(env)
        let report = try await ContractService(env).report(from: from ?? first, to: to ?? last, by: principal)
        guard csv else { return try .json(ServiceReportDTO(report)) }
        func row(_ section: String, _ row: ServiceReport.Row) -> [CSV.Cell] {
            [.text(section), .text(row.name), .number("\(row.due)"), .number("\(row.done)"), .number("\(row.overdue)"), .number("\(row.upcoming)"),
             .number(row.completionPercent.map(ReportService.percentText) ?? ""), .number(row.averageRating.map { "\($0)" } ?? ""),
             .number("\(row.rated)"), .number(""), .text(""), .text("")]
        }
        var rows = [row("total", report.total)] + report.technicians.map { row("technician", $0) } + report.customers.map { row("customer", $0) }
        for bucket in report.renewals {
            let totals = bucket.totals.isEmpty ? [nil] : bucket.totals.map(Optional.some)
            for total in totals {
                rows.append([.text("renewals"), .text("within \(bucket.days) days"), .number(""), .number(""), .number(""), .number(""), .number(""),
                             .number(""), .number(""), .number("\(bucket.count)"), .number(total?.decimalString ?? ""), .text(total?.currency.code ?? "")])
            }
        }
        return .csv(CSV.document(header: ["section", "name", "due", "done", "overdue", "upcoming", "completionPercent", "averageRating", "ratings",
                                          "contracts", "value", "currency"], rows: rows),
                    filename: "service-\(report.from)-\(report.to).csv")
    }

    /// The current month in company time.
    static func defaultPeriod(_ env: CoreEnvironment) async throws -> (Day, Day) {
        let month = Calendarless.month(of: try await SettingsService(env).current().today(env.clock.now()))
        return (month.lowerBound, month.upperBound)
    }
}

struct ServiceReportDTO: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let id: String?, name: String, due: Int, done: Int, overdue: Int, upcoming: Int, ratings: Int
        let completionPercent: String?, averageRating: String?
        init(_ row: ServiceReport.Row) {
            id = row.id.map(UUIDText.lowercase); name = row.name; due = row.due; done = row.done; overdue = row.overdue; upcoming = row.upcoming
            ratings = row.rated; completionPercent = row.completionPercent.map(ReportService.percentText)
            averageRating = row.averageRating.map(ReportService.percentText)
        }
    }
    struct Renewals: Encodable, Sendable {
        let withinDays: Int, count: Int, totals: [FunnelDTO.Amount]
    }
    let from: String, to: String, total: Row, technicians: [Row], customers: [Row], renewals: [Renewals]

    init(_ report: ServiceReport) {
        from = report.from.description; to = report.to.description
        total = Row(report.total); technicians = report.technicians.map(Row.init); customers = report.customers.map(Row.init)
        renewals = report.renewals.map { Renewals(withinDays: $0.days, count: $0.count, totals: $0.totals.map(FunnelDTO.amount)) }
    }
}
