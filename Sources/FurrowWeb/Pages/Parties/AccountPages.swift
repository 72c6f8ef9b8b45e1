import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// The accounts list and an account's page (SPEC §1).
struct AccountPages {
    let web: Web
    var parts: RecordParts { RecordParts(env: web.env) }

    func add(to group: RouterGroup<AppContext>) {
        group.get("accounts", use: list)
        group.get("accounts/:id", use: show)
    }

    struct Row { let id: String, name: String, url: String, industry: String, email: String, phone: String, created: String }
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
        let parameters = ListParameters(request, path: "/accounts", fields: .accounts)
        let accounts = try await AccountService(web.env).list(parameters.query, by: principal)
        let count = try await web.listCount(.accounts, parameters, principal, one: "account", many: "accounts")
        let bulk = try await BulkBar.make(web, .accounts, noun: "accounts", back: ListParameters.here(request), by: principal)
        return try await web.page("accounts", "Accounts", request, context) { shell in
            ListModel(
                columns: parameters.columns([("Name", "name"), ("Industry", "industry"), ("Email", nil), ("Phone", nil),
                                             ("Created", "createdAt")]),
                rows: accounts.map {
                    Row(id: $0.id.string, name: $0.fields.name, url: "/accounts/\($0.id)", industry: $0.fields.industry ?? "",
                        email: $0.fields.email ?? "", phone: $0.fields.phone ?? "", created: shell.format($0.createdAt))
                },
                hasRows: !accounts.isEmpty, filter: parameters.text.nonEmpty, sort: parameters.sortText.nonEmpty,
                next: parameters.nextLink(accounts, sortValue: { $0.sortValue($1) }, id: { $0.id.string }),
                first: parameters.firstLink, canCreate: principal.canWriteRecords,
                export: parameters.exportLink, count: count, bulk: bulk)
        }
    }

    struct Crumb { let name: String, url: String }
    struct TreeNode { let name: String, url: String, children: [TreeNode], hasChildren: Bool }
    struct ContactRow { let name: String, url: String, jobTitle: String, email: String, phone: String }
    struct Model {
        let id: String
        let name: String
        let facts: [Fact]
        let ancestors: [Crumb]
        let hasAncestors: Bool
        let children: [TreeNode]
        let hasChildren: Bool
        let contacts: [ContactRow]
        let hasContacts: Bool
        let connections: ConnectionsModel
        let history: [RecordParts.HistoryRow]
        let canChange: Bool
        let version: Int
        let canCreate: Bool
        let newContactURL: String
        let quotes: QuoteSection
        let activities: ActivitySection
        /// Notes and files on the record, set by its page.
        var recordNotes: NotesSection? = nil
        let economy: BudgetSection?
        let maintenance: ContractSection
        let overview: CustomerOverview
    }

    @Sendable func show(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        guard let id = context.parameters.get("id").flatMap(Account.ID.init) else { throw Problem.notFound() }
        let service = AccountService(web.env)
        let account = try await service.get(id, by: principal)
        let hierarchy = try await service.hierarchy(id, by: principal)
        let contacts = try await ContactService(web.env).list(
            ListQuery(limit: 200, sort: ListFields.contacts.defaultSort, filters: [Filter("accountId", .eq, [id.string])]), by: principal)
        let users = try await parts.userNames()
        let canChange = principal.canChange(account.ownership)
        let connections = try await ConnectionsModel.make(parts, of: id.uuid, .account, path: "/accounts/\(id)",
                                                          canChange: canChange, by: principal)
        let term = try await account.fields.paymentTermId.asyncMap { term in
            try await InvoiceService(web.env).paymentTerms().first { $0.id == term }.map { "\($0.name) (\($0.days) days)" }
        } ?? nil
        let quotes = try await QuoteSection.load(web.env, "accountId", id.string, newURL: canChange ? "/quotes/new?account=\(id)" : nil,
                                                 by: principal)
        return try await web.page("account", account.fields.name, request, context) { shell in
            let overview = try await CustomerOverview.load(web.env, account: account, hierarchy: hierarchy, shell: shell, by: principal)
            let f = account.fields
            let parent = hierarchy.ancestors.last
            let facts = [
                Fact(label: "Email", value: f.email ?? "—", href: f.email.map { "mailto:" + $0 },
                     edit: canChange ? "email" : nil, raw: f.email ?? ""),
                Fact(label: "Phone", value: f.phone ?? "—", href: f.phone.map { "tel:" + $0.filter { !$0.isWhitespace } },
                     edit: canChange ? "phone" : nil, raw: f.phone ?? ""),
                Fact(label: "Website", value: f.website ?? "—", href: WebsiteLink.href(f.website),
                     edit: canChange ? "website" : nil, raw: f.website ?? ""),
                Fact(label: "Industry", value: f.industry ?? "—", href: nil,
                     edit: canChange ? "industry" : nil, raw: f.industry ?? ""),
                Fact(label: "Parent account", value: parent?.fields.name ?? "—", href: parent.map { "/accounts/\($0.id)" }),
                Fact(label: "Billing address", value: f.billingAddress?.oneLine ?? "—", href: nil),
                Fact(label: "Shipping address", value: f.shippingAddress?.oneLine ?? (f.billingAddress == nil ? "—" : "as billing"), href: nil),
                Fact(label: "VAT number", value: f.vatNumber ?? "—", href: nil, edit: canChange ? "vatNumber" : nil, raw: f.vatNumber ?? ""),
                Fact(label: "Payment terms", value: term ?? "as each invoice chooses", href: nil),
                Fact(label: "Owner", value: users[account.ownership.ownerId] ?? "—", href: nil),
                Fact(label: "Created", value: shell.format(account.createdAt), href: nil),
                Fact(label: "Last changed", value: shell.format(account.updatedAt) + " (version \(account.version))", href: nil),
            ]
            let children = hierarchy.tree.children.map(Self.node)
            return Model(
                id: id.string, name: f.name, facts: facts,
                ancestors: hierarchy.ancestors.map { Crumb(name: $0.fields.name, url: "/accounts/\($0.id)") },
                hasAncestors: !hierarchy.ancestors.isEmpty, children: children, hasChildren: !children.isEmpty,
                contacts: contacts.map {
                    ContactRow(name: $0.fields.fullName, url: "/contacts/\($0.id)", jobTitle: $0.fields.title ?? "",
                               email: $0.fields.email ?? "", phone: $0.fields.phone ?? $0.fields.mobile ?? "")
                },
                hasContacts: !contacts.isEmpty, connections: connections,
                history: try await parts.history("account", id.uuid, by: principal, shell: shell),
                canChange: canChange, version: account.version, canCreate: principal.canWriteRecords,
                newContactURL: URLText.link("/contacts/new", [("accountId", id.string)]), quotes: quotes,
                activities: try await ActivitySection.load(web.env, Regarding(.account, id.uuid), related: overview.related, shell: shell, by: principal),
                recordNotes: try await NotesSection.load(web.env, Regarding(.account, id.uuid), shell: shell, by: principal),
                economy: try await BudgetSection.load(web.env, BudgetTarget(.account, id.uuid), canChange: canChange, shell: shell, by: principal),
                maintenance: try await ContractSection.load(web.env, id, by: principal), overview: overview)
        }
    }

    static func node(_ node: AccountHierarchy.Node) -> TreeNode {
        let children = node.children.map(Self.node)
        return TreeNode(name: node.account.fields.name, url: "/accounts/\(node.account.id)", children: children,
                        hasChildren: !children.isEmpty)
    }
}

/// The Connections section of a party's page: the list, and the form to add one.
struct ConnectionsModel {
    let subject: String
    let rows: [RecordParts.ConnectionRow]
    let hasRows: Bool
    let canChange: Bool
    let action: String
    let back: String
    let accounts: [RecordParts.Option]
    let contacts: [RecordParts.Option]

    static func make(_ parts: RecordParts, of id: UUID, _ type: PartyType, path: String, canChange: Bool,
                     by principal: Principal) async throws -> ConnectionsModel {
        let rows = try await parts.connections(of: id, type, by: principal)
        let targets: (accounts: [RecordParts.Option], contacts: [RecordParts.Option]) =
            canChange ? try await parts.connectionTargets(excluding: id, by: principal) : ([], [])
        return ConnectionsModel(subject: type.rawValue, rows: rows, hasRows: !rows.isEmpty, canChange: canChange, action: path + "/connections",
                                back: path, accounts: targets.accounts, contacts: targets.contacts)
    }
}
