import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// What the create, edit, delete and merge pages of an owned record need to know of its kind:
/// its words, its fields and its service. Accounts and contacts provide one each; `RecordForms`
/// holds the pages themselves.
protocol RecordFormKind: Sendable {
    associatedtype Record: Sendable
    associatedtype Fields: Sendable

    /// `account`, used in paths (`/accounts/…`), headings and messages.
    var noun: String { get }
    var plural: String { get }
    /// What deleting does, on the confirmation page.
    var deleteText: String { get }
    /// What merging does, on the merge page.
    var mergeExplanation: String { get }

    func name(_ record: Record) -> String
    func id(_ record: Record) -> String
    func version(_ record: Record) -> Int
    func ownership(_ record: Record) -> Ownership
    /// A second line for a merge candidate (an email, a phone).
    func detail(_ record: Record) -> String

    func fields(_ form: WebForm) -> Fields
    func values(_ record: Record) -> WebForm
    /// The values of a new record's form, from the page's query (`?accountId=…`).
    func newValues(_ request: Request) -> WebForm
    /// The page a new record's form goes back to.
    func cancelNew(_ values: WebForm) -> String
    /// Adds the kind's own fields, before the owner.
    func addFields(to fields: inout FormFields, _ values: WebForm, editing: Record?, by principal: Principal) async throws

    /// The record with that id (text from the path), or a 404.
    func get(_ id: String, by principal: Principal) async throws -> Record
    func create(_ fields: Fields, ownerId: User.ID?, allowDuplicate: Bool, by principal: Principal) async throws -> Record
    func update(_ record: Record, fields: Fields, ownerId: User.ID?, expectedVersion: Int?, by principal: Principal) async throws
    func delete(_ record: Record, by principal: Principal) async throws
    /// Merges the record with that id (text from the form) into `record`; a 404 when there is none.
    func merge(_ record: Record, with other: String, by principal: Principal) async throws
    /// Records matching a search, for choosing the one to merge.
    func search(_ text: String, by principal: Principal) async throws -> [Record]
}

extension RecordFormKind {
    var title: String { noun.prefix(1).uppercased() + noun.dropFirst() }
    /// `a contact`, `an account`.
    var withArticle: String { ("aeiou".contains(noun.first ?? "x") ? "an " : "a ") + noun }
}

/// Creating, editing, deleting and merging a record. A 422 or 409 answer shows the form again with
/// the problem beside the fields; a stale version says someone else changed the record.
struct RecordForms<Kind: RecordFormKind> {
    let web: Web
    let kind: Kind
    var parts: RecordParts { RecordParts(env: web.env) }

    func add(to group: RouterGroup<AppContext>) {
        let plural = kind.plural
        group.get("\(plural)/new", use: newForm)
        group.post("\(plural)", use: create)
        group.get("\(plural)/:id/edit", use: editForm)
        group.post("\(plural)/:id/edit", use: update)
        group.get("\(plural)/:id/delete", use: confirmDelete)
        group.post("\(plural)/:id/delete", use: delete)
        group.get("\(plural)/:id/merge", use: mergeForm)
        group.post("\(plural)/:id/merge", use: merge)
    }

    func path(_ record: Kind.Record) -> String { "/\(kind.plural)/\(kind.id(record))" }

    func record(_ context: AppContext, _ principal: Principal) async throws -> Kind.Record {
        guard let id = context.parameters.get("id") else { throw Problem.notFound() }
        return try await kind.get(id, by: principal)
    }

    func formPage(_ request: Request, _ context: AppContext, _ principal: Principal, values: WebForm, editing: Kind.Record?,
                  problem: Problem?) async throws -> Response {
        var fields = FormFields(problem)
        try await kind.addFields(to: &fields, values, editing: editing, by: principal)
        let owners = try await parts.ownerOptions(by: principal, selected: values.optional("ownerId"))
        if !owners.isEmpty {
            fields.select("ownerId", "Owner", owners, selected: values.optional("ownerId") ?? principal.userId.string, required: true, picker: "users")
        }
        var page: FormPage
        if let editing {
            page = FormPage(heading: "Edit " + kind.name(editing), action: path(editing) + "/edit", submitLabel: "Save changes",
                            cancel: path(editing))
            page.hidden = [FormPage.Hidden(name: "version", value: values.optional("version") ?? String(kind.version(editing)))]
        } else {
            page = FormPage(heading: "New " + kind.noun, action: "/" + kind.plural, submitLabel: "Create " + kind.noun,
                            cancel: kind.cancelNew(values))
        }
        page.apply(fields, problem: problem, recordPath: "/\(kind.plural)/")
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("form", page.heading, page, request, context, status: status)
    }

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard principal.canWriteRecords else { throw CoreError.forbidden("Your role can read records but not create them.") }
        return try await formPage(request, context, principal, values: kind.newValues(request), editing: nil, problem: nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        do {
            let record = try await kind.create(kind.fields(form), ownerId: form.optional("ownerId").flatMap(User.ID.init),
                                               allowDuplicate: form.flag("allowDuplicate"), by: principal)
            return .redirect(path(record), flash: "\(kind.title) created.")
        } catch {
            return try await formPage(request, context, principal, values: form, editing: nil, problem: try Problem.forForm(error))
        }
    }

