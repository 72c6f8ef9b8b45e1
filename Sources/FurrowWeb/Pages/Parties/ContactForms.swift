import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// Creating, editing, deleting and merging contacts, like accounts (see `AccountForms`).
struct ContactForms {
    let web: Web
    var parts: RecordParts { RecordParts(env: web.env) }

    func add(to group: RouterGroup<AppContext>) {
        group.get("contacts/new", use: newForm)
        group.post("contacts", use: create)
        group.get("contacts/:id/edit", use: editForm)
        group.post("contacts/:id/edit", use: update)
        group.get("contacts/:id/delete", use: confirmDelete)
        group.post("contacts/:id/delete", use: delete)
        group.get("contacts/:id/merge", use: mergeForm)
        group.post("contacts/:id/merge", use: merge)
    }

    static func fields(_ form: WebForm) -> ContactFields {
        ContactFields(firstName: form.optional("firstName"), lastName: form["lastName"], email: form.optional("email"),
                      phone: form.optional("phone"), mobile: form.optional("mobile"), title: form.optional("title"),
                      accountId: form.optional("accountId").flatMap(Account.ID.init))
    }

    static func values(_ contact: Contact) -> WebForm {
        let f = contact.fields
        return WebForm(values: ["firstName": f.firstName, "lastName": f.lastName, "email": f.email, "phone": f.phone,
                                "mobile": f.mobile, "title": f.title, "accountId": f.accountId?.string,
                                "ownerId": contact.ownership.ownerId.string])
    }

    func id(_ context: AppContext) throws -> Contact.ID {
        guard let id = context.parameters.get("id").flatMap(Contact.ID.init) else { throw Problem.notFound() }
        return id
    }

    func formPage(_ request: Request, _ context: AppContext, _ principal: Principal, values: WebForm, editing: Contact?,
                  problem: Problem?) async throws -> Response {
        var fields = FormFields(problem)
        fields.add("firstName", "First name", values["firstName"], autocomplete: "given-name")
        fields.add("lastName", "Last name", values["lastName"], required: true, autocomplete: "family-name")
        fields.add("title", "Job title", values["title"], autocomplete: "organization-title")
        fields.add("email", "Email", values["email"], type: "email", autocomplete: "email")
        fields.add("phone", "Phone", values["phone"], type: "tel", autocomplete: "tel")
        fields.add("mobile", "Mobile", values["mobile"], type: "tel")
        let accounts = try await parts.accountOptions(by: principal, selected: values.optional("accountId"))
        fields.select("accountId", "Account", accounts, selected: values["accountId"])
        let owners = try await parts.ownerOptions(by: principal, selected: values.optional("ownerId"))
        if !owners.isEmpty {
            fields.select("ownerId", "Owner", owners, selected: values.optional("ownerId") ?? principal.userId.string, required: true)
        }
        var page: FormPage
        if let editing {
            page = FormPage(heading: "Edit " + editing.fields.fullName, action: "/contacts/\(editing.id)/edit",
                            submitLabel: "Save changes", cancel: "/contacts/\(editing.id)")
            page.hidden = [FormPage.Hidden(name: "version", value: values.optional("version") ?? String(editing.version))]
        } else {
            let back = values.optional("accountId").map { "/accounts/" + $0 } ?? "/contacts"
            page = FormPage(heading: "New contact", action: "/contacts", submitLabel: "Create contact", cancel: back)
        }
        page.apply(fields, problem: problem, recordPath: "/contacts/")
        let status = problem.map { HTTPResponse.Status(code: $0.status) } ?? .ok
        return try await web.page("form", page.heading, page, request, context, status: status)
    }

