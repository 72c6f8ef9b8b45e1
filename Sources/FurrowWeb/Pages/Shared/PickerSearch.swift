import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// What a type-ahead picker asks as one types (`app.js` turns every `select[data-picker]` into
/// one): the first records of a kind that the user may see whose name matches, as JSON. A
/// contact picker given the customer (`account`) lists that account's contacts first.
struct PickerSearch {
    let web: Web
    static let limit = 20

    func add(to group: RouterGroup<AppContext>) {
        group.get("pick/:kind", use: pick)
    }

    struct Choice: Encodable { let value: String, label: String, hint: String? }

    @Sendable func pick(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let text = String(request.query("q").trimmedSpaces().prefix(100))
        let query = ListQuery(limit: Self.limit, text: text.isEmpty ? nil : text)
        var choices: [Choice] = []
        switch context.parameters.get("kind") ?? "" {
        case "accounts":
            var sorted = query
            sorted.sort = ListFields.accounts.defaultSort
            choices = try await AccountService(web.env).list(sorted, by: principal).map {
                Choice(value: $0.id.string, label: $0.fields.name, hint: $0.fields.industry)
            }
        case "contacts":
            var sorted = query
            sorted.sort = ListFields.contacts.defaultSort
            var first: [Contact] = []
            if let account = Account.ID(request.query("account")) {
                var own = sorted
                own.filters = [Filter("accountId", .eq, [account.string])]
                first = try await ContactService(web.env).list(own, by: principal)
            }
            let firstIDs = Set(first.map(\.id))
            let rest = try await ContactService(web.env).list(sorted, by: principal).filter { !firstIDs.contains($0.id) }
            let contacts = Array((first + rest).prefix(Self.limit))
            let names = try await web.env.store.read { try await $0.accountNames(contacts.compactMap(\.fields.accountId)) }
            choices = contacts.map {
                Choice(value: $0.id.string, label: $0.fields.fullName, hint: $0.fields.accountId.flatMap { names[$0] } ?? $0.fields.email)
            }
        case "products":
            var sorted = query
            sorted.sort = ListFields.products.defaultSort
            choices = try await ProductService(web.env).products(sorted).filter(\.active).map {
                Choice(value: $0.id.string, label: $0.name, hint: $0.sku)
            }
        case "users":
            let needle = text.lowercased()
            choices = try await UserService(web.env).listAsSystem().filter { $0.active }
                .filter { needle.isEmpty || $0.name.lowercased().contains(needle) || $0.email.contains(needle) }
                .sorted { $0.name < $1.name }.prefix(Self.limit).map { Choice(value: $0.id.string, label: $0.name, hint: $0.email) }
        default:
            throw Problem.notFound()
        }
        return try .json(choices)
    }
}