    @Sendable func editForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let record = try await record(context, principal)
        guard principal.canChange(kind.ownership(record)) else { throw CoreError.forbidden("Your role cannot change this \(kind.noun).") }
        return try await formPage(request, context, principal, values: kind.values(record), editing: record, problem: nil)
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let record = try await record(context, principal)
        do {
            try await kind.update(record, fields: kind.fields(form), ownerId: form.optional("ownerId").flatMap(User.ID.init),
                                  expectedVersion: Int(form["version"]), by: principal)
            return .redirect(path(record), flash: "Changes saved.")
        } catch {
            return try await formPage(request, context, principal, values: form, editing: record, problem: try Problem.forForm(error))
        }
    }

    @Sendable func confirmDelete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let record = try await record(context, principal)
        guard principal.canChange(kind.ownership(record)) else { throw CoreError.forbidden("Your role cannot delete this \(kind.noun).") }
        let model = ConfirmPage(heading: "Delete \(kind.name(record))?", text: kind.deleteText, action: path(record) + "/delete",
                                button: "Delete " + kind.noun, cancel: path(record))
        return try await web.page("confirm", model.heading, model, request, context)
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let record = try await record(context, principal)
        do {
            try await kind.delete(record, by: principal)
        } catch {
            guard let problem = Problem.from(error), problem.status == 409 else { throw error }
            return .redirect(path(record), flash: "Not deleted: " + problem.detail, isError: true)
        }
        return .redirect("/" + kind.plural, flash: "\(kind.title) “\(kind.name(record))” deleted.")
    }

    @Sendable func mergeForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let record = try await record(context, principal)
        guard principal.canChange(kind.ownership(record)) else { throw CoreError.forbidden("Your role cannot merge \(kind.plural).") }
        return try await mergePage(request, context, principal, record, text: request.query("q"), message: nil)
    }

    @Sendable func merge(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let record = try await record(context, principal)
        guard let other = form.optional("otherId"), UUID(uuidString: other) != nil else {
            return try await mergePage(request, context, principal, record, text: "", message: "Choose \(kind.withArticle), or enter its id.")
        }
        do {
            try await kind.merge(record, with: other, by: principal)
        } catch {
            guard let problem = Problem.from(error), [404, 409].contains(problem.status) else { throw error }
            let message = problem.status == 404 ? "No \(kind.noun) with that id exists, or you may not see it." : problem.detail
            return try await mergePage(request, context, principal, record, text: "", message: message)
        }
        return .redirect(path(record), flash: "\(kind.plural.prefix(1).uppercased() + kind.plural.dropFirst()) merged into “\(kind.name(record))”.")
    }

    func mergePage(_ request: Request, _ context: AppContext, _ principal: Principal, _ record: Kind.Record, text: String,
                   message: String?) async throws -> Response {
        let search = text.trimmedSpaces()
        let found = search.isEmpty ? [] : try await kind.search(search, by: principal)
        let candidates = found.filter { kind.id($0) != kind.id(record) }.map {
            MergePage.Candidate(id: kind.id($0), name: kind.name($0), detail: kind.detail($0), url: path($0))
        }
        let model = MergePage(kind: kind.noun, recordName: kind.name(record), url: path(record), action: path(record) + "/merge",
                              search: search, candidates: candidates, hasCandidates: !candidates.isEmpty, searched: !search.isEmpty,
                              message: message, explanation: kind.mergeExplanation)
        let status: HTTPResponse.Status = message == nil ? .ok : .conflict
        return try await web.page("merge", "Merge into " + kind.name(record), model, request, context, status: status)
    }
}
