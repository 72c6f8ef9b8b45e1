import Foundation
import FurrowCore
import FurrowDomain
import FurrowHTTP
import Hummingbird
import NIOCore

/// Invoices and credit notes (SPEC §5): from orders or from scratch, issue, credit, PDF, email.
struct InvoiceRoutes: RouteSet {
    let env: CoreEnvironment


    func reply(_ invoice: Invoice, status: HTTPResponse.Status = .ok) throws -> Response {
        try .json(InvoiceDTO(invoice), status: status, location: status == .created ? "/api/v1/invoices/\(invoice.id)" : nil)
    }

    @Sendable func terms(_ request: Request, context: AppContext) async throws -> Response {
        _ = try context.requirePrincipal()
        return try .json(Page(items: try await InvoiceService(env).paymentTerms().map(PaymentTermDTO.init), nextCursor: nil))
    }

    @Sendable func createTerm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context, allowed: ["name", "days"], ignoring: ["id", "active"])
        body.require("name")
        body.require("days")
        let name = body.string("name"), days = body.int("days")
        try body.check()
        return try .json(PaymentTermDTO(try await InvoiceService(env).createPaymentTerm(name: name, days: days, by: principal)), status: .created)
    }

    @Sendable func fromOrder(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(SalesOrder.self)
        var body = try await JSONBody(request, context: context, allowed: ["lines", "paymentTermId"], emptyIsObject: true)
        let term = body.id("paymentTermId", PaymentTerm.self)
        var parts: [InvoiceService.OrderPart]? = nil
        if body.has("lines") {
            parts = []
            for var item in body.list("lines", allowed: ["orderLineId", "quantity"]) ?? [] {
                item.require("orderLineId")
                item.require("quantity")
                let line = item.string("orderLineId"), quantity = item.decimal("quantity")
                if let line, Int(line) == nil { item.fail("orderLineId", "is not a line of this order") }
                body.absorb(item)
                if let line = line.flatMap({ Int($0) }), let quantity { parts?.append(.init(orderLine: line, quantity: quantity)) }
            }
            if parts?.isEmpty == true && body.errors.isEmpty { body.fail("lines", "name at least one order line") }
        }
        try body.check()
        return try reply(try await InvoiceService(env).invoice(order: id, parts: parts, paymentTermId: term, by: principal), status: .created)
    }

    @Sendable func ofOrder(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let invoices = try await InvoiceService(env).invoices(ofOrder: try context.id(SalesOrder.self), by: principal)
        return try .json(Page(items: invoices.map(InvoiceDTO.init), nextCursor: nil))
    }

    @Sendable func list(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = try ListParameters.parse(request, fields: .invoices)
        return try await ListExport.answer(request, query, .invoices, env: env, by: principal)
    }

    @Sendable func create(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var body = try await JSONBody(request, context: context,
                                      allowed: ["accountId", "contactId", "priceListId", "currency", "paymentTermId", "notes", "lines"],
                                      ignoring: JSONBody.serverOwned.union(["number", "status", "kind"]))
        body.require("accountId")
        body.require("lines")
        let account = body.id("accountId", Account.self), contact = body.id("contactId", Contact.self)
        let list = body.id("priceListId", PriceList.self), term = body.id("paymentTermId", PaymentTerm.self), notes = body.string("notes")
        body.refuseNull("currency")
        let currency = body.currency("currency")
        let lines = QuoteRoutes.lines(&body)
        try body.check()
        guard let account else { throw Problem.validation([FieldError("accountId", "is required")]) }
        let invoice = try await InvoiceService(env).create(.init(accountId: account, contactId: contact, priceListId: list, currency: currency,
                                                                 paymentTermId: term, notes: notes, lines: lines), by: principal)
        return try reply(invoice, status: .created)
    }

    @Sendable func invoice(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try reply(try await InvoiceService(env).get(try context.id(Invoice.self), by: principal))
    }

    @Sendable func update(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Invoice.self)
        var body = try await JSONBody(request, context: context, allowed: ["contactId", "paymentTermId", "notes", "lines", "priceListId", "version"],
                                      ignoring: JSONBody.serverOwned.union(["number", "status", "kind"]))
        let version = try request.expectedVersion(&body)
        var change = InvoiceService.Change()
        if body.has("contactId") { change.contactId = .some(body.id("contactId", Contact.self)) }
        change.paymentTermId = body.id("paymentTermId", PaymentTerm.self)
        if body.has("notes") { change.notes = .some(body.string("notes")) }
        change.priceListId = body.id("priceListId", PriceList.self)
        if body.has("lines") { change.lines = QuoteRoutes.lines(&body) }
        try body.check()
        guard let version else { throw CoreError.versionRequired }
        return try reply(try await InvoiceService(env).update(id, change, expectedVersion: version, by: principal))
    }

    @Sendable func delete(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try await InvoiceService(env).delete(try context.id(Invoice.self), by: principal)
        return .noContent
    }

    @Sendable func issue(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Invoice.self)
        var body = try await JSONBody(request, context: context, allowed: ["issueDate", "email"], emptyIsObject: true)
        let date = body.day("issueDate")
        let email = body.bool("email") ?? false
        try body.check()
        return try reply(try await InvoiceService(env).issue(id, on: date, email: email, by: principal))
    }

    @Sendable func send(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        return try reply(try await InvoiceService(env).send(try context.id(Invoice.self), by: principal), status: .accepted)
    }

    @Sendable func creditNote(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(Invoice.self)
        var body = try await JSONBody(request, context: context, allowed: ["reason"], emptyIsObject: true)
        let reason = body.string("reason")
        try body.check()
        let (note, invoice) = try await InvoiceService(env).creditNote(id, reason: reason, by: principal)
        return try .json(CreditNoteDTO(creditNote: InvoiceDTO(note), invoice: InvoiceDTO(invoice)), status: .created,
                         location: "/api/v1/invoices/\(note.id)")
    }

    @Sendable func pdf(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let (invoice, data) = try await InvoiceService(env).pdf(try context.id(Invoice.self), by: principal)
        let filename = (invoice.number ?? "draft-\(invoice.id)") + ".pdf"
        return Response(status: .ok, headers: [.contentType: "application/pdf", .contentDisposition: "inline; filename=\"\(filename)\""],
                        body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    @Sendable func payments(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let rows = try await InvoiceService(env).payments(try context.id(Invoice.self), by: principal)
        return try .json(Page(items: rows.map { InvoicePaymentDTO(payment: PaymentDTO($0.0), allocated: $0.1.decimalString) }, nextCursor: nil))
    }
}

struct CreditNoteDTO: Encodable, Sendable {
    let creditNote: InvoiceDTO, invoice: InvoiceDTO
}
