import Foundation
import FurrowCore
import FurrowDomain
import SQLKit

/// The counts of home pages: a list's filter counted with the visibility its list has (invoices: the ledger's).
extension SQLSession {
    func count(_ list: CountedList, _ query: ListQuery, visibleTo principal: Principal) async throws -> Int {
        let statement: SQLQueryString = switch list {
        case .opportunities: Self.opportunityList.count(query, visibility: visibility(principal), engine: engine)
        case .quotes: Self.quoteList.count(query, visibility: visibility(principal), engine: engine)
        case .invoices: Self.invoiceList.count(query, visibility: visibility(principal.ledger), engine: engine)
        case .activities: Self.activityList.count(query, visibility: visibility(principal), engine: engine)
        }
        return try await count(statement)
    }

    func unmatchedBankLines() async throws -> Int {
        try await count("SELECT COUNT(*) AS n FROM bank_lines WHERE payment_id IS NULL")
    }
}
