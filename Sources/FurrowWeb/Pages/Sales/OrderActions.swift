import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// An order's steps (SPEC §5; rules 38–39, 44): confirm, cancel with a note, track delivery or
/// installation on a day, and invoice what is not invoiced yet, whole or in part. A refusal
/// returns to the order with the server's reason.
struct OrderActions {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.post("orders/:id/confirm", use: confirm)
        group.post("orders/:id/cancel", use: cancel)
        group.post("orders/:id/track", use: track)
        group.post("orders/:id/invoice", use: invoice)
    }

    func id(_ context: AppContext) throws -> SalesOrder.ID {
        guard let id = context.parameters.get("id").flatMap(SalesOrder.ID.init) else { throw Problem.notFound() }
        return id
    }

    @Sendable func confirm(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try id(context)
        _ = try await OrderService(web.env).get(id, by: principal)
        return try await web.act(back: "/orders/\(id)", done: "Order confirmed.", failed: "Not confirmed:") {
            _ = try await OrderService(web.env).confirm(id, by: principal)
        }
    }

    @Sendable func cancel(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try id(context)
        _ = try await OrderService(web.env).get(id, by: principal)
        return try await web.act(back: "/orders/\(id)", done: "Order cancelled.", failed: "Not cancelled:") {
            _ = try await OrderService(web.env).cancel(id, note: form.optional("note"), by: principal)
        }
    }

    @Sendable func track(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try id(context)
        _ = try await OrderService(web.env).get(id, by: principal)
        let settings = try await SettingsService(web.env).current()
        var errors: [FieldError] = []
        let status = OrderStatus(rawValue: form["status"])
        if status == nil { errors.append(FieldError("status", "choose a step")) }
        let day = DayField.parse(form.optional("date"), field: "date", errors: &errors)
        return try await web.act(back: "/orders/\(id)", done: LedgerText.tracked(status ?? .confirmed), failed: "Not recorded:") {
            guard errors.isEmpty, let status else { throw ValidationError(errors) }
            let now = web.env.clock.now()
            let at = day.map { DayField.moment($0, today: settings.today(now), timeZone: TimeZone(identifier: settings.timeZone) ?? TimeZone(identifier: "UTC")!, now: now) }
            _ = try await OrderService(web.env).track(id, status: status, note: form.optional("note"), at: at, by: principal)
        }
    }

    /// `whole=true` invoices everything not invoiced yet; otherwise `part-N` fields give the
    /// quantity of order line N to invoice (blank or 0 leaves the line out).
    @Sendable func invoice(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try id(context)
        let order = try await OrderService(web.env).get(id, by: principal)
        var parts: [InvoiceService.OrderPart]? = nil
        var errors: [FieldError] = []
        if !form.flag("whole") {
            var chosen: [InvoiceService.OrderPart] = []
            for number in order.lines.indices.map({ $0 + 1 }) {
                guard let text = form.optional("part-\(number)") else { continue }
                guard let quantity = Micros(TypedNumber.plain(text)), quantity.value >= 0 else {
                    errors.append(FieldError("line \(number)", "must be a quantity such as 2 or 1.5"))
                    continue
                }
                if quantity.value > 0 { chosen.append(.init(orderLine: number, quantity: quantity)) }
            }
            if errors.isEmpty && chosen.isEmpty { errors.append(FieldError("quantity", "is missing: enter what to invoice on at least one line")) }
            parts = chosen
        }
        do {
            guard errors.isEmpty else { throw ValidationError(errors) }
            let invoice = try await InvoiceService(web.env).invoice(order: id, parts: parts, paymentTermId: nil, by: principal)
            return .redirect("/invoices/\(invoice.id)", flash: "Draft invoice created. Check it, then issue it.")
        } catch {
            return try Web.refusal(error, back: "/orders/\(id)", failed: "Not invoiced:")
        }
    }
}
