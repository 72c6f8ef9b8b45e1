import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

struct TrackingDTO: Encodable, Sendable {
    let id: String, status: String, note: String?, at: String, actorId: String?
    init(_ e: TrackingEvent) {
        id = UUIDText.lowercase(e.id); status = e.status.rawValue; note = e.note; at = Timestamp.string(e.at); actorId = e.actorId?.string
    }
}

/// Orders made directly, their list, confirmation, cancellation and tracking (SPEC §5).
struct OrderLifecycleRoutes: RouteSet {
    let env: CoreEnvironment


    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = try ListParameters.parse(request, fields: .orders)
        return try await ListExport.answer(request, query, .orders, env: env, by: principal)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["accountId", "contactId", "opportunityId", "priceListId", "currency", "lines"],
                                      ignoring: JSONBody.serverOwned.union(["number", "status"]))
        body.require("accountId")
        let account = body.id("accountId", Account.self), contact = body.id("contactId", Contact.self)
        let opportunity = body.id("opportunityId", Opportunity.self), list = body.id("priceListId", PriceList.self)
        let currency = body.currency("currency")
        let lines = QuoteRoutes.lines(&body)
        try body.check()
        guard let account else { throw Problem.validation([FieldError("accountId", "is required")]) }
        let order = try await OrderService(env).create(.init(accountId: account, contactId: contact, opportunityId: opportunity, priceListId: list,
                                                             currency: currency, lines: lines), by: principal)
        return try .json(OrderDTO(order), status: .created, location: "/api/v1/orders/\(order.id)")
    }

    @Sendable func confirm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(OrderDTO(try await OrderService(env).confirm(try context.id(SalesOrder.self), by: principal)))
    }

    @Sendable func cancel(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(SalesOrder.self)
        var body = try await JSONBody(request, context: context, allowed: ["note"], emptyIsObject: true)
        let note = body.string("note")
        try body.check()
        return try .json(OrderDTO(try await OrderService(env).cancel(id, note: note, by: principal)))
    }

    @Sendable func tracking(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let events = try await OrderService(env).tracking(try context.id(SalesOrder.self), by: principal)
        return try .json(Page(items: events.map(TrackingDTO.init), nextCursor: nil))
    }

    @Sendable func track(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(SalesOrder.self)
        var body = try await JSONBody(request, context: context, allowed: ["status", "note", "at"])
        body.require("status")
        let status = body.enumValue("status", OrderStatus.self), note = body.string("note")
        var at: Date? = nil
        if let text = body.string("at") {
            at = Timestamp.date(text)
            if at == nil { body.fail("at", "must be an RFC 3339 UTC timestamp") }
            else if let at, !Bounds.contains(at) { body.errors.append(FieldError("at", Bounds.timeMessage)) }
        }
        try body.check()
        guard let status else { throw Problem.validation([FieldError("status", "is required")]) }
        return try .json(OrderDTO(try await OrderService(env).track(id, status: status, note: note, at: at, by: principal)), status: .created)
    }
}
