import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

/// A list's filters counted with the visibility its list has (billing records: the ledger's).
extension SQLSession {
    func count(_ list: CountedList, _ query: ListQuery, visibleTo principal: Principal) async throws -> Int {
        let statement: SQLQueryString = switch list {
        case .opportunities: Self.opportunityList.count(query, visibility: visibility(principal), engine: engine)
        case .quotes: Self.quoteList.count(query, visibility: visibility(principal), engine: engine)
        case .invoices: Self.invoiceList.count(query, visibility: visibility(principal.ledger), engine: engine)
        case .activities: Self.activityList.count(query, visibility: visibility(principal), engine: engine)
        case .accounts: Self.accountList.count(query, visibility: visibility(principal.ledger), engine: engine)
        case .contacts: Self.contactList.count(query, visibility: "\(visibility(principal)) AND \(unsafeRaw: Self.settled)", engine: engine)
        case .leads: Self.leadList.count(query, visibility: visibility(principal), engine: engine)
        case .orders: Self.orderList.count(query, visibility: visibility(principal.ledger), engine: engine)
        case .payments: Self.paymentList.count(query, visibility: visibility(principal.ledger), engine: engine)
        case .products: Self.productList.count(query, visibility: "1 = 1", engine: engine)
        }
        return try await count(statement)
    }

    func unmatchedBankLines() async throws -> Int {
        try await count("SELECT COUNT(*) AS n FROM bank_lines WHERE payment_id IS NULL")
    }
}
