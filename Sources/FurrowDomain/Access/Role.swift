/// The roles of SPEC §0. Raw values are the API and database strings.
public enum Role: String, Sendable, Codable, CaseIterable {
    case admin, manager, sales, service, finance, readonly
}

public struct User: Sendable, Equatable {
    public typealias ID = Identifier<User>
}

public struct Team: Sendable, Equatable {
    public typealias ID = Identifier<Team>
}

/// Who owns a record: its owner and the owner's team at the time it was assigned.
/// Visibility predicates read these two columns only (DESIGN §8).
public struct Ownership: Sendable, Equatable {
    public let ownerId: User.ID
    public let teamId: Team.ID?

    public init(ownerId: User.ID, teamId: Team.ID?) {
        self.ownerId = ownerId
        self.teamId = teamId
    }
}

/// The signed-in user as authorization sees them (SPEC §0 roles and visibility):
/// - admin: every record;
/// - manager: own records and those of their own team and every team they manage;
/// - sales, service: own records and their team's;
/// - finance: reads what it bills: every customer's billing records (accounts, sales orders,
///   invoices, payments, bank statements, receivables) and the activities regarding them;
///   creates invoices and payments for any account, invoices any order; everything else
///   (leads, contacts, opportunities, quotes, their activities) and every other change as a
///   sales user: own records and their team's;
/// - readonly: reads what a sales user of the same team reads, writes nothing.
/// A record the principal may not see is reported as not found, never as forbidden.
public struct Principal: Sendable, Equatable {
    public let userId: User.ID
    public let role: Role
    public let teamId: Team.ID?
    public let managedTeamIds: Set<Team.ID>
    /// Set on the ledger view of a finance user: receivables are the whole company's.
    private var wholeCompany = false

    public init(userId: User.ID, role: Role, teamId: Team.ID?, managedTeamIds: Set<Team.ID> = []) {
        self.userId = userId
        self.role = role
        self.teamId = teamId
        self.managedTeamIds = managedTeamIds
    }

    public var seesEverything: Bool { role == .admin || wholeCompany }

    /// How this principal sees billing records (accounts, orders, invoices, payments and
    /// statements): finance every customer's, everyone else as for any record.
    public var ledger: Principal {
        var copy = self
        copy.wholeCompany = role == .finance
        return copy
    }

    /// The view a record regarded by an activity is read with: billing records (accounts,
    /// orders, invoices) through `ledger`, the rest as any record.
    public func reading(_ kind: Regarding.Kind) -> Principal {
        switch kind {
        case .account, .order, .invoice: ledger
        case .lead, .contact, .opportunity, .quote, .contract, .campaign: self
        }
    }

    /// Importing and reconciling bank statements is for admins, managers and finance.
    public var canReconcile: Bool { role == .admin || role == .manager || role == .finance }

    /// The teams whose records this principal sees besides their own.
    public var visibleTeamIds: Set<Team.ID> {
        var teams: Set<Team.ID> = role == .manager ? managedTeamIds : []
        if let teamId { teams.insert(teamId) }
        return teams
    }

    public func canSee(_ record: Ownership) -> Bool {
        if seesEverything || record.ownerId == userId { return true }
        guard let team = record.teamId else { return false }
        return visibleTeamIds.contains(team)
    }

    public var canWriteRecords: Bool { role != .readonly }

    public func canChange(_ record: Ownership) -> Bool {
        canWriteRecords && canSee(record)
    }

    /// Only managers and admins may give a record to another owner.
    public var canReassign: Bool { role == .admin || role == .manager }

    /// Administration: an administrator, unless signed in with a token that leaves the `admin` scope out.
    public var isAdmin: Bool { role == .admin && administers }

    /// False for a named token without the `admin` scope: its administrator reads and writes
    /// records as before, and administers nothing.
    public private(set) var administers = true

    /// This principal without administration.
    public var withoutAdministration: Principal {
        var copy = self
        copy.administers = false
        return copy
    }

    /// An ownership this principal always sees: for records everyone in a role may read.
    public var selfOwned: Ownership { Ownership(ownerId: userId, teamId: nil) }
}
