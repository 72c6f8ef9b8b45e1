import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird

/// Annual maintenance contracts (SPEC §7) and the company's holidays their schedules avoid.
struct ContractRoutes: RouteSet {
    let env: CoreEnvironment

    static let fields: Set<String> = ["accountId", "contactId", "items", "startDate", "durationMonths", "frequency", "everyNDays", "visitMinutes",
                                      "value", "currency", "billing", "slaResponseHours", "technicianIds", "serviceTeamId", "terms", "ownerId"]
    static let ignored: Set<String> = JSONBody.serverOwned.union(["number", "status", "endDate", "cancelReason", "renewedFromId", "renewedToId", "renewalQuoteId", "renewalOpportunityId",
                                                                  "accountName", "ownerName"])

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: Self.fields, ignoring: Self.ignored)
        for key in ["accountId", "startDate", "durationMonths", "frequency", "value", "currency"] { body.require(key) }
        var input = ContractService.Input()
        input.accountId = body.id("accountId", Account.self)
        input.contactId = body.id("contactId", Contact.self)
        input.startDate = body.day("startDate")
        input.durationMonths = body.int("durationMonths")
        input.frequency = body.enumValue("frequency", MaintenanceContract.Frequency.self)
        input.everyNDays = body.int("everyNDays")
        input.visitMinutes = body.int("visitMinutes")
        if let currency = body.currency("currency") { input.value = body.money("value", currency: currency) }
        input.billing = body.enumValue("billing", MaintenanceContract.Billing.self)
        input.slaResponseHours = body.int("slaResponseHours")
        input.terms = body.string("terms")
        input.ownerId = body.id("ownerId", User.self)
        input.serviceTeamId = body.id("serviceTeamId", Team.self)
        for (index, text) in body.strings("technicianIds").enumerated() {
            if let id = User.ID(text) { input.technicianIds.append(id) } else { body.errors.append(FieldError("technicianIds[\(index)]", "is not a UUID")) }
        }
        for (index, var item) in (body.list("items", allowed: ["productId", "invoiceId", "line"]) ?? []).enumerated() {
            let product = item.id("productId", Product.self), invoice = item.id("invoiceId", Invoice.self), line = item.int("line")
            body.absorb(item)
            if let product, invoice == nil { input.items.append(.product(product)) }
            else if let invoice, let line, product == nil, line >= 1 { input.items.append(.invoiceLine(invoice, line: line - 1)) }
            else { body.errors.append(FieldError("items[\(index)]", "is a productId, or an invoiceId with its line (1, 2, …)")) }
        }
        try body.check()
        let contract = try await ContractService(env).create(input, by: principal)
        return try .json(ContractDTO(contract), status: .created, location: "/api/v1/amc-contracts/\(contract.id)")
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var account: Account.ID?, limit = 500
        for (key, value) in request.uri.queryParameters {
            switch key {
            case "accountId":
                guard let id = Account.ID(String(value)) else { throw Problem.invalidQuery("accountId must be a UUID.") }
                account = id
            case "limit":
                guard let n = Int(String(value)), (1...500).contains(n) else { throw Problem.invalidQuery("limit must be a whole number from 1 to 500.") }
                limit = n
            default: throw Problem.invalidQuery("Unknown parameter '\(key)'. Use accountId and limit.")
            }
        }
        let contracts = try await ContractService(env).list(account: account, limit: limit, by: principal)
        return try .json(Page(items: contracts.map(ContractDTO.init), nextCursor: nil))
    }

    @Sendable func contract(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try .json(ContractDTO(try await ContractService(env).get(try context.id(MaintenanceContract.self), by: principal)))
    }

    @Sendable func activate(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let (contract, _) = try await ContractService(env).activate(try context.id(MaintenanceContract.self), by: principal)
        return try .json(ContractDTO(contract))
    }

    @Sendable func cancel(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(MaintenanceContract.self)
        var body = try await JSONBody(request, context: context, allowed: ["reason"])
        body.require("reason")
        let reason = body.string("reason")
        try body.check()
        return try .json(ContractDTO(try await ContractService(env).cancel(id, reason: reason, by: principal)))
    }

    @Sendable func renew(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(MaintenanceContract.self)
        let current = try await ContractService(env).get(id, by: principal)
        var body = try await JSONBody(request, context: context, allowed: ["durationMonths", "value", "createQuote"], emptyIsObject: true)
        let months = body.int("durationMonths"), value = body.money("value", currency: current.value.currency)
        let createQuote = body.bool("createQuote") ?? false
        try body.check()
        let (_, renewal, quote) = try await ContractService(env).renew(id, months: months, value: value, createQuote: createQuote, by: principal)
        var answer = ContractDTO(renewal)
        answer.renewalOpportunityId = quote?.opportunityId.string
        return try .json(answer, status: .created, location: "/api/v1/amc-contracts/\(renewal.id)")
    }

    @Sendable func invoice(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let invoice = try await ContractService(env).invoice(try context.id(MaintenanceContract.self), by: principal)
        return try .json(InvoiceDTO(invoice), status: .created, location: "/api/v1/invoices/\(invoice.id)")
    }

    @Sendable func visits(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let visits = try await ContractService(env).visits(try context.id(MaintenanceContract.self), by: principal)
        return try .json(Page(items: visits.map(ActivityDTO.init), nextCursor: nil))
    }

    // MARK: holidays

    @Sendable func holidays(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requirePrincipal()
        let list = try await HolidayService(env).list()
        return try .json(Page(items: list.map { HolidayDTO(day: $0.day.description, name: $0.name) }, nextCursor: nil))
    }

    @Sendable func addHoliday(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["day", "name"])
        body.require("day")
        body.require("name")
        let day = body.day("day"), name = body.string("name")
        try body.check()
        let holiday = try await HolidayService(env).add(day, name: name, by: principal)
        return try .json(HolidayDTO(day: holiday.day.description, name: holiday.name), status: .created, location: "/api/v1/holidays/\(holiday.day)")
    }

    @Sendable func deleteHoliday(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard let day = context.parameters.get("day").flatMap(Day.init) else { throw Problem.notFound() }
        try await HolidayService(env).delete(day, by: principal)
        return .noContent
    }
}

