import Foundation
import FurrowDomain

/// The record types the kernel knows: what each is called in the audit trail and how it is
/// stored. Adding a record type is one conformance here and one entry in `all`.
public enum RecordTypes {
    /// Every kernel record type; the audit trail's entity names come from this list.
    static let all: [any StoredRecord.Type] = [Account.self, Contact.self, Lead.self, Opportunity.self, Activity.self,
                                                      Quote.self, SalesOrder.self, Invoice.self, Payment.self, Product.self,
                                                      UserRecord.self, Budget.self, MaintenanceContract.self,
                                                      MarketingList.self, Campaign.self, CampaignActivity.self, CampaignResponse.self, SalesLiterature.self]

    /// The record type an audit entity name stands for.
    static func named(_ entity: String) -> (any StoredRecord.Type)? { all.first { $0.entity == entity } }
}

extension StoredRecord {
    /// Whether the person may see the stored record with this id (the audit trail's check).
    static func access(of id: UUID, in session: any StoreSession) async throws -> RecordAccess? {
        try await load(Identifier(id), locked: false, in: session)?.access
    }
}

extension Account: StoredRecord {
    static let entity = "account"
    static let listFields: ListFields? = .accounts
    var indexEntry: SearchEntry? { searchEntry }
    var access: RecordAccess { .billing(ownership) }
    mutating func stamp(at time: Date) { updatedAt = time }
    static func load(_ id: ID, locked: Bool, in session: any StoreSession) async throws -> Account? { try await session.account(id: id) }
    func insert(in session: any StoreSession) async throws { try await session.insertAccount(self) }
    func save(over before: Account, in session: any StoreSession) async throws -> Bool {
        try await session.updateAccount(self, expectedVersion: before.version)
    }
    static func remove(_ id: ID, in session: any StoreSession) async throws { try await session.deleteAccount(id: id) }
}

/// A contact's search entry shows its account's name, so its service indexes it.
extension Contact: StoredRecord {
    static let entity = "contact"
    static let listFields: ListFields? = .contacts
    var access: RecordAccess { .owned(ownership) }
    mutating func stamp(at time: Date) { updatedAt = time }
    static func load(_ id: ID, locked: Bool, in session: any StoreSession) async throws -> Contact? { try await session.contact(id: id) }
    func insert(in session: any StoreSession) async throws { try await session.insertContacts([self]) }
    func save(over before: Contact, in session: any StoreSession) async throws -> Bool {
        try await session.updateContact(self, expectedVersion: before.version)
    }
    static func remove(_ id: ID, in session: any StoreSession) async throws { try await session.deleteContact(id: id) }
}

extension Lead: StoredRecord {
    static let entity = "lead"
    static let listFields: ListFields? = .leads
    var indexEntry: SearchEntry? { searchEntry }
    var access: RecordAccess { .owned(ownership) }
    mutating func stamp(at time: Date) { updatedAt = time }
    static func load(_ id: ID, locked: Bool, in session: any StoreSession) async throws -> Lead? { try await session.lead(id: id) }
    func insert(in session: any StoreSession) async throws { try await session.insertLead(self) }
    func save(over before: Lead, in session: any StoreSession) async throws -> Bool {
        try await session.updateLead(self, expectedVersion: before.version)
    }
}

extension Opportunity: StoredRecord {
    static let entity = "opportunity"
    static let listFields: ListFields? = .opportunities
    var indexEntry: SearchEntry? { searchEntry }
    var access: RecordAccess { .owned(ownership) }
    mutating func stamp(at time: Date) { updatedAt = time }
    static func load(_ id: ID, locked: Bool, in session: any StoreSession) async throws -> Opportunity? { try await session.opportunity(id: id) }
    func insert(in session: any StoreSession) async throws { try await session.insertOpportunity(self) }
    func save(over before: Opportunity, in session: any StoreSession) async throws -> Bool {
        try await session.updateOpportunity(self, expectedVersion: before.version)
    }
}

