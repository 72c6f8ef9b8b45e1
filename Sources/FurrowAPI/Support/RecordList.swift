import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// A keyset list the API serves, declared once: its name, fields and item schema, how its
/// records are read for the caller and shown. The list endpoint answers its JSON page or its
/// CSV file from here, and `furrow export` writes the same file.
public struct RecordList: Sendable {
    public typealias Writer = @Sendable (_ write: (String) async throws -> Void) async throws -> Void
    public let name: String
    public let fields: ListFields
    let page: @Sendable (CoreEnvironment, Principal, ListQuery) async throws -> Response
    let csv: @Sendable (CoreEnvironment, Principal, ListQuery) async throws -> Writer

    static func make<Record: KeysetItem & Sendable, Item: Encodable & Sendable>(
        _ name: String, item: String, fields: ListFields,
        fetch: @escaping @Sendable (CoreEnvironment, Principal, ListQuery) async throws -> [Record],
        dto: @escaping @Sendable (CoreEnvironment) async throws -> @Sendable (Record) -> Item
    ) -> RecordList {
        RecordList(name: name, fields: fields, page: { env, principal, query in
            try .json(Page(try await fetch(env, principal, query), query, try await dto(env)))
        }, csv: { env, principal, query in
            try await ListExport.csv(query, item: item, fetch: { try await fetch(env, principal, $0) }, dto: try await dto(env))
        })
    }

    static func plain<Record, Item>(_ transform: @escaping @Sendable (Record) -> Item) -> @Sendable (CoreEnvironment) async throws -> @Sendable (Record) -> Item {
        { _ in transform }
    }

    static let accounts = make("accounts", item: "Account", fields: .accounts,
                               fetch: { try await AccountService($0).list($2, by: $1) }, dto: plain(AccountDTO.init))
    static let contacts = make("contacts", item: "Contact", fields: .contacts,
                               fetch: { try await ContactService($0).list($2, by: $1) }, dto: plain(ContactDTO.init))
    static let leads = make("leads", item: "Lead", fields: .leads,
                            fetch: { try await LeadService($0).list($2, by: $1) }, dto: plain(LeadDTO.init))
    static let opportunities = make("opportunities", item: "Opportunity", fields: .opportunities,
                                    fetch: { try await OpportunityService($0).list($2, by: $1) }, dto: plain { OpportunityDTO($0) })
    static let products = make("products", item: "Product", fields: .products,
                               fetch: { env, _, query in try await ProductService(env).products(query) }, dto: plain(ProductDTO.init))
    static let quotes = make("quotes", item: "Quote", fields: .quotes,
                             fetch: { try await QuoteService($0).list($2, by: $1) },
                             dto: { env in
                                 let today = try await SettingsService(env).current().today(env.clock.now())
                                 return { QuoteDTO($0, today: today) }
                             })
    static let orders = make("orders", item: "Order", fields: .orders,
                             fetch: { try await OrderService($0).list($2, by: $1) }, dto: plain(OrderDTO.init))
    static let invoices = make("invoices", item: "Invoice", fields: .invoices,
                               fetch: { try await InvoiceService($0).list($2, by: $1) }, dto: plain(InvoiceDTO.init))
    static let payments = make("payments", item: "Payment", fields: .payments,
                               fetch: { try await PaymentService($0).list($2, by: $1) }, dto: plain(PaymentDTO.init))
    static let activities = make("activities", item: "Activity", fields: .activities,
                                 fetch: { try await ActivityService($0).list($2, by: $1) }, dto: plain(ActivityDTO.init))

    /// Every exportable list, by name.
    public static let all = [accounts, contacts, leads, opportunities, products, quotes, orders, invoices, payments, activities]

    /// The whole CSV file of the records `filter` (`status=open&q=acme`, as a saved filter) matches for `principal`.
    public func export(filter: String, env: CoreEnvironment, by principal: Principal, to write: (String) async throws -> Void) async throws {
        let query = try ListQuery.filter(filter, fields: fields, limit: ListExport.batch)
        try await csv(env, principal, query)(write)
    }
}
