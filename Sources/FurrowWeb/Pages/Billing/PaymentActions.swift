import Foundation
import FurrowHTTP
import FurrowCore
import FurrowDomain
import Hummingbird

/// A payment's buttons (SPEC §5; rule 47): allocate the credit it still holds to open invoices
/// (a refusal shows on the payment's page with the amounts typed), and reverse it after a
/// confirmation step (a bounced cheque, a wrong entry).
struct PaymentActions {
    let web: Web

    func add(to group: RouterGroup<AppContext>) {
        group.post("payments/:id/allocate", use: allocate)
        group.get("payments/:id/reverse", use: confirmReverse)
        group.post("payments/:id/reverse", use: reverse)
    }

    func id(_ context: AppContext) throws -> Payment.ID {
        guard let id = context.parameters.get("id").flatMap(Payment.ID.init) else { throw Problem.notFound() }
        return id
    }

    @Sendable func allocate(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let form = try await web.form(request, context)
        let id = try id(context)
        let payment = try await PaymentService(web.env).get(id, by: principal)
        var errors: [FieldError] = []
        let (allocations, _) = AllocationRow.parse(form, currency: payment.amount.currency, errors: &errors)
        do {
            guard errors.isEmpty else { throw ValidationError(errors) }
            let updated = try await PaymentService(web.env).allocate(id, allocations, by: principal)
            let allocated = allocations.reduce(Int64(0)) { $0 + $1.amount.minorUnits }
            return .redirect("/payments/\(id)", flash: "\(LedgerText.money(allocated, payment.amount.currency)) allocated; "
                                                      + "\(MoneyText.format(updated.unallocated)) credit left.")
        } catch {
            let problem = try Problem.forForm(error)
            return try await PaymentPages(web: web).show(request, context, id: id, values: form, problem: problem)
        }
    }

    @Sendable func confirmReverse(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        let payment = try await PaymentService(web.env).get(try id(context), by: principal)
        guard payment.status == .posted else { return .redirect("/payments/\(payment.id)", flash: "The payment is reversed already.", isError: true) }
        let model = ConfirmPage(heading: "Reverse payment \(payment.number)?",
                                text: "The payment of \(MoneyText.format(payment.amount)) no longer counts: the invoices it paid are open again "
                                    + "and a bank statement line matched to it is unmatched. The payment stays listed as reversed.",
                                action: "/payments/\(payment.id)/reverse", button: "Reverse payment", cancel: "/payments/\(payment.id)")
        return try await web.page("confirm", model.heading, model, request, context)
    }

    @Sendable func reverse(_ request: Request, context: AppContext) async throws -> Response {
        let principal = try web.principal(request, context)
        _ = try await web.form(request, context)
        let id = try id(context)
        _ = try await PaymentService(web.env).get(id, by: principal)
        return try await web.act(back: "/payments/\(id)", done: "Payment reversed; its invoices are open again.", failed: "Not reversed:") {
            _ = try await PaymentService(web.env).reverse(id, by: principal)
        }
    }
}
