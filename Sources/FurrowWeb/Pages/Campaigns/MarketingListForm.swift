import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// A new marketing list: its name, what it targets and how it is made. A dynamic list's filter is
/// tried with **Find** (the form comes back with the count and the first matches) and saved with
/// **Save** (the seed's Use query).
struct MarketingListForm {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.get("marketing-lists/new", use: newForm)
        group.post("marketing-lists", use: create)
        group.post("marketing-lists/find", use: find)
    }

    static let targets = [("accounts", "Accounts"), ("contacts", "Contacts"), ("leads", "Leads")]
    static let kinds = [("static", "Static: members added by hand"), ("dynamic", "Dynamic: the records a filter matches, kept up to date")]

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard principal.canWriteRecords else { throw CoreError.forbidden("Your role can read records but not create them.") }
        let values = WebForm(values: ["targetType": request.query("targetType").nonEmpty ?? "accounts",
                                      "listType": request.query("listType").nonEmpty ?? "static"])
        return try await page(request, context, values: values, problem: nil, aside: nil)
    }

    static func input(_ form: WebForm) -> MarketingListService.Input {
        var input = MarketingListService.Input()
        input.name = form["name"]
        input.description = form.optional("description")
        input.targetType = MarketingList.TargetType(rawValue: form["targetType"])
        input.listType = MarketingList.ListType(rawValue: form["listType"])
        input.query = input.listType == .dynamic ? form.optional("query") : nil
        return input
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        do {
            let list = try await MarketingListService(web.env).create(Self.input(form), by: principal)
            let next = list.listType == .static ? " Add its members below." : ""
            return .redirect("\(MarketingListPages.path)/\(list.id)", flash: "List “\(list.name)” saved.\(next)")
        } catch {
            return try await page(request, context, values: form, problem: try Problem.forForm(error), aside: nil)
        }
    }

    /// Find: the filter's matches for the caller now, under the form as it was filled in.
    @Sendable func find(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let target = MarketingList.TargetType(rawValue: form["targetType"]) ?? .accounts
        do {
            let (members, count) = try await MarketingListService(web.env).preview(target, query: form["query"], by: principal)
            let aside = FormPage.Aside(title: "Find: \(count) match\(count == 1 ? "" : "es")",
                                       text: count == 0 ? "No \(target.rawValue) you can see match this filter."
                                           : "The first of the \(target.rawValue) this filter matches now. Save the list to use the filter.",
                                       items: members.map(MarketingListPages.memberText), hasItems: !members.isEmpty)
            return try await page(request, context, values: form, problem: nil, aside: aside)
        } catch let error as QueryError {
            return try await page(request, context, values: form, problem: .validation([FieldError("query", error.message)]), aside: nil)
        }
    }

    func page(_ request: Request, _ context: AppContext, values: WebForm, problem: Problem?, aside: FormPage.Aside?) async throws -> Response {
        var fields = FormFields(problem)
        fields.add("name", "Name", values["name"], required: true)
        fields.select("targetType", "Targets", Self.targets, selected: values["targetType"], required: true)
        fields.select("listType", "Kind", Self.kinds, selected: values["listType"], required: true)
        fields.add("query", "Filter (dynamic lists)", values["query"],
                   hint: "Words to search for, or the record list's filters: industry=Logistics, createdAt[gte]=2026-01-01, q=acme, joined with &. Try it with Find.")
        fields.textarea("description", "Description", values["description"])
        var page = FormPage(heading: "New marketing list", action: MarketingListPages.path, submitLabel: "Save", cancel: MarketingListPages.path)
        page.intro = "What a list targets and how it is made cannot change once it is saved."
        page.secondaryLabel = "Find"
        page.secondaryAction = MarketingListPages.path + "/find"
        page.aside = aside
        page.apply(fields, problem: problem)
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("form", page.heading, page, request, context, status: status)
    }
}
