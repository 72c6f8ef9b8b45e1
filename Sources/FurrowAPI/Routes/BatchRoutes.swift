import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Bulk creates (SPEC §11): up to 1,000 accounts, contacts, leads, opportunities, products or activities in one call
/// and one transaction, each item read as its single create reads its body.
struct BatchRoutes: RouteSet {
    let env: CoreEnvironment

    @Sendable func accounts(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let policy = try Bulk.policy(request)
        var (body, items) = try await Bulk.items(request, context, allowed: AccountRoutes.fields.union(JSONBody.serverOwned).union(["parentAccountName", "ownerName"]))
        let parsed = await Bulk.parse(items, into: &body) { item in (AccountRoutes.fields(&item, over: AccountFields(name: "")), item.id("ownerId", User.self)) }
        let outcomes = try await BulkCreate(env, by: principal).run(parsed, known: body.errors, policy: policy) { writer, item, allow in
            try await writer.account(item.0, ownerId: item.1, allowDuplicate: allow)
        }
        return try Bulk.answer(outcomes, AccountDTO.init)
    }

    @Sendable func contacts(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let policy = try Bulk.policy(request)
        var (body, items) = try await Bulk.items(request, context, allowed: ContactRoutes.fields.union(ContactRoutes.ignored))
        let parsed = await Bulk.parse(items, into: &body) { item in (ContactRoutes.fields(&item, over: ContactFields(lastName: "")), item.id("ownerId", User.self)) }
        let outcomes = try await BulkCreate(env, by: principal).run(parsed, known: body.errors, policy: policy) { writer, item, allow in
            try await writer.contact(item.0, ownerId: item.1, allowDuplicate: allow)
        }
        return try Bulk.answer(outcomes, ContactDTO.init)
    }

    @Sendable func leads(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let policy = try Bulk.policy(request)
        var (body, items) = try await Bulk.items(request, context, allowed: LeadRoutes.fields.subtracting(["status"]).union(JSONBody.serverOwned).union(["ownerName", "channelName"]))
        let routes = LeadRoutes(env: env)
        let parsed = try await Bulk.parse(items, into: &body) { item in (try await routes.fields(&item, over: LeadFields(topic: "")), item.id("ownerId", User.self)) }
        let outcomes = try await BulkCreate(env, by: principal).run(parsed, known: body.errors, policy: policy) { writer, item, _ in
            try await writer.lead(item.0, ownerId: item.1)
        }
        return try Bulk.answer(outcomes, LeadDTO.init)
    }

    @Sendable func opportunities(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let policy = try Bulk.policy(request)
        var (body, items) = try await Bulk.items(request, context, allowed: OpportunityRoutes.createFields.union(OpportunityRoutes.verbOwned))
        let routes = OpportunityRoutes(env: env)
        let currency = Currency(try await SettingsService(env).current().baseCurrency) ?? Currency("EUR")!
        let parsed = try await Bulk.parse(items, into: &body) { item in try await routes.createInput(&item, currency: currency) }
        let outcomes = try await BulkCreate(env, by: principal).run(parsed, known: body.errors, policy: policy) { writer, item, _ in
            try await writer.opportunity(item)
        }
        return try Bulk.answer(outcomes) { OpportunityDTO($0) }
    }

    @Sendable func products(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let policy = try Bulk.policy(request)
        var (body, items) = try await Bulk.items(request, context, allowed: ProductRoutes.productFields.union(["id", "version", "status", "deactivationDate"]))
        let routes = ProductRoutes(env: env)
        let parsed = await Bulk.parse(items, into: &body) { item in routes.product(&item, over: Product(id: Product.ID(UUID()), sku: "", name: "")) }
        let outcomes = try await BulkCreate(env, by: principal).run(parsed, known: body.errors, policy: policy) { writer, item, _ in
            try await writer.product(item)
        }
        return try Bulk.answer(outcomes, ProductDTO.init)
    }

    @Sendable func activities(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let policy = try Bulk.policy(request)
        var (body, items) = try await Bulk.items(request, context, allowed: ActivityRoutes.createFields.union(ActivityRoutes.createIgnored))
        let parsed = await Bulk.parse(items, into: &body) { item in ActivityRoutes.newActivity(&item) }
        let outcomes = try await BulkCreate(env, by: principal).run(parsed, known: body.errors, policy: policy) { writer, item, _ in
            try await writer.activity(item.0, completedWith: item.1)
        }
        return try Bulk.answer(outcomes, ActivityDTO.init)
    }

    // Bulk updates: `PATCH /{records}/batch` with `{items: [{id, version, …changes}]}`.