struct HolidayDTO: Encodable, Sendable { let day: String, name: String }

struct ContractDTO: Encodable, Sendable {
    struct Item: Encodable, Sendable { let productId: String?, invoiceId: String?, line: Int? }
    let id: String, number: String?, accountId: String, contactId: String?, items: [Item], startDate: String, endDate: String
    let durationMonths: Int, frequency: String, everyNDays: Int?, visitMinutes: Int, value: String, currency: String, billing: String
    let slaResponseHours: Int?, technicianIds: [String], terms: String?, status: String, cancelReason: String?
    let renewedFromId: String?, renewedToId: String?, ownerId: String, version: Int, createdAt: String, updatedAt: String
    let renewalQuoteId: String?
    /// Only in the answer to a renewal with `createQuote`.
    var renewalOpportunityId: String?

    init(_ c: MaintenanceContract) {
        id = c.id.string; number = c.number; accountId = c.accountId.string; contactId = c.contactId?.string
        items = c.items.map { item in
            switch item {
            case .product(let id): Item(productId: id.string, invoiceId: nil, line: nil)
            case .invoiceLine(let id, let line): Item(productId: nil, invoiceId: id.string, line: line + 1)
            }
        }
        startDate = c.startDate.description; endDate = c.endDate.description; durationMonths = c.durationMonths; frequency = c.frequency.rawValue
        everyNDays = c.everyNDays; visitMinutes = c.visitMinutes; value = c.value.decimalString; currency = c.value.currency.code
        billing = c.billing.rawValue; slaResponseHours = c.slaResponseHours; technicianIds = c.technicianIds.map(\.string); terms = c.terms
        status = c.status.rawValue; cancelReason = c.cancelReason; renewedFromId = c.renewedFromId?.string; renewedToId = c.renewedToId?.string
        renewalQuoteId = c.renewalQuoteId?.string
        ownerId = c.ownership.ownerId.string; version = c.version; createdAt = Timestamp.string(c.createdAt); updatedAt = Timestamp.string(c.updatedAt)
    }
}