extension Activity: StoredRecord {
    static let entity = "activity"
    static let listFields: ListFields? = .activities
    var access: RecordAccess {
        .attended(ownership, invited: Set(attendees.filter { $0.kind == .user }.map { User.ID($0.id) }))
    }
    mutating func stamp(at time: Date) { updatedAt = time }
    static func load(_ id: ID, locked: Bool, in session: any StoreSession) async throws -> Activity? { try await session.activity(id: id) }
    func insert(in session: any StoreSession) async throws { try await session.insertActivity(self) }
    func save(over before: Activity, in session: any StoreSession) async throws -> Bool {
        try await session.updateActivity(self, over: before)
    }
}

/// Quotes, orders, invoices and payments: the store builds their search entries from the saved row.
extension Quote: StoredRecord {
    static let entity = "quote"
    static let listFields: ListFields? = .quotes
    var access: RecordAccess { .owned(ownership) }
    mutating func stamp(at time: Date) { updatedAt = time }
    static func load(_ id: ID, locked: Bool, in session: any StoreSession) async throws -> Quote? { try await session.quote(id: id) }
    func insert(in session: any StoreSession) async throws { try await session.insertQuote(self) }
    func save(over before: Quote, in session: any StoreSession) async throws -> Bool { try await session.updateQuote(self, over: before) }
}

extension SalesOrder: StoredRecord {
    static let entity = "order"
    static let listFields: ListFields? = .orders
    var access: RecordAccess { .billing(ownership) }
    mutating func stamp(at time: Date) { updatedAt = time }
    static func load(_ id: ID, locked: Bool, in session: any StoreSession) async throws -> SalesOrder? { try await session.order(id: id) }
    func insert(in session: any StoreSession) async throws { try await session.insertOrder(self) }
    func save(over before: SalesOrder, in session: any StoreSession) async throws -> Bool {
        try await session.updateOrderStatus(self, expectedVersion: before.version)
    }
}

extension Invoice: StoredRecord {
    static let entity = "invoice"
    static let listFields: ListFields? = .invoices
    var access: RecordAccess { .ledger(ownership) }
    mutating func stamp(at time: Date) { updatedAt = time }
    static func load(_ id: ID, locked: Bool, in session: any StoreSession) async throws -> Invoice? {
        try await session.invoice(id: id, locked: locked)
    }
    func insert(in session: any StoreSession) async throws { try await session.insertInvoice(self) }
    static func remove(_ id: ID, in session: any StoreSession) async throws { try await session.deleteInvoice(id) }
    func save(over before: Invoice, in session: any StoreSession) async throws -> Bool {
        try await session.updateInvoice(self, over: before)
    }
}

extension Payment: StoredRecord {
    static let entity = "payment"
    static let listFields: ListFields? = .payments
    var access: RecordAccess { .ledger(ownership) }
    static func load(_ id: ID, locked: Bool, in session: any StoreSession) async throws -> Payment? {
        try await session.payment(id: id, locked: locked)
    }
    func insert(in session: any StoreSession) async throws { try await session.insertPayment(self) }
    func save(over before: Payment, in session: any StoreSession) async throws -> Bool {
        try await session.updatePayment(self, over: before)
    }
}

/// Catalog products: everyone reads them; the catalog service says who changes them.
extension Product: StoredRecord {
    static let entity = "product"
    static let listFields: ListFields? = .products
    var access: RecordAccess { .catalog }
    static func load(_ id: ID, locked: Bool, in session: any StoreSession) async throws -> Product? { try await session.product(id: id) }
    func insert(in session: any StoreSession) async throws { try await session.insertProduct(self) }
    func save(over before: Product, in session: any StoreSession) async throws -> Bool {
        try await session.updateProduct(self, expectedVersion: before.version)
    }
}

/// A user as administrators manage it; signing up the first one runs without a principal.
extension UserRecord: StoredRecord {
    static let entity = "user"
    var access: RecordAccess { .administration }
    mutating func stamp(at time: Date) { updatedAt = time }
    static func load(_ id: User.ID, locked: Bool, in session: any StoreSession) async throws -> UserRecord? { try await session.user(id: id) }
    func insert(in session: any StoreSession) async throws { try await session.insertUser(self) }
    func save(over before: UserRecord, in session: any StoreSession) async throws -> Bool {
        try await session.updateUser(self, expectedVersion: before.version)
    }
}
