import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Bulk creates and changes (SPEC §11): up to 1,000 accounts, contacts, leads, opportunities,
/// products or activities in one call and one transaction, each item read as its single create
/// or `PATCH` reads its body.
struct BatchRoutes: RouteSet {
    let env: CoreEnvironment

    /// `POST /{records}/batch`: the items read by `read`, stored one by one by `write` (told whether duplicates are allowed).
    func create<Item: Sendable, Record: Sendable, DTO: Encodable & Sendable>(
        _ request: Request, _ context: AppContext, allowed: Set<String>, read: (inout JSONBody) async throws -> Item,
        write: @Sendable @escaping (BatchWriter, Item, Bool) async throws -> Record, dto: (Record) -> DTO
    ) async throws -> Response {
        try await respond(request, context, allowed: allowed, read: read, dto: dto) { bulk, parsed, known, policy in
            try await bulk.run(parsed, known: known, policy: policy, create: write)
        }
    }

    /// The same for records `writeAll` stores all at once (a few statements for the whole batch).
    func createAll<Item: Sendable, Record: Sendable, DTO: Encodable & Sendable>(
        _ request: Request, _ context: AppContext, allowed: Set<String>, read: (inout JSONBody) async throws -> Item,
        writeAll: @Sendable @escaping (BatchWriter, [Item], Bool) async throws -> [Result<Record, any Error>], dto: (Record) -> DTO
    ) async throws -> Response {
        try await respond(request, context, allowed: allowed, read: read, dto: dto) { bulk, parsed, known, policy in
            try await bulk.runMany(parsed, known: known, policy: policy, create: writeAll)
        }
    }

    private func respond<Item: Sendable, Record: Sendable, DTO: Encodable & Sendable>(
        _ request: Request, _ context: AppContext, allowed: Set<String>, read: (inout JSONBody) async throws -> Item, dto: (Record) -> DTO,
        store: (BulkCreate, [Item?], [FieldError], BulkCreate.Policy) async throws -> [BulkCreate.Outcome<Record>]
    ) async throws -> Response {
        let principal = try context.requirePrincipal()
        let policy = try Bulk.policy(request)
        var (body, items) = try await Bulk.items(request, context, allowed: allowed)
        let parsed = try await Bulk.parse(items, into: &body, read)
        return try Bulk.answer(try await store(BulkCreate(env, by: principal), parsed, body.errors, policy), dto)
    }

    /// `PATCH /{records}/batch`: each item's `id` and `version`, its changes read by `read` over the
    /// record as the caller sees it now, stored by `write`.
    func update<Item: Sendable, Record: Sendable, DTO: Encodable & Sendable>(
        _ request: Request, _ context: AppContext, allowed: Set<String>, noun: String,
        read: (inout JSONBody, UUID, Int, Principal) async throws -> Item?,
        write: @Sendable @escaping (BatchWriter, Item) async throws -> Record, dto: (Record) -> DTO
    ) async throws -> Response {
        let principal = try context.requirePrincipal()
        var (body, items) = try await Bulk.items(request, context, allowed: allowed)
        let parsed = try await Bulk.changes(items, into: &body, noun: noun) { item, id, version in try await read(&item, id, version, principal) }
        let outcomes = try await BulkCreate(env, by: principal).run(parsed, known: body.errors, policy: .fail) { writer, item, _ in try await write(writer, item) }
        return try Bulk.answer(outcomes, done: "updated", dto)
    }

    // MARK: creates

    /// Accounts are stored all at once: one statement per step for the whole batch.
    @Sendable func accounts(_ request: Request, context: AppContext) async throws -> Response {
        try await createAll(request, context, allowed: AccountRoutes.fields.union(JSONBody.serverOwned).union(["parentAccountName", "ownerName"]),
                            read: { item in (fields: AccountRoutes.fields(&item, over: AccountFields(name: "")), ownerId: item.id("ownerId", User.self)) },
                            writeAll: { writer, items, allow in try await writer.accounts(items, allowDuplicate: allow) }, dto: AccountDTO.init)
    }

    @Sendable func contacts(_ request: Request, context: AppContext) async throws -> Response {
        try await create(request, context, allowed: ContactRoutes.fields.union(ContactRoutes.ignored),
                         read: { item in (ContactRoutes.fields(&item, over: ContactFields(lastName: "")), item.id("ownerId", User.self)) },
                         write: { writer, item, allow in try await writer.contact(item.0, ownerId: item.1, allowDuplicate: allow) }, dto: ContactDTO.init)
    }

    @Sendable func leads(_ request: Request, context: AppContext) async throws -> Response {
        let routes = LeadRoutes(env: env)
        return try await create(request, context, allowed: LeadRoutes.fields.subtracting(["status"]).union(JSONBody.serverOwned).union(["ownerName", "channelName"]),
                                read: { item in (try await routes.fields(&item, over: LeadFields(topic: "")), item.id("ownerId", User.self)) },
                                write: { writer, item, _ in try await writer.lead(item.0, ownerId: item.1) }, dto: LeadDTO.init)
    }

    @Sendable func opportunities(_ request: Request, context: AppContext) async throws -> Response {
        let routes = OpportunityRoutes(env: env)
        let currency = Currency(try await SettingsService(env).current().baseCurrency) ?? Currency("EUR")!
        return try await createAll(request, context, allowed: OpportunityRoutes.createFields.union(OpportunityRoutes.verbOwned),
                                read: { item in try await routes.createInput(&item, currency: currency) },
                                writeAll: { writer, items, _ in try await writer.opportunities(items) }, dto: { OpportunityDTO($0) })
    }

