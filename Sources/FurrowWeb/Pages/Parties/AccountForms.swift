import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// Creating, editing, deleting and merging accounts. A 422 or 409 answer shows the form again
/// with the problem beside the fields; a stale version says someone else changed the record.
struct AccountForms {
    let web: Web
    var parts: RecordParts { RecordParts(env: web.env) }

    func add(to group: RouterGroup<AppContext>) {
        group.get("accounts/new", use: newForm)
        group.post("accounts", use: create)
        group.get("accounts/:id/edit", use: editForm)
        group.post("accounts/:id/edit", use: update)
        group.get("accounts/:id/delete", use: confirmDelete)
        group.post("accounts/:id/delete", use: delete)
        group.get("accounts/:id/merge", use: mergeForm)
        group.post("accounts/:id/merge", use: merge)
    }

    static func fields(_ form: WebForm) -> AccountFields {
        AccountFields(name: form["name"], parentAccountId: form.optional("parentAccountId").flatMap(Account.ID.init),
                      email: form.optional("email"), phone: form.optional("phone"), website: form.optional("website"),
                      industry: form.optional("industry"))
    }

    static func values(_ account: Account) -> WebForm {
        let f = account.fields
        return WebForm(values: ["name": f.name, "ownerId": account.ownership.ownerId.string, "parentAccountId": f.parentAccountId?.string,
                                "email": f.email, "phone": f.phone, "website": f.website, "industry": f.industry])
    }

    func id(_ context: AppContext) throws -> Account.ID {
        guard let id = context.parameters.get("id").flatMap(Account.ID.init) else { throw Problem.notFound() }
        return id
    }

    func formPage(_ request: Request, _ context: AppContext, _ principal: Principal, values: WebForm, editing: Account?,
                  problem: Problem?) async throws -> Response {
        var fields = FormFields(problem)
        fields.add("name", "Name", values["name"], required: true, autocomplete: "organization")
        fields.add("email", "Email", values["email"], type: "email", autocomplete: "email")
        fields.add("phone", "Phone", values["phone"], type: "tel", autocomplete: "tel")
        fields.add("website", "Website", values["website"], type: "text", autocomplete: "url", hint: "e.g. example.com")
        fields.add("industry", "Industry", values["industry"])
        let parents = try await parts.accountOptions(by: principal, excluding: editing?.id, selected: values.optional("parentAccountId"))
        fields.select("parentAccountId", "Parent account", parents, selected: values["parentAccountId"])
        let owners = try await parts.ownerOptions(by: principal, selected: values.optional("ownerId"))
        if !owners.isEmpty {
            fields.select("ownerId", "Owner", owners, selected: values.optional("ownerId") ?? principal.userId.string, required: true)
        }
        var page: FormPage
        if let editing {
            page = FormPage(heading: "Edit " + editing.fields.name, action: "/accounts/\(editing.id)/edit", submitLabel: "Save changes",
                            cancel: "/accounts/\(editing.id)")
            page.hidden = [FormPage.Hidden(name: "version", value: values.optional("version") ?? String(editing.version))]
        } else {
            page = FormPage(heading: "New account", action: "/accounts", submitLabel: "Create account", cancel: "/accounts")
        }
        page.apply(fields, problem: problem, recordPath: "/accounts/")
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("form", page.heading, page, request, context, status: status)
    }

    /// The problem to show on the form, or the error again when it is not about the input.
    static func formProblem(_ error: any Error) throws -> Problem {
        guard let problem = Problem.from(error), [409, 412, 422, 428].contains(problem.status) else { throw error }
        return problem
    }

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard principal.canWriteRecords else { throw CoreError.forbidden("Your role can read records but not create them.") }
        return try await formPage(request, context, principal, values: WebForm(""), editing: nil, problem: nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        do {
            let account = try await AccountService(web.env).create(Self.fields(form), ownerId: form.optional("ownerId").flatMap(User.ID.init),
                                                                   allowDuplicate: form.flag("allowDuplicate"), by: principal)
            return .redirect("/accounts/\(account.id)", flash: "Account created.")
        } catch {
            let problem = try Self.formProblem(error)
            return try await formPage(request, context, principal, values: form, editing: nil, problem: problem)
        }
    }

