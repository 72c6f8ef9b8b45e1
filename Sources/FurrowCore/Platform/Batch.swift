import Foundation
import FurrowDomain

/// Many creates in one transaction, each through the same steps as a single create (validation,
/// links, duplicate check, search index, notification, audit): for imports and for generating
/// large data sets. Either every record of the batch is stored or none is.
public struct Batch: Sendable {
    let env: CoreEnvironment
    let principal: Principal

    public init(_ env: CoreEnvironment, by principal: Principal) {
        self.env = env
        self.principal = principal
    }

    public func run<T: Sendable>(_ body: @Sendable @escaping (BatchWriter) async throws -> T) async throws -> T {
        guard principal.canWriteRecords else { throw CoreError.forbidden("read-only users cannot create records") }
        let env = env, principal = principal
        return try await BulkWrite.$active.withValue(true) { try await env.transaction(by: principal) { transaction in
            try await body(BatchWriter(env: env, transaction: transaction))
        } }
    }
}

/// The creates available inside one batch's transaction.
public struct BatchWriter {
    let env: CoreEnvironment
    let transaction: Transaction
    var principal: Principal { transaction.principal }
    var session: any StoreSession { transaction.session }

    public func account(_ input: AccountFields, ownerId: User.ID? = nil, allowDuplicate: Bool = false) async throws -> Account {
        let fields = try input.validated()
        let ownership = try await session.ownership(requested: ownerId, by: principal)
        return try await AccountService(env).insert(fields, ownership: ownership, allowDuplicate: allowDuplicate, in: transaction)
    }

    /// Many accounts in one go: each validated and given its owner, then stored together (`AccountService.insertMany`).
    public func accounts(_ inputs: [(fields: AccountFields, ownerId: User.ID?)], allowDuplicate: Bool) async throws -> [Result<Account, any Error>] {
        var results = [Result<Account, any Error>?](repeating: nil, count: inputs.count)
        var items: [(fields: AccountFields, ownership: Ownership)] = [], places: [Int] = []
        var ownerships: [User.ID?: Ownership] = [:]
        for (index, input) in inputs.enumerated() {
            do {
                let fields = try input.fields.validated()
                let ownership: Ownership
                if let known = ownerships[input.ownerId] { ownership = known } else {
                    ownership = try await session.ownership(requested: input.ownerId, by: principal)
                    ownerships[input.ownerId] = ownership
                }
                items.append((fields, ownership))
                places.append(index)
            } catch {
                results[index] = .failure(error)
            }
        }
        for (result, index) in zip(try await AccountService(env).insertMany(items, allowDuplicate: allowDuplicate, in: transaction), places) {
            results[index] = result
        }
        return results.map { $0! }
    }

    public func contact(_ input: ContactFields, ownerId: User.ID? = nil, allowDuplicate: Bool = false) async throws -> Contact {
        let fields = try input.validated()
        let ownership = try await session.ownership(requested: ownerId, by: principal)
        return try await ContactService(env).insert(fields, ownership: ownership, allowDuplicate: allowDuplicate, in: transaction)
    }

    public func lead(_ input: LeadFields, ownerId: User.ID? = nil) async throws -> Lead {
        let fields = try input.validated()
        let ownership = try await session.ownership(requested: ownerId, by: principal)
        return try await LeadService(env).insert(fields, ownership: ownership, in: transaction)
    }

    /// A catalog product (managers and administrators).
    public func product(_ input: Product) async throws -> Product {
        let service = ProductService(env)
        try service.requireEditor(principal)
        let product = try service.prepared(input)
        try await service.insert(product, in: transaction)
        return product
    }

    /// An activity, completed at once when `outcome` is given.
    public func activity(_ input: ActivityService.Input, completedWith outcome: String? = nil) async throws -> Activity {
        let service = ActivityService(env)
        return try await service.insert(try service.prepared(input, completedWith: outcome, by: principal), input: input, in: transaction)
    }

    /// Many opportunities in one go (`OpportunityService.insertMany`): each result in the order of the inputs.
    public func opportunities(_ inputs: [OpportunityInput]) async throws -> [Result<Opportunity, any Error>] {
        try await OpportunityService(env).insertMany(inputs, in: transaction)
    }

    public func opportunity(_ input: OpportunityInput) async throws -> Opportunity {
        let fields = try input.fields.validated()
        if let error = Opportunity.probabilityError(input.probability) { throw ValidationError([error]) }
        let ownership = try await session.ownership(requested: input.ownerId, by: principal)
        return try await OpportunityService(env).insert(fields, input: input, ownership: ownership, leadId: nil, in: transaction)
    }

    // Changes (bulk updates): each as its single update, expecting its version.

    public func updateAccount(_ id: Account.ID, fields: AccountFields, ownerId: User.ID?, expectedVersion: Int) async throws -> Account {
        try await AccountService(env).updating(id, fields: try fields.validated(), ownerId: ownerId, expectedVersion: expectedVersion, in: transaction)
    }

    public func updateContact(_ id: Contact.ID, fields: ContactFields, ownerId: User.ID?, expectedVersion: Int) async throws -> Contact {
        try await ContactService(env).updating(id, fields: try fields.validated(), ownerId: ownerId, expectedVersion: expectedVersion, in: transaction)
    }

    public func updateLead(_ id: Lead.ID, fields: LeadFields, ownerId: User.ID?, markContacted: Bool, expectedVersion: Int) async throws -> Lead {
        try await LeadService(env).updating(id, fields: try fields.validated(), ownerId: ownerId, markContacted: markContacted,
                                            expectedVersion: expectedVersion, in: transaction)
    }

    public func updateOpportunity(_ id: Opportunity.ID, _ input: OpportunityInput, expectedVersion: Int) async throws -> Opportunity {
        try await OpportunityService(env).updating(id, input, fields: try input.fields.validated(), expectedVersion: expectedVersion, in: transaction)
    }

    public func updateProduct(_ id: Product.ID, _ input: Product, expectedVersion: Int) async throws -> Product {
        let service = ProductService(env)
        try service.requireEditor(principal)
        return try await service.updating(id, try input.validated(), expectedVersion: expectedVersion, in: transaction)
    }

    public func updateActivity(_ id: Activity.ID, _ input: ActivityService.Input, expectedVersion: Int) async throws -> Activity {
        try await ActivityService(env).updating(id, input, expectedVersion: expectedVersion, in: transaction)
    }
}
