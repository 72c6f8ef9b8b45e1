import Foundation
import FurrowDomain

/// Maintenance contracts and the company's holidays: the maintenance part of a store session.
public protocol MaintenanceSession: Sendable {
    func insertContract(_ contract: MaintenanceContract) async throws
    /// Saves over `before` when its version is still stored.
    func updateContract(_ contract: MaintenanceContract, over before: MaintenanceContract) async throws -> Bool
    func contract(id: MaintenanceContract.ID, locked: Bool) async throws -> MaintenanceContract?
    /// The contracts the caller may see (owner, team, or a technician of it), newest first; of one account when given.
    func contracts(of account: Account.ID?, visibleTo principal: Principal, limit: Int) async throws -> [MaintenanceContract]

    /// The billing periods (0, 1, …) of a contract that have their invoice, with it.
    func billedPeriods(of contract: MaintenanceContract.ID) async throws -> [(period: Int, invoice: Invoice.ID)]
    func insertBilledPeriod(of contract: MaintenanceContract.ID, period: Int, invoice: Invoice.ID) async throws

    /// Every active contract (the sweep's work list).
    func activeContracts(limit: Int) async throws -> [MaintenanceContract]
    /// Records that a notice with this key went out; false when one did already (any server).
    func claimNotice(_ key: String, at: Date) async throws -> Bool

    func holidays() async throws -> [(day: Day, name: String)]
    func insertHoliday(_ day: Day, name: String) async throws
    func deleteHoliday(_ day: Day) async throws -> Bool

    /// Open service visits of contracts that ended before `before`, oldest first: those the caller
    /// may see, or every one for the system's rounds (nil).
    func overdueVisits(before: Date, visibleTo principal: Principal?, limit: Int) async throws -> [Activity]

    /// The open activities of these users that overlap `[from, to)`: when each is busy.
    func busyTimes(of users: [User.ID], from: Date, to: Date) async throws -> [(user: User.ID, start: Date, end: Date)]

    /// Service visits of contracts that start in `[from, to)` and the caller may see (their own or
    /// their teams', or of a contract they own or whose team they see), counted per technician,
    /// customer and state (`late`: open and ended before `now`).
    func serviceVisitCounts(from: Date, to: Date, now: Date, visibleTo principal: Principal) async throws -> [ServiceVisitCount]

    /// The newest invoice (not cancelled) with a line of this product.
    func latestInvoice(withProduct product: Product.ID) async throws -> Invoice.ID?
}
