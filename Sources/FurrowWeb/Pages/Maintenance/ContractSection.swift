import Foundation
import FurrowCore
import FurrowDomain

/// The "Maintenance" section of an account's page (`contract-section.mustache`): its contracts
/// and a button to make one.
struct ContractSection {
    struct Row { let number: String, url: String, period: String, status: String, statusKey: String }
    let rows: [Row]
    let hasRows: Bool
    let newURL: String?

    static func load(_ env: CoreEnvironment, _ account: Account.ID, by principal: Principal) async throws -> ContractSection {
        let contracts = try await ContractService(env).list(account: account, by: principal)
        let rows = contracts.map { c in
            Row(number: c.number ?? "Draft", url: "\(ContractPages.path)/\(c.id)", period: "\(c.startDate) – \(c.endDate)",
                status: ContractPages.status(c.status), statusKey: c.status.rawValue)
        }
        return ContractSection(rows: rows, hasRows: !rows.isEmpty,
                               newURL: principal.canWriteRecords ? URLText.link("\(ContractPages.path)/new", [("accountId", account.string)]) : nil)
    }
}