    @Sendable func products(_ request: Request, context: AppContext) async throws -> Response {
        let routes = ProductRoutes(env: env)
        return try await create(request, context, allowed: ProductRoutes.productFields.union(["id", "version", "status", "deactivationDate"]),
                                read: { item in routes.product(&item, over: Product(id: Product.ID(UUID()), sku: "", name: "")) },
                                write: { writer, item, _ in try await writer.product(item) }, dto: ProductDTO.init)
    }

    @Sendable func activities(_ request: Request, context: AppContext) async throws -> Response {
        try await create(request, context, allowed: ActivityRoutes.createFields.union(ActivityRoutes.createIgnored),
                         read: { item in ActivityRoutes.newActivity(&item) },
                         write: { writer, item, _ in try await writer.activity(item.input, completedWith: item.completedWith) }, dto: ActivityDTO.init)
    }

    // MARK: changes

    @Sendable func updateAccounts(_ request: Request, context: AppContext) async throws -> Response {
        let service = AccountService(env)
        return try await update(request, context, allowed: AccountRoutes.fields.union(JSONBody.serverOwned).union(["parentAccountName", "ownerName"]),
                                noun: "an account", read: { item, id, version, principal in
                                    let current = try await service.get(Account.ID(id), by: principal)
                                    return (current.id, AccountRoutes.fields(&item, over: current.fields), item.id("ownerId", User.self), version)
                                }, write: { writer, item in try await writer.updateAccount(item.0, fields: item.1, ownerId: item.2, expectedVersion: item.3) },
                                dto: AccountDTO.init)
    }

    @Sendable func updateContacts(_ request: Request, context: AppContext) async throws -> Response {
        let service = ContactService(env)
        return try await update(request, context, allowed: ContactRoutes.fields.union(ContactRoutes.ignored), noun: "a contact", read: { item, id, version, principal in
            let current = try await service.get(Contact.ID(id), by: principal)
            return (current.id, ContactRoutes.fields(&item, over: current.fields), item.id("ownerId", User.self), version)
        }, write: { writer, item in try await writer.updateContact(item.0, fields: item.1, ownerId: item.2, expectedVersion: item.3) }, dto: ContactDTO.init)
    }

    @Sendable func updateLeads(_ request: Request, context: AppContext) async throws -> Response {
        let service = LeadService(env), routes = LeadRoutes(env: env)
        return try await update(request, context, allowed: LeadRoutes.fields.union(JSONBody.serverOwned).union(["ownerName", "channelName"]),
                                noun: "a lead", read: { item, id, version, principal in
                                    let current = try await service.get(Lead.ID(id), by: principal)
                                    let fields = try await routes.fields(&item, over: current.fields)
                                    let status = item.enumValue("status", LeadStatus.self)
                                    if let status, status != current.status && status != .contacted {
                                        item.fail("status", "only 'contacted' is set by editing; use qualify, disqualify or reactivate")
                                    }
                                    return (current.id, fields, item.id("ownerId", User.self), status == .contacted, version)
                                }, write: { writer, item in
                                    try await writer.updateLead(item.0, fields: item.1, ownerId: item.2, markContacted: item.3, expectedVersion: item.4)
                                }, dto: LeadDTO.init)
    }

    @Sendable func updateOpportunities(_ request: Request, context: AppContext) async throws -> Response {
        let service = OpportunityService(env), routes = OpportunityRoutes(env: env)
        return try await update(request, context, allowed: OpportunityRoutes.fields.union(OpportunityRoutes.verbOwned), noun: "an opportunity",
                                read: { item, id, version, principal in
                                    let current = try await service.get(Opportunity.ID(id), by: principal).opportunity
                                    return (current.id, try await routes.input(&item, over: current.fields), version)
                                }, write: { writer, item in try await writer.updateOpportunity(item.0, item.1, expectedVersion: item.2) },
                                dto: { OpportunityDTO($0) })
    }

    @Sendable func updateProducts(_ request: Request, context: AppContext) async throws -> Response {
        let service = ProductService(env), routes = ProductRoutes(env: env)
        return try await update(request, context, allowed: ProductRoutes.productFields.union(["id", "version", "status", "deactivationDate"]),
                                noun: "a product", read: { item, id, version, _ in
                                    let current = try await service.product(Product.ID(id))
                                    return (current.id, routes.product(&item, over: current), version)
                                }, write: { writer, item in try await writer.updateProduct(item.0, item.1, expectedVersion: item.2) }, dto: ProductDTO.init)
    }

    @Sendable func updateActivities(_ request: Request, context: AppContext) async throws -> Response {
        let service = ActivityService(env)
        return try await update(request, context, allowed: ActivityRoutes.fields.union(ActivityRoutes.updateIgnored), noun: "an activity",
                                read: { item, id, version, principal in
                                    let current = try await service.get(Activity.ID(id), by: principal)
                                    return (current.id, ActivityRoutes.input(&item, over: ActivityRoutes.input(from: current)), version)
                                }, write: { writer, item in try await writer.updateActivity(item.0, item.1, expectedVersion: item.2) }, dto: ActivityDTO.init)
    }
}
