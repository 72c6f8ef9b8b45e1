import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// The contacts list and a contact's page (SPEC §1).
struct ContactPages {
    let web: Web
    var parts: RecordParts { RecordParts(env: web.env) }

    func add(to group: RouterGroup<AppContext>) {
        group.get("contacts", use: list)
        group.get("contacts/:id", use: show)
    }

    struct Row {
        let id: String, name: String, url: String, account: String, accountURL: String?, email: String, phone: String, jobTitle: String?, created: String
    }
    struct ListModel {
        let columns: [ListParameters.Column]
        let rows: [Row]
        let hasRows: Bool
        let filter: String?
        let sort: String?
        let next: String?
        let first: String?
        let canCreate: Bool
        let export: String
        let count: String?
        let bulk: BulkBar?
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let parameters = ListParameters(request, path: "/contacts", fields: .contacts)
        let contacts = try await ContactService(web.env).list(parameters.query, by: principal)
        let count = try await web.listCount(.contacts, parameters, principal, one: "contact", many: "contacts")
        let bulk = try await BulkBar.make(web, .contacts, noun: "contacts", back: ListParameters.here(request), by: principal)
        return try await web.page("contacts", "Contacts", request, context) { shell in
            ListModel(
                columns: parameters.columns([("Name", "lastName"), ("Account", nil), ("Email", nil),
                                             ("Phone", nil), ("Created", "createdAt")]),
                rows: contacts.map { c in
                    Row(id: c.id.string, name: c.fields.fullName, url: "/contacts/\(c.id)", account: c.names["accountName"] ?? "",
                        accountURL: c.fields.accountId.map { "/accounts/\($0)" }, email: c.fields.email ?? "",
                        phone: c.fields.phone ?? c.fields.mobile ?? "", jobTitle: c.fields.title, created: shell.format(c.createdAt))
                },
                hasRows: !contacts.isEmpty, filter: parameters.text.nonEmpty, sort: parameters.sortText.nonEmpty,
                next: parameters.nextLink(contacts, sortValue: { $0.sortValue($1) }, id: { $0.id.string }),
                first: parameters.firstLink, canCreate: principal.canWriteRecords,
                export: parameters.exportLink, count: count, bulk: bulk)
        }
    }

    struct Model {
        let id: String
        let name: String
        let jobTitle: String
        let account: AccountPages.Crumb?
        let facts: [Fact]
        let connections: ConnectionsModel
        let history: [RecordParts.HistoryRow]
        let canChange: Bool
        let version: Int
        let activities: ActivitySection
        /// Notes and files on the record, set by its page.
        var recordNotes: NotesSection? = nil
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard let id = context.parameters.get("id").flatMap(Contact.ID.init) else { throw Problem.notFound() }
        let contact = try await ContactService(web.env).get(id, by: principal)
        let f = contact.fields
        let accountName = try await parts.accountNames(f.accountId.map { [$0] } ?? []).values.first
        let users = try await parts.userNames()
        let canChange = principal.canChange(contact.ownership)
        let connections = try await ConnectionsModel.make(parts, of: id.uuid, .contact, path: "/contacts/\(id)",
                                                          canChange: canChange, by: principal)
        return try await web.page("contact", f.fullName, request, context) { shell in
            let account = f.accountId.map { AccountPages.Crumb(name: accountName ?? "(account)", url: "/accounts/\($0)") }
            let facts = [
                Fact(label: "Account", value: account?.name ?? "—", href: account?.url),
                Fact(label: "Title", value: f.title ?? "—", href: nil,
                     edit: canChange ? "title" : nil, raw: f.title ?? ""),
                Fact(label: "Email", value: f.email ?? "—", href: f.email.map { "mailto:" + $0 },
                     edit: canChange ? "email" : nil, raw: f.email ?? ""),
                Fact(label: "Phone", value: f.phone ?? "—", href: f.phone.map { "tel:" + $0.filter { !$0.isWhitespace } },
                     edit: canChange ? "phone" : nil, raw: f.phone ?? ""),
                Fact(label: "Mobile", value: f.mobile ?? "—", href: f.mobile.map { "tel:" + $0.filter { !$0.isWhitespace } },
                     edit: canChange ? "mobile" : nil, raw: f.mobile ?? ""),
                Fact(label: "Owner", value: users[contact.ownership.ownerId] ?? "—", href: nil),
                Fact(label: "Created", value: shell.format(contact.createdAt), href: nil),
                Fact(label: "Last changed", value: shell.format(contact.updatedAt) + " (version \(contact.version))", href: nil),
            ]
            return Model(id: id.string, name: f.fullName, jobTitle: f.title ?? "", account: account, facts: facts,
                         connections: connections,
                         history: try await parts.history("contact", id.uuid, by: principal, shell: shell), canChange: canChange,
                         version: contact.version, activities: try await ActivitySection.load(web.env, Regarding(.contact, id.uuid), shell: shell, by: principal),
                         recordNotes: try await NotesSection.load(web.env, Regarding(.contact, id.uuid), shell: shell, by: principal))
        }
    }
}
