import Foundation
import FurrowAPI
import FurrowCore
import FurrowDomain
import Hummingbird

/// Company settings, for administrators (SPEC §11).
struct SettingsPage {
    let web: Web
    static let quoteWords = ["Quote", "Budget", "Quotation"]
    static let currencies = ["EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "CAD", "AUD", "JPY", "INR", "BRL", "MXN", "ZAR"]

    func add(to group: RouterGroup<AppContext>) {
        group.get("settings", use: show)
        group.post("settings", use: update)
    }

    func admin(_ request: Request, _ context: AppContext) throws -> Principal {
        let principal = try web.principal(request, context)
        guard principal.isAdmin else { throw CoreError.forbidden("Only administrators can change the settings.") }
        return principal
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        _ = try admin(request, context)
        let settings = try await SettingsService(web.env).current()
        let values = WebForm(values: ["companyName": settings.companyName, "companyAddress": settings.companyAddress,
                                      "timeZone": settings.timeZone, "baseCurrency": settings.baseCurrency, "quoteWord": settings.quoteWord])
        return try await page(request, context, values: values, problem: nil)
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try admin(request, context)
        let form = try await web.form(request, context)
        do {
            _ = try await SettingsService(web.env).update({ settings in
                settings.companyName = form["companyName"]
                settings.companyAddress = form["companyAddress"]
                settings.timeZone = form["timeZone"].trimmingCharacters(in: .whitespaces)
                settings.baseCurrency = form["baseCurrency"].trimmingCharacters(in: .whitespaces)
                settings.quoteWord = form["quoteWord"]
            }, by: principal)
        } catch {
            let problem = try AccountForms.formProblem(error)
            return try await page(request, context, values: form, problem: problem)
        }
        return .redirect("/settings", flash: "Settings saved.")
    }

    func page(_ request: Request, _ context: AppContext, values: WebForm, problem: Problem?) async throws -> Response {
        var fields = FormFields(problem)
        fields.add("companyName", "Company name", values["companyName"], required: true, autocomplete: "organization")
        fields.textarea("companyAddress", "Company address", values["companyAddress"])
        fields.add("timeZone", "Time zone", values["timeZone"], required: true, hint: "An IANA name such as Europe/London.",
                   list: "time-zones")
        fields.add("baseCurrency", "Base currency", values["baseCurrency"], required: true, hint: "An ISO 4217 code such as EUR.",
                   list: "currencies")
        let current = values["quoteWord"]
        let words = Self.quoteWords.contains(current) || current.isEmpty ? Self.quoteWords : Self.quoteWords + [current]
        fields.select("quoteWord", "Word for quotes", words.map { ($0, $0) }, selected: current, required: true)
        var page = FormPage(heading: "Settings", action: "/settings", submitLabel: "Save settings")
        page.intro = "The company’s name appears at the top of every page and on documents."
        page.apply(fields, problem: problem)
        page.datalists = [
            FormPage.Datalist(id: "time-zones", options: TimeZone.knownTimeZoneIdentifiers.sorted().map {
                Field.Option(value: $0, label: $0, selected: false)
            }),
            FormPage.Datalist(id: "currencies", options: Self.currencies.map { Field.Option(value: $0, label: $0, selected: false) }),
        ]
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("form", "Settings", page, request, context, status: status)
    }
}
