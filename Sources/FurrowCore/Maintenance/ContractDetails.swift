import Foundation
import FurrowDomain

/// What a contract's page shows beside the contract: its covered items in words and the invoices
/// of its billed periods.
public struct ContractDetails: Sendable {
    public struct Item: Sendable, Equatable {
        public let text: String
        /// The product's or the invoice's path on the web.
        public let path: String
    }
    public struct Billed: Sendable {
        public let period: Int
        public let invoice: Invoice
    }

    public let items: [Item]
    public let billed: [Billed]
    /// How many billing periods the contract has.
    public let periods: Int
}

/// What a new contract may cover: the account's sold serialised products and its invoices' lines.
public struct CoverableItem: Sendable, Equatable {
    public let item: MaintenanceContract.CoveredItem
    public let text: String
}

extension ContractService {
    public func details(_ contract: MaintenanceContract, by principal: Principal) async throws -> ContractDetails {
        try await env.reading(by: principal) { transaction in
            let session = transaction.session
            var items: [ContractDetails.Item] = []
            for item in contract.items {
                switch item {
                case .product(let id):
                    let product = try await session.product(id: id)
                    items.append(.init(text: product.map { Self.productText($0) } ?? "A product no longer in the catalog", path: "/products/\(id)"))
                case .invoiceLine(let id, let line):
                    let invoice = try await session.invoice(id: id, locked: false)
                    let text = invoice.flatMap { $0.lines.indices.contains(line) ? $0.lines[line].line.description : nil } ?? "—"
                    items.append(.init(text: "\(invoice?.number ?? "Draft invoice"), line \(line + 1): \(text)", path: "/invoices/\(id)"))
                }
            }
            var billed: [ContractDetails.Billed] = []
            for (period, invoiceId) in try await session.billedPeriods(of: contract.id) {
                if let invoice = try await session.invoice(id: invoiceId, locked: false) { billed.append(.init(period: period, invoice: invoice)) }
            }
            return ContractDetails(items: items, billed: billed, periods: contract.billingPeriods().count)
        }
    }

    /// The items a new contract of the account may cover: the lines of its invoices that are not
    /// cancelled (newest first) and the serialised products those lines sold.
    public func coverable(account: Account.ID, by principal: Principal) async throws -> [CoverableItem] {
        try await env.reading(by: principal) { transaction in
            let session = transaction.session
            guard let owner = try await session.account(id: account), principal.ledger.canSee(owner.ownership) else { return [] }
            var result: [CoverableItem] = [], products: [CoverableItem] = [], seen = Set<Product.ID>()
            let query = ListQuery(limit: 50, sort: ListFields.invoices.defaultSort, filters: [Filter("accountId", .eq, [account.string])])
            for listed in try await session.invoices(query, visibleTo: principal) where listed.status != .cancelled {
                guard let invoice = try await session.invoice(id: listed.id, locked: false) else { continue }
                for (index, line) in invoice.lines.enumerated() {
                    result.append(.init(item: .invoiceLine(invoice.id, line: index), text: "\(invoice.number ?? "Draft invoice"), line \(index + 1): \(line.line.description)"))
                    if let id = line.line.productId, !seen.contains(id), let product = try await session.product(id: id), product.serialized {
                        seen.insert(id)
                        products.append(.init(item: .product(id), text: Self.productText(product)))
                    }
                }
            }
            return products + result
        }
    }

    /// What a contract made from an invoice's page (its lines and the serialised products they
    /// sold) or a sold item's page (the item, the account of its newest invoice) starts with.
    public func prefill(invoice: Invoice.ID?, product: Product.ID?, by principal: Principal) async throws -> (accountId: Account.ID, items: [MaintenanceContract.CoveredItem])? {
        try await env.reading(by: principal) { transaction in
            let session = transaction.session
            var invoiceId = invoice
            if invoiceId == nil, let product { invoiceId = try await session.latestInvoice(withProduct: product) }
            guard let invoiceId, let found = try await session.invoice(id: invoiceId, locked: false),
                  let account = try await session.account(id: found.accountId), principal.ledger.canSee(account.ownership) else { return nil }
            if let product { return (account.id, [.product(product)]) }
            var items: [MaintenanceContract.CoveredItem] = []
            for (index, line) in found.lines.enumerated() {
                if let id = line.line.productId, let sold = try await session.product(id: id), sold.serialized { items.append(.product(id)) }
                items.append(.invoiceLine(found.id, line: index))
            }
            return (account.id, items)
        }
    }

    static func productText(_ product: Product) -> String {
        product.serialNumber.map { "\(product.name) (serial \($0))" } ?? product.name
    }
}
