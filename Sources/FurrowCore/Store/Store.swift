import Foundation
import FurrowDomain

/// The persistence boundary of the use cases. `write` runs its body in one transaction:
/// everything it does commits together or not at all.
public protocol Store: Sendable {
    func read<T: Sendable>(_ body: @Sendable (any StoreSession) async throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @Sendable (any StoreSession) async throws -> T) async throws -> T
}

/// Marks the writes of a task as bulk (imports, batches): the store runs such a transaction on
/// its own instead of grouping it with others, since grouping costs a savepoint whose journal
/// grows with every page the transaction touches.
public enum BulkWrite {
    @TaskLocal public static var active = false
}

/// What a use case may ask of the database inside one read or one transaction.
public protocol StoreSession: PipelineSession, NotificationSession, SalesSession, OutboxSession, LedgerSession, ActivitySession, BudgetSession,
                            MaintenanceSession, CampaignSession, LiteratureSession, ApiTokenSession, WebhookSession, ImportJobSession, SavedViewSession, NoteSession, QuoteLinkSession, DocumentAssetSession {
    // users, teams, credentials
    func insertUser(_ user: UserRecord) async throws
    /// Saves the user when its stored version is `expectedVersion`; false otherwise.
    func updateUser(_ user: UserRecord, expectedVersion: Int) async throws -> Bool
    func user(id: User.ID) async throws -> UserRecord?
    func user(email: String) async throws -> UserRecord?
    func users() async throws -> [UserRecord]
    func userCount() async throws -> Int
    /// How many records of a list its filters match, as `principal` sees them (one query).
    func count(_ list: CountedList, _ query: ListQuery, visibleTo principal: Principal) async throws -> Int
    /// Bank statement lines not matched to a payment yet.
    func unmatchedBankLines() async throws -> Int
    func insertTeam(_ team: TeamRecord) async throws
    func updateTeam(_ team: TeamRecord) async throws
    func teams() async throws -> [TeamRecord]
    func team(id: Team.ID) async throws -> TeamRecord?
    func teamIdsManaged(by user: User.ID) async throws -> [Team.ID]
    func reassignTeam(ofRecordsOwnedBy user: User.ID, to team: Team.ID?) async throws

    func insertCredential(_ credential: CredentialRecord) async throws
    func credential(hash: String) async throws -> CredentialRecord?
    func deleteCredential(hash: String) async throws
    /// Ends every session and token of the user, except the one whose hash is `keeping`, and
    /// every password link of theirs not used yet.
    func deleteCredentials(of user: User.ID, keeping: String?) async throws
    func insertPasswordLink(_ link: PasswordLinkRecord) async throws
    func passwordLink(hash: String) async throws -> PasswordLinkRecord?
    func deleteExpiredCredentials(before: Date) async throws
    func recordLoginFailure(key: String, at: Date) async throws
    func loginFailures(key: String, since: Date) async throws -> Int
    func clearLoginFailures(key: String) async throws

    // accounts
    func insertAccount(_ account: Account) async throws
    /// Many accounts in one statement.
    func insertAccounts(_ accounts: [Account]) async throws
    /// Saves the account when its stored version is `expectedVersion`; false otherwise.
    func updateAccount(_ account: Account, expectedVersion: Int) async throws -> Bool
    func account(id: Account.ID) async throws -> Account?
    func accounts(_ query: ListQuery, visibleTo principal: Principal) async throws -> [Account]
    func accountNames(_ ids: [Account.ID]) async throws -> [Account.ID: String]
    /// The accounts the caller may see with these names (compared without case), by lower-cased name; the oldest when names repeat.
    func accountIDs(named names: [String], visibleTo principal: Principal) async throws -> [String: Account.ID]
    func accounts(ids: [Account.ID]) async throws -> [Account]
    func childAccounts(of id: Account.ID) async throws -> [Account]
    func deleteAccount(id: Account.ID) async throws
    func accountDuplicates(_ keys: DuplicateKeys, excluding: Account.ID?, visibleTo principal: Principal) async throws -> [DuplicateMatch]
    /// The stored accounts each key set matches (same rule as `accountDuplicates`), in one query.
    func accountDuplicates(among keys: [DuplicateKeys], visibleTo principal: Principal) async throws -> [[DuplicateMatch]]
    /// Re-points every record that refers to `from` (child accounts, contacts, connections) at `to`.
    func moveAccountReferences(from: Account.ID, to: Account.ID) async throws
    /// The kinds of business records (opportunities, quotes, orders, leads) that point at a party, with their counts.
    func businessReferences(to party: PartyType, id: UUID) async throws -> [String: Int]
    /// Re-points every business record (opportunities, quotes, orders, invoices, payments, qualified
    /// leads) from one party to another; returns what moved, for the audit.
    func moveBusinessReferences(of party: PartyType, from: UUID, to: UUID) async throws -> [(entity: String, id: UUID)]

    // contacts
    func insertContact(_ contact: Contact) async throws
    func updateContact(_ contact: Contact, expectedVersion: Int) async throws -> Bool
    func contact(id: Contact.ID) async throws -> Contact?
    func contacts(_ query: ListQuery, visibleTo principal: Principal) async throws -> [Contact]
    func deleteContact(id: Contact.ID) async throws
    func contactDuplicates(_ keys: DuplicateKeys, excluding: Contact.ID?, visibleTo principal: Principal) async throws -> [DuplicateMatch]
    /// Many new contacts in one statement (imports; a single create is a batch of one).
    func insertContacts(_ contacts: [Contact]) async throws
    /// The stored contacts each key set matches (same rule as `contactDuplicates`), in one query.
    func contactDuplicates(among keys: [DuplicateKeys], visibleTo principal: Principal) async throws -> [[DuplicateMatch]]
    func moveContactReferences(from: Contact.ID, to: Contact.ID) async throws

    // staged imports: rows written in short batches, seen by no one until the import settles
    func beginStagedImport(_ id: UUID, kind: String, at time: Date) async throws
    func touchStagedImport(_ id: UUID, at time: Date) async throws
    func insertStagedContacts(_ contacts: [Contact], entries: [SearchEntry], importId: UUID) async throws
    /// Makes every row of the import visible at once (one row deleted); false when it was discarded.
    func settleStagedImport(_ id: UUID) async throws -> Bool
    /// Removes the rows of imports not touched since `touchedBefore` (or of import `id`).
    func discardStagedImports(touchedBefore time: Date?, id: UUID?) async throws -> [(id: UUID, rows: Int)]

    // connections
    func insertConnection(_ connection: Connection) async throws
    func connection(id: Connection.ID) async throws -> Connection?
    func connections(of partyId: UUID) async throws -> [Connection]
    func deleteConnection(id: Connection.ID) async throws
    func deleteConnections(of partyId: UUID) async throws

    // search
    func index(_ entry: SearchEntry) async throws
    /// Entries of records just created (nothing to replace), in one statement.
    func indexNew(_ entries: [SearchEntry]) async throws
    func unindex(id: UUID) async throws
    func search(_ text: String, types: Set<SearchEntry.Kind>, visibleTo principal: Principal, limit: Int) async throws -> [SearchEntry]

    // audit
    func appendAudit(_ entry: AuditEntry) async throws
    func appendAudits(_ entries: [AuditEntry]) async throws
    func auditEntries(entity: String, id: UUID) async throws -> [AuditEntry]

    // settings
    func settings() async throws -> [String: String]
    func setSetting(_ key: String, _ value: String) async throws
}

extension StoreSession {
    /// Demo and administration: names a team's manager.
    public func setTeamManager(_ team: Team.ID, _ manager: User.ID) async throws {
        guard var record = try await self.team(id: team) else { throw CoreError.notFound("team") }
        record.managerId = manager
        try await updateTeam(record)
    }
}