    @Sendable func updateAccounts(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var (body, items) = try await Bulk.items(request, context, allowed: AccountRoutes.fields.union(JSONBody.serverOwned).union(["parentAccountName", "ownerName"]))
        let service = AccountService(env)
        let parsed = try await Bulk.changes(items, into: &body, noun: "an account") { item, id, version in
            let current = try await service.get(Account.ID(id), by: principal)
            return (current.id, AccountRoutes.fields(&item, over: current.fields), item.id("ownerId", User.self), version)
        }
        let outcomes = try await BulkCreate(env, by: principal).run(parsed, known: body.errors, policy: .fail) { writer, item, _ in
            try await writer.updateAccount(item.0, fields: item.1, ownerId: item.2, expectedVersion: item.3)
        }
        return try Bulk.answer(outcomes, done: "updated", AccountDTO.init)
    }

    @Sendable func updateContacts(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var (body, items) = try await Bulk.items(request, context, allowed: ContactRoutes.fields.union(ContactRoutes.ignored))
        let service = ContactService(env)
        let parsed = try await Bulk.changes(items, into: &body, noun: "a contact") { item, id, version in
            let current = try await service.get(Contact.ID(id), by: principal)
            return (current.id, ContactRoutes.fields(&item, over: current.fields), item.id("ownerId", User.self), version)
        }
        let outcomes = try await BulkCreate(env, by: principal).run(parsed, known: body.errors, policy: .fail) { writer, item, _ in
            try await writer.updateContact(item.0, fields: item.1, ownerId: item.2, expectedVersion: item.3)
        }
        return try Bulk.answer(outcomes, done: "updated", ContactDTO.init)
    }

    @Sendable func updateLeads(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var (body, items) = try await Bulk.items(request, context, allowed: LeadRoutes.fields.union(JSONBody.serverOwned).union(["ownerName", "channelName"]))
        let service = LeadService(env), routes = LeadRoutes(env: env)
        let parsed = try await Bulk.changes(items, into: &body, noun: "a lead") { item, id, version in
            let current = try await service.get(Lead.ID(id), by: principal)
            let fields = try await routes.fields(&item, over: current.fields)
            let status = item.enumValue("status", LeadStatus.self)
            if let status, status != current.status && status != .contacted {
                item.fail("status", "only 'contacted' is set by editing; use qualify, disqualify or reactivate")
            }
            return (current.id, fields, item.id("ownerId", User.self), status == .contacted, version)
        }
        let outcomes = try await BulkCreate(env, by: principal).run(parsed, known: body.errors, policy: .fail) { writer, item, _ in
            try await writer.updateLead(item.0, fields: item.1, ownerId: item.2, markContacted: item.3, expectedVersion: item.4)
        }
        return try Bulk.answer(outcomes, done: "updated", LeadDTO.init)
    }

    @Sendable func updateOpportunities(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var (body, items) = try await Bulk.items(request, context, allowed: OpportunityRoutes.fields.union(OpportunityRoutes.verbOwned))
        let service = OpportunityService(env), routes = OpportunityRoutes(env: env)
        let parsed = try await Bulk.changes(items, into: &body, noun: "an opportunity") { item, id, version in
            let current = try await service.get(Opportunity.ID(id), by: principal).opportunity
            return (current.id, try await routes.input(&item, over: current.fields), version)
        }
        let outcomes = try await BulkCreate(env, by: principal).run(parsed, known: body.errors, policy: .fail) { writer, item, _ in
            try await writer.updateOpportunity(item.0, item.1, expectedVersion: item.2)
        }
        return try Bulk.answer(outcomes, done: "updated") { OpportunityDTO($0) }
    }

    @Sendable func updateProducts(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var (body, items) = try await Bulk.items(request, context, allowed: ProductRoutes.productFields.union(["id", "version", "status", "deactivationDate"]))
        let service = ProductService(env), routes = ProductRoutes(env: env)
        let parsed = try await Bulk.changes(items, into: &body, noun: "a product") { item, id, version in
            let current = try await service.product(Product.ID(id))
            return (current.id, routes.product(&item, over: current), version)
        }
        let outcomes = try await BulkCreate(env, by: principal).run(parsed, known: body.errors, policy: .fail) { writer, item, _ in
            try await writer.updateProduct(item.0, item.1, expectedVersion: item.2)
        }
        return try Bulk.answer(outcomes, done: "updated", ProductDTO.init)
    }

    @Sendable func updateActivities(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var (body, items) = try await Bulk.items(request, context, allowed: ActivityRoutes.fields.union(ActivityRoutes.updateIgnored))
        let service = ActivityService(env)
        let parsed = try await Bulk.changes(items, into: &body, noun: "an activity") { item, id, version in
            let current = try await service.get(Activity.ID(id), by: principal)
            return (current.id, ActivityRoutes.input(&item, over: ActivityRoutes.input(from: current)), version)
        }
        let outcomes = try await BulkCreate(env, by: principal).run(parsed, known: body.errors, policy: .fail) { writer, item, _ in
            try await writer.updateActivity(item.0, item.1, expectedVersion: item.2)
        }
        return try Bulk.answer(outcomes, done: "updated", ActivityDTO.init)
    }
}