    @Sendable func newForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard principal.canWriteRecords else { throw CoreError.forbidden("Your role can read records but not create them.") }
        let values = WebForm(values: ["accountId": Account.ID(request.query("accountId"))?.string])
        return try await formPage(request, context, principal, values: values, editing: nil, problem: nil)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        do {
            let contact = try await ContactService(web.env).create(Self.fields(form), ownerId: form.optional("ownerId").flatMap(User.ID.init),
                                                                   allowDuplicate: form.flag("allowDuplicate"), by: principal)
            return .redirect("/contacts/\(contact.id)", flash: "Contact created.")
        } catch {
            let problem = try AccountForms.formProblem(error)
            return try await formPage(request, context, principal, values: form, editing: nil, problem: problem)
        }
    }

    @Sendable func editForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let contact = try await ContactService(web.env).get(try id(context), by: principal)
        guard principal.canChange(contact.ownership) else { throw CoreError.forbidden("Your role cannot change this contact.") }
        return try await formPage(request, context, principal, values: Self.values(contact), editing: contact, problem: nil)
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let contact = try await ContactService(web.env).get(try id(context), by: principal)
        do {
            _ = try await ContactService(web.env).update(contact.id, fields: Self.fields(form),
                                                         ownerId: form.optional("ownerId").flatMap(User.ID.init),
                                                         expectedVersion: Int(form["version"]), by: principal)
            return .redirect("/contacts/\(contact.id)", flash: "Changes saved.")
        } catch {
            let problem = try AccountForms.formProblem(error)
            return try await formPage(request, context, principal, values: form, editing: contact, problem: problem)
        }
    }

    @Sendable func confirmDelete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let contact = try await ContactService(web.env).get(try id(context), by: principal)
        guard principal.canChange(contact.ownership) else { throw CoreError.forbidden("Your role cannot delete this contact.") }
        let model = ConfirmPage(heading: "Delete \(contact.fields.fullName)?",
                                text: "The contact and its connections are deleted. Its history stays in the audit trail.",
                                action: "/contacts/\(contact.id)/delete", button: "Delete contact", cancel: "/contacts/\(contact.id)")
        return try await web.page("confirm", model.heading, model, request, context)
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try id(context)
        let contact = try await ContactService(web.env).get(id, by: principal)
        do {
            try await ContactService(web.env).delete(id, by: principal)
        } catch {
            guard let problem = Problem.from(error), problem.status == 409 else { throw error }
            return .redirect("/contacts/\(id)", flash: "Not deleted: " + problem.detail, isError: true)
        }
        return .redirect("/contacts", flash: "Contact “\(contact.fields.fullName)” deleted.")
    }

    @Sendable func mergeForm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let contact = try await ContactService(web.env).get(try id(context), by: principal)
        guard principal.canChange(contact.ownership) else { throw CoreError.forbidden("Your role cannot merge contacts.") }
        return try await mergePage(request, context, principal, contact, text: request.query("q"), message: nil)
    }

    @Sendable func merge(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let contact = try await ContactService(web.env).get(try id(context), by: principal)
        guard let otherId = form.optional("otherId").flatMap(Contact.ID.init) else {
            return try await mergePage(request, context, principal, contact, text: "", message: "Choose a contact, or enter its id.")
        }
        do {
            _ = try await ContactService(web.env).merge(contact.id, with: otherId, by: principal)
        } catch {
            guard let problem = Problem.from(error), [404, 409].contains(problem.status) else { throw error }
            let message = problem.status == 404 ? "No contact with that id exists, or you may not see it." : problem.detail
            return try await mergePage(request, context, principal, contact, text: "", message: message)
        }
        return .redirect("/contacts/\(contact.id)", flash: "Contacts merged into “\(contact.fields.fullName)”.")
    }

    func mergePage(_ request: Request, _ context: AppContext, _ principal: Principal, _ contact: Contact, text: String,
                   message: String?) async throws -> Response {
        var candidates: [MergePage.Candidate] = []
        let search = text.trimmedSpaces()
        if !search.isEmpty {
            let found = try await ContactService(web.env).list(ListQuery(limit: 20, sort: ListFields.contacts.defaultSort, text: search),
                                                               by: principal)
            candidates = found.filter { $0.id != contact.id }.map {
                MergePage.Candidate(id: $0.id.string, name: $0.fields.fullName, detail: $0.fields.email ?? $0.fields.phone ?? "",
                                    url: "/contacts/\($0.id)")
            }
        }
        let model = MergePage(kind: "contact", recordName: contact.fields.fullName, url: "/contacts/\(contact.id)",
                              action: "/contacts/\(contact.id)/merge", search: search, candidates: candidates,
                              hasCandidates: !candidates.isEmpty, searched: !search.isEmpty, message: message,
                              explanation: "The other contact’s connections and related records move to this one, its details fill this contact’s empty fields, and then it is deleted.")
        let status: HTTPResponse.Status = message == nil ? .ok : .conflict
        return try await web.page("merge", "Merge into " + contact.fields.fullName, model, request, context, status: status)
    }
}
