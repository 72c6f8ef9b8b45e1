import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Bulk creates (SPEC §11): up to 1,000 accounts, contacts, leads or opportunities in one call
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
}
