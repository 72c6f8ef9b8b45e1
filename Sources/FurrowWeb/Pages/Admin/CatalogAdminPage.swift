import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// The small catalogs on one page, for administrators: advertising channels, the reasons for
/// losing and for disqualifying, competitors, tax rates, payment terms and holidays — each listed
/// with a form adding one; reasons and competitors are deactivated (never deleted: records keep
/// them), a holiday removed.
struct CatalogAdminPage {
    static let path = "/admin/catalogs"
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("admin") { _, _ in Response.redirect(UserAdminPages.path) }
        group.get("admin/catalogs", use: show)
        group.post("admin/catalogs/:section", use: create)
        group.post("admin/catalogs/:section/:id/toggle", use: toggle)
        group.post("admin/catalogs/:section/:id/remove", use: removeHoliday)
    }

    static let reasonSections: [(id: String, kind: Reason.Kind, title: String, hint: String)] = [
        ("lost-reasons", .lost, "Reasons for losing", "Closing an opportunity as lost names one of these."),
        ("disqualify-reasons", .disqualify, "Reasons for disqualifying", "Disqualifying a lead names one of these."),
        ("competitors", .competitor, "Competitors", "Opportunities name the competitors they are up against; a stage may require one."),
    ]

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        _ = try Admin.principal(web, request, context)
        return try await render(request, context, failed: nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try Admin.principal(web, request, context)
        let form = try await web.form(request, context)
        let section = context.parameters.get("section") ?? ""
        do {
            let added: String
            switch section {
            case "channels":
                added = try await CatalogService(web.env).createChannel(name: form["name"], impactType: ImpactType(rawValue: form["impactType"]),
                                                                        by: principal).name
            case "tax-rates":
                let percent = Micros(TypedNumber.plain(form["percent"]))
                if percent == nil, !form["percent"].isEmpty { throw ValidationError([FieldError("percent", "must be a number, such as 19 or 7.5")]) }
                added = try await ProductService(web.env).createTaxRate(name: form["name"], percent: percent, by: principal).name
            case "payment-terms":
                let days = Int(form["days"].trimmedSpaces())
                if days == nil, !form["days"].isEmpty { throw ValidationError([FieldError("days", "must be a whole number of days")]) }
                added = try await InvoiceService(web.env).createPaymentTerm(name: form["name"], days: days, by: principal).name
            case "holidays":
                let day = Day(form["day"].trimmedSpaces())
                if day == nil, !form["day"].isEmpty { throw ValidationError([FieldError("day", "must be a date")]) }
                added = try await HolidayService(web.env).add(day, name: form["name"], by: principal).name
            default:
                guard let reason = Self.reasonSections.first(where: { $0.id == section }) else { throw Problem.notFound() }
                added = try await CatalogService(web.env).createReason(reason.kind, name: form["name"], by: principal).name
            }
            return .redirect("\(Self.path)#\(section)", flash: "“\(added)” is added.")
        } catch {
            let problem = try Problem.forForm(error)
            return try await render(request, context, failed: (section, form, problem))
        }
    }

    @Sendable func toggle(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try Admin.principal(web, request, context)
        _ = try await web.form(request, context)
        let section = context.parameters.get("section") ?? ""
        guard let reason = Self.reasonSections.first(where: { $0.id == section }),
              let id = context.parameters.get("id").flatMap(Reason.ID.init) else { throw Problem.notFound() }
        let current = try await CatalogService(web.env).reasons(reason.kind).first { $0.id == id }
        guard let current else { throw Problem.notFound() }
        let changed = try await CatalogService(web.env).setReasonActive(id, kind: reason.kind, active: !current.active, by: principal)
        return .redirect("\(Self.path)#\(section)", flash: "“\(changed.name)” is \(changed.active ? "active again" : "deactivated").")
    }

    @Sendable func removeHoliday(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try Admin.principal(web, request, context)
        _ = try await web.form(request, context)
        // only holidays are removed; the other entries are deactivated
        guard context.parameters.get("section") == "holidays", let day = context.parameters.get("id").flatMap(Day.init) else { throw Problem.notFound() }
        try await HolidayService(web.env).delete(day, by: principal)
        return .redirect("\(Self.path)#holidays", flash: "\(day) is no holiday any more.")
    }

    static func label(_ type: ImpactType) -> String {
        switch type {
        case .user: "a user"
        case .account: "an account"
        case .contact: "a contact"
        case .campaign: "a campaign"
        case .other: "free text"
        }
    }

    typealias Failed = (section: String, values: WebForm, problem: Problem)

    func render(_ request: Request, _ context: AppContext, failed: Failed?) async throws -> Response {
        let catalog = CatalogService(web.env)
        let channels = try await catalog.channels()
        var reasons: [Reason.Kind: [Reason]] = [:]
        for kind in Reason.Kind.allCases { reasons[kind] = try await catalog.reasons(kind) }
        let rates = try await ProductService(web.env).taxRates()
        let terms = try await InvoiceService(web.env).paymentTerms()
        let holidays = try await HolidayService(web.env).list()
        let status: HTTPResponse.Status = failed.map { HTTPResponse.Status(code: $0.problem.status) } ?? .ok
        return try await web.page("admin", "Catalogs", request, context, status: status) { _ in
            func values(_ id: String) -> WebForm { failed?.section == id ? failed!.values : WebForm(values: [:]) }
            func problem(_ id: String) -> Problem? { failed?.section == id ? failed!.problem : nil }
            func form(_ id: String, _ label: String, _ build: (inout FormFields, WebForm) -> Void) -> Admin.AddForm {
                var fields = FormFields(problem(id))
                build(&fields, values(id))
                return Admin.form(id, action: "\(Self.path)/\(id)", submitLabel: label, fields, problem: problem(id))
            }
            var sections: [Admin.Section] = []
            sections.append(Admin.section("channels", "Advertising channels", hint: "Where leads come from; the impact type says what a lead's source must be.",
                columns: ["Name", "Source is"], rows: channels.map { Admin.Row([.init($0.name), .init(Self.label($0.impactType))]) },
                empty: "No channels yet.", form: form("channels", "Add channel") { fields, values in
                    fields.add("name", "Name", values["name"], required: true)
                    fields.select("impactType", "Source is", ImpactType.allCases.map { ($0.rawValue, Self.label($0)) },
                                  selected: values["impactType"].nonEmpty ?? ImpactType.other.rawValue, required: true)
                }))
            for item in Self.reasonSections {
                let rows = (reasons[item.kind] ?? []).map { reason in
                    Admin.Row([.init(reason.name), .init(reason.active ? "Active" : "Inactive")],
                              buttons: [Admin.toggle("\(Self.path)/\(item.id)/\(reason.id)/toggle", active: reason.active, name: reason.name)],
                              muted: !reason.active)
                }
                sections.append(Admin.section(item.id, item.title, hint: item.hint, columns: ["Name", "Status"], rows: rows, empty: "None yet.",
                    form: form(item.id, "Add") { fields, values in fields.add("name", "Name", values["name"], required: true) }))
            }
            sections.append(Admin.section("tax-rates", "Tax rates", hint: "Products and quote lines carry one.", columns: ["Name", "Rate"],
                rows: rates.map { Admin.Row([.init($0.name), .init(SalesText.percent($0.percent))], muted: !$0.active) },
                empty: "No tax rates yet.", form: form("tax-rates", "Add tax rate") { fields, values in
                    fields.add("name", "Name", values["name"], required: true, hint: "Such as “Standard 19 %”.")
                    fields.add("percent", "Percent", values["percent"], required: true, hint: "0 to 100, such as 19 or 7.5.")
                }))
            sections.append(Admin.section("payment-terms", "Payment terms", hint: "An invoice is due its issue date plus the term's days.",
                columns: ["Name", "Due after"], rows: terms.map { Admin.Row([.init($0.name), .init($0.days == 0 ? "on receipt" : "\($0.days) days")], muted: !$0.active) },
                empty: "No payment terms yet.", form: form("payment-terms", "Add payment term") { fields, values in
                    fields.add("name", "Name", values["name"], required: true, hint: "Such as “Net 45”.")
                    fields.add("days", "Days", values["days"], type: "number", required: true, hint: "From issue to due; 0: due on receipt.")
                }))
            sections.append(Admin.section("holidays", "Holidays", hint: "Maintenance visits are not planned on them.", columns: ["Day", "Name"],
                rows: holidays.map { holiday in
                    Admin.Row([.init(holiday.day.description), .init(holiday.name)],
                              buttons: [Admin.Button(action: "\(Self.path)/holidays/\(holiday.day)/remove", label: "Remove", danger: true,
                                                     confirm: "Remove the holiday “\(holiday.name)”?")])
                }, empty: "No holidays yet.", form: form("holidays", "Add holiday") { fields, values in
                    fields.add("day", "Day", values["day"], type: "date", required: true)
                    fields.add("name", "Name", values["name"], required: true)
                }))
            return Admin.page(current: Self.path, heading: "Catalogs", intro: "The lists people choose from on records. Entries in use are deactivated rather than deleted, so the records that have them keep them.",
                              sections: sections)
        }
    }
}
