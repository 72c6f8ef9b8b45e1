import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Payments with their allocations, and the receivables ageing (SPEC §5).
struct PaymentRoutes: RouteSet {
    let env: CoreEnvironment


    static func allocations(_ body: inout JSONBody, currency: Currency) -> [Allocation] {
        var result: [Allocation] = []
        for var item in body.list("allocations", allowed: ["invoiceId", "amount"]) ?? [] {
            item.require("invoiceId")
            item.require("amount")
            let invoice = item.id("invoiceId", Invoice.self), amount = item.money("amount", currency: currency)
            body.absorb(item)
            if let invoice, let amount { result.append(Allocation(invoiceId: invoice, amount: amount)) }
        }
        return result
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = try ListParameters.parse(request, fields: .payments)
        return try await ListExport.answer(request, query, .payments, env: env, by: principal)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["accountId", "date", "amount", "currency", "mode", "reference", "allocations"],
                                      ignoring: JSONBody.serverOwned.union(["number", "status", "accountName", "ownerName"]))
        for field in ["accountId", "amount", "currency", "mode"] { body.require(field) }
        let account = body.id("accountId", Account.self)
        let currency = body.currency("currency")
        let amount = currency.flatMap { body.money("amount", currency: $0) }
        let mode = body.enumValue("mode", Payment.Mode.self), reference = body.string("reference")
        let date = body.day("date")
        let allocations = currency.map { Self.allocations(&body, currency: $0) } ?? []
        try body.check()
        guard let account, let amount, let mode else { throw Problem.validation([FieldError("amount", "is required")]) }
        let payment = try await PaymentService(env).record(.init(accountId: account, date: date, amount: amount, mode: mode, reference: reference,
                                                                 allocations: allocations), by: principal)
        return try .json(PaymentDTO(payment), status: .created, location: "/api/v1/payments/\(payment.id)")
    }

    @Sendable func payment(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(PaymentDTO(try await PaymentService(env).get(try context.id(Payment.self), by: principal)))
    }

    @Sendable func allocate(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Payment.self)
        let current = try await PaymentService(env).get(id, by: principal)
        var body = try await JSONBody(request, context: context, allowed: ["allocations"])
        body.require("allocations")
        let allocations = Self.allocations(&body, currency: current.amount.currency)
        try body.check()
        return try .json(PaymentDTO(try await PaymentService(env).allocate(id, allocations, by: principal)))
    }

    @Sendable func reverse(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(PaymentDTO(try await PaymentService(env).reverse(try context.id(Payment.self), by: principal)))
    }

    @Sendable func receivables(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = request.uri.queryParameters
        var day: Day? = nil
        if let text = query["asOf"] {
            guard let parsed = Day(String(text)) else { throw Problem.invalidQuery("asOf must be a date YYYY-MM-DD.") }
            day = parsed
        }
        var account: Account.ID? = nil
        if let text = query["accountId"] {
            guard let parsed = Account.ID(String(text)) else { throw Problem.invalidQuery("accountId is not an id.") }
            account = parsed
        }
        return try .json(ReceivablesDTO(try await ReceivablesService(env).report(asOf: day, accountId: account, by: principal)))
    }
}