    @Sendable func editForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let account = try await AccountService(web.env).get(try id(context), by: principal)
        guard principal.canChange(account.ownership) else { throw CoreError.forbidden("Your role cannot change this account.") }
        return try await formPage(request, context, principal, values: Self.values(account), editing: account, problem: nil)
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let account = try await AccountService(web.env).get(try id(context), by: principal)
        do {
            _ = try await AccountService(web.env).update(account.id, fields: Self.fields(form),
                                                         ownerId: form.optional("ownerId").flatMap(User.ID.init),
                                                         expectedVersion: Int(form["version"]), by: principal)
            return .redirect("/accounts/\(account.id)", flash: "Changes saved.")
        } catch {
            let problem = try Self.formProblem(error)
            return try await formPage(request, context, principal, values: form, editing: account, problem: problem)
        }
    }

    @Sendable func confirmDelete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let account = try await AccountService(web.env).get(try id(context), by: principal)
        guard principal.canChange(account.ownership) else { throw CoreError.forbidden("Your role cannot delete this account.") }
        let model = ConfirmPage(heading: "Delete \(account.fields.name)?",
                                text: "The account and its connections are deleted. Its history stays in the audit trail. An account that still has contacts or child accounts cannot be deleted.",
                                action: "/accounts/\(account.id)/delete", button: "Delete account", cancel: "/accounts/\(account.id)")
        return try await web.page("confirm", model.heading, model, request, context)
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try id(context)
        let account = try await AccountService(web.env).get(id, by: principal)
        do {
            try await AccountService(web.env).delete(id, by: principal)
        } catch {
            guard let problem = Problem.from(error), problem.status == 409 else { throw error }
            return .redirect("/accounts/\(id)", flash: "Not deleted: " + problem.detail, isError: true)
        }
        return .redirect("/accounts", flash: "Account “\(account.fields.name)” deleted.")
    }

    @Sendable func mergeForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let account = try await AccountService(web.env).get(try id(context), by: principal)
        guard principal.canChange(account.ownership) else { throw CoreError.forbidden("Your role cannot merge accounts.") }
        return try await mergePage(request, context, principal, account, text: request.query("q"), message: nil)
    }

    @Sendable func merge(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let account = try await AccountService(web.env).get(try id(context), by: principal)
        guard let otherId = form.optional("otherId").flatMap(Account.ID.init) else {
            return try await mergePage(request, context, principal, account, text: "", message: "Choose an account, or enter its id.")
        }
        do {
            _ = try await AccountService(web.env).merge(account.id, with: otherId, by: principal)
        } catch {
            guard let problem = Problem.from(error), [404, 409].contains(problem.status) else { throw error }
            let message = problem.status == 404 ? "No account with that id exists, or you may not see it." : problem.detail
            return try await mergePage(request, context, principal, account, text: "", message: message)
        }
        return .redirect("/accounts/\(account.id)", flash: "Accounts merged into “\(account.fields.name)”.")
    }

    func mergePage(_ request: Request, _ context: AppContext, _ principal: Principal, _ account: Account, text: String,
                   message: String?) async throws -> Response {
        var candidates: [MergePage.Candidate] = []
        let search = text.trimmedSpaces()
        if !search.isEmpty {
            let found = try await AccountService(web.env).list(ListQuery(limit: 20, sort: ListFields.accounts.defaultSort, text: search),
                                                               by: principal)
            candidates = found.filter { $0.id != account.id }.map {
                MergePage.Candidate(id: $0.id.string, name: $0.fields.name, detail: $0.fields.email ?? $0.fields.website ?? "",
                                    url: "/accounts/\($0.id)")
            }
        }
        let model = MergePage(kind: "account", recordName: account.fields.name, url: "/accounts/\(account.id)",
                              action: "/accounts/\(account.id)/merge", search: search, candidates: candidates,
                              hasCandidates: !candidates.isEmpty, searched: !search.isEmpty, message: message,
                              explanation: "The other account’s contacts, child accounts and connections move to this one, its details fill this account’s empty fields, and then it is deleted.")
        let status: HTTPResponse.Status = message == nil ? .ok : .conflict
        return try await web.page("merge", "Merge into " + account.fields.name, model, request, context, status: status)
    }
}

/// "Are you sure?" before a delete, so deleting works without JavaScript.
struct ConfirmPage { let heading: String, text: String, action: String, button: String, cancel: String }

/// Choosing the record to merge into another: search by name, or paste its id.
struct MergePage {
    struct Candidate { let id: String, name: String, detail: String, url: String }
    let kind: String
    let recordName: String
    let url: String
    let action: String
    let search: String
    let candidates: [Candidate]
    let hasCandidates: Bool
    let searched: Bool
    let message: String?
    let explanation: String
}
