import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Contacts on the shared create, edit, delete and merge pages (`RecordForms`).
struct ContactForm: RecordFormKind {
    let env: CoreEnvironment
    var service: ContactService { ContactService(env) }

    let noun = "contact", plural = "contacts"
    let deleteText = "The contact and its connections are deleted. Its history stays in the audit trail."
    let mergeExplanation = "The other contact’s connections and related records move to this one, its details fill this contact’s empty fields, and then it is deleted."

    func name(_ contact: Contact) -> String { contact.fields.fullName }
    func id(_ contact: Contact) -> String { contact.id.string }
    func version(_ contact: Contact) -> Int { contact.version }
    func ownership(_ contact: Contact) -> Ownership { contact.ownership }
    func detail(_ contact: Contact) -> String { contact.fields.email ?? contact.fields.phone ?? "" }

    func fields(_ form: WebForm) -> ContactFields {
        ContactFields(firstName: form.optional("firstName"), lastName: form["lastName"], email: form.optional("email"),
                      phone: form.optional("phone"), mobile: form.optional("mobile"), title: form.optional("title"),
                      accountId: form.optional("accountId").flatMap(Account.ID.init))
    }

    func values(_ contact: Contact) -> WebForm {
        let f = contact.fields
        return WebForm(values: ["firstName": f.firstName, "lastName": f.lastName, "email": f.email, "phone": f.phone,
                                "mobile": f.mobile, "title": f.title, "accountId": f.accountId?.string,
                                "ownerId": contact.ownership.ownerId.string])
    }

    /// A contact made from an account's page starts at that account and goes back to it.
    func newValues(_ request: Request) -> WebForm { WebForm(values: ["accountId": Account.ID(request.query("accountId"))?.string]) }
    func cancelNew(_ values: WebForm) -> String { values.optional("accountId").map { "/accounts/" + $0 } ?? "/contacts" }

    func addFields(to fields: inout FormFields, _ values: WebForm, editing: Contact?, by principal: Principal) async throws {
        fields.add("firstName", "First name", values["firstName"], autocomplete: "given-name")
        fields.add("lastName", "Last name", values["lastName"], required: true, autocomplete: "family-name")
        fields.add("title", "Job title", values["title"], autocomplete: "organization-title")
        fields.add("email", "Email", values["email"], type: "email", autocomplete: "email")
        fields.add("phone", "Phone", values["phone"], type: "tel", autocomplete: "tel")
        fields.add("mobile", "Mobile", values["mobile"], type: "tel")
        let accounts = try await RecordParts(env: env).accountOptions(by: principal, selected: values.optional("accountId"))
        fields.select("accountId", "Account", accounts, selected: values["accountId"], picker: "accounts")
    }

    func get(_ id: String, by principal: Principal) async throws -> Contact {
        guard let id = Contact.ID(id) else { throw Problem.notFound() }
        return try await service.get(id, by: principal)
    }

    func create(_ fields: ContactFields, ownerId: User.ID?, allowDuplicate: Bool, by principal: Principal) async throws -> Contact {
        try await service.create(fields, ownerId: ownerId, allowDuplicate: allowDuplicate, by: principal)
    }

    func update(_ contact: Contact, fields: ContactFields, ownerId: User.ID?, expectedVersion: Int?, by principal: Principal) async throws {
        _ = try await service.update(contact.id, fields: fields, ownerId: ownerId, expectedVersion: expectedVersion, by: principal)
    }

    func delete(_ contact: Contact, by principal: Principal) async throws {
        try await service.delete(contact.id, by: principal)
    }

    func merge(_ contact: Contact, with other: String, by principal: Principal) async throws {
        guard let other = Contact.ID(other) else { throw Problem.notFound() }
        _ = try await service.merge(contact.id, with: other, by: principal)
    }

    func search(_ text: String, by principal: Principal) async throws -> [Contact] {
        try await service.list(ListQuery(limit: 20, sort: ListFields.contacts.defaultSort, text: text), by: principal)
    }
}
